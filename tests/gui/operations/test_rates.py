"""The exchange-rate undo commands, each calling one method of the service's rates part."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from gui.operations.rates import EditRateCommand, RemoveRateCommand, SetRateCommand
from gui.undo import UndoStack
from storage.errors import ValidationError
from storage.service import AccordsService

DAY = date(2026, 11, 2)


def stored(service: AccordsService) -> list[tuple[int, Decimal, date, str]]:
    return [(r.id, r.rate, r.on_date, r.source) for r in service.rates.all()]


def test_setting_a_rate_is_undone_and_redone_and_announced(
    qtbot: QtBot, service: AccordsService
) -> None:
    undo_stack = UndoStack()
    command = SetRateCommand(service, undo_stack, ("cad", "usd"), "0.7312", DAY, "BoC")
    with qtbot.waitSignal(undo_stack.ratesChanged):
        undo_stack.perform(command)
    assert undo_stack.stack.undoText() == "Set rate CAD→USD"
    added = stored(service)
    with qtbot.waitSignal(undo_stack.ratesChanged):
        undo_stack.stack.undo()
    assert stored(service) == []
    undo_stack.stack.redo()
    assert stored(service) == added


def test_a_refused_rate_never_lands_on_the_stack(service: AccordsService) -> None:
    undo_stack = UndoStack()
    with pytest.raises(ValidationError):
        undo_stack.perform(SetRateCommand(service, undo_stack, ("CAD", "CAD"), "1", DAY))
    assert undo_stack.stack.count() == 0 and stored(service) == []


def test_editing_then_removing_a_rate_are_undone_in_turn(service: AccordsService) -> None:
    undo_stack = UndoStack()
    rate_id = service.rates.set("CAD", "USD", "0.7312", DAY, "BoC")
    original = stored(service)
    undo_stack.perform(EditRateCommand(service, undo_stack, rate_id, {"source": "by hand"}))
    edited = stored(service)
    undo_stack.perform(RemoveRateCommand(service, undo_stack, rate_id))
    assert stored(service) == []
    undo_stack.stack.undo()
    assert stored(service) == edited
    undo_stack.stack.undo()
    assert stored(service) == original
