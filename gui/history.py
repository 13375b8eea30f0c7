"""Undoable user actions: each is one QUndoCommand whose redo() and undo() only call the service."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from storage.enums import RecordKind, label
from storage.errors import AccordsError
from storage.service import AccordsService
from storage.wording import field_label

if TYPE_CHECKING:
    from storage.insight.rates import RateView


class ServiceCommand(QUndoCommand):
    """A command applied once before it is pushed; later redo()/undo() replay it via the service.

    Applying before pushing means a refused action (bad value, busy database, conflict)
    never lands on the undo stack: the caller gets the error and the edit stays in its editor.
    """

    def __init__(self, text: str, service: AccordsService, history: EditHistory) -> None:
        super().__init__(text)
        self.service = service
        # Weakly: the history's stack owns this command, and a command holding its history
        # would make a cycle that the garbage collector breaks by deleting the history while
        # this command is half torn down (the stack's destructor then deletes it: a crash).
        self._history = weakref.ref(history)
        self.record_ids: set[int] = set()
        self._pushed = False

    def apply(self) -> None:
        """Do the action the first time (and again on redo)."""
        raise NotImplementedError

    def revert(self) -> None:
        """Undo the action."""
        raise NotImplementedError

    def announce(self, history: EditHistory) -> None:
        """Tell the views what this command changed (by default: its records)."""
        history.changed.emit(set(self.record_ids))
        # Notes, saved outside the stack, move no figure: only commands announce this.
        history.figuresChanged.emit()

    @property
    def history(self) -> EditHistory:
        """The undo history this command belongs to (alive while its stack holds it)."""
        history = self._history()
        if history is None:
            raise RuntimeError("an undo command outlived the history that owns it")
        return history

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # applied by EditHistory.perform just before the push
            return
        self.history.replay(self, self.apply, "redo")

    def undo(self) -> None:
        self.history.replay(self, self.revert, "undo")


class EditHistory(QObject):
    """The window's undo stack, and the signals that tell views what changed."""

    changed = Signal(object)  # set[int]: ids of records whose data changed, notes included
    figuresChanged = Signal()  # something the dashboard or the findings read changed
    ratesChanged = Signal()  # the stored exchange rates changed
    failed = Signal(str)  # a plain message for the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)

    def perform(self, command: ServiceCommand) -> None:
        """Apply ``command`` and push it; an AccordsError propagates and nothing is pushed."""
        command.apply()
        self.stack.push(command)
        command.announce(self)

    def replay(self, command: ServiceCommand, step: Callable[[], None], verb: str) -> None:
        """Run an undo or redo step, reporting a refusal instead of raising into Qt."""
        try:
            step()
        except AccordsError as error:
            self.failed.emit(f"Could not {verb} “{command.text()}”: {error}")
            # What is on disk no longer matches this step's assumptions: drop it.
            command.setObsolete(True)
            return
        command.announce(self)


class EditFieldsCommand(ServiceCommand):
    """Change one or more fields of a record, from the version the user saw."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        record_id: int,
        seen_version: int,
        before: dict[str, object],
        after: dict[str, object],
    ) -> None:
        names = ", ".join(field_label(name).lower() for name in after)
        super().__init__(f"Edit {names}", service, history)
        self.record_ids = {record_id}
        self.record_id = record_id
        self.version = seen_version
        self.before = before
        self.after = after

    def apply(self) -> None:
        self.version = self.service.records.update_record(self.record_id, self.version, self.after)

    def revert(self) -> None:
        self.version = self.service.records.update_record(self.record_id, self.version, self.before)


class ChangeStatusCommand(ServiceCommand):
    """Move a record to a new status; undo appends the step back (history is append-only)."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        record_id: int,
        seen_version: int,
        old_status: str,
        new_status: str,
        *,
        comment: str = "",
        evidence: str = "",
        effective_on: date | None = None,
        old_effective_on: date | None = None,
    ) -> None:
        super().__init__("Change status", service, history)
        self.record_ids = {record_id}
        self.record_id = record_id
        self.version = seen_version
        self.old_status = old_status
        self.new_status = new_status
        self.comment = comment
        self.evidence = evidence
        self.effective_on = effective_on
        self.old_effective_on = old_effective_on

    def apply(self) -> None:
        self.version = self.service.records.change_status(
            self.record_id,
            self.new_status,
            comment=self.comment,
            evidence=self.evidence,
            effective_on=self.effective_on,
            expected_version=self.version,
        )

    def revert(self) -> None:
        # The status it returns to took effect when it first did, not on the day of the undo.
        self.version = self.service.records.change_status(
            self.record_id,
            self.old_status,
            comment=f"Undid the change to {label(self.new_status).lower()}",
            effective_on=self.old_effective_on,
            expected_version=self.version,
        )


class CreateRecordCommand(ServiceCommand):
    """Add a document or pledge; undo moves it to the trash, redo brings it back."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        kind: RecordKind,
        fields: dict[str, object],
    ) -> None:
        super().__init__(f"New {kind.value}", service, history)
        self.kind = kind
        self.fields = fields
        self.record_id: int | None = None

    def apply(self) -> None:
        if self.record_id is None:
            self.record_id = self.service.records.create_record(self.kind, self.fields)
            self.record_ids = {self.record_id}
        else:
            self.service.records.restore_record(self.record_id)

    def revert(self) -> None:
        assert self.record_id is not None
        self.service.records.delete_record(self.record_id)


class DeleteRecordsCommand(ServiceCommand):
    """Move records to the trash (or, with ``restore``, back out of it), all in one
    transaction: a refusal for one record leaves every record as it was."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        record_ids: list[int],
        *,
        restore: bool = False,
    ) -> None:
        count = len(record_ids)
        noun = "record" if count == 1 else f"{count} records"
        super().__init__(f"{'Restore' if restore else 'Delete'} {noun}", service, history)
        self.record_ids = set(record_ids)
        self.ordered_ids = record_ids
        self.restore = restore

    def apply(self) -> None:
        self._set(deleted=not self.restore)

    def revert(self) -> None:
        self._set(deleted=self.restore)

    def _set(self, *, deleted: bool) -> None:
        if deleted:
            self.service.records.trash_records(self.ordered_ids)
        else:
            self.service.records.restore_records(self.ordered_ids)


class AnnotateCommand(ServiceCommand):
    """Highlight a span of a source for a record; undo removes the highlight."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        source_id: int,
        start: int,
        end: int,
        record_id: int | None,
        *,
        comment: str = "",
        field: str | None = None,
    ) -> None:
        super().__init__("Annotate selection", service, history)
        self.record_ids = {record_id} if record_id is not None else set()
        self.source_id = source_id
        self.span = (start, end)
        self.record_id = record_id
        self.comment = comment
        self.field = field
        self.annotation_id: int | None = None

    def apply(self) -> None:
        if self.annotation_id is None:
            annotation = self.service.sources.annotate(
                self.source_id,
                *self.span,
                record_id=self.record_id,
                comment=self.comment,
                field=self.field,
            )
            self.annotation_id = annotation.id
        else:
            self.service.sources.restore_annotation(self.annotation_id)

    def revert(self) -> None:
        assert self.annotation_id is not None
        self.service.sources.remove_annotation(self.annotation_id)


class EditAnnotationCommentCommand(ServiceCommand):
    """Change what an annotation's comment says; undo puts the earlier comment back."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        annotation_id: int,
        record_id: int | None,
        *,
        before: str,
        after: str,
    ) -> None:
        super().__init__("Edit annotation comment", service, history)
        self.record_ids = {record_id} if record_id is not None else set()
        self.annotation_id = annotation_id
        self.comments = (before, after)

    def apply(self) -> None:
        self.service.sources.edit_annotation_comment(self.annotation_id, self.comments[1])

    def revert(self) -> None:
        self.service.sources.edit_annotation_comment(self.annotation_id, self.comments[0])


class AddDeliveryCommand(ServiceCommand):
    """Record a delivery against a pledge; undo takes it out of the ledger."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        pledge_id: int,
        *,
        delivered_on: str | None,
        amount: str | None,
        quantity: str | None,
        note: str = "",
    ) -> None:
        super().__init__("Record delivery", service, history)
        self.record_ids = {pledge_id}
        self.pledge_id = pledge_id
        self.values = (delivered_on, amount, quantity, note)
        self.delivery_id: int | None = None

    def apply(self) -> None:
        if self.delivery_id is None:
            delivered_on, amount, quantity, note = self.values
            self.delivery_id = self.service.deliveries.add_delivery(
                self.pledge_id,
                delivered_on=delivered_on,
                amount=amount,
                quantity=quantity,
                note=note or "",
            )
        else:
            self.service.deliveries.restore_delivery(self.delivery_id)

    def revert(self) -> None:
        assert self.delivery_id is not None
        self.service.deliveries.remove_delivery(self.delivery_id)


class RateCommand(ServiceCommand):
    """An edit of the exchange rates: it changes no record, so it announces the rates."""

    def announce(self, history: EditHistory) -> None:
        history.ratesChanged.emit()


class SetRateCommand(RateCommand):
    """Store a rate for a pair and day; undo removes it, or puts back the rate it replaced."""

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory,
        pair: tuple[str, str],
        rate: str,
        on_date: date,
        source: str = "",
    ) -> None:
        super().__init__(f"Set rate {pair[0].upper()}→{pair[1].upper()}", service, history)
        self.values = (pair[0], pair[1], rate, on_date, source)
        self.replaced: RateView | None = None
        self.stored: RateView | None = None

    def apply(self) -> None:
        rates = self.service.rates
        if self.stored is None:
            self.replaced = rates.find(*self.values[:2], self.values[3])
            self.stored = rates.get(rates.set(*self.values))
        elif self.replaced is None:
            rates.restore(self.stored)
        else:
            rates.put_back(self.stored)

    def revert(self) -> None:
        assert self.stored is not None
        if self.replaced is None:
            self.service.rates.remove(self.stored.id)
        else:
            self.service.rates.put_back(self.replaced)


class EditRateCommand(RateCommand):
    """Change a stored rate's value, day or source in place; undo puts the old ones back."""

    def __init__(
        self, service: AccordsService, history: EditHistory, rate_id: int, changes: dict[str, str]
    ) -> None:
        super().__init__("Edit exchange rate", service, history)
        self.rate_id = rate_id
        self.changes = changes
        self.before: RateView | None = None

    def apply(self) -> None:
        if self.before is None:
            self.before = self.service.rates.get(self.rate_id)
        self.service.rates.update(self.rate_id, **self.changes)

    def revert(self) -> None:
        assert self.before is not None
        self.service.rates.put_back(self.before)


class RemoveRateCommand(RateCommand):
    """Remove a stored rate; undo stores it again under its own id."""

    def __init__(self, service: AccordsService, history: EditHistory, rate_id: int) -> None:
        super().__init__("Remove exchange rate", service, history)
        self.rate_id = rate_id
        self.removed: RateView | None = None

    def apply(self) -> None:
        self.removed = self.service.rates.remove(self.rate_id)

    def revert(self) -> None:
        assert self.removed is not None
        self.service.rates.restore(self.removed)
