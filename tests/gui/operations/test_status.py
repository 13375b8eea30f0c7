"""The status undo command: a step forward, and on undo a step back dated as the first was."""

from __future__ import annotations

from datetime import date

import pytest

from gui.operations.status import ChangeStatusCommand
from gui.undo import UndoStack
from storage.errors import ValidationError
from storage.records.data import RecordDetail
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def detail(service: AccordsService) -> RecordDetail:
    return service.records.get_record(SEPTEMBER)


def change_to(
    service: AccordsService, undo_stack: UndoStack, status: str, **kwargs: object
) -> ChangeStatusCommand:
    record = detail(service)
    return ChangeStatusCommand(
        service,
        undo_stack,
        record.id,
        record.version,
        record.row.status,
        status,
        old_effective_on=record.status_since,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_status_change_is_undone_by_a_step_back_and_redone(service: AccordsService) -> None:
    before = detail(service)
    undo_stack = UndoStack()
    undo_stack.perform(change_to(service, undo_stack, "cancelled", comment="Withdrawn"))
    after = detail(service)
    assert after.row.status == "cancelled" and after.history[-1].comment == "Withdrawn"
    undo_stack.stack.undo()
    undone = detail(service)
    assert undone.row.status == before.row.status
    # History is append-only: the undo is a step of its own, dated as the status first was.
    assert len(undone.history) == len(before.history) + 2
    assert undone.history[-1].comment == "Undid the change to cancelled"
    assert undone.status_since == before.status_since
    undo_stack.stack.redo()
    assert detail(service).row.status == "cancelled"
    assert len(detail(service).history) == len(before.history) + 3


def test_the_day_a_status_took_effect_is_kept(service: AccordsService) -> None:
    undo_stack = UndoStack()
    day = date(2026, 10, 1)
    undo_stack.perform(change_to(service, undo_stack, "cancelled", effective_on=day))
    assert detail(service).status_since == day


def test_a_status_the_record_already_has_is_refused_and_not_pushed(
    service: AccordsService,
) -> None:
    undo_stack = UndoStack()
    with pytest.raises(ValidationError):
        undo_stack.perform(change_to(service, undo_stack, detail(service).row.status))
    assert undo_stack.stack.count() == 0
