"""Undoable dismissals of data-quality findings: dismiss with a reason, show again."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.insight.quality import Finding
from storage.service import AccordsService
from storage.wording import rule_label


class DismissFindingCommand(ServiceCommand):
    """Dismiss a finding with a reason; undo shows it again."""

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, finding: Finding, reason: str
    ) -> None:
        super().__init__(
            _("Dismiss {rule} on {record}").format(
                rule=rule_label(finding.rule), record=finding.record
            ),
            service,
            undo_stack,
        )
        self.finding = finding
        self.reason = reason

    def apply(self) -> None:
        self.service.findings.dismiss(self.finding, self.reason)

    def revert(self) -> None:
        self.service.findings.undismiss(self.finding)


class RestoreFindingCommand(ServiceCommand):
    """Show a dismissed finding again; undo dismisses it with its old reason."""

    def __init__(self, service: AccordsService, undo_stack: UndoStack, finding: Finding) -> None:
        super().__init__(
            _("Restore {rule} on {record}").format(
                rule=rule_label(finding.rule), record=finding.record
            ),
            service,
            undo_stack,
        )
        self.finding = finding
        self.reason = finding.dismissal.reason if finding.dismissal else "dismissed"

    def apply(self) -> None:
        self.service.findings.undismiss(self.finding)

    def revert(self) -> None:
        self.service.findings.dismiss(self.finding, self.reason)
