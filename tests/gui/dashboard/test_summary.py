"""Charts said in words (for screen readers and tooltips), and told apart by more than colour."""

from __future__ import annotations

from PySide6.QtCharts import QBarSet, QLineSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from gui.dashboard.summary import chart_summary, number
from storage import i18n
from storage.i18n import format_day
from storage.service import AccordsService


def shown_dashboard(qtbot: QtBot, service: AccordsService) -> DashboardView:
    view = DashboardView(service)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.figures is not None and not view.busy, timeout=20000)
    return view


def test_each_chart_says_its_values(qtbot: QtBot, service: AccordsService) -> None:
    view = shown_dashboard(qtbot, service)
    for name, panel in view.charts.items():
        said = panel.view.accessibleDescription()
        assert said.startswith(panel.title), name
        assert panel.view.toolTip() == said
        assert len(said.splitlines()) > 1, name
    status = view.status_panel
    said = status.view.accessibleDescription()
    for kind, bar_set in status.status_sets.items():
        total = sum(int(bar_set.at(i)) for i in range(bar_set.count()))
        assert total > 0 and bar_set.label() in said, kind
    for count in status.counts:
        assert count.status.replace("_", " ")[:4].lower() in said.lower()


def test_a_summary_follows_the_values(qtbot: QtBot, service: AccordsService) -> None:
    view = shown_dashboard(qtbot, service)
    panel = view.history_panel
    line = next(iter(panel.history_series.values()))
    last = line.points()[-1]
    assert f"{line.name()}: {number(last.y())} on " in chart_summary(panel.chart)


def test_numbers_and_days_are_written_as_the_language_writes_them() -> None:
    assert number(1234567.0) == "1,235,000" and number(0.5) == "0.5" and number(12.0) == "12"
    try:
        i18n.install("fr_CA")
        assert number(1234567.0) == "1\u00a0235\u00a0000" and number(0.5) == "0,5"
    finally:
        i18n.install("en")


def test_bars_and_lines_differ_by_more_than_colour(qtbot: QtBot, service: AccordsService) -> None:
    view = shown_dashboard(qtbot, service)
    for panel_sets in (view.totals_panel.totals_sets, view.status_panel.status_sets):
        sets: list[QBarSet] = list(panel_sets.values())
        assert len({bar_set.brush().style() for bar_set in sets}) == len(sets)
    lines: list[QLineSeries] = list(view.history_panel.history_series.values())
    styles = [line.pen().style() for line in lines[:5]]
    assert len(set(styles)) == len(styles) and Qt.PenStyle.SolidLine in styles


def test_the_timeline_says_each_records_events(qtbot: QtBot, service: AccordsService) -> None:
    view = shown_dashboard(qtbot, service)
    said = view.timeline_panel.view.accessibleDescription()
    events = [e for e in view.timeline_panel.shown.events if not e.initial]  # type: ignore[union-attr]
    assert events
    for event in events:
        assert event.title in said and format_day(event.day) in said
    assert "Today" not in said  # the line at today is no value
