"""The finding undo commands: a dismissal with its reason, and showing a finding again."""

from __future__ import annotations

import pytest

from gui.operations.findings import DismissFindingCommand, RestoreFindingCommand
from gui.undo import UndoStack
from storage.errors import ValidationError
from storage.insight.quality import Finding, find_problems
from storage.service import AccordsService


def state(service: AccordsService, finding: Finding) -> str | None:
    """The reason ``finding`` is dismissed for, or None while it shows."""
    now = next(f for f in find_problems(service, include_dismissed=True) if f.key == finding.key)
    return now.dismissal.reason if now.dismissal else None


def first_finding(service: AccordsService) -> Finding:
    return find_problems(service)[0]


def test_a_dismissal_is_undone_and_redone(service: AccordsService) -> None:
    finding = first_finding(service)
    undo_stack = UndoStack()
    undo_stack.perform(DismissFindingCommand(service, undo_stack, finding, "checked by hand"))
    assert finding.record in undo_stack.stack.undoText()
    assert state(service, finding) == "checked by hand"
    assert finding.key not in {f.key for f in find_problems(service)}
    undo_stack.stack.undo()
    assert state(service, finding) is None
    undo_stack.stack.redo()
    assert state(service, finding) == "checked by hand"


def test_a_dismissal_without_a_reason_is_refused(service: AccordsService) -> None:
    finding = first_finding(service)
    undo_stack = UndoStack()
    with pytest.raises(ValidationError):
        undo_stack.perform(DismissFindingCommand(service, undo_stack, finding, "  "))
    assert undo_stack.stack.count() == 0 and state(service, finding) is None


def test_restoring_is_undone_by_dismissing_with_the_old_reason(service: AccordsService) -> None:
    finding = first_finding(service)
    service.findings.dismiss(finding, "known")
    dismissed = next(
        f for f in find_problems(service, include_dismissed=True) if f.key == finding.key
    )
    undo_stack = UndoStack()
    undo_stack.perform(RestoreFindingCommand(service, undo_stack, dismissed))
    assert state(service, finding) is None
    undo_stack.stack.undo()
    assert state(service, finding) == "known"
