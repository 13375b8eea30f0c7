"""The pledged and delivered totals: a bar chart, a table of every row, and their clicks."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from gui.dashboard.charts import ChartPanel, attach, figure_table, fit_columns, scale, short
from gui.dashboard.theme import bar_brush, colour
from gui.tablemodel import Column, ViewsTableModel
from storage.i18n import N_, _, format_number
from storage.insight import TotalRow, TotalsFigures
from storage.records.data import amount_text
from storage.wording import plural

# Beyond this many bars the totals chart becomes unreadable: it draws the first ones and the
# note says so; the table below it lists every row.
TOTAL_BARS = 12
# The totals note lists at most this many quantities or warnings, and counts the rest.
NOTE_ITEMS = 6


def _delivered_share(row: TotalRow) -> str:
    if not row.pledged:
        return ""
    share = (row.delivered / row.pledged * 100).quantize(Decimal("0.1"))
    return f"{format_number(share)} %"  # "12.5 %", "12,5 %"; a whole share without ".0"


def _total_note(row: TotalRow) -> str:
    notes = []
    if row.inexact:
        notes.append(
            _("not exact: {inexact} bound or approximate figure(s)").format(inexact=row.inexact)
        )
    if warning := row.warning():
        notes.append(warning)
    return "; ".join(notes)


class TotalsModel(ViewsTableModel):
    """Pledged, delivered and outstanding per group, exact, with what a total leaves out."""

    columns = (
        Column(N_("Group"), lambda row: row.label),
        Column(N_("In"), lambda row: row.unit + (_(" (converted)") if row.converted else "")),
        Column(N_("Pledged"), lambda row: amount_text(row.pledged, row.unit), numeric=True),
        Column(N_("Delivered"), lambda row: amount_text(row.delivered, row.unit), numeric=True),
        Column(N_("Outstanding"), lambda row: amount_text(row.outstanding, row.unit), numeric=True),
        Column(N_("Delivered %"), _delivered_share, numeric=True),
        Column(N_("Note"), _total_note),
    )


class TotalsPanel(ChartPanel):
    """Pledged against delivered per group: the first rows as bars, every row in ``table``
    (placed by the dashboard); a bar or a row asks for the pledges behind it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Pledged and delivered"), parent)
        self.figures: TotalsFigures | None = None
        self.total_rows: list[TotalRow] = []  # the chart's bars, top to bottom
        self.totals_sets: dict[str, QBarSet] = {}
        self.model = TotalsModel(self)
        self.table = figure_table(self.model, _("Totals"))
        self.table.doubleClicked.connect(self.row_activated)

    @property
    def rows(self) -> list[TotalRow]:
        """Every totals row shown, money or not."""
        return [] if self.figures is None else self.figures.rows

    def show_figure(self, figures: TotalsFigures) -> None:
        """Show these totals in the table and the chart."""
        self.figures = figures
        self.model.set_rows(figures.rows)
        fit_columns(self.table)
        self.redraw()

    def redraw(self) -> None:
        self.clear()
        rows = self.rows
        money = [row for row in rows if row.is_money][:TOTAL_BARS]
        self.total_rows = money
        series = QHorizontalBarSeries()
        factor, scale_name = scale([v for row in money for v in (row.pledged, row.delivered)])
        self.totals_sets = {}
        for key, title in (("pledged", _("Pledged")), ("delivered", _("Delivered"))):
            bar_set = QBarSet(title)
            # Horizontal bars are drawn bottom-up: add the rows in reverse so the first is on top.
            for row in reversed(money):
                value = row.pledged if key == "pledged" else row.delivered
                bar_set.append(float(value / factor))
            bar_set.clicked.connect(self.bar_clicked)
            self.totals_sets[key] = bar_set
            series.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPrecision(4)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(
            [short(row.caption, 28) + (" *" if row.unconverted else "") for row in reversed(money)]
        )
        values = QValueAxis()
        values.setLabelFormat("%.4g")
        values.setMin(0)
        biggest = max((float(max(r.pledged, r.delivered) / factor) for r in money), default=1.0)
        values.setMax(max(biggest * 1.15, 1.0))
        values.applyNiceNumbers()
        units = sorted({row.unit for row in money})
        in_what = ", ".join(units) if units else "amount"
        values.setTitleText(in_what + (" — " + _(scale_name) if scale_name else ""))
        attach(self.chart, series, categories, Qt.AlignmentFlag.AlignLeft)
        attach(self.chart, series, values, Qt.AlignmentFlag.AlignBottom)
        self.note.setText(self._note(rows, units))
        self.apply_theme()
        self._colour_sets()

    def _colour_sets(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)  # labels beyond the bars' ends
        for key, bar_set in self.totals_sets.items():
            bar_set.setBrush(bar_brush(key, palette))
            bar_set.setBorderColor(colour(key, palette))
            bar_set.setLabelColor(text)

    def _note(self, rows: list[TotalRow], units: list[str]) -> str:
        notes: list[str] = []
        money = sum(row.is_money for row in rows)
        if money > TOTAL_BARS:
            notes.append(
                _("The chart draws the first {shown} of {money} rows; the table lists all.").format(
                    shown=format_number(TOTAL_BARS), money=format_number(money)
                )
            )
        if len(units) > 1:
            notes.append(
                _(
                    "Each bar is in its own currency; amounts in different currencies are not "
                    "added. Choose a reporting currency to convert."
                )
            )
        notes.extend(_warnings(rows))
        notes.extend(_quantities(rows))
        if self.figures is not None and self.figures.by == "category":
            notes.append(_("A pledge in several categories counts in each."))
        return " ".join(notes)

    def row_activated(self, index: QModelIndex) -> None:
        """A totals row was double-clicked: ask for the records behind it."""
        if index.isValid():
            self.filterRequested.emit(self.model.row_at(index.row()).query)

    def bar_clicked(self, index: int) -> None:
        """A totals bar was clicked: ask for the records behind it."""
        position = len(self.total_rows) - 1 - index  # the bars were added bottom-up
        if 0 <= position < len(self.total_rows):
            self.filterRequested.emit(self.total_rows[position].query)


def _warnings(rows: list[TotalRow]) -> list[str]:
    warned = [f"* {row.label}: {warning}." for row in rows if (warning := row.warning())]
    notes = warned[:NOTE_ITEMS]
    if len(warned) > NOTE_ITEMS:
        more = plural(len(warned) - NOTE_ITEMS, "more row has a note", "more rows have notes")
        notes.append(_("* {more} in the table.").format(more=more))
    return notes


def _quantities(rows: list[TotalRow]) -> list[str]:
    counts = [row for row in rows if not row.is_money]
    if len(counts) > NOTE_ITEMS:
        listed = plural(len(counts), "row", "rows")
    elif counts:
        listed = ", ".join(f"{row.label} {amount_text(row.pledged, row.unit)}" for row in counts)
    else:
        return []
    return [
        _("Quantities are not money and are only in the table ({listed}).").format(listed=listed)
    ]
