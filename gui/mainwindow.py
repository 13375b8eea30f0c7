"""The main window: navigation, the records table with search and filters, and the detail pane."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui import msgbox
from gui import settings as opt
from gui.background import LatestOnly, run_in_background, wait_for_background_work
from gui.badge import StatusBadgeDelegate
from gui.detail import DetailPane
from gui.filter_bar import CLEAR_ALL, FilterBar, QuickFilters, cleared, view_parts, within
from gui.firstpaint import FirstPaint
from gui.history import CreateRecordCommand, DeleteRecordsCommand, EditHistory
from gui.navigation import NavigationModel
from gui.pacing import resume_collection, thaw
from gui.placement import place
from gui.records_model import COLUMNS, RECORD_ID_ROLE, STATUS, TITLE
from gui.settings import Settings
from gui.window_records import WindowRecordsModel
from storage.backup import QUICK_CHECK_BYTES, Backup
from storage.enums import DocumentStatus, PledgeStatus, RecordKind, label
from storage.errors import AccordsError
from storage.paths import data_folder
from storage.query import RecordQuery
from storage.service import AccordsService
from storage.wording import plural

logger = logging.getLogger("accords")

# Dialogs, panels and export are imported on first use: none is needed for the first frame.
if TYPE_CHECKING:
    from gui.backups_dialog import BackupsDialog
    from gui.brief import BriefDialog, BriefOptions
    from gui.dashboard import DashboardView
    from gui.export_dialog import ExportDialog, ExportJob
    from gui.findings import FindingsPanel
    from gui.new_record import NewRecordDialog
    from storage.drafts import Draft
    from storage.export import ExportOptions

SEARCH_DEBOUNCE_MS = 250
# Kind, title, status, parties, date, amount, due, overdue, last note.
COLUMN_WIDTHS = (72, 300, 118, 130, 86, 190, 66, 68, 200)
# The least each part of the window keeps, so that it stays usable at 1024×700.
NAVIGATION_MIN_WIDTH = 170
SEARCH_MIN_WIDTH = 180
DETAIL_MIN_WIDTH = 290
COMBO_MIN_CHARACTERS = 7  # a quick filter shrinks to this, and shows its longest when opened
# Of the splitter: navigation, records, details.
SPLITTER_SHARES = (220, 860, 500)
TRASH_BANNER_STYLE = "background: #fff4ce; color: #3d3100; padding: 6px; border-radius: 3px;"
# A cancelled export stops at its next batch; closing does not wait longer than this.
EXPORT_STOP_WAIT_MS = 5000
APP_NAME = "Accords"


class MainWindow(QMainWindow):
    """One window over one database."""

    databaseRequested = Signal(str)  # the user chose another database file to open
    restoreRequested = Signal(object)  # a storage.backup.Backup to put in place of this database
    # Once, after the first paint, when the number of records shown is known.
    opened = Signal(int)

    def __init__(self, service: AccordsService, settings: Settings | None = None) -> None:
        super().__init__()
        self.service = service
        self.settings = settings or Settings()
        self.history = EditHistory(self)
        self.records = WindowRecordsModel(service, self)
        self.navigation = NavigationModel(service, self)
        self._recount = LatestOnly(self)  # the navigation counts, after edits
        self._counted_within = QuickFilters()  # the filters the navigation counts pass
        self._view_query = RecordQuery()
        self._export: ExportJob | None = None
        self._starting = True  # while constructing: the detail pane waits for the first paint
        self._detail_after_paint: int | None = None  # the record it then shows
        self._announced = False  # whether `opened` was emitted
        self._last_row = 0  # the current row's position, kept when the list changes under it
        self.setWindowTitle(f"{APP_NAME} — {Path(service.db.location).name}")
        self._build_widgets()
        # Counts, the record's details, checks and offers wait for the first frame.
        self.first_paint = FirstPaint(self.table.viewport())
        self.first_paint.painted.connect(self._after_first_paint)
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._restore()
        self._starting = False

    # -- construction -----------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.nav_view = QTreeView()
        self.nav_view.setModel(self.navigation)
        self.nav_view.setHeaderHidden(True)
        self.nav_view.setAccessibleName("Navigation")
        self.nav_view.expandAll()
        self._build_filters()
        self._build_table()
        self.detail = DetailPane(self.service, self.history)
        self.detail.setAccessibleName("Record details")
        self.trash_banner = QLabel()
        self.trash_banner.setAccessibleName("Trash notice")
        self.trash_banner.setWordWrap(True)
        self.trash_banner.setStyleSheet(TRASH_BANNER_STYLE)
        self.trash_banner.hide()
        self._lay_out()
        # Both panels (and Qt Charts) are built when first shown, not at start.
        self._dashboard: DashboardView | None = None
        self._findings: FindingsPanel | None = None
        self.dashboard_dock = self._dock("Dashboard", "dashboardDock", lambda: self.dashboard)
        self.findings_dock = self._dock(
            "Data-quality findings", "findingsDock", lambda: self.findings
        )
        self.tabifyDockWidget(self.dashboard_dock, self.findings_dock)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, summaries, notes and quotes")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search")
        self.search.installEventFilter(self)  # Escape clears it
        self.filter_bar = FilterBar()
        self.match_count = QLabel()
        self.match_count.setAccessibleName("Match count")
        self.status_filter = self._combo(
            "Status filter", "Any status", [*dict.fromkeys([*DocumentStatus, *PledgeStatus])]
        )
        self.kind_filter = self._combo("Kind filter", "Any kind", [k.value for k in RecordKind])
        self.party_filter = QComboBox()
        self.party_filter.setAccessibleName("Party filter")
        self.party_filter.addItem("Any party", "")
        for party in self.service.records.list_parties():
            self.party_filter.addItem(party.name, party.slug)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setModel(self.records)
        self.table.setAccessibleName("Records")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(STATUS, StatusBadgeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for section, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(section, width)
        # Before sorting is enabled, or Qt sorts by the first column, descending.
        header.setSortIndicator(TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        self.search.setMinimumWidth(SEARCH_MIN_WIDTH)
        filters.addWidget(self.search, 3)
        for combo in (self.kind_filter, self.status_filter, self.party_filter):
            # Not as wide as the longest party name: the search box needs the room more.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_MIN_CHARACTERS)
            filters.addWidget(combo, 1)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addLayout(filters)
        # Below the filters, not beside them: the row above keeps its room at 1024 px.
        found = QHBoxLayout()
        found.addWidget(self.filter_bar, 1)
        found.addWidget(self.match_count, 0, Qt.AlignmentFlag.AlignTop)
        centre_layout.addLayout(found)
        centre_layout.addWidget(self.table)
        self.nav_view.setMinimumWidth(NAVIGATION_MIN_WIDTH)
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)
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
        self.splitter.setSizes(list(SPLITTER_SHARES))
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

            self._dashboard = DashboardView(self.service, self.history)
            self._dashboard.filterRequested.connect(self.show_query)
            self.dashboard_dock.setWidget(self._dashboard)
        return self._dashboard

    @property
    def findings(self) -> FindingsPanel:
        """The data-quality findings panel, built on first use."""
        if self._findings is None:
            from gui.findings import FindingsPanel

            self._findings = FindingsPanel(self.service, self.history)
            self._findings.recordRequested.connect(self.show_record_slug)
            self._findings.countChanged.connect(
                lambda count: self.findings_label.setText(
                    plural(count, "finding", "findings") if count else ""
                )
            )
            self.findings_dock.setWidget(self._findings)
        return self._findings

    def _combo(self, name: str, anything: str, values: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(anything, "")
        for value in values:
            combo.addItem(label(value), value)
        return combo

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.open_action = self._action(
            file_menu, "&Open database…", QKeySequence.StandardKey.Open, self._choose_database
        )
        self.export_action = self._action(
            file_menu, "&Export CSV…", QKeySequence("Ctrl+E"), self.show_export_dialog
        )
        self._action(
            file_menu,
            "Print / Export &PDF brief…",
            QKeySequence.StandardKey.Print,
            self.show_brief_dialog,
        )
        self._action(file_menu, "&Backups…", None, self.show_backups)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit_menu = menu.addMenu("&Edit")
        self.undo_action = self.history.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.history.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(
            edit_menu,
            "New &document…",
            QKeySequence("Ctrl+N"),
            lambda: self.show_new_record(RecordKind.DOCUMENT),
        )
        self._action(
            edit_menu,
            "New &pledge…",
            QKeySequence("Ctrl+Shift+N"),
            lambda: self.show_new_record(RecordKind.PLEDGE),
        )
        self.delete_action = self._action(
            edit_menu, "&Delete", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        self.restore_action = self._action(
            edit_menu, "&Restore from trash", QKeySequence("Ctrl+Shift+R"), self.restore_selected
        )
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find", QKeySequence.StandardKey.Find, self.focus_search)

        view_menu = menu.addMenu("&View")
        self.columns_menu = view_menu.addMenu("&Columns")
        self.columns_menu.aboutToShow.connect(lambda: self._fill_columns_menu(self.columns_menu))
        view_menu.addAction(self._toggle("Show &navigation", self.nav_view))
        view_menu.addAction(self._toggle("Show &details", self.detail_box))
        view_menu.addSeparator()
        dashboard = self.dashboard_dock.toggleViewAction()
        dashboard.setShortcut(QKeySequence("Ctrl+Shift+D"))
        view_menu.addAction(dashboard)
        findings = self.findings_dock.toggleViewAction()
        findings.setShortcut(QKeySequence("Ctrl+Shift+K"))
        view_menu.addAction(findings)

        help_menu = menu.addMenu("&Help")
        self._action(help_menu, "&About Accords", None, self.show_about)

    def _action(self, menu: QMenu, text: str, keys: object, slot: object) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, QKeySequence.StandardKey | QKeySequence):
            action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _toggle(self, text: str, widget: QWidget) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(widget.setVisible)
        return action

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Record count")
        self.path_label = QLabel(self.service.db.location)
        self.path_label.setAccessibleName("Database path")
        self.findings_label = QLabel()
        self.findings_label.setAccessibleName("Data-quality findings")
        self.statusBar().addPermanentWidget(self.findings_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)

    def _connect(self) -> None:
        self.nav_view.selectionModel().currentChanged.connect(self._on_navigation)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_timer.timeout.connect(self.apply_filters)
        for combo in (self.status_filter, self.kind_filter, self.party_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.records.countChanged.connect(self._show_count)
        self.filter_bar.clearRequested.connect(self.clear_filter)
        self.records.countFailed.connect(self._count_failed)
        self.records.modelReset.connect(self._reselect)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.history.changed.connect(self._after_edit)
        self.history.failed.connect(lambda text: msgbox.inform(self, APP_NAME, text, warning=True))
        self.detail.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.detail.recordRequested.connect(self.show_record_slug)
        self.detail.readOnlyChanged.connect(self._show_read_only)
        self.trash_banner.linkActivated.connect(lambda _link: self.restore_shown())
        self.history.ratesChanged.connect(lambda: self.statusBar().showMessage("Saved", 4000))

    # -- filtering --------------------------------------------------------------------

    def quick_filters(self) -> QuickFilters:
        """The search text and the quick filters, as set above the table."""
        return QuickFilters(
            text=self.search.text(),
            kind=self.kind_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            party=self.party_filter.currentData() or "",
        )

    def current_query(self) -> RecordQuery:
        """The query the view, quick filters and search describe."""
        query = within(self._view_query, self.quick_filters())
        order = self.records.query
        return replace(query, sort=order.sort, descending=order.descending)

    def apply_filters(self) -> None:
        """Show the records the current view, filters and search select."""
        self.search_timer.stop()
        self.records.set_query(self.current_query())
        if self.first_paint.done and self.quick_filters() != self._counted_within:
            self.navigation.forget_counts()  # until they count what each entry would list
            self.recount_in_background()  # the counts beside the views follow the filters

    def active_filters(self) -> list[tuple[str, str]]:
        """(key for ``clear_filter``, words) for every filter the list has now."""
        names = {
            str(self.party_filter.itemData(i)): self.party_filter.itemText(i)
            for i in range(1, self.party_filter.count())
        }
        shown = [(f"view:{part}", words) for part, words in view_parts(self._view_query, names)]
        quick = self.quick_filters()
        if quick.text.strip():
            shown.append(("search", f"Search “{quick.text.strip()}”"))
        for key, combo in self._quick_combos().items():
            if combo.currentIndex() > 0:
                shown.append((key, f"{key.capitalize()}: {combo.currentText()}"))
        return shown

    def _quick_combos(self) -> dict[str, QComboBox]:
        return {"kind": self.kind_filter, "status": self.status_filter, "party": self.party_filter}

    def clear_filter(self, key: str) -> None:
        """Clear one filter (a key of ``active_filters``), or all of them (``CLEAR_ALL``)."""
        combos = self._quick_combos()
        if key in combos:
            combos[key].setCurrentIndex(0)  # applies the filters
        elif key == "search":
            self.search.clear()
            self.apply_filters()
        elif key.startswith("view:"):
            self._show_view(cleared(self._view_query, key.removeprefix("view:")))
        elif key == CLEAR_ALL:
            for combo in combos.values():
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._show_view(RecordQuery())

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
        self.restore_action.setEnabled(query.trash)
        self.delete_action.setEnabled(not query.trash)

    def show_query(self, query: RecordQuery) -> None:
        """Show exactly the records a query selects (from a chart click or a finding)."""
        for combo in (self.kind_filter, self.status_filter, self.party_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._leave_navigation()
        self._set_view_query(query)
        self.apply_filters()
        if query.event is not None:  # a month of the timeline: say what the list holds
            self.statusBar().showMessage(f"Showing records {query.event.describe()}", 15000)

    def show_record_slug(self, slug: str) -> None:
        """Show and select one record by its id."""
        try:
            record_id = self.service.records.resolve_id(slug)
        except AccordsError as error:
            msgbox.inform(self, APP_NAME, str(error), warning=True)
            return
        self.show_query(RecordQuery(ids=frozenset({record_id}), include_provisions=True))
        self.select_record(record_id)

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

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
        searching = bool(self.search.text().strip())
        if self.records.count_pending:
            self.count_label.setText("Counting records…")
            self.match_count.setText("Counting…" if searching else "")
            self.filter_bar.show_filters(self.active_filters(), found=None)
            return
        self.count_label.setText(plural(total, "record", "records"))
        self.match_count.setText(f"{total:,} found" if searching else "")
        self.filter_bar.show_filters(self.active_filters(), found=total)
        if not self._announced and self.first_paint.done:
            self._announced = True
            self.opened.emit(total)

    def _count_failed(self, text: str) -> None:
        self.count_label.setText("")
        self.match_count.setText("")
        self.statusBar().showMessage(f"Could not count the records: {text}", 8000)

    # -- selection and detail ---------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.records.row_at(row).id for row in rows]

    def select_record(self, record_id: int) -> bool:
        """Make a record the current row, if it is in the fetched rows."""
        row = self.records.row_of(record_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.records.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not self._starting:
            self._show_detail_now()  # it was current already, waiting for the first paint
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = current.data(RECORD_ID_ROLE) if current.isValid() else None
        if current.isValid():
            self._last_row = current.row()
        if self._starting:  # read the record after the first paint; leave the pane empty
            self._detail_after_paint = record_id
            if record_id is None:
                self.detail.show_record(None)
            else:
                self.detail.show_waiting()
            return
        self._detail_after_paint = None
        self.detail.flush_edits()
        self.detail.show_record(record_id)

    def _show_detail_now(self) -> None:
        """Show the record that waits for the first paint, if one does."""
        if self._detail_after_paint is not None:
            record_id, self._detail_after_paint = self._detail_after_paint, None
            self.detail.show_record(record_id)

    def _reselect(self) -> None:
        """After the list changed (a search, a filter, a view, an edit, a delete): keep the
        record shown if it is still listed, else show the listed record nearest to where it
        was, else nothing: the pane never shows a record the table does not list."""
        shown = self.detail.current_record()
        if shown is not None and self.select_record(shown.id):
            return
        if self.records.rowCount():
            row = min(self._last_row, self.records.rowCount() - 1)
            self.select_record(self.records.row_at(row).id)
        elif shown is not None:
            self._on_current_row(QModelIndex(), QModelIndex())

    def _show_read_only(self, reason: str) -> None:
        """Say above the pane why the record cannot be edited, with the way out."""
        if reason:
            self.trash_banner.setText(f'{reason} <a href="restore">Restore it</a>')
        self.trash_banner.setVisible(bool(reason))

    def restore_shown(self) -> None:
        """Bring the record the pane shows back from the trash (undoable)."""
        shown = self.detail.current_record()
        if shown is not None and shown.row.deleted:
            restore = DeleteRecordsCommand(self.service, self.history, [shown.id], restore=True)
            self._perform(restore)

    # -- actions ----------------------------------------------------------------------

    def _after_first_paint(self) -> None:
        """Everything the first frame did not wait for: counts, details, checks, offers."""
        resume_collection()
        self.records.count_later()
        self.recount_in_background()
        run_in_background(
            self,
            self.service.records.prepare_details,
            lambda _: self._show_detail_now(),
            lambda _: self._show_detail_now(),  # the read will then say what went wrong
        )
        self._show_count(self.records.total)
        self.offer_drafts()
        self.check_in_background()
        self.backup_if_due_in_background()

    def backup_if_due_in_background(self) -> None:
        """Take the daily backup on opening if the newest is more than a day old (or there is
        none), on a worker thread: a large file takes seconds to copy and verify."""
        if self.service.db.path is not None:
            run_in_background(
                self, self.service.db.backup_if_due, self._backed_up_on_opening, self._backup_failed
            )

    def _backed_up_on_opening(self, backup: Backup | None) -> None:
        if backup is not None:
            logger.info("Took the daily backup of %s: %s", self.service.db.location, backup.path)

    def _backup_failed(self, text: str) -> None:
        logger.warning("The daily backup of %s failed: %s", self.service.db.location, text)
        self.statusBar().showMessage(f"The daily backup failed: {text}", 30000)

    def check_in_background(self) -> None:
        """Check a large database page by page after the first paint (small ones were checked
        before opening), and say so at once if it is damaged."""
        path = self.service.db.path
        if path is None or not path.exists() or path.stat().st_size <= QUICK_CHECK_BYTES:
            return
        run_in_background(self, self.service.db.check_pages, self._report_damage)

    def _report_damage(self, reason: str | None) -> None:
        if reason is None:
            return
        msgbox.inform(
            self,
            APP_NAME,
            f"{self.service.db.location} {reason}. Restore a backup with File > Backups…: the "
            "damaged file is then kept aside unchanged.",
            warning=True,
        )

    def offer_drafts(self) -> None:
        """After a crash, offer to save the notes that were being typed."""
        from storage.drafts import DraftStore

        drafts = DraftStore(self.service.db.location).pending()
        if not drafts:
            return
        count = len(drafts)
        msgbox.ask(
            self,
            "Recover unsaved notes",
            f"Accords closed before {plural(count, 'note', 'notes')} you were typing "
            "could be saved. Recover them? Nothing saved since will be overwritten: a note "
            "changed in the meantime gets the draft as a new note.",
            lambda yes: self.recover_drafts(drafts) if yes else self._discard(drafts),
            yes="Recover",
            no="Discard",
        )

    def recover_drafts(self, drafts: list[Draft]) -> None:
        """Save each draft, then forget it."""
        from storage.drafts import recover

        recovered: set[int] = set()
        saved = 0  # notes, not records: two drafts of one record are two notes
        for draft in drafts:
            try:
                note = recover(self.service, draft)
            except AccordsError as error:
                msgbox.inform(self, "Recover unsaved notes", str(error), warning=True)
                continue
            recovered.add(note.record_id)
            saved += 1
            draft.path.unlink(missing_ok=True)
        if recovered:
            self.history.changed.emit(recovered)
            self.statusBar().showMessage(
                f"Recovered {plural(saved, 'unsaved note', 'unsaved notes')}", 8000
            )

    def _discard(self, drafts: list[Draft]) -> None:
        for draft in drafts:
            draft.path.unlink(missing_ok=True)

    def show_new_record(self, kind: RecordKind) -> NewRecordDialog:
        """Open the New document / New pledge dialog (non-modal)."""
        from gui.new_record import NewRecordDialog

        parties = [p.name for p in self.service.records.list_parties()]
        dialog = NewRecordDialog(kind, parties, self)
        dialog.created.connect(self._create)
        dialog.open()
        return dialog

    def _create(self, kind: RecordKind, fields: dict[str, object]) -> None:
        command = CreateRecordCommand(self.service, self.history, kind, fields)
        if self._perform(command) and command.record_id is not None:
            self.select_record(command.record_id)

    def delete_selected(self) -> None:
        """Move the selected records to the trash (undoable)."""
        if ids := self.selected_ids():
            self._perform(DeleteRecordsCommand(self.service, self.history, ids))

    def restore_selected(self) -> None:
        """Bring the selected records back from the trash (undoable)."""
        if ids := self.selected_ids():
            self._perform(DeleteRecordsCommand(self.service, self.history, ids, restore=True))

    def _perform(self, command: object) -> bool:
        try:
            self.history.perform(command)  # type: ignore[arg-type]
        except AccordsError as error:
            msgbox.inform(self, APP_NAME, str(error), warning=True)
            return False
        return True

    @property
    def recounting(self) -> bool:
        """Whether the navigation counts are being made (after the first paint or an edit)."""
        return self._recount.running

    def recount_in_background(self) -> None:
        """Refresh the navigation counts without holding up the window (one count at a
        time: edits made while one runs are counted by the next). With a search or quick
        filter set, each view counts what clicking it lists: its records that pass them."""
        quick = self._counted_within = self.quick_filters()
        queries = {key: within(query, quick) for key, query in self.navigation.queries()}
        count = self.service.records.count_records

        def each_count() -> dict[str, int]:
            return {key: count(query) for key, query in queries.items()}

        work = each_count if quick else self.service.figures.navigation_counts  # grouped: faster
        self._recount.ask(work, lambda counts: self._apply_counts(quick, counts))

    def _apply_counts(self, quick: QuickFilters, counts: dict[str, int]) -> None:
        if quick == self.quick_filters():  # else they count what the entries no longer list
            self.navigation.apply_counts(counts)

    def _after_edit(self, _record_ids: set[int]) -> None:
        self.records.reload()
        self.recount_in_background()
        self.statusBar().showMessage("Saved", 4000)

    def show_export_dialog(self) -> ExportDialog:
        """Open the Export CSV dialog (non-modal)."""
        from gui.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.settings,
            current=self.current_query(),
            selected_ids=frozenset(self.selected_ids()),
            parent=self,
        )
        dialog.chosen.connect(self.start_export)
        dialog.open()
        return dialog

    def start_export(self, target: Path, options: ExportOptions) -> ExportJob:
        """Write an export on a worker thread, with progress and cancel."""
        from gui.export_dialog import ExportJob, ExportProgress

        job = ExportJob(self.service, target, options)
        ExportProgress(job, self)
        self._export = job
        job.start()
        return job

    def show_brief_dialog(self) -> BriefDialog:
        """Open the Print / Export PDF dialog for the current record or filter (non-modal)."""
        from gui.brief import BriefDialog

        shown = self.detail.current_record()
        dialog = BriefDialog(
            current_record_id=shown.id if shown else None,
            current_query=self.current_query(),
            folder=Path(folder) if (folder := self.settings.get(opt.EXPORT_FOLDER)) else None,
            parent=self,
        )
        dialog.chosen.connect(self._write_brief)
        dialog.open()
        return dialog

    def _write_brief(self, target: Path, options: BriefOptions) -> None:
        from gui.brief import write_options

        try:
            pages = write_options(self.service, target, options)
        except (AccordsError, OSError) as error:
            msgbox.inform(self, "Print brief", str(error), warning=True)
            return
        self.settings.set(opt.EXPORT_FOLDER, str(target.parent))
        self.statusBar().showMessage(f"Wrote {plural(pages, 'page', 'pages')} to {target}", 8000)

    def show_backups(self) -> BackupsDialog:
        """Open File > Backups… (non-modal)."""
        from gui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.service, self)
        dialog.restoreRequested.connect(self.restoreRequested.emit)
        dialog.open()
        return dialog

    def _choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        # Beside the file open now: the one the user is most likely to want is next to it.
        current = self.service.db.path
        folder = (
            str(current.parent)
            if current is not None
            else self.settings.get(opt.LAST_DATABASE_FOLDER) or str(data_folder())
        )
        dialog = QFileDialog(
            self,
            "Open database",
            folder,
            "Accords databases (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.fileSelected.connect(self._database_chosen)
        dialog.open()

    def _database_chosen(self, path: str) -> None:
        self.settings.set(opt.LAST_DATABASE_FOLDER, str(Path(path).parent))
        self.databaseRequested.emit(path)

    def show_about(self) -> None:
        """Version, data folder and database path."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("accords")
        except PackageNotFoundError:
            release = "development"
        msgbox.inform(
            self,
            "About Accords",
            f"Accords {release}\n\nTrack signed agreements and pledges, their status, notes "
            f"and the sentences they come from.\n\nData folder: {data_folder()}\n"
            f"Database: {self.service.db.location}",
        )

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        self._fill_columns_menu(menu)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def _fill_columns_menu(self, menu: QMenu) -> None:
        menu.clear()
        header = self.table.horizontalHeader()
        for section, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setEnabled(section != TITLE)
            action.toggled.connect(lambda shown, s=section: header.setSectionHidden(s, not shown))

    # -- settings ---------------------------------------------------------------------

    def _restore(self) -> None:
        place(self, self.settings.get(opt.WINDOW_GEOMETRY))
        self.restoreState(self.settings.get(opt.WINDOW_STATE))
        splitter = self.settings.get(opt.SPLITTER_STATE)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.get(opt.TABLE_HEADER_STATE)
        if not header.isEmpty():
            # Quietly: the view would sort (and load) at once; the order is applied below.
            self.table.horizontalHeader().blockSignals(True)
            self.table.horizontalHeader().restoreState(header)
            self.table.horizontalHeader().blockSignals(False)
        for combo, option in (
            (self.status_filter, opt.LAST_STATUS_FILTER),
            (self.kind_filter, opt.LAST_KIND_FILTER),
            (self.party_filter, opt.LAST_PARTY_FILTER),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(self.settings.get(option)), 0))
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(self.settings.get(opt.LAST_SEARCH))
        self.search.blockSignals(False)
        header_view = self.table.horizontalHeader()
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
        self.settings.set(opt.LAST_SEARCH, self.search.text())
        self.settings.set(opt.LAST_STATUS_FILTER, self.status_filter.currentData() or "")
        self.settings.set(opt.LAST_KIND_FILTER, self.kind_filter.currentData() or "")
        self.settings.set(opt.LAST_PARTY_FILTER, self.party_filter.currentData() or "")
        self.settings.set(opt.DETAIL_TAB, self.detail.currentIndex())
        self.settings.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.search.text()
        ):
            self.clear_filter("search")
            return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.first_paint.cancel()  # closed before its first paint: nothing is to follow it
        self.detail.flush_edits()
        if self._export is not None and self._export.worker_thread.isRunning():
            self._export.cancel()
            self._export.worker_thread.quit()
            self._export.worker_thread.wait(EXPORT_STOP_WAIT_MS)
        self.save_settings()
        # Work waiting its turn would read a database about to be closed, and reads running
        # (figures take seconds on a large file) are stopped rather than waited for.
        self._recount.stop()
        for panel in (self._dashboard, self._findings):
            if panel is not None:
                panel.stop()
        wait_for_background_work(nudge=self.service.db.interrupt_reads)
        thaw()
        super().closeEvent(event)
