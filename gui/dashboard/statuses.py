"""Records by status now: a stacked bar per status; a bar asks for the records in it."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalStackedBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.dashboard.charts import ChartPanel, attach
from gui.dashboard.theme import bar_brush, bar_label_colour, colour
from storage.i18n import _
from storage.insight import StatusCount, status_order
from storage.records.query import RecordQuery
from storage.schema.enums import label
from storage.wording import plural


class StatusPanel(ChartPanel):
    """Live documents and pledges per status, a bar per status stacked by kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Records by status"), parent)
        self.counts: list[StatusCount] = []
        self.status_rows: list[str] = []  # statuses of the chart, top to bottom
        self.status_sets: dict[str, QBarSet] = {}

    def show_figure(self, counts: list[StatusCount]) -> None:
        """Show these counts."""
        self.counts = counts
        self.redraw()

    def redraw(self) -> None:
        self.clear()
        counts = self.counts
        order = status_order()
        present = sorted({c.status for c in counts}, key=order.index)
        self.status_rows = present
        series = QHorizontalStackedBarSeries()
        self.status_sets = {}
        for kind, title in (("document", _("Documents")), ("pledge", _("Pledges"))):
            by_status = {c.status: c.total for c in counts if c.kind == kind}
            if not by_status:
                continue
            bar_set = QBarSet(title)
            for status in reversed(present):
                bar_set.append(by_status.get(status, 0))
            bar_set.clicked.connect(self.bar_clicked)
            self.status_sets[kind] = bar_set
            series.append(bar_set)
        series.setLabelsVisible(True)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label(status) for status in reversed(present)])
        values = QValueAxis()
        values.setLabelFormat("%.0f")  # "%d" draws nothing once numbers are localized
        values.setMin(0)
        most = max((sum(c.total for c in counts if c.status == s) for s in present), default=1)
        values.setMax(most + 1)
        values.setTickCount(min(most + 2, 8))
        values.applyNiceNumbers()  # ticks at round counts, not at fractions of the largest
        values.setTitleText(_("records"))
        attach(self.chart, series, categories, Qt.AlignmentFlag.AlignLeft)
        attach(self.chart, series, values, Qt.AlignmentFlag.AlignBottom)
        total = sum(c.total for c in counts)
        self.note.setText(
            _("{plural} (provisions not counted).").format(
                plural=plural(total, "live document or pledge", "live documents and pledges")
            )
        )
        self.apply_theme()
        self._colour_sets()

    def _colour_sets(self) -> None:
        palette = self.palette()
        for key, bar_set in self.status_sets.items():
            bar_set.setBrush(bar_brush(key, palette))
            bar_set.setBorderColor(colour(key, palette))
            bar_set.setLabelColor(bar_label_colour(key, palette))  # labels drawn on the bars

    def bar_clicked(self, index: int) -> None:
        """A status bar was clicked: ask for the records in that status."""
        position = len(self.status_rows) - 1 - index
        if 0 <= position < len(self.status_rows):
            self.filterRequested.emit(RecordQuery(statuses=frozenset({self.status_rows[position]})))
