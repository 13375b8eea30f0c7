"""Undoable dismissals of data-quality findings: dismiss with a reason, show again."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.insight.quality import Finding
from storage.service import AccordsService


class DismissFindingCommand(ServiceCommand):
    """Dismiss a finding with a reason; undo shows it again."""

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, finding: Finding, reason: str
    ) -> None:
        super().__init__(f"Dismiss {finding.rule} on {finding.record}", service, undo_stack)
        self.finding = finding
        self.reason = reason

    def apply(self) -> None:
        self.service.findings.dismiss(self.finding, self.reason)

    def revert(self) -> None:
        self.service.findings.undismiss(self.finding)


class RestoreFindingCommand(ServiceCommand):
    """Show a dismissed finding again; undo dismisses it with its old reason."""

    def __init__(self, service: AccordsService, undo_stack: UndoStack, finding: Finding) -> None:
        super().__init__(f"Restore {finding.rule} on {finding.record}", service, undo_stack)
        self.finding = finding
        self.reason = finding.dismissal.reason if finding.dismissal else "dismissed"

    def apply(self) -> None:
        self.service.findings.undismiss(self.finding)

    def revert(self) -> None:
        self.service.findings.dismiss(self.finding, self.reason)
