"""The dashboard's figures computed on worker threads; only the newest request's are shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from gui.background import LatestOnly, figures_pool
from gui.dashboard.status_history import history_lines
from storage.insight import Figures, Grouping, StatusHistory, TotalsFigures
from storage.insight.figures import compute_figures, compute_totals
from storage.service import AccordsService

Asked = tuple[int | None, int]  # (refresh number or None for totals alone, totals number)


class FigureRelay(QObject):
    """Brings each figure from the worker thread to the dashboard as soon as it is ready,
    with the numbers of the refresh that asked for it."""

    ready = Signal(object, str, object)  # (generation, totals generation), name, figure


def _as_drawn(name: str, value: object) -> object:
    """A figure as the dashboard draws it: the status history also as lines, made on the
    worker thread because thousands of points take a while."""
    if name == "history" and isinstance(value, StatusHistory):
        return value, history_lines(value)
    return value


class FigureScheduler(QObject):
    """Asks for the figures on worker threads and tells which to show.

    Each request takes a number, and a result that a newer request has overtaken is
    dropped. Totals are also asked for alone (grouping, currency, rates), so they have
    their own numbers. One computation of each runs at a time: requests made meanwhile
    wait, and only the newest is kept.
    """

    figureReady = Signal(str, object)  # a figure of the newest refresh: "quick", "history", …
    totalsReady = Signal(object)  # TotalsFigures of the newest totals request
    finished = Signal()  # every figure of a request is in (all of them, or the totals)
    failed = Signal(str)  # a plain message: the newest request failed

    def __init__(self, service: AccordsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.stopped = False
        self.figures: Figures | None = None  # the newest computed in full
        self._generation = self._shown_generation = 0
        self._totals_generation = self._shown_totals_generation = 0
        self.figures_work = LatestOnly(self, figures_pool())
        self.totals_work = LatestOnly(self, figures_pool())
        # Owned here, not parented: a figure arriving after the view is gone still finds it.
        self.relay = FigureRelay()
        self.relay.ready.connect(self._partial)

    @property
    def busy(self) -> bool:
        """True while figures asked for are still being computed."""
        return (
            self._shown_generation != self._generation
            or self._shown_totals_generation != self._totals_generation
        )

    def refresh(self, by: Grouping, reporting: str | None, timeline_limit: int) -> None:
        """Compute every figure again."""
        self._generation += 1
        self._totals_generation += 1
        asked = (self._generation, self._totals_generation)
        service, ready = self.service, self.relay.ready
        self.figures_work.ask(
            lambda: compute_figures(
                service,
                by,
                reporting,
                timeline_limit,
                lambda name, value: ready.emit(asked, name, _as_drawn(name, value)),
            ),
            lambda figures: self._computed(asked, figures),
            lambda text: self._failed(asked, text),
        )

    def refresh_totals(self, by: Grouping, reporting: str | None) -> None:
        """Compute pledged against delivered again."""
        self._totals_generation += 1
        asked: Asked = (None, self._totals_generation)
        service = self.service
        self.totals_work.ask(
            lambda: compute_totals(service, by, reporting),
            lambda figures: self._totals_computed(asked[1], figures),
            lambda text: self._failed(asked, text),
        )

    def stop(self) -> None:
        """Start no more computations and hand on nothing more (the database is closing)."""
        self.stopped = True
        self.figures_work.stop()
        self.totals_work.stop()

    def _partial(self, asked: tuple[int, int], name: str, value: Any) -> None:
        """Hand on one figure of the newest refresh as soon as it is ready."""
        generation, totals_generation = asked
        if not isValid(self) or self.stopped or generation != self._generation:
            return  # the dashboard is gone or closing, or the figure was overtaken
        if name != "totals":
            self.figureReady.emit(name, value)
        elif totals_generation == self._totals_generation:
            self._shown_totals_generation = totals_generation
            self.totalsReady.emit(value)

    def _computed(self, asked: tuple[int, int], figures: Figures) -> None:
        """Every figure is in, each already handed on by ``_partial``."""
        if asked[0] != self._generation:
            return
        self._shown_generation = asked[0]
        self.figures = figures
        self.finished.emit()

    def _totals_computed(self, totals_generation: int, figures: TotalsFigures) -> None:
        if totals_generation != self._totals_generation:
            return
        self._shown_totals_generation = totals_generation
        self.totalsReady.emit(figures)
        self.finished.emit()

    def _failed(self, asked: Asked, text: str) -> None:
        generation, totals_generation = asked
        if generation is not None and generation != self._generation:
            return
        if generation is None and totals_generation != self._totals_generation:
            return
        if generation is not None:
            self._shown_generation = generation
        if totals_generation == self._totals_generation:
            self._shown_totals_generation = totals_generation
        self.failed.emit(text)
