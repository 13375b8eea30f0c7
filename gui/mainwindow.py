"""The main window: navigation, the records table with search and filters, and the detail
pane; its menus, filters, counts, draft recovery and jobs are parts in ``gui.window``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui import settings as opt
from gui.background import wait_for_background_work
from gui.detail import DetailPane
from gui.dialogs import msgbox
from gui.firstpaint import FirstPaint
from gui.pacing import resume_collection, thaw
from gui.placement import place
from gui.scaling import scaled
from gui.settings import Settings
from gui.undo import UndoStack
from gui.window import APP_NAME
from gui.window.access import reflect_access
from gui.window.actions import WindowActions
from gui.window.banner import TrashBanner
from gui.window.counts import NavigationCounts
from gui.window.drafts import DraftRecovery
from gui.window.filter_bar import cleared, within
from gui.window.filters import FilterControls
from gui.window.importing import SourceImports
from gui.window.jobs import WindowJobs
from gui.window.live import LiveUpdates
from gui.window.navigation import NavigationModel
from gui.window.records import WindowRecordsModel
from gui.window.records_model import COLUMNS
from gui.window.selection import DetailFollower
from gui.window.table import RecordsTable
from storage.errors import AccordsError
from storage.i18n import _
from storage.records.query import RecordQuery
from storage.service import AccordsService
from storage.wording import plural

# Panels are imported on first use: neither is needed for the first frame.
if TYPE_CHECKING:
    from gui.dashboard import DashboardView
    from gui.findings import FindingsPanel

__all__ = ["APP_NAME", "MainWindow"]

# The least each part of the window keeps, so that it stays usable at 1024×700.
NAVIGATION_MIN_WIDTH = 170
DETAIL_MIN_WIDTH = 290
# Of the splitter: navigation, records, details.
SPLITTER_SHARES = (220, 860, 500)


class MainWindow(QMainWindow):
    """One window over one database."""

    databaseRequested = Signal(str)  # the user chose another database file to open
    restoreRequested = Signal(object)  # a storage.db.backup.Backup to put in place of this database
    # Once, after the first paint, when the number of records shown is known.
    opened = Signal(int)

    def __init__(self, service: AccordsService, settings: Settings | None = None) -> None:
        super().__init__()
        self.service = service
        self.settings = settings or Settings()
        self.undo_stack = UndoStack(self)
        self.records = WindowRecordsModel(service, self)
        self.navigation = NavigationModel(service, self)
        self.filters = FilterControls(service, self)
        self.counts = NavigationCounts(service, self.navigation, self.filters.quick_filters, self)
        self.drafts = DraftRecovery(service, self.undo_stack, self)
        self.jobs = WindowJobs(self)
        self.imports = SourceImports(self)
        self.live = LiveUpdates(self)
        self._view_query = RecordQuery()
        self._announced = False  # whether `opened` was emitted
        self.setWindowTitle(f"{APP_NAME} — {Path(service.db.location).name}")
        self._build_widgets()
        # Counts, the record's details, checks and offers wait for the first frame.
        self.first_paint = FirstPaint(self.table.viewport())
        self.first_paint.painted.connect(self._after_first_paint)
        self.menus = WindowActions(self)
        self._build_status_bar()
        self._connect()
        self._restore()
        reflect_access(self)
        self.follower.starting = False

    # -- construction -----------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.nav_view = QTreeView()
        self.nav_view.setModel(self.navigation)
        self.nav_view.setHeaderHidden(True)
        self.nav_view.setAccessibleName(_("Navigation"))
        self.nav_view.expandAll()
        self.table = RecordsTable(self.records)
        self.detail = DetailPane(self.service, self.undo_stack)
        self.detail.setAccessibleName(_("Record details"))
        self.follower = DetailFollower(self.table, self.detail, self)
        self.trash_banner = TrashBanner()
        self._lay_out()
        # Both panels (and Qt Charts) are built when first shown, not at start.
        self._dashboard: DashboardView | None = None
        self._findings: FindingsPanel | None = None
        self.dashboard_dock = self._dock(_("Dashboard"), "dashboardDock", lambda: self.dashboard)
        self.findings_dock = self._dock(
            _("Data-quality findings"), "findingsDock", lambda: self.findings
        )
        self.tabifyDockWidget(self.dashboard_dock, self.findings_dock)

    def _lay_out(self) -> None:
        centre = self.records_pane = QWidget()  # F6 moves between it and the other panes
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.live.banner)  # hidden unless the server is lost
        centre_layout.addLayout(self.filters.row())
        # Below the filters, not beside them: the row above keeps its room at 1024 px.
        found = QHBoxLayout()
        found.addWidget(self.filters.filter_bar, 1)
        found.addWidget(self.filters.match_count, 0, Qt.AlignmentFlag.AlignTop)
        centre_layout.addLayout(found)
        centre_layout.addWidget(self.table)
        # In pixels at a 9-point font, larger with a larger one (the system's, or the user's).
        self.nav_view.setMinimumWidth(scaled(NAVIGATION_MIN_WIDTH))
        self.detail.setMinimumWidth(scaled(DETAIL_MIN_WIDTH))
        self.detail_box = QWidget()
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.trash_banner)
        detail_layout.addWidget(self.detail)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav_view)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.detail_box)
        self.splitter.setChildrenCollapsible(False)  # View > Show… hides a pane, on purpose
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([scaled(share) for share in SPLITTER_SHARES])
        self.setCentralWidget(self.splitter)

    def _dock(self, title: str, name: str, build: Callable[[], QWidget]) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.visibilityChanged.connect(lambda visible: visible and build())
        dock.hide()
        return dock

    @property
    def dashboard(self) -> DashboardView:
        """The dashboard panel, built on first use."""
        if self._dashboard is None:
            from gui.dashboard import DashboardView

            self._dashboard = DashboardView(self.service, self.undo_stack)
            self._dashboard.filterRequested.connect(self.show_query)
            # Scrolled when the dock is smaller than the charts want (a large font): the
            # dock never takes the room the records need, nor makes the window outgrow the screen.
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setAccessibleName(self.dashboard_dock.windowTitle())
            scroller.setWidget(self._dashboard)
            self.dashboard_dock.setWidget(scroller)
        return self._dashboard

    @property
    def findings(self) -> FindingsPanel:
        """The data-quality findings panel, built on first use."""
        if self._findings is None:
            from gui.findings import FindingsPanel

            self._findings = FindingsPanel(self.service, self.undo_stack)
            self._findings.recordRequested.connect(self.show_record_slug)
            self._findings.countChanged.connect(
                lambda count: self.findings_label.setText(
                    plural(count, "finding", "findings") if count else ""
                )
            )
            self.findings_dock.setWidget(self._findings)
        return self._findings

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Record count"))
        self.path_label = QLabel(self.service.db.location)
        self.path_label.setAccessibleName(_("Database path"))
        self.findings_label = QLabel()
        self.findings_label.setAccessibleName(_("Data-quality findings"))
        self.statusBar().addPermanentWidget(self.findings_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)

    def _connect(self) -> None:
        say = self.statusBar().showMessage
        self.nav_view.selectionModel().currentChanged.connect(self._on_navigation)
        self.filters.changed.connect(self.apply_filters)
        self.filters.viewClearRequested.connect(
            lambda part: self._show_view(cleared(self._view_query, part) if part else RecordQuery())
        )
        self.records.countChanged.connect(self._show_count)
        self.records.countFailed.connect(self._count_failed)
        self.undo_stack.changed.connect(self._after_edit)
        self.undo_stack.failed.connect(
            lambda text: msgbox.inform(self, APP_NAME, text, warning=True)
        )
        self.undo_stack.ratesChanged.connect(lambda: say(_("Saved"), 4000))
        self.detail.statusMessage.connect(lambda text: say(text, 4000))
        self.detail.recordRequested.connect(self.show_record_slug)
        self.detail.readOnlyChanged.connect(self.trash_banner.show_reason)
        self.trash_banner.linkActivated.connect(lambda _link: self.menus.restore_shown())

    # -- filtering --------------------------------------------------------------------

    def current_query(self) -> RecordQuery:
        """The query the view, quick filters and search describe."""
        query = within(self._view_query, self.filters.quick_filters())
        order = self.records.query
        return replace(query, sort=order.sort, descending=order.descending)

    def apply_filters(self) -> None:
        """Show the records the current view, filters and search select."""
        self.filters.search_timer.stop()
        self.records.set_query(self.current_query())
        if self.first_paint.done:
            self.counts.follow_filters()  # the counts beside the views follow the filters

    def _show_view(self, query: RecordQuery) -> None:
        """List a view's records; the navigation entry that lists them, if one does, is
        selected, so that the tree never names another view than the one listed."""
        key = self.navigation.key_of(query)
        current = self.navigation.entry(self.nav_view.currentIndex())
        if key is not None and (current is None or current.key != key):
            self.select_view(key)  # applies the filters
            return
        if key is None:
            self._leave_navigation()
        self._set_view_query(query)
        self.apply_filters()

    def _leave_navigation(self) -> None:
        """Highlight no entry: the list shows records no entry names (a chart's, a finding's)."""
        self.nav_view.selectionModel().clearSelection()
        self.nav_view.selectionModel().clearCurrentIndex()

    def _set_view_query(self, query: RecordQuery) -> None:
        self._view_query = query
        self.menus.show_trash_actions(in_trash=query.trash)

    def show_query(self, query: RecordQuery) -> None:
        """Show exactly the records a query selects (from a chart click or a finding)."""
        self.filters.reset()
        self._leave_navigation()
        self._set_view_query(query)
        self.apply_filters()
        if query.event is not None:  # a month of the timeline: say what the list holds
            self.statusBar().showMessage(
                _("Showing records {describe}").format(describe=query.event.describe()), 15000
            )

    def show_record_slug(self, slug: str) -> None:
        """Show and select one record by its id."""
        try:
            record_id = self.service.records.resolve_id(slug)
        except AccordsError as error:
            msgbox.inform(self, APP_NAME, str(error), warning=True)
            return
        self.show_query(RecordQuery(ids=frozenset({record_id}), include_provisions=True))
        self.select_record(record_id)

    def select_view(self, key: str) -> None:
        """Show a navigation entry by key ("all", "overdue", "status:signed", "tag:...")."""
        index = self.navigation.index_of(key)
        if index.isValid():
            self.nav_view.setCurrentIndex(index)

    def _on_navigation(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.navigation.entry(current)
        if entry is None:
            return
        self._set_view_query(entry.query)
        self.apply_filters()

    def _show_count(self, total: int) -> None:
        if self.records.count_pending:
            self.count_label.setText(_("Counting records…"))
            self.filters.show_found(self._view_query, None)
            return
        self.count_label.setText(plural(total, "record", "records"))
        self.filters.show_found(self._view_query, total)
        if not self._announced and self.first_paint.done:
            self._announced = True
            self.opened.emit(total)

    def _count_failed(self, text: str) -> None:
        self.count_label.setText("")
        self.filters.match_count.setText("")
        self.statusBar().showMessage(
            _("Could not count the records: {text}").format(text=text), 8000
        )

    # -- selection and detail ---------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order."""
        return self.table.selected_ids()

    def select_record(self, record_id: int) -> bool:
        """Make a record the current row, if it is in the fetched rows."""
        return self.follower.select(record_id)

    # -- after the first paint and after edits ----------------------------------------

    def _after_first_paint(self) -> None:
        """Everything the first frame did not wait for: counts, details, checks, offers."""
        resume_collection()
        # The ORM is imported here, before any work starts on another thread: imported on a
        # worker, it left SQLAlchemy half set up for a moment, and a count running beside it
        # (a search restored from the last session) failed on a partly imported module. On a
        # worker it held the GUI thread's interpreter lock most of the time anyway.
        self.service.records.prepare_details()
        self.records.count_later()
        self.counts.recount()
        self.follower.show_waiting()
        self._show_count(self.records.total)
        self.drafts.offer()
        self.live.start()
        self.jobs.check_pages()
        self.jobs.backup_if_due()

    def _after_edit(self, _record_ids: set[int]) -> None:
        self._follow_data()
        self.statusBar().showMessage("Saved", 4000)

    def _follow_data(self, *, rows: int = 0) -> None:
        """Show the data as stored now: its views, parties, rows (at least ``rows``) and
        counts."""
        current = self.navigation.entry(self.nav_view.currentIndex())
        if self.navigation.follow_tags() and current is not None:
            # A new area or category is listed at once; one no longer in use goes, and its
            # view with it.
            valid = self.navigation.index_of(current.key).isValid()
            self.select_view(current.key if valid else "all")
        self.filters.follow_parties()
        self.records.reload(rows=rows)
        self.counts.recount()
        self.statusBar().showMessage(_("Saved"), 4000)

    def show_changes_made_elsewhere(self, record_ids: frozenset[int] | None) -> None:
        """Show changes another window (or person) saved: these records, or any (None)."""
        # The rows fetched so far are fetched again, and the table stays where it was
        # scrolled: a colleague's edit must not send the list back to its top.
        scrolled = self.table.verticalScrollBar().value()
        try:
            self._follow_data(rows=self.records.rowCount())
            self.table.verticalScrollBar().setValue(scrolled)
            self.detail.refresh(record_ids)
        except AccordsError as error:  # the server went away again: the banner says so
            self.statusBar().showMessage(str(error), 8000)

    # -- settings ---------------------------------------------------------------------

    def _restore(self) -> None:
        place(self, self.settings.get(opt.WINDOW_GEOMETRY))
        self.restoreState(self.settings.get(opt.WINDOW_STATE))
        splitter = self.settings.get(opt.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header_view = self.table.horizontalHeader()
        header = self.settings.get(opt.TABLE_HEADER_STATE)
        if not header.isEmpty():
            # Quietly: the view would sort (and load) at once; the order is applied below.
            header_view.blockSignals(True)
            header_view.restoreState(header)
            header_view.blockSignals(False)
        self.filters.restore(self.settings)
        section = header_view.sortIndicatorSection()
        sort = COLUMNS[section].sort if 0 <= section < len(COLUMNS) else None
        if sort is not None:
            descending = header_view.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            # Only remembered here: selecting the view below loads the first page, once.
            self.records.order_by(sort, descending=descending)
        self.detail.setCurrentIndex(self.settings.get(opt.DETAIL_TAB))
        key = self.settings.get(opt.LAST_VIEW)
        self.select_view(key if self.navigation.index_of(key).isValid() else "all")

    def save_settings(self) -> None:
        """Remember layout, columns, view and filters for next time."""
        self.settings.set(opt.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(opt.WINDOW_STATE, self.saveState())
        self.settings.set(opt.SPLITTER_STATE, self.splitter.saveState())
        self.settings.set(opt.TABLE_HEADER_STATE, self.table.horizontalHeader().saveState())
        entry = self.navigation.entry(self.nav_view.currentIndex())
        self.settings.set(opt.LAST_VIEW, entry.key if entry else "all")
        self.filters.save(self.settings)
        self.settings.set(opt.DETAIL_TAB, self.detail.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.first_paint.cancel()  # closed before its first paint: nothing is to follow it
        self.live.stop()
        self.detail.flush_edits()
        self.jobs.stop_export()
        self.save_settings()
        # Work waiting its turn would read a database about to be closed, and reads running
        # (figures take seconds on a large file) are stopped rather than waited for.
        self.counts.stop()
        for panel in (self._dashboard, self._findings):
            if panel is not None:
                panel.stop()
        wait_for_background_work(nudge=self.service.db.interrupt_reads)
        thaw()
        super().closeEvent(event)
