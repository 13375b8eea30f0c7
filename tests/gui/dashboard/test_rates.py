"""The exchange-rates panel: editing in place, adding, replacing and removing, each undoable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from storage.service import AccordsService
from tests.gui.dashboard.figures import (
    assert_true,
    computed,
    fill_rate_form,
    rates,
)


def test_rates_are_edited_in_place_and_removed(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    model = view.rates_panel.model
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    computed(qtbot, view, lambda: assert_true(model.setData(model.index(0, 2), "0.75")))
    assert service.rates.all()[0].rate == Decimal("0.75")
    assert not model.setData(model.index(0, 2), "a lot")
    assert "Rate must be a number" in view.rates_panel.error.text()
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    assert service.rates.all() == [] and model.rowCount() == 0


def test_adding_a_rate_is_undone_and_redone_with_the_same_id(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    fill_rate_form(view, "0.7312", date(2026, 11, 2))
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    added = rates(service)
    assert [r[1:4] for r in added] == [("CAD", "USD", Decimal("0.7312"))]
    assert view.undo_stack.stack.undoText() == "Set rate CAD→USD"
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == [] and view.rates_panel.model.rowCount() == 0
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert rates(service) == added and view.rates_panel.model.rowCount() == 1


def test_a_rate_that_replaced_another_puts_it_back_on_undo(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    day = date(2026, 11, 2)
    service.rates.set("CAD", "USD", "0.70", day, "earlier")
    before = rates(service)
    fill_rate_form(view, "0.75", day)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    assert [r[3] for r in rates(service)] == [Decimal("0.75")]
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == before
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert [(r[0], r[3], r[5]) for r in rates(service)] == [(before[0][0], Decimal("0.75"), "BoC")]


def test_editing_and_removing_a_rate_are_undone(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    original = rates(service)
    model = view.rates_panel.model
    computed(qtbot, view, lambda: assert_true(model.setData(model.index(0, 3), "2026-10-30")))
    edited = rates(service)
    assert edited[0][4] == date(2026, 10, 30)
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    assert rates(service) == []
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == edited  # back under its own id, so the edit can be undone too
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == original
    assert model.index(0, 3).data() == "2026-11-01"
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert rates(service) == edited


def test_undoing_a_removal_keeps_a_rate_stored_since_for_that_day(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    service.rates.set("CAD", "USD", "0.80", date(2026, 11, 1), "typed again")
    with qtbot.waitSignal(view.undo_stack.failed) as failure:
        view.undo_stack.stack.undo()
    assert "was stored since; that one is kept" in failure.args[0]
    assert [(r[3], r[5]) for r in rates(service)] == [(Decimal("0.80"), "typed again")]


def test_a_bad_rate_in_the_form_is_explained(view: DashboardView) -> None:
    view.rates_panel.rate_from.setText("CAD")
    view.rates_panel.rate_to.setText("CAD")
    view.rates_panel.rate_value.setText("1")
    assert not view.rates_panel.add_rate()
    assert "two currencies" in view.rates_panel.error.text()


@pytest.mark.usefixtures("in_french")
def test_a_rate_is_shown_and_typed_as_french_writes_numbers(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    """ "0,75" is three quarters (it was refused), in the form and in the table alike."""
    fill_rate_form(view, "0,7312", date(2026, 11, 2))
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    assert [r[3] for r in rates(service)] == [Decimal("0.7312")]
    model = view.rates_panel.model
    assert model.index(0, 2).data() == "0,7312"
    computed(qtbot, view, lambda: assert_true(model.setData(model.index(0, 2), "0,75")))
    assert service.rates.all()[0].rate == Decimal("0.75")
