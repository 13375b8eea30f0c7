"""The records table: its columns, their widths and menu, sorting, and what is selected."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from gui.scaling import scaled
from gui.window.badge import StatusBadgeDelegate
from gui.window.records import WindowRecordsModel
from gui.window.records_model import COLUMNS, KIND, STATUS, TITLE
from storage.i18n import _
from storage.schema.enums import RecordKind, label

# Kind, title, status, parties, date, amount, due, overdue, last note.
COLUMN_WIDTHS = (72, 300, 118, 130, 86, 190, 66, 68, 200)
KIND_PADDING = 16  # the cell's margins on both sides


class RecordsTable(QTableView):
    """A table over the window's records: rows selected whole, columns movable, hidden and
    shown from the header's menu, sorted by storage."""

    def __init__(self, records: WindowRecordsModel) -> None:
        super().__init__()
        self.records = records
        self.setModel(records)
        self.setAccessibleName(_("Records"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.setItemDelegateForColumn(STATUS, StatusBadgeDelegate(self))
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for section, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(section, scaled(width, self.font()))
        # A kind's name is one word, longer in some languages ("Зобовʼязання"): never cut it.
        longest = max(self.fontMetrics().horizontalAdvance(label(kind)) for kind in RecordKind)
        kind_width = scaled(COLUMN_WIDTHS[KIND], self.font())
        header.resizeSection(KIND, max(kind_width, longest + KIND_PADDING))
        # Before sorting is enabled, or Qt sorts by the first column, descending.
        header.setSortIndicator(TITLE, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.records.row_at(row).id for row in rows]

    def fill_columns_menu(self, menu: QMenu) -> None:
        """Fill a menu with a checkable entry per column (the title always shown)."""
        menu.clear()
        header = self.horizontalHeader()
        for section, column in enumerate(COLUMNS):
            action = menu.addAction(_(column.title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setEnabled(section != TITLE)
            action.toggled.connect(lambda shown, s=section: header.setSectionHidden(s, not shown))

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        self.fill_columns_menu(menu)
        menu.popup(self.horizontalHeader().mapToGlobal(position))
