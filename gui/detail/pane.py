"""The detail pane: tabs showing and editing the record selected in the main window."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from gui.detail.common import Context
from gui.detail.readonly import EditorLock
from gui.undo import UndoStack
from storage.errors import AccordsError
from storage.i18n import N_, _
from storage.records.data import RecordDetail
from storage.service import AccordsService

IN_THE_TRASH = N_("In the trash — restore it to edit.")

if TYPE_CHECKING:
    from gui.detail.deliveries import DeliveriesTab
    from gui.detail.notes import NotesTab
    from gui.detail.overview import OverviewTab
    from gui.detail.source import SourceTab
    from gui.detail.status import StatusTab


class LazyPage(QWidget):
    """A tab's place in the pane; the tab itself is built the first time it is needed.

    Every tab waits so: the others until the user opens them (or code asks for them); the
    Overview, shown at start, until the first record is, after the window's first frame (it
    shows an empty page meanwhile, as it does while a record is read; its modules and form
    were about 20 ms of the start).
    """

    def __init__(self, module: str, name: str, context: Context, parent: QWidget) -> None:
        super().__init__(parent)
        self._where = (module, name)
        self._context = context
        self.tab: Any = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> Any:
        """The tab, built now if it is not yet."""
        if self.tab is None:
            module, name = self._where
            tab_class = getattr(importlib.import_module(module), name)
            self.tab = tab_class(self._context, self)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.tab)
            self.tab.show()  # at once: a layout shows a new child only on the next turn
        return self.tab


class DetailPane(QTabWidget):
    """Overview, Status, Notes, Source and (for pledges) Deliveries of one record."""

    statusMessage = Signal(str)
    recordRequested = Signal(str)  # id (slug) of a record the user asked to go to
    # Why the record shown is read-only ("" when it can be edited), whenever that changes.
    readOnlyChanged = Signal(str)

    def __init__(
        self, service: AccordsService, undo_stack: UndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = Context(service, undo_stack, self)
        self._detail: RecordDetail | None = None
        self._lock = EditorLock()
        # Why no record can be edited at all (a viewer's database), "" when they can.
        self._database_read_only = ""
        self.setAccessibleName(_("Record details"))
        self.setDocumentMode(True)
        self._pages: dict[str, LazyPage] = {}
        for key, title, module, name in (
            ("overview", _("&Overview"), "gui.detail.overview", "OverviewTab"),
            ("status", _("S&tatus"), "gui.detail.status", "StatusTab"),
            ("notes", _("&Notes"), "gui.detail.notes", "NotesTab"),
            ("source", _("So&urce"), "gui.detail.source", "SourceTab"),
            ("deliveries", _("&Deliveries"), "gui.detail.deliveries", "DeliveriesTab"),
        ):
            self._pages[key] = LazyPage(module, name, self._context, self)
            self.addTab(self._pages[key], title)
        self.currentChanged.connect(self._shown)
        undo_stack.changed.connect(self._records_changed)
        undo_stack.partiesChanged.connect(self._reload)  # the record shown may name the party
        self._context.reload = self._reload
        self._show(None, build_overview=False)

    @property
    def overview_tab(self) -> OverviewTab:
        return self._tab("overview")  # type: ignore[no-any-return]

    @property
    def status_tab(self) -> StatusTab:
        return self._tab("status")  # type: ignore[no-any-return]

    @property
    def notes_tab(self) -> NotesTab:
        return self._tab("notes")  # type: ignore[no-any-return]

    @property
    def source_tab(self) -> SourceTab:
        return self._tab("source")  # type: ignore[no-any-return]

    @property
    def deliveries_tab(self) -> DeliveriesTab:
        return self._tab("deliveries")  # type: ignore[no-any-return]

    def show_record(self, record_id: int | None) -> None:
        """Show a record (saving any note being typed first); None clears the pane."""
        self.flush_edits()
        detail = None
        if record_id is not None:
            try:
                detail = self._context.service.records.get_record(record_id)
            except AccordsError as error:
                self._context.refuse(error, _("Cannot show the record"))
        self._show(detail)

    def show_waiting(self) -> None:
        """Leave the pane empty while the record selected is read, e.g. until the window's
        first paint: the hint to select a record would be wrong meanwhile."""
        overview = self._pages["overview"].tab
        if self._detail is None and overview is not None:  # unbuilt, its page is empty
            overview.show_waiting()

    def show_pending(self) -> None:
        """Empty the pane, saving any edit first, while another record is about to be read."""
        self.flush_edits()
        self._show(None)
        self.overview_tab.show_waiting()

    def current_record(self) -> RecordDetail | None:
        """The record shown, as last read."""
        return self._detail

    @property
    def read_only(self) -> str:
        """Why the record shown cannot be edited, or "" when it can."""
        return self._context.read_only

    def flush_edits(self) -> None:
        """Save now whatever is being typed: the open note and any field not yet left."""
        if self._pages["notes"].tab is not None:  # never built: nothing typed in it
            self.notes_tab.save()
        if self._pages["overview"].tab is not None:
            self.overview_tab.commit_edits()

    def show_quote(self, annotation_id: int) -> None:
        """Switch to the Source tab with one quote selected and in view."""
        self.setCurrentWidget(self.source_tab)
        self.source_tab.emphasise(annotation_id)

    # The pane's tabs stand for the pages that hold them, as if each tab were the page.

    def currentWidget(self) -> QWidget:
        page = super().currentWidget()
        if isinstance(page, LazyPage):
            tab: QWidget = page.ensure()
            return tab
        return page

    def setCurrentWidget(self, widget: QWidget) -> None:
        super().setCurrentWidget(self._page_of(widget))

    def indexOf(self, widget: QWidget) -> int:
        return super().indexOf(self._page_of(widget))

    def _page_of(self, widget: QWidget) -> QWidget:
        return next((page for page in self._pages.values() if page.tab is widget), widget)

    def _tab(self, key: str) -> Any:
        return self._built(self._pages[key])

    def _built(self, page: LazyPage) -> Any:
        if page.tab is None:
            tab = page.ensure()
            if page is self._pages["notes"]:
                tab.statusMessage.connect(self.statusMessage.emit)
            if page is self._pages["overview"]:
                tab.quoteRequested.connect(self.show_quote)
                tab.recordRequested.connect(self.recordRequested.emit)
            tab.set_record(self._detail)
            if self.read_only:
                self._lock.lock(tab)
        return page.tab

    def _shown(self, index: int) -> None:
        page = self.widget(index)
        if isinstance(page, LazyPage):
            self._built(page)

    def refresh(self, record_ids: frozenset[int] | None) -> None:
        """Read the record shown again if it is among ``record_ids`` (None: any record)."""
        if self._detail is not None and (record_ids is None or self._detail.id in record_ids):
            self._reload()

    def _records_changed(self, record_ids: set[int]) -> None:
        if self._detail is not None and self._detail.id in record_ids:
            self._reload()

    def _reload(self) -> None:
        if self._detail is None:
            return
        try:
            detail = self._context.service.records.get_record(self._detail.id)
        except AccordsError as error:
            self.statusMessage.emit(_("Could not reload the record: {error}").format(error=error))
            return
        self._show(detail)

    def _show(self, detail: RecordDetail | None, *, build_overview: bool = True) -> None:
        """Show ``detail`` in every tab built; the Overview is built for it unless
        ``build_overview`` is False (nothing was shown yet: the pane stays empty)."""
        self._detail = detail
        pledge = detail is not None and detail.row.kind == "pledge"
        self.setTabVisible(self.indexOf(self._pages["deliveries"]), pledge)
        self._lock.unlock()  # the tabs set their controls for the record as if editable
        for page in self._pages.values():
            if page.tab is not None:  # the others are given the record when built
                page.tab.set_record(detail)
        if build_overview and self._pages["overview"].tab is None:
            self._built(self._pages["overview"])
        self._follow_trash(detail)

    def set_database_read_only(self, reason: str) -> None:
        """Show every record read-only, saying ``reason`` (the database may only be read)."""
        self._database_read_only = reason
        self._show(self._detail, build_overview=self._pages["overview"].tab is not None)

    def _follow_trash(self, detail: RecordDetail | None) -> None:
        """A record in the trash is shown read-only, and says so, until it is restored; in a
        database this user may only read, every record is."""
        in_trash = _(IN_THE_TRASH) if detail is not None and detail.row.deleted else ""
        reason = self._database_read_only or in_trash
        if reason:
            for page in self._pages.values():
                if page.tab is not None:
                    self._lock.lock(page.tab)
        if reason != self._context.read_only:
            self._context.read_only = reason
            self.readOnlyChanged.emit(reason)
