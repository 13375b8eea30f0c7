"""The detail pane follows the table: it shows the current record, waits for the first
paint to read it, and never shows a record the table does not list."""

# A search or filter moves the current row under the user's typing; reading and laying out
# the record it lands on cost more than the new page itself (about 20 ms against 6 at
# 250,000 records), so the pane is emptied at once and filled after the table's next paint:
# the keystroke repaints the table first, and no frame shows a record the table no longer
# lists. A turn of the event loop was not enough: the view lays out its rows on a timer of
# its own, so the record was read before the table painted.

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QTimer

from gui.detail import DetailPane
from gui.window.records_model import RECORD_ID_ROLE
from gui.window.table import RecordsTable

# Should the table not paint though shown (a window system that skips covered windows), the
# record is shown this much later; the paint comes long before on a machine under load.
PAINT_WAIT_MS = 1000


class DetailFollower(QObject):
    """Keeps the detail pane on the table's current record, and a current record as the
    list changes under it (a search, a filter, a view, an edit, a delete)."""

    def __init__(self, table: RecordsTable, detail: DetailPane, parent: QObject) -> None:
        super().__init__(parent)
        self._table = table
        self._records = table.records
        self._detail = detail
        self.starting = True  # until the window is built: the pane waits for the first paint
        self._after_paint: int | None = None  # the record it then shows
        self._last_row = 0  # the current row's position, kept when the list changes under it
        self._list_changed = False  # the current row moves because the list changed under it
        self._awaiting_paint = False  # the record waiting is shown after the table paints
        table.viewport().installEventFilter(self)
        self._records.modelReset.connect(self._reselect)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)

    def select(self, record_id: int) -> bool:
        """Make a record the current row, if it is in the fetched rows."""
        row = self._records.row_of(record_id)
        if row is None:
            return False
        self._table.selectionModel().setCurrentIndex(
            self._records.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not self.starting and not self._list_changed:
            self.show_waiting()  # it was current already, waiting for the first paint
        return True

    def show_waiting(self) -> None:
        """Show the record that waits for the first paint, if one does."""
        if self._after_paint is not None:
            record_id, self._after_paint = self._after_paint, None
            self._detail.show_record(record_id)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = current.data(RECORD_ID_ROLE) if current.isValid() else None
        if current.isValid():
            self._last_row = current.row()
        if self.starting:  # read the record after the first paint; leave the pane empty
            self._after_paint = record_id
            if record_id is None:
                self._detail.show_record(None)
            else:
                self._detail.show_waiting()
            return
        if self._list_changed and record_id is not None:
            self._show_after_this_turn(record_id)
            return
        self._after_paint = None
        self._detail.flush_edits()
        self._detail.show_record(record_id)

    def _show_after_this_turn(self, record_id: int) -> None:
        shown = self._detail.current_record()
        if shown is None or shown.id != record_id:
            self._detail.show_pending()
        self._after_paint = record_id
        if self._table.viewport().isVisible() and not self._table.window().isMinimized():
            self._awaiting_paint = True
            QTimer.singleShot(PAINT_WAIT_MS, self.show_waiting)
        else:
            QTimer.singleShot(0, self.show_waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the table's paint, show the record waiting for it (once the paint is done)."""
        if event.type() == QEvent.Type.Paint and self._awaiting_paint:
            self._awaiting_paint = False
            QTimer.singleShot(0, self.show_waiting)
        return False

    def _reselect(self) -> None:
        """Keep the record shown if it is still listed, else show the listed record nearest
        to where it was, else nothing."""
        self._list_changed = not self.starting
        try:
            self._follow_the_list()
        finally:
            self._list_changed = False

    def _follow_the_list(self) -> None:
        shown = self._detail.current_record()
        if shown is not None and self.select(shown.id):
            return
        if self._records.rowCount():
            row = min(self._last_row, self._records.rowCount() - 1)
            self.select(self._records.row_at(row).id)
        elif shown is not None:
            self._on_current_row(QModelIndex(), QModelIndex())
