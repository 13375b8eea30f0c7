"""Fixtures of the dashboard tests: a shown dashboard on the seeded service."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.dashboard import DashboardView, scheduling
from storage.service import AccordsService


@pytest.fixture
def view(qtbot: QtBot, service: AccordsService) -> Iterator[DashboardView]:
    shown = DashboardView(service)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    with qtbot.waitSignal(shown.refreshed, timeout=10_000):
        shown.show()  # the figures are computed on a worker thread
    yield shown
    assert wait_for_background_work()  # nothing may outlive the database
    shown.close()


@pytest.fixture
def held(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[threading.Event, list[threading.Thread]]]:
    """Full refreshes wait for the event given; the threads they run on are noted."""
    release = threading.Event()
    threads: list[threading.Thread] = []
    real = scheduling.compute_figures

    def slow(*args: Any) -> scheduling.Figures:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(*args)

    monkeypatch.setattr(scheduling, "compute_figures", slow)
    yield release, threads
    release.set()
    assert wait_for_background_work()
