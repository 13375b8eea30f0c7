"""The counts beside the navigation's views, made off the GUI thread after the first paint
and after every edit, and following the search and quick filters."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from gui.background import LatestOnly
from gui.window.filter_bar import QuickFilters, within
from gui.window.navigation import NavigationModel
from storage.service import AccordsService

# How long the search and quick filters stay unchanged before the views count what they list.
SETTLE_MS = 400


class NavigationCounts(QObject):
    """Counts each view's records, one count at a time: edits made while one runs are
    counted by the next. With a search or quick filter set, each view counts what clicking
    it lists: its records that pass them."""

    def __init__(
        self,
        service: AccordsService,
        navigation: NavigationModel,
        quick_filters: Callable[[], QuickFilters],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._navigation = navigation
        self._quick_filters = quick_filters
        self._work = LatestOnly(self)
        self._counted_within = QuickFilters()  # the filters the counts pass
        # Filters are counted once they have settled: counts started at every keystroke
        # of a search would run beside the table's own reads and slow each repaint.
        self._settled = QTimer(self)
        self._settled.setSingleShot(True)
        self._settled.setInterval(SETTLE_MS)
        self._settled.timeout.connect(self._count_settled_filters)

    @property
    def running(self) -> bool:
        """Whether the counts are being made (after the first paint or an edit), or wait
        for the filters to settle."""
        return self._work.running or self._settled.isActive()

    def recount(self) -> None:
        """Refresh the counts without holding up the window."""
        quick = self._counted_within = self._quick_filters()
        queries = {key: within(query, quick) for key, query in self._navigation.queries()}
        count = self._service.records.count_records

        def each_count() -> dict[str, int]:
            return {key: count(query) for key, query in queries.items()}

        work = each_count if quick else self._service.figures.navigation_counts  # grouped: faster
        self._work.ask(work, lambda counts: self._apply(quick, counts))

    def follow_filters(self) -> None:
        """Count again if the filters changed since the last count; until then the views
        show no counts, which would not say what each lists."""
        if self._quick_filters() != self._counted_within:
            self._navigation.forget_counts()
            self._settled.start()

    def _count_settled_filters(self) -> None:
        # Always: the counts were forgotten, even if the filters came back to those counted.
        self.recount()

    def stop(self) -> None:
        """Start no more counts (the database is closing)."""
        self._settled.stop()
        self._work.stop()

    def _apply(self, quick: QuickFilters, counts: dict[str, int]) -> None:
        if quick == self._quick_filters():  # else they count what the entries no longer list
            self._navigation.apply_counts(counts)
