"""The records table model: pages fetched from the service on demand, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from gui.contrast import ensure_contrast
from storage.i18n import N_, _, format_day
from storage.records.data import RecordRow
from storage.records.query import RecordQuery, SortKey
from storage.records.rows import RowList
from storage.schema.enums import label
from storage.service import PAGE_SIZE, AccordsService

Index = QModelIndex | QPersistentModelIndex
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class RecordColumn:
    """A table column: its header and the storage sort order it maps to, if any."""

    title: str
    sort: SortKey | None


COLUMNS: tuple[RecordColumn, ...] = (
    RecordColumn(N_("Kind"), SortKey.KIND),
    RecordColumn(N_("Title"), SortKey.TITLE),
    RecordColumn(N_("Status"), SortKey.STATUS),
    RecordColumn(N_("Parties"), None),
    RecordColumn(N_("Date"), SortKey.DATE),
    RecordColumn(N_("Amount"), SortKey.AMOUNT),
    RecordColumn(N_("Due"), SortKey.DUE),
    RecordColumn(N_("Overdue"), None),
    RecordColumn(N_("Last note"), None),
)
KIND, TITLE, STATUS, PARTIES, DATE, AMOUNT, DUE, OVERDUE, LAST_NOTE = range(len(COLUMNS))
COLUMN_TIPS = {
    PARTIES: N_("Parties to a document; donor → recipient for a pledge (not sortable)"),
    DATE: N_("Signed (documents) or announced (pledges)"),
    AMOUNT: N_("Pledged amount or quantity, with the qualifier the source uses"),
    DUE: N_("Due period: a day, month, quarter or year"),
    OVERDUE: N_("Due period passed without full delivery (not sortable)"),
    LAST_NOTE: N_("First line of the most recently edited note (not sortable)"),
}
OVERDUE_COLOUR = QColor("#b3261e")


class RecordsModel(QAbstractTableModel):
    """Rows of the current query, fetched a keyset page at a time as the view scrolls."""

    countChanged = Signal(int)  # how many records the current query matches

    def __init__(self, service: AccordsService, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._query = RecordQuery()
        self._rows = RowList(today=service.clock())
        self._cursor: tuple[Any, int] | None = None
        self._total = 0
        self._counted_records: RecordQuery | None = None  # the query _total counted

    # -- the query --------------------------------------------------------------------

    @property
    def query(self) -> RecordQuery:
        """The filter and order being shown."""
        return self._query

    @property
    def total(self) -> int:
        """How many records match, whether fetched yet or not."""
        return self._total

    @property
    def counted(self) -> RecordQuery | None:
        """The records ``total`` counts (the query without its order), if counted at all."""
        return self._counted_records

    def order_by(self, sort: SortKey, *, descending: bool) -> None:
        """Remember an order for the next load, without loading."""
        self._query = replace(self._query, sort=sort, descending=descending)

    def set_query(self, query: RecordQuery) -> None:
        """Show another filter or order, starting from its first page."""
        # Another order of records already counted: the count stands.
        self._query = query
        self.reload(recount=unordered(query) != self._counted_records)

    def reload(self, *, recount: bool = True, rows: int = PAGE_SIZE) -> None:
        """Fetch the first page again, e.g. after an edit; at least ``rows`` rows, so that a
        refresh keeps the rows a user scrolled to."""
        self.beginResetModel()
        page = self._service.records.list_page(self._query, limit=max(rows, PAGE_SIZE))
        self._rows = page.rows
        self._cursor = page.cursor
        if page.cursor is None:
            self._total = len(self._rows)
            self._counted_records = unordered(self._query)
        elif recount:
            self._total = self._service.records.count_records(self._query)
            self._counted_records = unordered(self._query)
        self.endResetModel()
        self.countChanged.emit(self._total)

    def set_total(self, total: int) -> None:
        """Take a count of the current query made elsewhere, e.g. on a worker thread."""
        self._total = total
        self._counted_records = unordered(self._query)
        self.countChanged.emit(total)

    def row_at(self, row: int) -> RecordRow:
        """The record shown on a row."""
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        """The row showing a record, if it has been fetched."""
        return self._rows.position_of(record_id)

    # -- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._cursor is None:
            return
        page = self._service.records.list_page(self._query, limit=PAGE_SIZE, after=self._cursor)
        if not page.rows:
            self._cursor = None
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._cursor = page.cursor
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section].title)
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = COLUMN_TIPS.get(section)
                return _(tip) if tip else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == RECORD_ID_ROLE:
            return self._rows.record_id(index.row())
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and row.overdue:
            # Readable on the table's background in any theme; the column's text says it too.
            base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
            return QBrush(ensure_contrast(OVERDUE_COLOUR, base))
        if role == STATUS_ROLE:
            return row.status
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.descending):
            return  # e.g. the view announcing the order it starts with
        self.set_query(replace(self._query, sort=key, descending=descending))


def _display(row: RecordRow, column: int) -> str:
    if column == KIND:
        return label(row.kind)
    if column == TITLE:
        return row.title
    if column == STATUS:
        return label(row.status)
    if column == PARTIES:
        return row.parties
    if column == DATE:
        return format_day(row.key_date) if row.key_date else ""
    if column == AMOUNT:
        return row.amount_label
    if column == DUE:
        return str(row.due) if row.due else ""
    if column == OVERDUE:
        return _("Overdue") if row.overdue else ""
    return _first_line(row.last_note)


def _tooltip(row: RecordRow, column: int) -> str | None:
    if column == AMOUNT and row.is_bound:
        return _("The source gives this figure as a bound, not an exact value.")
    if column == AMOUNT and row.amount is not None and row.currency is None:
        return _("The currency is given only as a symbol; several currencies use it.")
    if column in (TITLE, LAST_NOTE):
        return _display(row, column) or None
    return None


def _first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def unordered(query: RecordQuery) -> RecordQuery:
    """The query with its order left out: two queries equal here select the same records."""
    return replace(query, sort=RecordQuery().sort, descending=False)
