"""The dashboard: totals, statuses now and over time, a timeline, what is late, and rates."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from gui import msgbox
from gui.background import LatestOnly, figures_pool
from gui.history import EditHistory
from gui.lazyview import LazyView
from gui.rate_history import EditRateCommand, RemoveRateCommand, SetRateCommand
from gui.tablemodel import Column, ViewsTableModel
from storage.enums import Precision, RecordKind, label
from storage.errors import AccordsError
from storage.insight import (
    GROUPINGS,
    TIMELINE_EVENT_LIMIT,
    EventKind,
    Grouping,
    HistoryPeriod,
    OverdueItem,
    RateView,
    StatusCount,
    StatusHistory,
    StatusPoint,
    Timeline,
    TimelineEvent,
    TotalRow,
    list_rates,
    overdue_list,
    rate_currencies,
    status_counts,
    status_history,
    status_order,
    timeline,
    totals,
)
from storage.periods import Period as CalendarPeriod
from storage.query import EventFilter, RecordQuery
from storage.service import AccordsService
from storage.views import amount_text
from storage.wording import plural

Index = QModelIndex | QPersistentModelIndex
GROUPING_LABELS: dict[Grouping, str] = {
    "donor": "Donor",
    "category": "Category",
    "currency": "Currency",
}
# Colours that read on light and dark backgrounds alike (lighter twins for dark themes).
SERIES_COLOURS = {
    "pledged": ("#3f6fa3", "#7fb0e6"),
    "delivered": ("#3d8b37", "#86d47f"),
    "document": ("#3f6fa3", "#7fb0e6"),
    "pledge": ("#c4661f", "#f5a25d"),
    "signed": ("#3f6fa3", "#7fb0e6"),
    "announced": ("#c4661f", "#f5a25d"),
    "due": ("#b03a48", "#f07c8a"),
    "status": ("#6b5b95", "#b6a6e0"),
}
LINE_COLOURS = (
    ("#3f6fa3", "#7fb0e6"),
    ("#c4661f", "#f5a25d"),
    ("#3d8b37", "#86d47f"),
    ("#b03a48", "#f07c8a"),
    ("#6b5b95", "#b6a6e0"),
    ("#8c6d1f", "#e0c05a"),
    ("#2a8a8a", "#6fd6d6"),
    ("#7a4a3a", "#d19a86"),
    ("#555555", "#bbbbbb"),
)
SCALES = (
    (Decimal(10**12), "trillions"),
    (Decimal(10**9), "billions"),
    (Decimal(10**6), "millions"),
    (Decimal(10**3), "thousands"),
)
# Beyond this many bars the totals chart becomes unreadable: it draws the first ones and the
# note says so; the table below it lists every row.
TOTAL_BARS = 12
# The totals note lists at most this many quantities or warnings, and counts the rest.
NOTE_ITEMS = 6
LANE_LABEL_CHARS = 38
# Rows beyond those in view that sizing a column to its contents looks at.
FITTED_ROWS = 100
# A line with more points than this is drawn without a marker on each.
MARKED_POINTS = 400
TIMELINE_COUNT_KINDS: tuple[tuple[EventKind, str], ...] = (
    ("signed", "Signed"),
    ("announced", "Announced"),
    ("due", "Due periods ending"),
    ("status", "Status changes"),
)
ZERO_WIDTH = "\u200b"


# -- helpers ------------------------------------------------------------------------------


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(name: str, dark: bool) -> QColor:
    """A named series colour for a light or dark background."""
    light_colour, dark_colour = SERIES_COLOURS[name]
    return QColor(dark_colour if dark else light_colour)


def day_ms(day: date) -> float:
    """Milliseconds since the epoch at local noon of ``day`` (noon keeps the date stable)."""
    # Python's local time is some twenty times quicker than QDateTime's, which a history
    # of thousands of days notices; at noon a daylight-saving hour cannot change the date.
    return datetime(day.year, day.month, day.day, 12).timestamp() * 1000


def nearest_month(day: date) -> date:
    """The first day of the month whose first day is nearest to ``day``."""
    month = CalendarPeriod(day.replace(day=1), Precision.MONTH)
    following = month.end + timedelta(days=1)
    return following if (day - month.start) > (following - day) else month.start


def ms_day(ms: float) -> date:
    """The local date of a chart x value."""
    qdate = QDateTime.fromMSecsSinceEpoch(round(ms)).date()
    return date(qdate.year(), qdate.month(), qdate.day())


def save_chart(view: QChartView, path: Path) -> None:
    """Save what a chart view shows as SVG (by the .svg suffix) or otherwise as PNG."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        size = view.size()
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(view.chart().title() or "Accords chart")
        generator.setDescription("Made with Accords")
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"cannot write {path}")
        try:
            view.render(painter)
        finally:
            painter.end()
        return
    if not view.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, str]:
    biggest = max((abs(v) for v in values), default=Decimal(0))
    for factor, name in SCALES:
        if biggest >= factor:
            return factor, name
    return Decimal(1), ""


def _short(text: str, limit: int = LANE_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit_columns(table: QTableView, widest: int = 320) -> None:
    """Size columns to their contents, none wider than ``widest`` pixels."""
    header = table.horizontalHeader()
    # Measure the rows in view and a few more, not a thousand: each costs Python calls.
    header.setResizeContentsPrecision(FITTED_ROWS)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column) + 8, widest))


@dataclass(frozen=True, slots=True)
class HistoryLines:
    """The status history as drawn: a step line per status, a point per day, week or month."""

    period: HistoryPeriod
    steps: dict[str, list[QPointF]]


def history_lines(history: StatusHistory) -> HistoryLines:
    """Each status's line as steps: a count holds until the day it changes. No widgets:
    computed on the worker thread."""
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


def _record_query(record_id: int, kind: str) -> RecordQuery:
    return RecordQuery(
        ids=frozenset({record_id}), include_provisions=kind == RecordKind.PROVISION.value
    )


# -- chart panels -------------------------------------------------------------------------


class ChartPanel(QWidget):
    """A chart view with a "Save chart…" button; the chart itself is rebuilt by its owner."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.chart = self._new_chart()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(title)
        self.view.setMinimumSize(QSize(320, 220))
        self.save_button = QPushButton("Save chart…")
        self.save_button.setAccessibleName(f"Save {title.lower()} chart")
        self.save_button.clicked.connect(self.ask_save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(f"{title} note")
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.file_dialog: QFileDialog | None = None

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self.title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        return chart

    def clear(self) -> None:
        """Start over with an empty chart (removed axes of a reused chart keep drawing)."""
        old = self.chart
        self.chart = self._new_chart()
        self.view.setChart(self.chart)
        old.deleteLater()

    def ask_save(self) -> QFileDialog:
        """Ask where to save the chart (non-modal), then save it."""
        name = self.title.lower().replace(" ", "-") or "chart"
        dialog = QFileDialog(
            self, "Save chart", str(Path.home() / f"{name}.png"), "PNG image (*.png);;SVG (*.svg)"
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.filterSelected.connect(
            lambda chosen: dialog.setDefaultSuffix("svg" if "svg" in chosen.lower() else "png")
        )
        dialog.fileSelected.connect(lambda path: self.save(Path(path)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def save(self, path: Path) -> bool:
        """Save the chart as PNG or SVG; a failure is reported, not raised."""
        try:
            save_chart(self.view, path)
        except OSError as error:
            msgbox.inform(self, "Save chart", str(error), warning=True)
            return False
        return True


def style_chart(chart: QChart, palette: QPalette) -> None:
    """Theme a chart from the palette: light or dark theme, palette text on axes and legend."""
    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    muted = QColor(text)
    muted.setAlpha(70)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundBrush(QBrush(window))
    chart.setBackgroundRoundness(0)
    chart.setTitleBrush(QBrush(text))
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(QBrush(text))
        axis.setLinePenColor(text)
        axis.setGridLineColor(muted)


# -- table models -------------------------------------------------------------------------


def _delivered_share(row: TotalRow) -> str:
    if not row.pledged:
        return ""
    return f"{(row.delivered / row.pledged * 100).quantize(Decimal('0.1'))} %"


def _total_note(row: TotalRow) -> str:
    notes = []
    if row.inexact:
        notes.append(f"not exact: {row.inexact} bound or approximate figure(s)")
    if warning := row.warning():
        notes.append(warning)
    return "; ".join(notes)


class TotalsModel(ViewsTableModel):
    """Pledged, delivered and outstanding per group, exact, with what a total leaves out."""

    columns = (
        Column("Group", lambda row: row.label),
        Column("In", lambda row: row.unit + (" (converted)" if row.converted else "")),
        Column("Pledged", lambda row: amount_text(row.pledged, row.unit), numeric=True),
        Column("Delivered", lambda row: amount_text(row.delivered, row.unit), numeric=True),
        Column("Outstanding", lambda row: amount_text(row.outstanding, row.unit), numeric=True),
        Column("Delivered %", _delivered_share, numeric=True),
        Column("Note", _total_note),
    )


class OverdueModel(ViewsTableModel):
    """Pledges, provisions and documents that are late, most days late first."""

    columns = (
        Column("Record", lambda item: item.title),
        Column("Days late", lambda item: f"{item.days_late:,}", numeric=True),
        Column("Due by", lambda item: item.due_end.isoformat()),
        Column("Why", lambda item: item.reason),
        Column("Status", lambda item: label(item.status)),
        Column("Kind", lambda item: label(item.kind)),
    )

    def overdue_at(self, row: int) -> OverdueItem:
        return self.row_at(row)  # type: ignore[no-any-return]


class RatesModel(ViewsTableModel):
    """The exchange rates; rate, day and source can be edited in place."""

    columns = (
        Column("From", lambda rate: rate.from_currency),
        Column("To", lambda rate: rate.to_currency),
        Column("Rate", lambda rate: f"{rate.rate:f}", numeric=True),
        Column("On", lambda rate: rate.on_date.isoformat()),
        Column("Source", lambda rate: rate.source),
    )
    # Column: what editing it changes.
    EDITABLE: ClassVar[Mapping[int, str]] = MappingProxyType({2: "rate", 3: "on_date", 4: "source"})
    failed = Signal(str)  # a plain message when an edit is refused

    def __init__(
        self, service: AccordsService, history: EditHistory, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.history = history

    def rate_at(self, row: int) -> RateView:
        return self.row_at(row)  # type: ignore[no-any-return]

    def reload(self) -> None:
        self.set_rows(list_rates(self.service))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.columns[index.column()].text(self.row_at(index.row()))
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = index.column()
        if column not in self.EDITABLE:
            return False
        changes = {self.EDITABLE[column]: str(value).strip()}
        command = EditRateCommand(self.service, self.history, self.rate_at(index.row()).id, changes)
        try:
            self.history.perform(command)  # the history's ratesChanged reloads this model
        except AccordsError as error:
            self.failed.emit(str(error))
            return False
        return True


# -- the figures, computed off the GUI thread ---------------------------------------------


@dataclass(frozen=True, slots=True)
class TotalsFigures:
    """The totals for one grouping and reporting currency, and the currencies to choose from."""

    by: Grouping
    reporting: str | None
    currencies: list[str]
    rows: list[TotalRow]


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything the dashboard shows, read in one go by ``compute_figures``."""

    totals: TotalsFigures
    rates: list[RateView]
    statuses: list[StatusCount]
    history: StatusHistory
    lines: HistoryLines  # the history as drawn
    timeline: Timeline
    overdue: list[OverdueItem]


def compute_totals(service: AccordsService, by: Grouping, reporting: str | None) -> TotalsFigures:
    """The totals figures (no widgets: runs on a worker thread)."""
    rows = totals(service, by=by, reporting_currency=reporting)
    return TotalsFigures(by, reporting, rate_currencies(service), rows)


def compute_figures(
    service: AccordsService,
    by: Grouping,
    reporting: str | None,
    timeline_limit: int = TIMELINE_EVENT_LIMIT,
    report: Callable[[str, object], None] | None = None,
) -> Figures:
    """Every figure of the dashboard (no widgets: runs on a worker thread).

    The four slow figures are read at the same time, each on its own connection: SQLite
    runs without Python's global lock, so at 250,000 records they take about 6.7 s
    together where one after the other took 10 s. ``report(name, value)``, if given, gets
    each figure as soon as it is ready, so the dashboard can show it at once: "quick"
    (rates and status counts), then "history" (with its lines), "timeline", "overdue" and
    "totals" in the order they finish.
    """
    tell = report or (lambda _name, _value: None)
    # Read before the slow ones start: a few milliseconds alone, seconds among them.
    rates, statuses = list_rates(service), status_counts(service)
    tell("quick", (rates, statuses))
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="accords-figures") as pool:
        slow: dict[Future[Any], str] = {
            pool.submit(_history_and_lines, service): "history",
            pool.submit(timeline, service, limit=timeline_limit): "timeline",
            pool.submit(overdue_list, service): "overdue",
            pool.submit(compute_totals, service, by, reporting): "totals",
        }
        ready: dict[str, Any] = {}
        for future in as_completed(slow):
            ready[slow[future]] = future.result()
            tell(slow[future], ready[slow[future]])
    history, lines = ready["history"]
    return Figures(
        totals=ready["totals"],
        rates=rates,
        statuses=statuses,
        history=history,
        lines=lines,
        timeline=ready["timeline"],
        overdue=ready["overdue"],
    )


def _history_and_lines(service: AccordsService) -> tuple[StatusHistory, HistoryLines]:
    history = status_history(service)
    return history, history_lines(history)


class FigureRelay(QObject):
    """Brings each figure from the worker thread to the dashboard as soon as it is ready,
    with the numbers of the refresh that asked for it."""

    ready = Signal(object, str, object)  # (generation, totals generation), name, figure


# -- the dashboard ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lane:
    record_id: int
    kind: str
    title: str


class DashboardView(LazyView):
    """Charts and tables over one database; emits ``filterRequested(RecordQuery)`` on clicks."""

    filterRequested = Signal(object)  # storage.query.RecordQuery
    refreshed = Signal()  # computed figures were shown (all of them, or the totals)
    timeline_limit = TIMELINE_EVENT_LIMIT  # more events than this are counted per month

    def __init__(
        self,
        service: AccordsService,
        history: EditHistory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        # Rate edits are undoable in the window's history; a dashboard on its own keeps one.
        self.history = history if history is not None else EditHistory(self)
        self.history.figuresChanged.connect(self.invalidate)
        self.history.ratesChanged.connect(self._after_rates_changed)
        self.total_rows: list[TotalRow] = []  # the chart's bars, top to bottom
        self.status_rows: list[str] = []  # statuses of the status chart, top to bottom
        self.lanes: list[_Lane] = []  # timeline rows, bottom to top
        self.totals_sets: dict[str, QBarSet] = {}
        self.status_sets: dict[str, QBarSet] = {}
        self.history_series: dict[str, QLineSeries] = {}
        self.timeline_series: list[QXYSeries] = []
        self.totals_shown: list[TotalRow] = []  # every totals row, money or not
        self._restyle_pending = False
        # Figures are computed on worker threads; each request takes a number, and a result
        # that a newer request has overtaken is dropped. Totals are also asked for alone
        # (grouping, currency, rates), so they have their own numbers. One computation of
        # each runs at a time: requests made meanwhile wait, and only the newest is kept.
        self._generation = self._shown_generation = 0
        self._totals_generation = self._shown_totals_generation = 0
        self._figures_work = LatestOnly(self, figures_pool())
        # Owned here, not parented: a figure arriving after the view is gone still finds it.
        self._relay = FigureRelay()
        self._relay.ready.connect(self._partial)
        self._totals_work = LatestOnly(self, figures_pool())
        self.figures: Figures | None = None  # the newest shown, for redrawing in a new theme
        self._build()

    # -- construction ---------------------------------------------------------------

    def _build(self) -> None:
        self.totals_panel = ChartPanel("Pledged and delivered")
        self.status_panel = ChartPanel("Records by status")
        self.history_panel = ChartPanel("Status over time")
        self.timeline_panel = ChartPanel("Timeline")
        over_time = QSplitter(Qt.Orientation.Vertical)
        over_time.addWidget(self.timeline_panel)
        over_time.addWidget(self.history_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_overview(), "Overview")
        self.tabs.addTab(over_time, "Over time")
        self.tabs.addTab(self._build_rates(), "Exchange rates")
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.tabs, 1)
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh_totals())
        self.reporting.currentIndexChanged.connect(lambda _i: self.refresh_totals())
        self.overdue_table.doubleClicked.connect(self.overdue_activated)
        self.totals_table.doubleClicked.connect(self.totals_row_activated)

    def _build_bar(self) -> QHBoxLayout:
        self.grouping = QComboBox()
        self.grouping.setAccessibleName("Group totals by")
        for key in GROUPINGS:
            self.grouping.addItem(GROUPING_LABELS[key], key)
        self.reporting = QComboBox()
        self.reporting.setAccessibleName("Reporting currency")
        self.reporting.addItem("None (each currency apart)", "")
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        self.state = QLabel()
        self.state.setAccessibleName("Dashboard state")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Group totals by"))
        bar.addWidget(self.grouping)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Reporting currency"))
        bar.addWidget(self.reporting)
        bar.addStretch(1)
        bar.addWidget(self.state)
        bar.addWidget(refresh)
        return bar

    def _build_overview(self) -> QWidget:
        self.totals_model = TotalsModel(self)
        self.totals_table = self._table(self.totals_model, "Totals")
        self.overdue_model = OverdueModel(self)
        self.overdue_table = self._table(self.overdue_model, "Overdue")
        self.overdue_title = QLabel("<b>Overdue</b>")

        overview = QWidget()
        grid = QGridLayout(overview)
        grid.addWidget(self.totals_panel, 0, 0)
        grid.addWidget(self.status_panel, 0, 1)
        grid.addWidget(self.totals_table, 1, 0)
        overdue_box = QVBoxLayout()
        overdue_box.addWidget(self.overdue_title)
        overdue_box.addWidget(self.overdue_table)
        grid.addLayout(overdue_box, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        return overview

    def _build_rates(self) -> QWidget:
        self.rates_model = RatesModel(self.service, self.history, self)
        self.rates_table = self._table(self.rates_model, "Exchange rates")
        self.rates_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.remove_rate_button = QPushButton("Remove selected")
        self.remove_rate_button.clicked.connect(self.remove_selected_rate)
        self.rate_error = QLabel()
        self.rate_error.setStyleSheet("color: #b3261e")
        self.rate_error.setWordWrap(True)
        self.rates_model.failed.connect(self.rate_error.setText)
        explain = QLabel(
            "Totals in a reporting currency use, for each currency, the newest rate on or before "
            "today for that pair (or its inverse). Amounts with no rate, and currencies known "
            "only by a symbol such as “$”, are left out of converted totals and named beside them."
        )
        explain.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(explain)
        layout.addWidget(self.rates_table, 1)
        layout.addLayout(self._build_rate_form())
        buttons = QHBoxLayout()
        buttons.addWidget(self.rate_error, 1)
        buttons.addWidget(self.remove_rate_button)
        layout.addLayout(buttons)
        return page

    def _build_rate_form(self) -> QHBoxLayout:
        self.rate_from = QLineEdit()
        self.rate_from.setPlaceholderText("CAD")
        self.rate_from.setAccessibleName("From currency")
        self.rate_from.setMaxLength(3)
        self.rate_to = QLineEdit()
        self.rate_to.setPlaceholderText("USD")
        self.rate_to.setAccessibleName("To currency")
        self.rate_to.setMaxLength(3)
        self.rate_value = QLineEdit()
        self.rate_value.setPlaceholderText("0.7312")
        self.rate_value.setAccessibleName("Rate")
        self.rate_day = QDateEdit()
        self.rate_day.setAccessibleName("Rate date")
        self.rate_day.setCalendarPopup(True)
        self.rate_day.setDisplayFormat("yyyy-MM-dd")
        today = self.service.clock()
        self.rate_day.setDate(QDate(today.year, today.month, today.day))
        self.rate_source = QLineEdit()
        self.rate_source.setPlaceholderText("Where the rate comes from, e.g. Bank of Canada")
        self.rate_source.setAccessibleName("Rate source")
        add = QPushButton("Add rate")
        add.clicked.connect(self.add_rate)
        form = QHBoxLayout()
        form.addWidget(QLabel("1"))
        form.addWidget(self.rate_from)
        form.addWidget(QLabel("="))
        form.addWidget(self.rate_value)
        form.addWidget(self.rate_to)
        form.addWidget(QLabel("on"))
        form.addWidget(self.rate_day)
        form.addWidget(self.rate_source, 2)
        form.addWidget(add)
        return form

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        return table

    # -- refreshing -----------------------------------------------------------------

    def refresh(self) -> None:
        """Read every figure again on a worker thread; charts and tables follow when done.

        At a quarter of a million records the figures take seconds: the window stays usable,
        "Computing…" shows meanwhile, and a result overtaken by a newer refresh is dropped.
        """
        self._stale = False
        self._generation += 1
        self._totals_generation += 1
        asked = (self._generation, self._totals_generation)
        service, by, reporting = self.service, self.current_grouping(), self.current_reporting()
        limit = self.timeline_limit
        self._show_state()
        ready = self._relay.ready
        self._figures_work.ask(
            lambda: compute_figures(
                service, by, reporting, limit, lambda name, value: ready.emit(asked, name, value)
            ),
            lambda figures: self._computed(asked, figures),
            lambda text: self._failed(asked, text),
        )

    def refresh_totals(self) -> None:
        """Recompute pledged against delivered on a worker thread, then redraw it."""
        self._totals_generation += 1
        asked = (None, self._totals_generation)
        service, by, reporting = self.service, self.current_grouping(), self.current_reporting()
        self._show_state()
        self._totals_work.ask(
            lambda: compute_totals(service, by, reporting),
            lambda figures: self._totals_computed(asked[1], figures),
            lambda text: self._failed(asked, text),
        )

    def read_seconds(self) -> float:
        return self._figures_work.last_seconds

    def stop(self) -> None:
        """Start no more computations and show nothing more (the database is closing)."""
        super().stop()
        self._figures_work.stop()
        self._totals_work.stop()

    @property
    def busy(self) -> bool:
        """True while figures asked for are still being computed."""
        return (
            self._shown_generation != self._generation
            or self._shown_totals_generation != self._totals_generation
        )

    def current_grouping(self) -> Grouping:
        """The grouping the combo shows."""
        value = self.grouping.currentData()
        return value if value in GROUPINGS else "donor"

    def current_reporting(self) -> str | None:
        """The reporting currency the combo shows, or None for "each currency apart"."""
        return self.reporting.currentData() or None

    def _partial(self, asked: tuple[int, int], name: str, value: Any) -> None:
        """Show one figure of the newest refresh as soon as it is ready."""
        generation, totals_generation = asked
        if not isValid(self) or self.stopped or generation != self._generation:
            return  # the dashboard is gone or closing, or the figure was overtaken
        if name == "quick":
            rates, statuses = value
            self.rates_model.set_rows(rates)
            self._show_statuses(statuses)
        elif name == "history":
            history, lines = value
            self._show_history(history.points, lines)
        elif name == "timeline":
            self._show_timeline(value)
        elif name == "overdue":
            self._show_overdue(value)
        elif name == "totals" and totals_generation == self._totals_generation:
            self._apply_totals(totals_generation, value)

    def _computed(self, asked: tuple[int, int], figures: Figures) -> None:
        """Every figure is in, each already shown by ``_partial``."""
        generation, _totals_generation = asked
        if generation != self._generation:
            return
        self._shown_generation = generation
        self.figures = figures
        self._finish()

    def _show_overdue(self, overdue: list[OverdueItem]) -> None:
        self.overdue_model.set_rows(overdue)
        fit_columns(self.overdue_table, widest=240)
        self.overdue_title.setText(
            f"<b>Overdue</b> on {self.service.clock().isoformat()}: {len(overdue):,}"
        )

    def _totals_computed(self, totals_generation: int, figures: TotalsFigures) -> None:
        if totals_generation != self._totals_generation:
            return
        self._apply_totals(totals_generation, figures)
        self._finish()

    def _apply_totals(self, totals_generation: int, figures: TotalsFigures) -> None:
        self._shown_totals_generation = totals_generation
        self._fill_currencies(figures.currencies)
        if (figures.by, figures.reporting) != (self.current_grouping(), self.current_reporting()):
            self.refresh_totals()  # the chosen currency is gone: ask for what the combo shows
            return
        self.totals_shown = figures.rows
        self.totals_model.set_rows(figures.rows)
        fit_columns(self.totals_table)
        self._show_totals(figures.rows)

    def _failed(self, asked: tuple[int | None, int], text: str) -> None:
        generation, totals_generation = asked
        if generation is not None and generation != self._generation:
            return
        if generation is None and totals_generation != self._totals_generation:
            return
        if generation is not None:
            self._shown_generation = generation
        if totals_generation == self._totals_generation:
            self._shown_totals_generation = totals_generation
        self._show_state()
        msgbox.inform(self, "Dashboard", text, warning=True)

    def _finish(self) -> None:
        self._show_state()
        self.refreshed.emit()

    def _show_state(self) -> None:
        self.state.setText("Computing…" if self.busy else "")

    def _show_charts(self, figures: Figures) -> None:
        self._show_statuses(figures.statuses)
        self._show_history(figures.history.points, figures.lines)
        self._show_timeline(figures.timeline)

    def _fill_currencies(self, codes: Sequence[str]) -> None:
        chosen = self.reporting.currentData()
        self.reporting.blockSignals(True)
        while self.reporting.count() > 1:
            self.reporting.removeItem(1)
        for code in codes:
            self.reporting.addItem(code, code)
        self.reporting.setCurrentIndex(max(self.reporting.findData(chosen), 0))
        self.reporting.blockSignals(False)

    # -- totals chart ---------------------------------------------------------------

    def _show_totals(self, rows: list[TotalRow]) -> None:
        panel = self.totals_panel
        panel.clear()
        money = [row for row in rows if row.is_money][:TOTAL_BARS]
        self.total_rows = money
        dark = is_dark(self.palette())
        series = QHorizontalBarSeries()
        factor, scale = _scale([v for row in money for v in (row.pledged, row.delivered)])
        self.totals_sets = {}
        for key, title in (("pledged", "Pledged"), ("delivered", "Delivered")):
            bar_set = QBarSet(title)
            # Horizontal bars are drawn bottom-up: add the rows in reverse so the first is on top.
            for row in reversed(money):
                value = row.pledged if key == "pledged" else row.delivered
                bar_set.append(float(value / factor))
            bar_set.clicked.connect(self.totals_bar_clicked)
            self.totals_sets[key] = bar_set
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPrecision(4)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        panel.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(
            [_short(row.caption, 28) + (" *" if row.unconverted else "") for row in reversed(money)]
        )
        values = QValueAxis()
        values.setLabelFormat("%.4g")
        values.setMin(0)
        biggest = max((float(max(r.pledged, r.delivered) / factor) for r in money), default=1.0)
        values.setMax(max(biggest * 1.15, 1.0))
        values.applyNiceNumbers()
        units = sorted({row.unit for row in money})
        in_what = ", ".join(units) if units else "amount"
        values.setTitleText(f"{in_what}{' — ' + scale if scale else ''}")
        self._attach(panel.chart, series, categories, Qt.AlignmentFlag.AlignLeft)
        self._attach(panel.chart, series, values, Qt.AlignmentFlag.AlignBottom)
        panel.note.setText(self._totals_note(rows, units))
        style_chart(panel.chart, self.palette())
        self._colour_sets(dark)

    def _colour_sets(self, dark: bool) -> None:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for key, bar_set in self.totals_sets.items():
            bar_set.setColor(colour(key, dark))
            bar_set.setBorderColor(colour(key, dark))
            bar_set.setLabelColor(text)
        inside = QColor("#111111" if dark else "#ffffff")  # labels drawn on the bars
        for key, bar_set in self.status_sets.items():
            bar_set.setColor(colour(key, dark))
            bar_set.setBorderColor(colour(key, dark))
            bar_set.setLabelColor(inside)

    def _totals_note(self, rows: list[TotalRow], units: list[str]) -> str:
        notes: list[str] = []
        money = sum(row.is_money for row in rows)
        if money > TOTAL_BARS:
            notes.append(
                f"The chart draws the first {TOTAL_BARS} of {money:,} rows; the table lists all."
            )
        if len(units) > 1:
            notes.append(
                "Each bar is in its own currency; amounts in different currencies are not "
                "added. Choose a reporting currency to convert."
            )
        warned = [f"* {row.label}: {warning}." for row in rows if (warning := row.warning())]
        notes.extend(warned[:NOTE_ITEMS])
        if len(warned) > NOTE_ITEMS:
            more = plural(len(warned) - NOTE_ITEMS, "more row has a note", "more rows have notes")
            notes.append(f"* {more} in the table.")
        counts = [row for row in rows if not row.is_money]
        if len(counts) > NOTE_ITEMS:
            listed_rows = plural(len(counts), "row", "rows")
            notes.append(f"Quantities are not money and are only in the table ({listed_rows}).")
        elif counts:
            listed = ", ".join(
                f"{row.label} {amount_text(row.pledged, row.unit)}" for row in counts
            )
            notes.append(f"Quantities are not money and are only in the table ({listed}).")
        if self.current_grouping() == "category":
            notes.append("A pledge in several categories counts in each.")
        return " ".join(notes)

    def totals_row_activated(self, index: QModelIndex) -> None:
        """A totals row was double-clicked: ask for the records behind it."""
        if index.isValid():
            self.filterRequested.emit(self.totals_model.row_at(index.row()).query)

    def totals_bar_clicked(self, index: int) -> None:
        """A totals bar was clicked: ask for the records behind it."""
        position = len(self.total_rows) - 1 - index  # the bars were added bottom-up
        if 0 <= position < len(self.total_rows):
            self.filterRequested.emit(self.total_rows[position].query)

    # -- status charts --------------------------------------------------------------

    def _show_statuses(self, counts: list[StatusCount]) -> None:
        panel = self.status_panel
        panel.clear()
        order = status_order()
        present = sorted({c.status for c in counts}, key=order.index)
        self.status_rows = present
        series = QHorizontalStackedBarSeries()
        self.status_sets = {}
        for kind, title in (("document", "Documents"), ("pledge", "Pledges")):
            by_status = {c.status: c.total for c in counts if c.kind == kind}
            if not by_status:
                continue
            bar_set = QBarSet(title)
            for status in reversed(present):
                bar_set.append(by_status.get(status, 0))
            bar_set.clicked.connect(self.status_bar_clicked)
            self.status_sets[kind] = bar_set
            series.append(bar_set)
        series.setLabelsVisible(True)
        panel.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label(status) for status in reversed(present)])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        most = max((sum(c.total for c in counts if c.status == s) for s in present), default=1)
        values.setMax(most + 1)
        values.setTickCount(min(most + 2, 8))
        values.applyNiceNumbers()  # ticks at round counts, not at fractions of the largest
        values.setTitleText("records")
        self._attach(panel.chart, series, categories, Qt.AlignmentFlag.AlignLeft)
        self._attach(panel.chart, series, values, Qt.AlignmentFlag.AlignBottom)
        total = sum(c.total for c in counts)
        panel.note.setText(
            f"{plural(total, 'live document or pledge', 'live documents and pledges')} "
            "(provisions not counted)."
        )
        style_chart(panel.chart, self.palette())
        self._colour_sets(is_dark(self.palette()))

    def status_bar_clicked(self, index: int) -> None:
        """A status bar was clicked: ask for the records in that status."""
        position = len(self.status_rows) - 1 - index
        if 0 <= position < len(self.status_rows):
            self.filterRequested.emit(RecordQuery(statuses=frozenset({self.status_rows[position]})))

    def _show_history(self, points: list[StatusPoint], lines: HistoryLines) -> None:
        panel = self.history_panel
        panel.clear()
        self.history_series = {}
        dark = is_dark(self.palette())
        days = sorted({p.day for p in points})
        steps = lines.steps
        statuses = [s for s in status_order() if s in steps]
        for number, status in enumerate(statuses):
            line = QLineSeries()
            line.setName(label(status))
            line.replace(steps[status])
            # Markers on a history of thousands of days would only smear the line.
            line.setPointsVisible(len(steps[status]) <= MARKED_POINTS)
            line.setMarkerSize(9.0)
            pen = QPen(QColor(LINE_COLOURS[number % len(LINE_COLOURS)][1 if dark else 0]))
            pen.setWidthF(2.0)
            line.setPen(pen)
            line.clicked.connect(lambda _point, s=status: self.status_line_clicked(s))
            self.history_series[status] = line
            panel.chart.addSeries(line)
        x_axis = self._date_axis(days)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        y_axis.setMin(0)
        most = max((p.total for p in points), default=1)
        y_axis.setMax(most + 1)
        y_axis.setTickCount(min(most + 2, 8))
        y_axis.setTitleText("records")
        for line in self.history_series.values():
            self._attach(panel.chart, line, x_axis, Qt.AlignmentFlag.AlignBottom)
            self._attach(panel.chart, line, y_axis, Qt.AlignmentFlag.AlignLeft)
        if not self.history_series:
            panel.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
            panel.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        panel.note.setText(
            f"Live documents and pledges per status at the end of each {lines.period} in which "
            "a status changed."
        )
        style_chart(panel.chart, self.palette())
        for number, line in enumerate(self.history_series.values()):
            pen = QPen(QColor(LINE_COLOURS[number % len(LINE_COLOURS)][1 if dark else 0]))
            pen.setWidthF(2.0)
            line.setPen(pen)
            line.setColor(pen.color())

    def status_line_clicked(self, status: str) -> None:
        """A status line was clicked: ask for the records in that status."""
        self.filterRequested.emit(RecordQuery(statuses=frozenset({status})))

    # -- timeline -------------------------------------------------------------------

    def _show_timeline(self, shown: Timeline) -> None:
        if shown.aggregated:
            self._show_timeline_counts(shown)
        else:
            self._show_timeline_events(list(shown.events))

    def _show_timeline_counts(self, shown: Timeline) -> None:
        """Events per month and kind: too many events to draw a lane per record."""
        panel = self.timeline_panel
        panel.clear()
        self.lanes = []
        months = _month_range([count.month for count in shown.counts])
        totals = {(count.month, count.kind): count.total for count in shown.counts}
        dark = is_dark(self.palette())
        lines: list[QLineSeries] = []
        for kind, title in TIMELINE_COUNT_KINDS:
            line = QLineSeries()
            line.setName(title)
            line.replace([QPointF(day_ms(m), totals.get((m, kind), 0)) for m in months])
            line.clicked.connect(lambda point, kind=kind: self.timeline_month_clicked(kind, point))
            lines.append(line)
        today = self.service.clock()
        most = max(totals.values(), default=1)
        now = QLineSeries()
        now.setName(f"Today ({today.isoformat()})")
        now.append(day_ms(today), 0)
        now.append(day_ms(today), most)
        self.timeline_series = list(lines)
        x_axis = self._date_axis([*months, today])
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        y_axis.setRange(0, most * 1.05 + 1)
        y_axis.setTitleText("events per month")
        for series in [now, *lines]:
            panel.chart.addSeries(series)
            self._attach(panel.chart, series, x_axis, Qt.AlignmentFlag.AlignBottom)
            self._attach(panel.chart, series, y_axis, Qt.AlignmentFlag.AlignLeft)
        panel.note.setText(
            f"{shown.total:,} events, too many to draw one by one: counted per month. Due "
            "periods count in the month they end; status changes leave out the status a record "
            "was entered with. Click a line to list the records behind that month."
        )
        style_chart(panel.chart, self.palette())
        for (kind, _title), line in zip(TIMELINE_COUNT_KINDS, lines, strict=True):
            pen = QPen(colour(kind, dark))
            pen.setWidthF(1.6)
            line.setPen(pen)
            line.setColor(pen.color())
        self._colour_timeline(now, [], {})

    def timeline_month_clicked(self, kind: EventKind, point: QPointF) -> None:
        """A counted line was clicked: ask for the records with such events that month."""
        month = nearest_month(ms_day(point.x()))  # a click between two points: the nearer
        query = RecordQuery(event=EventFilter.month(kind, month), include_provisions=True)
        self.filterRequested.emit(query)

    def _show_timeline_events(self, events: list[TimelineEvent]) -> None:
        panel = self.timeline_panel
        panel.clear()
        shown = [e for e in events if not e.initial]
        lanes: dict[int, _Lane] = {}
        for event in sorted(shown, key=lambda e: (e.day, e.record_id)):
            lanes.setdefault(
                event.record_id, _Lane(event.record_id, event.record_kind, event.title)
            )
        # The first record to appear is on top: lanes are numbered bottom-up.
        self.lanes = list(reversed(lanes.values()))
        dues, markers = self._timeline_series(shown)
        today = self.service.clock()
        now = QLineSeries()
        now.setName(f"Today ({today.isoformat()})")
        now.append(day_ms(today), -0.5)
        now.append(day_ms(today), len(self.lanes) - 0.5)
        self.timeline_series = [*dues, *(m for m in markers.values() if m.count())]
        for series in self.timeline_series:
            series.clicked.connect(self.timeline_clicked)
        days = sorted({e.day for e in shown} | {e.end for e in shown if e.end is not None})
        x_axis = self._date_axis([*days, today])
        y_axis = QCategoryAxis()
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for number, lane in enumerate(self.lanes):
            # Category labels must be unique; invisible spaces keep equal titles apart.
            y_axis.append(_short(lane.title) + ZERO_WIDTH * number, number)
        y_axis.setRange(-0.7, max(len(self.lanes) - 0.3, 0.3))
        y_axis.setGridLineVisible(False)
        for series in [now, *self.timeline_series]:
            panel.chart.addSeries(series)
            self._attach(panel.chart, series, x_axis, Qt.AlignmentFlag.AlignBottom)
            self._attach(panel.chart, series, y_axis, Qt.AlignmentFlag.AlignLeft)
        for marker in panel.chart.legend().markers():
            if marker.series() in dues[1:]:
                marker.setVisible(False)
        panel.note.setText(
            "Signings, announcements, due periods and status changes (not the status a record "
            "was entered with). Click a mark to list its record."
        )
        style_chart(panel.chart, self.palette())
        self._colour_timeline(now, dues, markers)

    def _timeline_series(
        self, shown: list[TimelineEvent]
    ) -> tuple[list[QLineSeries], dict[str, QScatterSeries]]:
        lane_of = {lane.record_id: number for number, lane in enumerate(self.lanes)}
        markers: dict[str, QScatterSeries] = {}
        for kind, title, shape in (
            ("signed", "Signed", QScatterSeries.MarkerShape.MarkerShapeCircle),
            ("announced", "Announced", QScatterSeries.MarkerShape.MarkerShapeTriangle),
            ("status", "Status change", QScatterSeries.MarkerShape.MarkerShapeRectangle),
        ):
            scatter = QScatterSeries()
            scatter.setName(title)
            scatter.setMarkerShape(shape)
            scatter.setMarkerSize(11.0)
            markers[kind] = scatter
        dues: list[QLineSeries] = []
        for event in shown:
            y = float(lane_of[event.record_id])
            if event.kind == "due" and event.end is not None:
                line = QLineSeries()
                line.setName("Due period")
                line.append(day_ms(event.day), y)
                line.append(day_ms(event.end), y)
                line.setPointsVisible(True)
                dues.append(line)
            elif event.kind in markers:
                markers[event.kind].append(day_ms(event.day), y)
        return dues, markers

    def _colour_timeline(
        self, now: QLineSeries, dues: list[QLineSeries], markers: dict[str, QScatterSeries]
    ) -> None:
        dark = is_dark(self.palette())
        for kind, scatter in markers.items():
            scatter.setColor(colour(kind, dark))
            scatter.setBorderColor(colour(kind, dark))
        for line in dues:
            pen = QPen(colour("due", dark))
            pen.setWidthF(4.0)
            line.setPen(pen)
            line.setColor(pen.color())
        today_pen = QPen(self.palette().color(QPalette.ColorRole.WindowText))
        today_pen.setStyle(Qt.PenStyle.DashLine)
        today_pen.setWidthF(1.2)
        now.setPen(today_pen)
        now.setColor(today_pen.color())

    def timeline_clicked(self, point: QPointF) -> None:
        """A timeline mark was clicked: ask for the record on that lane."""
        lane = round(point.y())
        if 0 <= lane < len(self.lanes):
            chosen = self.lanes[lane]
            self.filterRequested.emit(_record_query(chosen.record_id, chosen.kind))

    # -- overdue and rates ----------------------------------------------------------

    def overdue_activated(self, index: QModelIndex) -> None:
        """An overdue row was double-clicked: ask for that record."""
        if index.isValid():
            item = self.overdue_model.overdue_at(index.row())
            self.filterRequested.emit(_record_query(item.record_id, item.kind))

    def add_rate(self) -> bool:
        """Store the rate the form describes."""
        qdate = self.rate_day.date()
        command = SetRateCommand(
            self.service,
            self.history,
            (self.rate_from.text(), self.rate_to.text()),
            self.rate_value.text(),
            date(qdate.year(), qdate.month(), qdate.day()),
            self.rate_source.text(),
        )
        try:
            self.history.perform(command)
        except AccordsError as error:
            self.rate_error.setText(str(error))
            return False
        self.rate_value.clear()
        return True

    def remove_selected_rate(self) -> bool:
        """Delete the selected rate."""
        rows = self.rates_table.selectionModel().selectedRows()
        if not rows:
            self.rate_error.setText("Select a rate to remove.")
            return False
        rate_id = self.rates_model.rate_at(rows[0].row()).id
        try:
            self.history.perform(RemoveRateCommand(self.service, self.history, rate_id))
        except AccordsError as error:
            self.rate_error.setText(str(error))
            return False
        return True

    def _after_rates_changed(self) -> None:
        """A rate was set, edited or removed, or that was undone: only the totals use rates."""
        self.rate_error.clear()
        self.rates_model.reload()  # a few rows; the totals are the slow part
        if self.isVisible():
            self.refresh_totals()
        else:
            self._stale = True

    # -- shared ---------------------------------------------------------------------

    def _attach(
        self, chart: QChart, series: Any, axis: QAbstractAxis, where: Qt.AlignmentFlag
    ) -> None:
        if axis not in chart.axes():
            chart.addAxis(axis, where)
        series.attachAxis(axis)

    def _date_axis(self, days: Sequence[date]) -> QDateTimeAxis:
        axis = QDateTimeAxis()
        axis.setFormat("yyyy-MM-dd")
        first = min(days, default=self.service.clock())
        last = max(days, default=self.service.clock())
        span = (last - first).days
        pad = timedelta(days=max(span // 20, 1))
        start, end = first - pad, last + pad
        axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(day_ms(start))),
            QDateTime.fromMSecsSinceEpoch(int(day_ms(end))),
        )
        width = (end - start).days
        # Few days: one tick a day, so no date is written twice; otherwise five ticks.
        axis.setTickCount(width + 1 if width <= 6 else 5)
        return axis

    def restyle(self) -> None:
        """Re-theme every chart from the current palette (light or dark): redrawn, not reread."""
        if self.figures is None:
            self.refresh()
            return
        self._show_totals(self.totals_shown)
        self._show_charts(self.figures)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            if self.isVisible():
                self._restyle_soon()
            else:
                self._stale = True
        super().changeEvent(event)

    def _restyle_soon(self) -> None:
        if not self._restyle_pending:
            self._restyle_pending = True
            QTimer.singleShot(0, self, self._restyle_now)

    def _restyle_now(self) -> None:
        self._restyle_pending = False
        self.restyle()


def chart_panels(view: DashboardView) -> dict[str, ChartPanel]:
    """The dashboard's charts by name, for saving or testing."""
    return {
        "totals": view.totals_panel,
        "status": view.status_panel,
        "history": view.history_panel,
        "timeline": view.timeline_panel,
    }


__all__ = [
    "ChartPanel",
    "DashboardView",
    "OverdueModel",
    "RatesModel",
    "TotalsModel",
    "chart_panels",
    "save_chart",
    "style_chart",
]
