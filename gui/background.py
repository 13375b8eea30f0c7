"""Run storage work off the GUI thread; the result comes back to the GUI thread as a signal."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from storage.errors import AccordsError

logger = logging.getLogger("accords")


class Relay(QObject):
    """Lives in the GUI thread, so its signals are delivered there."""

    finished = Signal(object)
    failed = Signal(str)


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
            self._report(self.relay.failed, f"Background work failed: {error}")
        else:
            self._report(self.relay.finished, result)

    def _report(self, signal: Any, value: object) -> None:
        # RuntimeError: the window that asked has closed meanwhile; nobody is waiting.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


def run_in_background(
    parent: QObject,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[str], None] | None = None,
) -> Relay:
    """Call ``work()`` on the thread pool, then ``done(result)`` on the GUI thread.

    ``work`` must not touch widgets; it may use the service, whose calls each open their
    own session.
    """
    relay = Relay(parent)
    relay.finished.connect(done)
    relay.finished.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    if failed is not None:
        relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Task(work, relay))
    return relay


def wait_for_background_work(milliseconds: int = 10_000) -> bool:
    """Let running background work finish (before the database is closed)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
