"""The detail pane: tabs showing and editing the record selected in the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.detail.common import Context
from gui.detail.deliveries import DeliveriesTab
from gui.detail.notes import NotesTab
from gui.detail.overview import OverviewTab
from gui.detail.source import SourceTab
from gui.detail.status import StatusTab
from gui.history import EditHistory
from storage.errors import AccordsError
from storage.service import AccordsService
from storage.views import RecordDetail


class DetailPane(QTabWidget):
    """Overview, Status, Notes, Source and (for pledges) Deliveries of one record."""

    statusMessage = Signal(str)

    def __init__(
        self, service: AccordsService, history: EditHistory, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = Context(service, history, self)
        self._detail: RecordDetail | None = None
        self.setAccessibleName("Record details")
        self.setDocumentMode(True)
        self.overview_tab = OverviewTab(self._context, self)
        self.status_tab = StatusTab(self._context, self)
        self.notes_tab = NotesTab(self._context, self)
        self.source_tab = SourceTab(self._context, self)
        self.deliveries_tab = DeliveriesTab(self._context, self)
        self.addTab(self.overview_tab, "&Overview")
        self.addTab(self.status_tab, "S&tatus")
        self.addTab(self.notes_tab, "&Notes")
        self.addTab(self.source_tab, "So&urce")
        self.addTab(self.deliveries_tab, "&Deliveries")
        self.overview_tab.quoteRequested.connect(self.show_quote)
        self.notes_tab.statusMessage.connect(self.statusMessage.emit)
        history.changed.connect(self._records_changed)
        self._context.reload = self._reload
        self.show_record(None)

    def show_record(self, record_id: int | None) -> None:
        """Show a record (saving any note being typed first); None clears the pane."""
        self.flush_edits()
        detail = None
        if record_id is not None:
            try:
                detail = self._context.service.get_record(record_id)
            except AccordsError as error:
                self._context.refuse(error, "Cannot show the record")
        self._show(detail)

    def show_waiting(self) -> None:
        """Leave the pane empty while the record selected is read, e.g. until the window's
        first paint: the hint to select a record would be wrong meanwhile."""
        if self._detail is None:
            self.overview_tab.show_waiting()

    def current_record(self) -> RecordDetail | None:
        """The record shown, as last read."""
        return self._detail

    def flush_edits(self) -> None:
        """Save now whatever is being typed: the open note and any field not yet left."""
        self.notes_tab.save()
        self.overview_tab.commit_edits()

    def show_quote(self, annotation_id: int) -> None:
        """Switch to the Source tab with one quote selected and in view."""
        self.setCurrentWidget(self.source_tab)
        self.source_tab.emphasise(annotation_id)

    def _records_changed(self, record_ids: set[int]) -> None:
        if self._detail is not None and self._detail.id in record_ids:
            self._reload()

    def _reload(self) -> None:
        if self._detail is None:
            return
        try:
            detail = self._context.service.get_record(self._detail.id)
        except AccordsError as error:
            self.statusMessage.emit(f"Could not reload the record: {error}")
            return
        self._show(detail)

    def _show(self, detail: RecordDetail | None) -> None:
        self._detail = detail
        pledge = detail is not None and detail.row.kind == "pledge"
        self.setTabVisible(self.indexOf(self.deliveries_tab), pledge)
        for tab in (
            self.overview_tab,
            self.status_tab,
            self.notes_tab,
            self.source_tab,
            self.deliveries_tab,
        ):
            tab.set_record(detail)
