"""What every dashboard chart shares: a panel with a note and "Save chart…", axes, dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QAbstractAxis, QChart, QChartView, QDateTimeAxis
from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dashboard.summary import chart_summary
from gui.dashboard.theme import style_chart
from gui.dialogs import msgbox
from gui.scaling import scaled
from storage.i18n import N_, _, current_language
from storage.records.periods import Period as CalendarPeriod
from storage.records.query import RecordQuery
from storage.schema.enums import Precision, RecordKind

SCALES = (
    (Decimal(10**12), "trillions"),
    (Decimal(10**9), N_("billions")),
    (Decimal(10**6), N_("millions")),
    (Decimal(10**3), N_("thousands")),
)
LANE_LABEL_CHARS = 38
# Rows beyond those in view that sizing a column to its contents looks at.
FITTED_ROWS = 100


def day_ms(day: date) -> float:
    """Milliseconds since the epoch at local noon of ``day`` (noon keeps the date stable)."""
    # Python's local time is some twenty times quicker than QDateTime's, which a history
    # of thousands of days notices; at noon a daylight-saving hour cannot change the date.
    return datetime(day.year, day.month, day.day, 12).timestamp() * 1000


def ms_day(ms: float) -> date:
    """The local date of a chart x value."""
    qdate = QDateTime.fromMSecsSinceEpoch(round(ms)).date()
    return date(qdate.year(), qdate.month(), qdate.day())


def nearest_month(day: date) -> date:
    """The first day of the month whose first day is nearest to ``day``."""
    month = CalendarPeriod(day.replace(day=1), Precision.MONTH)
    following = month.end + timedelta(days=1)
    return following if (day - month.start) > (following - day) else month.start


def scale(values: Sequence[Decimal]) -> tuple[Decimal, str]:
    """The factor to divide ``values`` by to draw them, and its name ("millions")."""
    biggest = max((abs(v) for v in values), default=Decimal(0))
    for factor, name in SCALES:
        if biggest >= factor:
            return factor, name
    return Decimal(1), ""


def short(text: str, limit: int = LANE_LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis saying so."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def record_query(record_id: int, kind: str) -> RecordQuery:
    """The query that lists one record, a provision included."""
    return RecordQuery(
        ids=frozenset({record_id}), include_provisions=kind == RecordKind.PROVISION.value
    )


def attach(chart: QChart, series: Any, axis: QAbstractAxis, where: Qt.AlignmentFlag) -> None:
    """Attach ``series`` to ``axis``, adding the axis to the chart the first time."""
    if axis not in chart.axes():
        chart.addAxis(axis, where)
    series.attachAxis(axis)


def date_axis(days: Sequence[date], today: date) -> QDateTimeAxis:
    """A date axis over ``days`` (or today), with a little room on each side."""
    axis = QDateTimeAxis()
    axis.setFormat("yyyy-MM-dd")
    first, last = min(days, default=today), max(days, default=today)
    pad = timedelta(days=max((last - first).days // 20, 1))
    start, end = first - pad, last + pad
    axis.setRange(
        QDateTime.fromMSecsSinceEpoch(int(day_ms(start))),
        QDateTime.fromMSecsSinceEpoch(int(day_ms(end))),
    )
    width = (end - start).days
    # Few days: one tick a day, so no date is written twice; otherwise five ticks.
    axis.setTickCount(width + 1 if width <= 6 else 5)
    return axis


def save_chart(view: QChartView, path: Path) -> None:
    """Save what a chart view shows as SVG (by the .svg suffix) or otherwise as PNG."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        size = view.size()
        generator.setSize(size)
        generator.setViewBox(QRect(0, 0, size.width(), size.height()))
        generator.setTitle(view.chart().title() or _("Accords chart"))
        generator.setDescription(_("Made with Accords"))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(_("cannot write {path}").format(path=path))
        try:
            view.render(painter)
        finally:
            painter.end()
        return
    if not view.grab().save(str(path), "PNG"):
        raise OSError(_("cannot write {path}").format(path=path))


def fit_columns(table: QTableView, widest: int = 320) -> None:
    """Size columns to their contents, none wider than ``widest`` pixels."""
    header = table.horizontalHeader()
    # Measure the rows in view and a few more, not a thousand: each costs Python calls.
    header.setResizeContentsPrecision(FITTED_ROWS)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        most = scaled(widest, table.font())
        header.resizeSection(column, min(header.sectionSize(column) + 8, most))


def figure_table(model: QAbstractTableModel, name: str) -> QTableView:
    """A read-only table of rows, one selected at a time."""
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


class ChartPanel(QWidget):
    """A chart of one figure, a note under it and a "Save chart…" button.

    Subclasses draw their figure in ``show_figure`` (remembering it, so that ``redraw``
    can draw it again in a new theme) and emit ``filterRequested(RecordQuery)`` when a
    click asks for the records behind a mark.
    """

    filterRequested = Signal(object)  # storage.records.query.RecordQuery

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.chart = self._new_chart()
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(title)
        self.view.setMinimumSize(QSize(scaled(320), scaled(220)))
        self.save_button = QPushButton(_("Save chart…"))
        self.save_button.setAccessibleName(_("Save {lower} chart").format(lower=title.lower()))
        self.save_button.clicked.connect(self.ask_save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(_("{title}: note").format(title=title))
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.file_dialog: QFileDialog | None = None

    def redraw(self) -> None:
        """Draw the figure shown last again, in the current palette."""
        raise NotImplementedError

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self.title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        # Axis and bar labels write numbers as the language does ("0,7", not "0.7").
        chart.setLocale(QLocale(current_language()))
        chart.setLocalizeNumbers(True)
        return chart

    def clear(self) -> None:
        """Start over with an empty chart (removed axes of a reused chart keep drawing)."""
        old = self.chart
        self.chart = self._new_chart()
        self.view.setChart(self.chart)
        old.deleteLater()

    def apply_theme(self) -> None:
        """Theme the chart from the palette (after its series and axes are added), and say
        its values in words."""
        style_chart(self.chart, self.palette())
        self.describe()

    def describe(self) -> None:
        """Put the chart's values in words where screen readers and the mouse find them."""
        self.set_summary(chart_summary(self.chart))

    def set_summary(self, summary: str) -> None:
        """Say ``summary`` as the chart's description and tooltip."""
        self.view.setAccessibleDescription(summary)
        self.view.setToolTip(summary)

    def ask_save(self) -> QFileDialog:
        """Ask where to save the chart (non-modal), then save it."""
        name = self.title.lower().replace(" ", "-") or "chart"
        dialog = QFileDialog(
            self,
            _("Save chart"),
            str(Path.home() / f"{name}.png"),
            _("PNG image (*.png);;SVG (*.svg)"),
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
            msgbox.inform(self, _("Save chart"), str(error), warning=True)
            return False
        return True
