"""Seed records and helpers of the dashboard tests: waiting for figures, reading a bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from storage.records.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLEDGE = frozenset({"pledge"})
FIXED_TODAY = date(2026, 11, 28)
COUNT_TO_FIFTY_MILLION = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
    "SELECT count(*) FROM c"
)


pytestmark = pytest.mark.usefixtures("no_dialogs")


def computed(qtbot: QtBot, view: DashboardView, trigger: Callable[[], object]) -> None:
    """Do something that recomputes figures, and wait until they are shown."""
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        trigger()
    assert not view.busy and view.state.text() == ""


def emitted(qtbot: QtBot, view: DashboardView, trigger: Callable[[], object]) -> RecordQuery:
    with qtbot.waitSignal(view.filterRequested, timeout=1000) as blocker:
        trigger()
    query = blocker.args[0]
    assert isinstance(query, RecordQuery)
    return query


def assert_true(value: object) -> None:
    assert value


def bar_index(view: DashboardView, position: int) -> int:
    """The bar-set index of the row at ``position`` (bars are added bottom-up)."""
    return len(view.totals_panel.total_rows) - 1 - position


def rates(service: AccordsService) -> list[tuple[int, str, str, Decimal, date, str]]:
    return [
        (r.id, r.from_currency, r.to_currency, r.rate, r.on_date, r.source)
        for r in service.rates.all()
    ]


def fill_rate_form(view: DashboardView, value: str, day: date) -> None:
    view.rates_panel.rate_from.setText("CAD")
    view.rates_panel.rate_to.setText("USD")
    view.rates_panel.rate_value.setText(value)
    view.rates_panel.rate_source.setText("BoC")
    view.rates_panel.rate_day.setDate(day)
