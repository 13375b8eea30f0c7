"""Status over time: a step line per status; a line asks for the records in its status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import QLineSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QWidget

from gui.dashboard.charts import ChartPanel, attach, date_axis, day_ms
from gui.dashboard.theme import line_pen
from storage.i18n import _
from storage.insight import HistoryPeriod, StatusHistory, status_order
from storage.records.query import RecordQuery
from storage.schema.enums import label

# A line with more points than this is drawn without a marker on each.
MARKED_POINTS = 400


@dataclass(frozen=True, slots=True)
class HistoryLines:
    """The status history as drawn: a step line per status, a point per day, week or month."""

    period: HistoryPeriod
    steps: dict[str, list[QPointF]]


def history_lines(history: StatusHistory) -> HistoryLines:
    """Each status's line as steps: a count holds until the day it changes. No widgets:
    computed on the worker thread, as thousands of points take a while."""
    steps: dict[str, list[QPointF]] = {}
    xs: dict[date, float] = {}  # a local time conversion per point would add up
    for point in history.points:
        line = steps.setdefault(point.status, [])
        x = xs.get(point.day)
        if x is None:
            x = xs[point.day] = day_ms(point.day)
        if line:
            line.append(QPointF(x - 1, line[-1].y()))
        line.append(QPointF(x, point.total))
    return HistoryLines(history.period, steps)


class StatusHistoryPanel(ChartPanel):
    """Live documents and pledges per status over time, from the status history."""

    def __init__(self, clock: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(_("Status over time"), parent)
        self.clock = clock
        self.shown: tuple[StatusHistory, HistoryLines] | None = None
        self.history_series: dict[str, QLineSeries] = {}

    def show_figure(self, history: StatusHistory, lines: HistoryLines) -> None:
        """Show this history, drawn as ``lines``."""
        self.shown = (history, lines)
        self.redraw()

    def redraw(self) -> None:
        if self.shown is None:
            return
        history, lines = self.shown
        self.clear()
        self.history_series = {}
        steps = lines.steps
        for status in (s for s in status_order() if s in steps):
            line = QLineSeries()
            line.setName(label(status))
            line.replace(steps[status])
            # Markers on a history of thousands of days would only smear the line.
            line.setPointsVisible(len(steps[status]) <= MARKED_POINTS)
            line.setMarkerSize(9.0)
            line.clicked.connect(lambda _point, s=status: self.line_clicked(s))
            self.history_series[status] = line
            self.chart.addSeries(line)
        x_axis = date_axis(sorted({p.day for p in history.points}), self.clock())
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f")  # "%d" draws nothing once numbers are localized
        y_axis.setMin(0)
        most = max((p.total for p in history.points), default=1)
        y_axis.setMax(most + 1)
        y_axis.setTickCount(min(most + 2, 8))
        y_axis.setTitleText(_("records"))
        for line in self.history_series.values():
            attach(self.chart, line, x_axis, Qt.AlignmentFlag.AlignBottom)
            attach(self.chart, line, y_axis, Qt.AlignmentFlag.AlignLeft)
        if not self.history_series:
            self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
            self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self.note.setText(
            _(
                "Live documents and pledges per status at the end of each {period} in "
                "which a status changed."
            ).format(period=label(lines.period).lower())
        )
        self.apply_theme()
        self._colour_lines()

    def _colour_lines(self) -> None:
        # After the theme, which sets colours of its own.
        for number, line in enumerate(self.history_series.values()):
            pen = line_pen(number, self.palette())
            line.setPen(pen)
            line.setColor(pen.color())

    def line_clicked(self, status: str) -> None:
        """A status line was clicked: ask for the records in that status."""
        self.filterRequested.emit(RecordQuery(statuses=frozenset({status})))
