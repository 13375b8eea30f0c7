"""The dashboard view: the figure panels and the rates composed, and the grouping chosen above."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.dashboard.charts import ChartPanel
from gui.dashboard.overdue import OverduePanel
from gui.dashboard.rates import RatesPanel
from gui.dashboard.scheduling import FigureScheduler
from gui.dashboard.status_history import StatusHistoryPanel
from gui.dashboard.statuses import StatusPanel
from gui.dashboard.theme import ThemeFollower
from gui.dashboard.timeline import TimelinePanel
from gui.dashboard.totals import TotalsPanel
from gui.dialogs import msgbox
from gui.lazyview import LazyView
from gui.undo import UndoStack
from storage.i18n import N_, _
from storage.insight import GROUPINGS, TIMELINE_EVENT_LIMIT, Figures, Grouping, TotalsFigures
from storage.service import AccordsService

GROUPING_LABELS: dict[Grouping, str] = {
    "donor": N_("Donor"),
    "category": N_("Category"),
    "currency": N_("Currency"),
}


class DashboardView(LazyView):
    """Charts and tables over one database; emits ``filterRequested(RecordQuery)`` on clicks."""

    filterRequested = Signal(object)  # storage.records.query.RecordQuery
    refreshed = Signal()  # computed figures were shown (all of them, or the totals)
    timeline_limit = TIMELINE_EVENT_LIMIT  # more events than this are counted per month

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        # Rate edits are undoable on the window's undo stack; a dashboard on its own keeps one.
        self.undo_stack = undo_stack if undo_stack is not None else UndoStack(self)
        self.undo_stack.figuresChanged.connect(self.invalidate)
        self.undo_stack.ratesChanged.connect(self._after_rates_changed)
        self.scheduler = FigureScheduler(service, self)
        self.scheduler.figureReady.connect(self._show_figure)
        self.scheduler.totalsReady.connect(self._show_totals)
        self.scheduler.finished.connect(self._finish)
        self.scheduler.failed.connect(self._failed)
        self._build()
        self.theme = ThemeFollower(self, self.restyle, self._mark_stale)

    def _build(self) -> None:
        clock = self.service.clock
        self.totals_panel = TotalsPanel()
        self.status_panel = StatusPanel()
        self.history_panel = StatusHistoryPanel(clock)
        self.timeline_panel = TimelinePanel(clock)
        self.overdue_panel = OverduePanel(clock)
        self.rates_panel = RatesPanel(self.service, self.undo_stack)
        self.charts: dict[str, ChartPanel] = {
            "totals": self.totals_panel,
            "status": self.status_panel,
            "history": self.history_panel,
            "timeline": self.timeline_panel,
        }
        for chart in self.charts.values():
            chart.filterRequested.connect(self.filterRequested)
        self.overdue_panel.filterRequested.connect(self.filterRequested)
        over_time = QSplitter(Qt.Orientation.Vertical)
        over_time.addWidget(self.timeline_panel)
        over_time.addWidget(self.history_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_overview(), _("Overview"))
        self.tabs.addTab(over_time, _("Over time"))
        self.tabs.addTab(self.rates_panel, _("Exchange rates"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.tabs, 1)
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh_totals())
        self.reporting.currentIndexChanged.connect(lambda _i: self.refresh_totals())

    def _build_bar(self) -> QHBoxLayout:
        self.grouping = QComboBox()
        self.grouping.setAccessibleName(_("Group totals by"))
        for key in GROUPINGS:
            self.grouping.addItem(_(GROUPING_LABELS[key]), key)
        self.reporting = QComboBox()
        self.reporting.setAccessibleName(_("Reporting currency"))
        self.reporting.addItem(_("None (each currency apart)"), "")
        refresh = QPushButton(_("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.state = QLabel()
        self.state.setAccessibleName(_("Dashboard state"))
        grouping_label = QLabel(_("Group totals by"))
        grouping_label.setBuddy(self.grouping)
        reporting_label = QLabel(_("Reporting currency"))
        reporting_label.setBuddy(self.reporting)
        bar = QHBoxLayout()
        bar.addWidget(grouping_label)
        bar.addWidget(self.grouping)
        bar.addSpacing(16)
        bar.addWidget(reporting_label)
        bar.addWidget(self.reporting)
        bar.addStretch(1)
        bar.addWidget(self.state)
        bar.addWidget(refresh)
        return bar

    def _build_overview(self) -> QWidget:
        overview = QWidget()
        grid = QGridLayout(overview)
        grid.addWidget(self.totals_panel, 0, 0)
        grid.addWidget(self.status_panel, 0, 1)
        grid.addWidget(self.totals_panel.table, 1, 0)
        grid.addWidget(self.overdue_panel, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        return overview

    # -- refreshing -----------------------------------------------------------------

    def refresh(self) -> None:
        """Read every figure again on a worker thread; charts and tables follow when done.

        At a quarter of a million records the figures take seconds: the window stays usable,
        "Computing…" shows meanwhile, and a result overtaken by a newer refresh is dropped.
        """
        self._stale = False
        self.scheduler.refresh(
            self.current_grouping(), self.current_reporting(), self.timeline_limit
        )
        self._show_state()

    def refresh_totals(self) -> None:
        """Recompute pledged against delivered on a worker thread, then redraw it."""
        self.scheduler.refresh_totals(self.current_grouping(), self.current_reporting())
        self._show_state()

    def read_seconds(self) -> float:
        return self.scheduler.figures_work.last_seconds

    def stop(self) -> None:
        """Start no more computations and show nothing more (the database is closing)."""
        super().stop()
        self.scheduler.stop()

    @property
    def busy(self) -> bool:
        """True while figures asked for are still being computed."""
        return self.scheduler.busy

    @property
    def figures(self) -> Figures | None:
        """The newest figures computed in full, or None before the first."""
        return self.scheduler.figures

    def current_grouping(self) -> Grouping:
        """The grouping the combo shows."""
        value = self.grouping.currentData()
        return value if value in GROUPINGS else "donor"

    def current_reporting(self) -> str | None:
        """The reporting currency the combo shows, or None for "each currency apart"."""
        return self.reporting.currentData() or None

    def _show_figure(self, name: str, value: Any) -> None:
        """Show one figure of the newest refresh as soon as it is ready."""
        if name == "quick":
            rates, statuses = value
            self.rates_panel.show_figure(rates)
            self.status_panel.show_figure(statuses)
        elif name == "history":
            self.history_panel.show_figure(*value)
        elif name == "timeline":
            self.timeline_panel.show_figure(value)
        elif name == "overdue":
            self.overdue_panel.show_figure(value)

    def _show_totals(self, figures: TotalsFigures) -> None:
        self._fill_currencies(figures.currencies)
        if (figures.by, figures.reporting) != (self.current_grouping(), self.current_reporting()):
            self.refresh_totals()  # the chosen currency is gone: ask for what the combo shows
            return
        self.totals_panel.show_figure(figures)

    def _failed(self, text: str) -> None:
        self._show_state()
        msgbox.inform(self, _("Dashboard"), text, warning=True)

    def _finish(self) -> None:
        self._show_state()
        self.refreshed.emit()

    def _show_state(self) -> None:
        self.state.setText(_("Computing…") if self.busy else "")

    def _fill_currencies(self, codes: Sequence[str]) -> None:
        chosen = self.reporting.currentData()
        self.reporting.blockSignals(True)
        while self.reporting.count() > 1:
            self.reporting.removeItem(1)
        for code in codes:
            self.reporting.addItem(code, code)
        self.reporting.setCurrentIndex(max(self.reporting.findData(chosen), 0))
        self.reporting.blockSignals(False)

    def _after_rates_changed(self) -> None:
        """A rate was set, edited or removed, or that was undone: only the totals use rates."""
        self.rates_panel.reload()  # a few rows; the totals are the slow part
        if self.isVisible():
            self.refresh_totals()
        else:
            self._stale = True

    # -- theme ----------------------------------------------------------------------

    def restyle(self) -> None:
        """Re-theme every chart from the current palette (light or dark): redrawn, not reread."""
        if self.figures is None:
            self.refresh()
            return
        for panel in self.charts.values():
            panel.redraw()

    def _mark_stale(self) -> None:
        self._stale = True
