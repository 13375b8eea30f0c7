"""The figures on worker threads: only the newest request's are handed on, once each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.dashboard import scheduling
from gui.dashboard.scheduling import FigureScheduler
from storage.errors import AccordsError
from storage.insight import TotalsFigures
from storage.service import AccordsService


class Heard:
    """What a scheduler handed on."""

    def __init__(self, scheduler: FigureScheduler) -> None:
        self.figures: list[str] = []
        self.totals: list[TotalsFigures] = []
        self.finished = 0
        self.failures: list[str] = []
        scheduler.figureReady.connect(self.figure)
        scheduler.totalsReady.connect(self.totals.append)
        scheduler.finished.connect(self.finish)
        scheduler.failed.connect(self.failures.append)

    def figure(self, name: str, _value: object) -> None:
        self.figures.append(name)

    def finish(self) -> None:
        self.finished += 1


def settle() -> None:
    assert wait_for_background_work()
    for _turn in range(3):
        QCoreApplication.processEvents()


def test_a_refresh_overtaken_by_another_hands_on_nothing(
    qtbot: QtBot, service: AccordsService
) -> None:
    scheduler = FigureScheduler(service)
    heard = Heard(scheduler)
    scheduler.refresh("donor", None, 500)
    scheduler.refresh("category", None, 500)
    assert scheduler.busy
    qtbot.waitUntil(lambda: not scheduler.busy, timeout=10_000)
    settle()
    assert sorted(heard.figures) == ["history", "overdue", "quick", "timeline"]
    assert [figures.by for figures in heard.totals] == ["category"]
    assert heard.finished == 1 and heard.failures == []
    assert scheduler.figures is not None and scheduler.figures.totals.by == "category"


def test_totals_asked_alone_overtake_those_of_a_refresh(
    qtbot: QtBot, service: AccordsService
) -> None:
    scheduler = FigureScheduler(service)
    heard = Heard(scheduler)
    scheduler.refresh("donor", None, 500)
    scheduler.refresh_totals("currency", None)
    qtbot.waitUntil(lambda: not scheduler.busy, timeout=10_000)
    settle()
    assert [figures.by for figures in heard.totals] == ["currency"]
    assert heard.finished == 2  # the refresh's other figures, and the totals


def test_a_failure_is_handed_on_and_ends_computing(
    qtbot: QtBot, service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise AccordsError("The database is busy.")

    monkeypatch.setattr(scheduling, "compute_figures", fail)
    scheduler = FigureScheduler(service)
    heard = Heard(scheduler)
    scheduler.refresh("donor", None, 500)
    qtbot.waitUntil(lambda: heard.failures == ["The database is busy."], timeout=10_000)
    assert not scheduler.busy and heard.figures == []


def test_a_stopped_scheduler_starts_and_hands_on_nothing(service: AccordsService) -> None:
    scheduler = FigureScheduler(service)
    heard = Heard(scheduler)
    scheduler.refresh("donor", None, 500)
    scheduler.stop()
    scheduler.refresh("donor", None, 500)
    settle()
    assert heard.figures == [] and heard.totals == [] and heard.finished == 0
