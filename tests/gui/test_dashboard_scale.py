"""The dashboard on a few hundred generated records: counted timeline, long histories."""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.dashboard import DashboardView
from gui.dashboard.charts import day_ms, ms_day, nearest_month
from gui.dashboard.status_history import MARKED_POINTS, history_lines
from gui.dashboard.totals import NOTE_ITEMS, TOTAL_BARS
from storage.errors import AccordsError
from storage.generate import generate
from storage.insight import (
    HistoryPeriod,
    StatusPoint,
    overdue_list,
    status_history,
    timeline,
    totals,
)
from storage.insight import figures as insight_figures
from storage.insight.statuses import PERIOD_KEYS
from storage.records.query import EventFilter, RecordQuery
from storage.service import AccordsService

# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")

DAY_MS = 86_400_000


def day_by_day(service: AccordsService) -> list[StatusPoint]:
    """The status history with a point at the end of every day on which a status changed."""
    return status_history(service, most=sys.maxsize).points


@pytest.fixture
def varied(service: AccordsService) -> AccordsService:
    generate(service, 400, seed=11)
    return service


@pytest.fixture
def view(qtbot: QtBot, varied: AccordsService) -> Iterator[DashboardView]:
    shown = DashboardView(varied)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    with qtbot.waitSignal(shown.refreshed, timeout=20_000):
        shown.show()
    yield shown
    assert wait_for_background_work()
    shown.close()


def test_the_dashboard_shows_the_figures_of_the_database(
    view: DashboardView, varied: AccordsService, no_dialogs: list[str]
) -> None:
    assert view.totals_panel.rows == totals(varied, by="donor")
    late = overdue_list(varied)
    assert [view.overdue_panel.model.overdue_at(i) for i in range(len(late))] == late
    assert view.overdue_panel.model.rowCount() == len(late)
    assert f": {len(late):,}" in view.overdue_panel.title.text()
    assert no_dialogs == []


def test_hundreds_of_events_are_counted_per_month_by_default(
    view: DashboardView, varied: AccordsService
) -> None:
    shown = timeline(varied)
    assert shown.aggregated and shown.total > view.timeline_limit
    assert view.timeline_panel.lanes == []
    drawn = sum(s.at(i).y() for s in view.timeline_panel.timeline_series for i in range(s.count()))
    assert drawn == sum(c.total for c in shown.counts)
    months = {s.at(i).x() for s in view.timeline_panel.timeline_series for i in range(s.count())}
    assert day_ms(min(c.month for c in shown.counts)) == min(months)
    assert f"{shown.total:,} events" in view.timeline_panel.note.text()


def test_long_histories_are_drawn_as_steps_without_markers(
    view: DashboardView, varied: AccordsService
) -> None:
    points = day_by_day(varied)
    for status, line in view.history_panel.history_series.items():
        mine = [p for p in points if p.status == status]
        assert line.count() == 2 * len(mine) - 1  # each change is a step
        assert line.at(line.count() - 1).y() == mine[-1].total
        assert line.pointsVisible() == (line.count() <= MARKED_POINTS)
    assert any(not line.pointsVisible() for line in view.history_panel.history_series.values())
    assert "end of each day" in view.history_panel.note.text()


def at_period_ends(daily: list[StatusPoint], key: Callable[[date], object]) -> list[StatusPoint]:
    """The day-by-day points on the last day of each period, each status's from the first
    such day on which it counts records."""
    ends = set({key(day): day for day in sorted({p.day for p in daily})}.values())
    started: set[str] = set()
    kept = []
    for point in daily:
        if point.day in ends and (point.total or point.status in started):
            started.add(point.status)
            kept.append(point)
    return kept


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_a_history_of_many_days_is_drawn_a_point_per_week_or_month(
    varied: AccordsService, period: HistoryPeriod
) -> None:
    daily = day_by_day(varied)
    sizes = {name: len({key(p.day) for p in daily}) for name, key in PERIOD_KEYS.items()}
    assert sizes["day"] > sizes["week"] > sizes["month"] > 1
    # The most points that still allow this period; one fewer than the month count still
    # gives months, the coarsest there is.
    most = {"day": sizes["day"], "week": sizes["day"] - 1, "month": sizes["month"] - 1}[period]
    history = status_history(varied, most=most)
    assert history.period == period
    assert history.points == at_period_ends(daily, PERIOD_KEYS[period])
    lines = history_lines(history)
    assert lines.period == period
    for status, line in lines.steps.items():
        mine = [p for p in history.points if p.status == status]
        assert [(ms_day(pt.x()), pt.y()) for pt in line[::2]] == [(p.day, p.total) for p in mine]
        assert all(a.x() < b.x() for a, b in itertools.pairwise(line))


def test_a_bar_still_asks_for_its_records(qtbot: QtBot, view: DashboardView) -> None:
    last = len(view.totals_panel.total_rows) - 1
    with qtbot.waitSignal(view.filterRequested, timeout=1000) as blocker:
        view.totals_panel.totals_sets["pledged"].clicked.emit(last)  # the top bar
    assert blocker.args == [view.totals_panel.total_rows[0].query]
    assert isinstance(blocker.args[0], RecordQuery)


def test_many_totals_rows_draw_a_readable_chart_and_a_short_note(
    view: DashboardView, varied: AccordsService
) -> None:
    """The chart draws the first rows only, and the note counts what it does not list."""
    rows = totals(varied, by="donor")
    money = [row for row in rows if row.is_money]
    quantities = [row for row in rows if not row.is_money]
    assert len(money) > TOTAL_BARS and len(quantities) > NOTE_ITEMS
    assert view.totals_panel.total_rows == money[:TOTAL_BARS]
    assert {bar_set.count() for bar_set in view.totals_panel.totals_sets.values()} == {TOTAL_BARS}
    note = view.totals_panel.note.text()
    assert f"first {TOTAL_BARS} of {len(money):,} rows" in note
    assert f"only in the table ({len(quantities):,} rows)" in note
    assert len(note) < 600
    assert view.totals_panel.model.rowCount() == len(rows)  # the table keeps every row


def test_clicking_a_counted_month_asks_for_the_records_behind_it(
    qtbot: QtBot, view: DashboardView
) -> None:
    (announced,) = [s for s in view.timeline_panel.timeline_series if s.name() == "Announced"]
    point = next(announced.at(i) for i in range(announced.count()) if announced.at(i).y() > 0)
    month = ms_day(point.x())
    nearby = QPointF(point.x() + 9 * DAY_MS, point.y())  # on the line, nine days later
    with qtbot.waitSignal(view.filterRequested, timeout=1000) as asked:
        announced.clicked.emit(nearby)
    assert asked.args == [
        RecordQuery(event=EventFilter.month("announced", month), include_provisions=True)
    ]


def test_a_month_is_the_nearest_first_of_a_month() -> None:
    assert nearest_month(date(2025, 8, 14)) == date(2025, 8, 1)
    assert nearest_month(date(2025, 8, 20)) == date(2025, 9, 1)
    assert nearest_month(date(2025, 12, 31)) == date(2026, 1, 1)


def test_the_slow_figures_are_read_at_the_same_time_and_equal_those_read_alone(
    varied: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: dict[str, str] = {}
    for name in ("status_history", "timeline", "overdue_list", "compute_totals"):
        real = getattr(insight_figures, name)

        def recording(*args: Any, real: Any = real, name: str = name, **kwargs: Any) -> Any:
            threads[name] = threading.current_thread().name
            return real(*args, **kwargs)

        monkeypatch.setattr(insight_figures, name, recording)
    figures = insight_figures.compute_figures(varied, "donor", None)
    assert set(threads) == {"status_history", "timeline", "overdue_list", "compute_totals"}
    assert all(name.startswith("accords-figures") for name in threads.values())
    assert figures.history == status_history(varied)
    assert figures.timeline == timeline(varied)
    assert figures.overdue == overdue_list(varied)
    assert figures.totals.rows == totals(varied, by="donor")


def test_a_figure_that_fails_fails_the_refresh_with_its_message(
    qtbot: QtBot, view: DashboardView, no_dialogs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AccordsError("The database is busy.")

    monkeypatch.setattr(insight_figures, "overdue_list", fail)
    view.refresh()
    qtbot.waitUntil(lambda: no_dialogs == ["The database is busy."], timeout=10_000)
    assert not view.busy and view.state.text() == ""
