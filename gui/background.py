"""Run storage work off the GUI thread; the result comes back to the GUI thread as a signal."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from shiboken6 import isValid

from storage.errors import AccordsError

logger = logging.getLogger("accords")


class Relay(QObject):
    """Lives in the GUI thread, so its signals are delivered there."""

    finished = Signal(object)
    failed = Signal(str)


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
            self._report(self.relay.failed, f"Background work failed: {error}")
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
) -> Relay:
    """Call ``work()`` on the thread pool, then ``done(result)`` on the GUI thread.

    ``work`` must not touch widgets; it may use the service, whose calls each open their
    own session. Nothing is called back once ``parent`` has been deleted.
    """
    relay = Relay()
    _relays.add(relay)

    def report(callback: Callable[[Any], None] | None, value: object) -> None:
        # Released on the next turn of the event loop, not while it is emitting.
        QTimer.singleShot(0, lambda: _relays.discard(relay))
        if callback is not None and isValid(parent):
            callback(value)

    relay.finished.connect(lambda result: report(done, result))
    relay.failed.connect(lambda text: report(failed, text))
    QThreadPool.globalInstance().start(_Task(work, relay))
    return relay


def wait_for_background_work(milliseconds: int = 10_000) -> bool:
    """Let running background work finish (before the database is closed)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
