"""The window's undo stack: every user edit is a command applied once, then pushed."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from storage.errors import AccordsError
from storage.i18n import _
from storage.service import AccordsService


class ServiceCommand(QUndoCommand):
    """A command applied once before it is pushed; later redo()/undo() replay it via the service.

    Applying before pushing means a refused action (bad value, busy database, conflict)
    never lands on the undo stack: the caller gets the error and the edit stays in its editor.
    """

    def __init__(self, text: str, service: AccordsService, undo_stack: UndoStack) -> None:
        super().__init__(text)
        self.service = service
        # Weakly: the stack owns this command, and a command holding its stack would make a
        # cycle that the garbage collector breaks by deleting the stack while this command
        # is half torn down (the stack's destructor then deletes it: a crash).
        self._undo_stack = weakref.ref(undo_stack)
        self.record_ids: set[int] = set()
        self._pushed = False

    def apply(self) -> None:
        """Do the action the first time (and again on redo)."""
        raise NotImplementedError

    def revert(self) -> None:
        """Undo the action."""
        raise NotImplementedError

    def expected_version(self, record_id: int | tuple[str, int], seen: int) -> int:
        """The version a step on ``record_id`` expects: the one the user saw the first time;
        on undo and redo, the last this stack wrote, so that undoing several edits of one
        record in turn is no conflict (a change made elsewhere since still is)."""
        if not self._pushed:
            return seen
        return self.undo_stack.versions.get(record_id, seen)

    def wrote(self, record_id: int | tuple[str, int], version: int) -> int:
        """Remember the version a step left ``record_id`` at; returns it."""
        self.undo_stack.versions[record_id] = version
        return version

    def announce(self, undo_stack: UndoStack) -> None:
        """Tell the views what this command changed (by default: its records)."""
        undo_stack.changed.emit(set(self.record_ids))
        # Notes, saved outside the stack, move no figure: only commands announce this.
        undo_stack.figuresChanged.emit()

    @property
    def undo_stack(self) -> UndoStack:
        """The undo stack this command belongs to (alive while it holds the command)."""
        undo_stack = self._undo_stack()
        if undo_stack is None:
            raise RuntimeError(_("an undo command outlived the stack that owns it"))
        return undo_stack

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # applied by UndoStack.perform just before the push
            return
        self.undo_stack.replay(self, self.apply, "redo")

    def undo(self) -> None:
        self.undo_stack.replay(self, self.revert, "undo")


class UndoStack(QObject):
    """The window's undo stack, and the signals that tell views what changed."""

    changed = Signal(object)  # set[int]: ids of records whose data changed, notes included
    figuresChanged = Signal()  # something the dashboard or the findings read changed
    ratesChanged = Signal()  # the stored exchange rates changed
    partiesChanged = Signal()  # a party was renamed: any record naming it reads differently
    failed = Signal(str)  # a plain message for the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        # The version this stack last wrote, by record id (or ("party", id) for a party).
        self.versions: dict[int | tuple[str, int], int] = {}

    def perform(
        self,
        command: ServiceCommand,
        on_refused: Callable[[AccordsError], None] | None = None,
    ) -> bool:
        """Apply ``command`` and push it, and say whether it was. A refusal (an AccordsError)
        pushes nothing: it goes to ``on_refused``, or propagates when there is none."""
        try:
            command.apply()
        except AccordsError as error:
            if on_refused is None:
                raise
            on_refused(error)
            return False
        self.stack.push(command)
        command.announce(self)
        return True

    def replay(self, command: ServiceCommand, step: Callable[[], None], verb: str) -> None:
        """Run an undo or redo step, reporting a refusal instead of raising into Qt."""
        try:
            step()
        except AccordsError as error:
            self.failed.emit(
                _("Could not {verb} “{text}”: {error}").format(
                    verb=verb, text=command.text(), error=error
                )
            )
            # What is on disk no longer matches this step's assumptions: drop it.
            command.setObsolete(True)
            return
        command.announce(self)
