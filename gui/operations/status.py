"""Undoable status changes."""

from __future__ import annotations

from datetime import date

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.schema.enums import label
from storage.service import AccordsService


class ChangeStatusCommand(ServiceCommand):
    """Move a record to a new status; undo appends the step back (history is append-only)."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
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
        super().__init__(_("Change status"), service, undo_stack)
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
            expected_version=self.expected_version(self.record_id, self.version),
        )
        self.wrote(self.record_id, self.version)

    def revert(self) -> None:
        # The status it returns to took effect when it first did, not on the day of the undo.
        self.version = self.service.records.change_status(
            self.record_id,
            self.old_status,
            comment=_("Undid the change to {lower}").format(lower=label(self.new_status).lower()),
            effective_on=self.old_effective_on,
            expected_version=self.expected_version(self.record_id, self.version),
        )
        self.wrote(self.record_id, self.version)
