"""Undo commands: the exchange-rate ones, each calling the service's rates part."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from gui.history import EditHistory, EditRateCommand, RemoveRateCommand, SetRateCommand
from storage.errors import ValidationError
from storage.service import AccordsService

DAY = date(2026, 11, 2)


def stored(service: AccordsService) -> list[tuple[int, Decimal, date, str]]:
    return [(r.id, r.rate, r.on_date, r.source) for r in service.rates.all()]


def test_setting_a_rate_is_undone_and_redone_and_announced(
    qtbot: QtBot, service: AccordsService
) -> None:
    history = EditHistory()
    command = SetRateCommand(service, history, ("cad", "usd"), "0.7312", DAY, "BoC")
    with qtbot.waitSignal(history.ratesChanged):
        history.perform(command)
    assert history.stack.undoText() == "Set rate CAD→USD"
    added = stored(service)
    with qtbot.waitSignal(history.ratesChanged):
        history.stack.undo()
    assert stored(service) == []
    history.stack.redo()
    assert stored(service) == added


def test_a_refused_rate_never_lands_on_the_stack(service: AccordsService) -> None:
    history = EditHistory()
    with pytest.raises(ValidationError):
        history.perform(SetRateCommand(service, history, ("CAD", "CAD"), "1", DAY))
    assert history.stack.count() == 0 and stored(service) == []


def test_editing_then_removing_a_rate_are_undone_in_turn(service: AccordsService) -> None:
    history = EditHistory()
    rate_id = service.rates.set("CAD", "USD", "0.7312", DAY, "BoC")
    original = stored(service)
    history.perform(EditRateCommand(service, history, rate_id, {"source": "by hand"}))
    edited = stored(service)
    history.perform(RemoveRateCommand(service, history, rate_id))
    assert stored(service) == []
    history.stack.undo()
    assert stored(service) == edited
    history.stack.undo()
    assert stored(service) == original


def test_a_history_is_freed_without_the_garbage_collector(service: AccordsService) -> None:
    """Commands hold their history weakly, so that dropping it frees it at once. A cycle
    (the history's stack owns its commands, a command held its history) was left to the
    collector, which could delete the history, and with it the stack and its commands,
    while a command was half torn down: a crash."""
    history = EditHistory()
    rate_id = service.rates.set("CAD", "USD", "0.7312", DAY, "BoC")
    history.perform(EditRateCommand(service, history, rate_id, {"source": "by hand"}))
    history.perform(RemoveRateCommand(service, history, rate_id))
    history.stack.undo()
    dropped = weakref.ref(history)
    gc.disable()
    try:
        del history
        assert dropped() is None
    finally:
        gc.enable()
