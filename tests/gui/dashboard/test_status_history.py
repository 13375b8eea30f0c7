"""Status over time: step lines computed off the GUI thread, drawn, and clicked for records."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from gui.dashboard.charts import day_ms
from gui.dashboard.status_history import MARKED_POINTS, StatusHistoryPanel, history_lines
from storage.insight import StatusHistory, StatusPoint
from storage.records.query import RecordQuery
from tests.gui.dashboard.figures import FIXED_TODAY, emitted

DAYS = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))
HISTORY = StatusHistory(
    "month",
    [
        StatusPoint(DAYS[0], "announced", 2),
        StatusPoint(DAYS[0], "signed", 1),
        StatusPoint(DAYS[1], "announced", 3),
        StatusPoint(DAYS[2], "announced", 1),
        StatusPoint(DAYS[2], "signed", 4),
    ],
)


def test_a_count_holds_until_the_day_it_changes() -> None:
    lines = history_lines(HISTORY)
    assert lines.period == "month"
    x = [day_ms(day) for day in DAYS]
    assert lines.steps["announced"] == [
        QPointF(x[0], 2),
        QPointF(x[1] - 1, 2),
        QPointF(x[1], 3),
        QPointF(x[2] - 1, 3),
        QPointF(x[2], 1),
    ]
    assert lines.steps["signed"] == [QPointF(x[0], 1), QPointF(x[2] - 1, 1), QPointF(x[2], 4)]


def shown_panel(qtbot: QtBot, history: StatusHistory) -> StatusHistoryPanel:
    panel = StatusHistoryPanel(lambda: FIXED_TODAY)
    qtbot.addWidget(panel)
    panel.show_figure(history, history_lines(history))
    return panel


def test_the_panel_draws_a_line_per_status_with_its_note(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, HISTORY)
    assert set(panel.history_series) == {"announced", "signed"}
    line = panel.history_series["signed"]
    assert line.name() == "Signed" and line.count() == 3 and line.pointsVisible()
    assert "end of each month" in panel.note.text()
    colours = {s.pen().color().name() for s in panel.history_series.values()}
    assert len(colours) == 2  # each status its own colour


def test_a_long_line_is_drawn_without_markers(qtbot: QtBot) -> None:
    days = [date.fromordinal(DAYS[0].toordinal() + n) for n in range(MARKED_POINTS)]
    long = StatusHistory(
        "day", [StatusPoint(day, "announced", n % 5) for n, day in enumerate(days)]
    )
    panel = shown_panel(qtbot, long)
    assert not panel.history_series["announced"].pointsVisible()
    assert "end of each day" in panel.note.text()


def test_no_history_draws_empty_axes(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, StatusHistory("month", []))
    assert panel.history_series == {} and len(panel.chart.axes()) == 2


def test_clicking_a_line_asks_for_the_records_in_its_status(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, HISTORY)
    line = panel.history_series["signed"]
    with qtbot.waitSignal(panel.filterRequested) as asked:
        line.clicked.emit(line.at(0))
    assert asked.args == [RecordQuery(statuses=frozenset({"signed"}))]


def test_a_status_line_point_asks_for_that_status(qtbot: QtBot, view: DashboardView) -> None:
    line = view.history_panel.history_series["announced"]
    point = line.at(0)
    query = emitted(qtbot, view, lambda: line.clicked.emit(point))
    assert query == RecordQuery(statuses=frozenset({"announced"}))
