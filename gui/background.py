"""Run storage work off the GUI thread; the result comes back to the GUI thread as a signal."""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from shiboken6 import isValid

from storage.errors import AccordsError
from storage.i18n import _

logger = logging.getLogger("accords")


class Relay(QObject):
    """Lives in the GUI thread, so its signals, connected to its own slots, are delivered
    there: the worker emits, the GUI thread calls back."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        parent: QObject,
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None,
    ) -> None:
        super().__init__()
        self._asker = parent
        self._done = done
        self._failed = failed
        self.finished.connect(self.report_result)
        self.failed.connect(self.report_failure)

    @Slot(object)
    def report_result(self, result: object) -> None:
        """The work's result, on the GUI thread."""
        self._report(self._done, result)

    @Slot(str)
    def report_failure(self, text: str) -> None:
        """The work's failure, on the GUI thread."""
        self._report(self._failed, text)

    def _report(self, callback: Callable[[Any], None] | None, value: object) -> None:
        # Released on the next turn of the event loop, not while it is emitting.
        QTimer.singleShot(0, self.release)
        if callback is not None and isValid(self._asker):
            callback(value)

    @Slot()
    def release(self) -> None:
        """Forget this relay: its work has reported."""
        _relays.discard(self)


# Relays whose work has not reported yet. A relay is no child of the object that asked:
# deleting that object (say, a window dropped right after its count came back) would then
# delete a relay with its deletion still pending, which crashes PySide.
_relays: set[Relay] = set()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except AccordsError as error:
            self._report(self.relay.failed, str(error))
        except Exception as error:  # a worker must always report back, whatever happened
            logger.exception("Background work failed")
            self._report(
                self.relay.failed, _("Background work failed: {error}").format(error=error)
            )
        else:
            self._report(self.relay.finished, result)

    def _report(self, signal: Any, value: object) -> None:
        # RuntimeError: the relay is gone (the app is quitting); nobody is waiting.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[str], None] | None = None,
    *,
    pool: QThreadPool | None = None,
) -> Relay:
    """Call ``work()`` on a thread pool (the global one by default), then ``done(result)``
    on the GUI thread.

    ``work`` must not touch widgets; it may use the service, whose calls each open their
    own session. Nothing is called back once ``parent`` has been deleted.
    """
    relay = Relay(parent, done, failed)
    _relays.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Task(work, relay))
    return relay


# The dashboard's figures, its totals and the findings each run one piece of work at a
# time (see LatestOnly); two threads let two of them run side by side.
FIGURES_THREADS = 2


@functools.cache
def figures_pool() -> QThreadPool:
    """The pool for the dashboard's figures and the findings: work that takes seconds at
    scale runs here, so it never queues ahead of the window's counts and record details on
    the global pool."""
    pool = QThreadPool()
    pool.setMaxThreadCount(FIGURES_THREADS)
    return pool


Ask = tuple[Callable[[], Any], Callable[[Any], None], Callable[[str], None] | None]


class LatestOnly:
    """Runs one piece of work at a time for a view (on ``pool``, the global one by default).

    Asked again while its work runs, it keeps only the newest ask and starts it when the
    running work has reported: a burst of edits costs one more computation, not one each.
    """

    def __init__(self, parent: QObject, pool: QThreadPool | None = None) -> None:
        self._parent = parent
        self._pool = pool
        self._running = False
        self._next: Ask | None = None
        self._stopped = False
        self._started = 0.0
        self.last_seconds = 0.0  # how long the last work took, from its ask to its report

    @property
    def running(self) -> bool:
        """True while work asked for has not reported."""
        return self._running

    def ask(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``work`` now, or once the running work has reported (replacing any ask
        already waiting); after ``stop()``, never."""
        if self._stopped:
            return
        if self._running:
            self._next = (work, done, failed)
            return
        self._running = True
        self._started = time.monotonic()
        run_in_background(
            self._parent,
            work,
            lambda result: self._reported(done, result),
            lambda text: self._reported(failed, text),
            pool=self._pool,
        )

    def stop(self) -> None:
        """Start nothing more, and report nothing more (the database is closing): the ask
        waiting is forgotten, and the running work, stopped or not, ends unheard."""
        self._stopped = True
        self._next = None

    def _reported(self, callback: Callable[[Any], None] | None, value: object) -> None:
        self._running = False
        self.last_seconds = time.monotonic() - self._started
        if callback is not None and not self._stopped:
            callback(value)
        # The callback may itself have asked again; then that ask runs and this one waits.
        if self._next is not None and not self._running:
            work, done, failed = self._next
            self._next = None
            self.ask(work, done, failed)


# While waiting with a nudge, how often it is given.
NUDGE_MS = 50


def wait_for_background_work(
    milliseconds: int = 10_000, *, nudge: Callable[[], None] | None = None
) -> bool:
    """Let running background work finish (before the database is closed).

    ``nudge``, if given, is called at once and every ``NUDGE_MS`` until the work is done:
    a closing window interrupts the reads with it, including reads started meanwhile.
    """
    pools = (figures_pool(), QThreadPool.globalInstance())
    deadline = time.monotonic() + milliseconds / 1000
    while True:
        if nudge is not None:
            nudge()
        step = NUDGE_MS if nudge is not None else milliseconds
        if all([pool.waitForDone(step) for pool in pools]):  # a list: wait on both pools
            return True
        if time.monotonic() >= deadline:
            return False
