"""Background work: its result comes back on the GUI thread, whatever thread did the work."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThreadPool

from gui.background import run_in_background


def test_the_result_and_the_failure_are_delivered_on_the_gui_thread(qtbot) -> None:
    """``done`` and ``failed`` run on the GUI thread though the work ran on a worker (the
    relay they are connected to lives in the GUI thread, and the worker only emits)."""
    asker = QObject()
    worked_on: list[threading.Thread] = []
    told_on: list[threading.Thread] = []

    def work() -> int:
        worked_on.append(threading.current_thread())
        return 1

    def broken() -> int:
        raise ValueError("no")

    run_in_background(asker, work, lambda _r: told_on.append(threading.current_thread()))
    run_in_background(
        asker, broken, lambda _r: None, lambda _t: told_on.append(threading.current_thread())
    )
    qtbot.waitUntil(lambda: len(told_on) == 2)
    assert QThreadPool.globalInstance().waitForDone(2000)
    assert worked_on != [threading.main_thread()]
    assert told_on == [threading.main_thread()] * 2
