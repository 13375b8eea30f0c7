"""The main window's records model: while the window starts, the total is counted off-thread."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal

from gui.background import run_in_background
from gui.window.records_model import RecordsModel, unordered
from storage.records.query import RecordQuery
from storage.service import PAGE_SIZE, AccordsService

logger = logging.getLogger("accords")


class WindowRecordsModel(RecordsModel):
    """A ``RecordsModel`` whose first count waits for the window to be painted.

    Until ``count_later()`` (the window calls it after its first paint), loading a full
    first page does not count the matches on the GUI thread: ``count_pending`` is true and
    ``total`` is not yet the count. ``count_later()`` then counts on a worker thread, and
    ``countChanged`` brings the total when it arrives. Afterwards the model counts as a
    ``RecordsModel`` does, and also whenever ``total`` does not count the records shown.
    """

    countFailed = Signal(str)  # the deferred count could not be made

    def __init__(self, service: AccordsService, parent: Any = None) -> None:
        super().__init__(service, parent)
        self._deferring = True
        self._pending = False  # total does not count the records shown (yet)
        self._counting: RecordQuery | None = None  # the records a worker is counting

    @property
    def count_pending(self) -> bool:
        """Whether the number of matches is still to come."""
        return self._pending and self.canFetchMore()

    def reload(self, *, recount: bool = True, rows: int = PAGE_SIZE) -> None:
        records = unordered(self.query)
        awaited = not recount and records == self._counting
        count = not awaited and (recount or records != self.counted)
        if count:
            self._counting = None  # what a worker brings back now is out of date
        self._pending = awaited or (count and self._deferring)
        super().reload(recount=count and not self._deferring, rows=rows)
        if not self.canFetchMore():  # the page holds every match: the total is exact
            self._pending = False
            self._counting = None

    def count_later(self) -> None:
        """Stop deferring counts, and make the pending one, if any, on a worker thread."""
        self._deferring = False
        if not self._pending or self._counting is not None:
            return
        query = self.query
        self._counting = unordered(query)
        run_in_background(
            self,
            lambda: self._service.records.count_records(query),
            lambda total: self._apply_count(query, total),
            self._count_failed,
        )

    def _apply_count(self, query: RecordQuery, total: int) -> None:
        records = unordered(query)
        if self._counting != records:
            return  # other records were loaded meanwhile, and counted then
        self._counting = None
        self._pending = False
        self.set_total(total)

    def _count_failed(self, text: str) -> None:
        self._counting = None
        logger.warning("Counting the records failed: %s", text)
        self.countFailed.emit(text)
