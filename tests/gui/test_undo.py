"""The undo stack: an applied command is pushed and announced; a refused one is not pushed,
and its refusal goes to the one handler given, or to the caller when there is none."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from gui.operations.rates import EditRateCommand, RemoveRateCommand
from gui.operations.status import ChangeStatusCommand
from gui.undo import UndoStack
from storage.errors import AccordsError, ConflictError
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


def status_change(service: AccordsService, stack: UndoStack, *, stale: bool) -> ChangeStatusCommand:
    record = service.records.get_record(service.records.resolve_id(SEPTEMBER)).row
    version = record.version - 1 if stale else record.version
    return ChangeStatusCommand(service, stack, record.id, version, record.status, "cancelled")


def test_an_applied_command_is_pushed_and_announced(qtbot: QtBot, service: AccordsService) -> None:
    stack = UndoStack()
    refused: list[AccordsError] = []
    with qtbot.waitSignal(stack.changed) as changed:
        assert stack.perform(status_change(service, stack, stale=False), on_refused=refused.append)
    assert changed.args == [{service.records.resolve_id(SEPTEMBER)}]
    assert stack.stack.count() == 1 and refused == []


def test_a_refusal_goes_to_on_refused_and_nothing_is_pushed(
    qtbot: QtBot, service: AccordsService
) -> None:
    stack = UndoStack()
    refused: list[AccordsError] = []
    with qtbot.assertNotEmitted(stack.changed):
        assert not stack.perform(
            status_change(service, stack, stale=True), on_refused=refused.append
        )
    assert [type(error) for error in refused] == [ConflictError]
    assert stack.stack.count() == 0


def test_without_on_refused_a_refusal_reaches_the_caller(service: AccordsService) -> None:
    stack = UndoStack()
    with pytest.raises(ConflictError):
        stack.perform(status_change(service, stack, stale=True))
    assert stack.stack.count() == 0


def test_an_undo_stack_is_freed_without_the_garbage_collector(service: AccordsService) -> None:
    """Commands hold their undo stack weakly, so that dropping it frees it at once. A cycle
    (the stack owns its commands, a command held its stack) was left to the collector, which
    could delete the stack, and with it its commands, while a command was half torn down: a
    crash."""
    undo_stack = UndoStack()
    rate_id = service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 2), "BoC")
    undo_stack.perform(EditRateCommand(service, undo_stack, rate_id, {"source": "by hand"}))
    undo_stack.perform(RemoveRateCommand(service, undo_stack, rate_id))
    undo_stack.stack.undo()
    dropped = weakref.ref(undo_stack)
    gc.disable()
    try:
        del undo_stack
        assert dropped() is None
    finally:
        gc.enable()
