"""The timeline, lane by lane or counted per month; a click asks for the records behind it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import (
    QAbstractAxis,
    QCategoryAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette, QPen
from PySide6.QtWidgets import QWidget

from gui.dashboard.charts import (
    ChartPanel,
    attach,
    date_axis,
    day_ms,
    ms_day,
    nearest_month,
    record_query,
    short,
)
from gui.dashboard.summary import chart_summary, events_summary
from gui.dashboard.theme import colour
from storage.i18n import N_, _, format_number
from storage.insight import EventKind, Timeline, TimelineEvent
from storage.records.query import EventFilter, RecordQuery

TIMELINE_COUNT_KINDS: tuple[tuple[EventKind, str], ...] = (
    ("signed", N_("Signed")),
    ("announced", N_("Announced")),
    ("due", N_("Due periods ending")),
    ("status", N_("Status changes")),
)
MARKS = (
    ("signed", N_("Signed"), QScatterSeries.MarkerShape.MarkerShapeCircle),
    ("announced", N_("Announced"), QScatterSeries.MarkerShape.MarkerShapeTriangle),
    ("status", N_("Status change"), QScatterSeries.MarkerShape.MarkerShapeRectangle),
)
# The counted lines told apart by their dashes too, not by colour alone.
KIND_STYLES = {
    "signed": Qt.PenStyle.SolidLine,
    "announced": Qt.PenStyle.DashLine,
    "due": Qt.PenStyle.DashDotLine,
    "status": Qt.PenStyle.DotLine,
}
ZERO_WIDTH = "\u200b"


@dataclass(frozen=True, slots=True)
class Lane:
    """A record's row of the timeline."""

    record_id: int
    kind: str
    title: str


def _month_range(months: Sequence[date]) -> list[date]:
    """Every first of the month from the earliest of ``months`` to the latest."""
    if not months:
        return []
    first, last = min(months), max(months)
    shown: list[date] = []
    while first <= last:
        shown.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return shown


class TimelinePanel(ChartPanel):
    """Signings, announcements, due periods and status changes over time."""

    def __init__(self, clock: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(_("Timeline"), parent)
        self.clock = clock
        self.shown: Timeline | None = None
        self.lanes: list[Lane] = []  # timeline rows, bottom to top
        self.timeline_series: list[QXYSeries] = []
        self.today = QLineSeries()  # the dashed line at today

    def show_figure(self, shown: Timeline) -> None:
        """Show this timeline: events one by one, or counted per month."""
        self.shown = shown
        self.redraw()

    def redraw(self) -> None:
        if self.shown is None:
            return
        self.clear()
        if self.shown.aggregated:
            self._draw_counts(self.shown)
        else:
            self._draw_events([e for e in self.shown.events if not e.initial])
        self.apply_theme()
        self._colour_series()

    def _today_line(self, low: float, high: float) -> QLineSeries:
        today = self.clock()
        now = QLineSeries()
        now.setName(_("Today ({isoformat})").format(isoformat=today.isoformat()))
        now.append(day_ms(today), low)
        now.append(day_ms(today), high)
        self.today = now
        return now

    def _add(
        self, series: Sequence[QXYSeries], x_axis: QAbstractAxis, y_axis: QAbstractAxis
    ) -> None:
        for one in series:
            self.chart.addSeries(one)
            attach(self.chart, one, x_axis, Qt.AlignmentFlag.AlignBottom)
            attach(self.chart, one, y_axis, Qt.AlignmentFlag.AlignLeft)

    def _draw_counts(self, shown: Timeline) -> None:
        """Events per month and kind: too many events to draw a lane per record."""
        self.lanes = []
        months = _month_range([count.month for count in shown.counts])
        totals = {(count.month, count.kind): count.total for count in shown.counts}
        lines: list[QXYSeries] = []
        for kind, title in TIMELINE_COUNT_KINDS:
            line = QLineSeries()
            line.setName(_(title))
            line.replace([QPointF(day_ms(m), totals.get((m, kind), 0)) for m in months])
            line.clicked.connect(lambda point, kind=kind: self.month_clicked(kind, point))
            lines.append(line)
        most = max(totals.values(), default=1)
        now = self._today_line(0, most)
        self.timeline_series = lines
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%.0f")  # "%d" draws nothing once numbers are localized
        y_axis.setRange(0, most * 1.05 + 1)
        y_axis.setTitleText(_("events per month"))
        self._add([now, *lines], date_axis([*months, self.clock()], self.clock()), y_axis)
        self.note.setText(
            _(
                "{total} events, too many to draw one by one: counted per month. Due "
                "periods count in the month they end; status changes leave out the "
                "status a record was entered with. Click a line to list the records "
                "behind that month."
            ).format(total=format_number(shown.total))
        )

    def _draw_events(self, shown: list[TimelineEvent]) -> None:
        lanes: dict[int, Lane] = {}
        for event in sorted(shown, key=lambda e: (e.day, e.record_id)):
            lanes.setdefault(event.record_id, Lane(event.record_id, event.record_kind, event.title))
        # The first record to appear is on top: lanes are numbered bottom-up.
        self.lanes = list(reversed(lanes.values()))
        dues, marks = self._event_series(shown)
        now = self._today_line(-0.5, len(self.lanes) - 0.5)
        self.timeline_series = [*dues, *(m for m in marks if m.count())]
        for series in self.timeline_series:
            series.clicked.connect(self.mark_clicked)
        days = sorted({e.day for e in shown} | {e.end for e in shown if e.end is not None})
        y_axis = QCategoryAxis()
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for number, lane in enumerate(self.lanes):
            # Category labels must be unique; invisible spaces keep equal titles apart.
            y_axis.append(short(lane.title) + ZERO_WIDTH * number, number)
        y_axis.setRange(-0.7, max(len(self.lanes) - 0.3, 0.3))
        y_axis.setGridLineVisible(False)
        x_axis = date_axis([*days, self.clock()], self.clock())
        self._add([now, *self.timeline_series], x_axis, y_axis)
        for marker in self.chart.legend().markers():
            if marker.series() in dues[1:]:
                marker.setVisible(False)
        self.note.setText(
            _(
                "Signings, announcements, due periods and status changes (not the status a record "
                "was entered with). Click a mark to list its record."
            )
        )

    def _event_series(self, shown: list[TimelineEvent]) -> tuple[list[QXYSeries], list[QXYSeries]]:
        lane_of = {lane.record_id: number for number, lane in enumerate(self.lanes)}
        marks: dict[str, QScatterSeries] = {}
        for kind, title, shape in MARKS:
            scatter = QScatterSeries()
            scatter.setName(_(title))
            scatter.setMarkerShape(shape)
            scatter.setMarkerSize(11.0)
            marks[kind] = scatter
        dues: list[QXYSeries] = []
        for event in shown:
            y = float(lane_of[event.record_id])
            if event.kind == "due" and event.end is not None:
                line = QLineSeries()
                line.setName(_("Due period"))
                line.append(day_ms(event.day), y)
                line.append(day_ms(event.end), y)
                line.setPointsVisible(True)
                dues.append(line)
            elif event.kind in marks:
                marks[event.kind].append(day_ms(event.day), y)
        return dues, list(marks.values())

    def _colour_series(self) -> None:
        # After the theme, which sets colours of its own.
        palette = self.palette()
        names: dict[str, str] = {_(title): kind for kind, title in TIMELINE_COUNT_KINDS}
        names.update({_(title): kind for kind, title, _shape in MARKS})
        for series in self.timeline_series:
            kind = names.get(series.name(), "due")
            if isinstance(series, QScatterSeries):
                series.setColor(colour(kind, palette))
                series.setBorderColor(colour(kind, palette))
                continue
            pen = QPen(colour(kind, palette))
            if self.shown_counted:  # due periods alone are drawn as thick solid bars
                pen.setStyle(KIND_STYLES.get(kind, Qt.PenStyle.SolidLine))
            pen.setWidthF(1.6 if self.shown_counted else 4.0)  # a count, or a due period
            series.setPen(pen)
            series.setColor(pen.color())
        today_pen = QPen(self.palette().color(QPalette.ColorRole.WindowText))
        today_pen.setStyle(Qt.PenStyle.DashLine)
        today_pen.setWidthF(1.2)
        self.today.setPen(today_pen)
        self.today.setColor(today_pen.color())

    def describe(self) -> None:
        """Counted per month, the lines' values; one by one, each record's events."""
        if self.shown is None or self.shown.aggregated:
            self.set_summary(chart_summary(self.chart, unsaid=[self.today]))
            return
        events = [e for e in self.shown.events if not e.initial]
        self.set_summary(events_summary(self.title, events))

    @property
    def shown_counted(self) -> bool:
        """True when the timeline shown is counted per month."""
        return self.shown is not None and self.shown.aggregated

    def month_clicked(self, kind: EventKind, point: QPointF) -> None:
        """A counted line was clicked: ask for the records with such events that month."""
        month = nearest_month(ms_day(point.x()))  # a click between two points: the nearer
        self.filterRequested.emit(
            RecordQuery(event=EventFilter.month(kind, month), include_provisions=True)
        )

    def mark_clicked(self, point: QPointF) -> None:
        """A timeline mark was clicked: ask for the record on that lane."""
        lane = round(point.y())
        if 0 <= lane < len(self.lanes):
            chosen = self.lanes[lane]
            self.filterRequested.emit(record_query(chosen.record_id, chosen.kind))
