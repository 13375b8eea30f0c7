"""Draft recovery: after a crash, offer to save the notes that were being typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from gui.dialogs import msgbox
from gui.undo import UndoStack
from storage.errors import AccordsError
from storage.i18n import _
from storage.service import AccordsService
from storage.wording import plural

if TYPE_CHECKING:
    from storage.db.drafts import Draft


class DraftRecovery:
    """Offers the drafts a crash left behind, then saves or discards them."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        parent: QMainWindow,
    ) -> None:
        self._service = service
        self._undo_stack = undo_stack
        self._parent = parent

    def offer(self) -> None:
        """Ask whether to recover the drafts left behind, if there are any."""
        from storage.db.drafts import DraftStore

        drafts = DraftStore(self._service.db.location).pending()
        if not drafts:
            return
        count = len(drafts)
        msgbox.ask(
            self._parent,
            _("Recover unsaved notes"),
            _(
                "Accords closed before {plural} you were typing could be saved. "
                "Recover them? Nothing saved since will be overwritten: a note changed "
                "in the meantime gets the draft as a new note."
            ).format(plural=plural(count, "note", "notes")),
            lambda yes: self.recover(drafts) if yes else self._discard(drafts),
            yes=_("Recover"),
            no=_("Discard"),
        )

    def recover(self, drafts: list[Draft]) -> None:
        """Save each draft, then forget it."""
        from storage.db.drafts import recover

        recovered: set[int] = set()
        saved = 0  # notes, not records: two drafts of one record are two notes
        for draft in drafts:
            try:
                note = recover(self._service, draft)
            except AccordsError as error:
                msgbox.inform(self._parent, _("Recover unsaved notes"), str(error), warning=True)
                continue
            recovered.add(note.record_id)
            saved += 1
            draft.path.unlink(missing_ok=True)
        if recovered:
            self._undo_stack.changed.emit(recovered)
            self._parent.statusBar().showMessage(
                _("Recovered {plural}").format(
                    plural=plural(saved, "unsaved note", "unsaved notes")
                ),
                8000,
            )

    @staticmethod
    def _discard(drafts: list[Draft]) -> None:
        for draft in drafts:
            draft.path.unlink(missing_ok=True)
