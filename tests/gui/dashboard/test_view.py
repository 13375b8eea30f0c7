"""The dashboard view: figures computed off the GUI thread, refreshes coalesced and dropped."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from gui.background import run_in_background, wait_for_background_work
from gui.dashboard import DashboardView, scheduling
from gui.findings import FindingsPanel
from gui.mainwindow import MainWindow
from gui.operations.records import DeleteRecordsCommand
from gui.settings import Settings
from gui.undo import UndoStack
from storage.errors import AccordsError
from storage.insight import figures
from storage.service import AccordsService
from tests.gui.dashboard.figures import (
    COUNT_TO_FIFTY_MILLION,
    SEPTEMBER,
    computed,
)


def test_figures_are_computed_off_the_gui_thread_which_stays_responsive(
    qtbot: QtBot, service: AccordsService, held: tuple[threading.Event, list[threading.Thread]]
) -> None:
    release, threads = held
    view = DashboardView(service)
    qtbot.addWidget(view)
    view.refresh()
    assert view.busy and view.state.text() == "Computing…"
    ticks: list[bool] = []
    QTimer.singleShot(0, lambda: ticks.append(True))
    qtbot.waitUntil(lambda: ticks == [True], timeout=2000)  # the event loop runs meanwhile
    assert view.overdue_panel.model.rowCount() == 0 and view.busy
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        release.set()
    assert threads and threading.main_thread() not in threads
    assert view.overdue_panel.model.rowCount() == 1 and view.state.text() == ""


def test_refreshes_asked_during_a_computation_make_one_more_not_one_each(
    qtbot: QtBot, service: AccordsService, held: tuple[threading.Event, list[threading.Thread]]
) -> None:
    """A burst of edits while the figures are computed costs one more computation, which
    sees the last of them."""
    release, threads = held
    view = DashboardView(service)
    qtbot.addWidget(view)
    relay = view.scheduler.relay
    view.refresh()
    service.records.delete_record(service.records.resolve_id(SEPTEMBER))  # the one overdue record
    for _edit in range(4):
        view.refresh()
    release.set()
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
    assert wait_for_background_work()
    assert len(threads) == 2
    assert view.overdue_panel.model.rowCount() == 0  # the newest figures are the ones shown
    assert (
        view.scheduler.relay is relay
    )  # none made, or kept, for the refreshes replaced while waiting


def test_figures_never_hold_up_the_windows_background_work(
    qtbot: QtBot, service: AccordsService, held: tuple[threading.Event, list[threading.Thread]]
) -> None:
    """Counts and record details run on the global pool; figures that take seconds at scale
    run on their own, so even a one-thread global pool answers while they compute."""
    release, threads = held
    pool = QThreadPool.globalInstance()
    most = pool.maxThreadCount()
    pool.setMaxThreadCount(1)
    try:
        view = DashboardView(service)
        qtbot.addWidget(view)
        view.refresh()
        qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)  # computing, held
        answers: list[int] = []
        holder = QObject()
        run_in_background(holder, service.records.count_records, answers.append)
        qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
        assert view.busy and answers == [service.records.count_records()]
    finally:
        release.set()
        pool.setMaxThreadCount(most)


def test_a_closed_window_starts_no_refresh_that_was_waiting(
    qtbot: QtBot,
    service: AccordsService,
    tmp_path: Path,
    held: tuple[threading.Event, list[threading.Thread]],
) -> None:
    """The waiting refresh would read a database about to be closed."""
    release, threads = held
    window = MainWindow(service, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    view = window.dashboard
    view.refresh()
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)
    view.refresh()  # waits for the held one
    threading.Timer(0.2, release.set).start()
    window.close()  # waits for the running computation
    for _turn in range(3):
        QCoreApplication.processEvents()
    assert wait_for_background_work()
    assert len(threads) == 1


def test_after_a_slow_read_a_burst_of_changes_is_read_once_when_they_pause(
    qtbot: QtBot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale a read takes seconds: edits made in a row wait for a pause, then one read."""
    calls: list[object] = []
    real = scheduling.compute_figures
    monkeypatch.setattr(scheduling, "compute_figures", lambda *a: calls.append(a) or real(*a))
    monkeypatch.setattr(view.scheduler.figures_work, "last_seconds", 5.0)
    for _edit in range(3):
        view.undo_stack.figuresChanged.emit()
        assert view.waiting_for_quiet and not view.busy
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        pass
    assert len(calls) == 1 and not view.waiting_for_quiet

    view.undo_stack.figuresChanged.emit()
    view.stop()  # the window is closing: nothing more is read
    assert not view.waiting_for_quiet


def test_a_slow_read_also_waits_for_the_windows_own_background_work(
    qtbot: QtBot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's counts after an edit must not share the machine with seconds of figures."""
    monkeypatch.setattr(view.scheduler.figures_work, "last_seconds", 5.0)
    release = threading.Event()
    holder = QObject()
    run_in_background(holder, lambda: release.wait(10), lambda _done: None)
    with qtbot.waitSignal(view._quiet.timeout, timeout=5000):
        view.undo_stack.figuresChanged.emit()
    assert view.waiting_for_quiet and not view.busy  # the pause came, and it waits again
    release.set()
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        pass


def test_each_figure_is_shown_as_soon_as_it_is_ready(
    qtbot: QtBot, service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale the figures take seconds each: the quick ones must not wait for the slowest."""
    release = threading.Event()
    real = figures.overdue_list

    def slow_overdue(service: AccordsService) -> list[Any]:
        assert release.wait(10)
        return real(service)

    monkeypatch.setattr(figures, "overdue_list", slow_overdue)
    view = DashboardView(service)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(
        lambda: bool(
            view.status_panel.status_rows
            and view.history_panel.history_series
            and view.totals_panel.total_rows
        ),
        timeout=5000,
    )
    assert view.busy and view.state.text() == "Computing…"
    assert view.overdue_panel.model.rowCount() == 0
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        release.set()
    assert view.overdue_panel.model.rowCount() == 1 and not view.busy


def test_figures_arriving_after_the_dashboard_is_gone_are_dropped(
    qapp: QApplication,
    service: AccordsService,
    held: tuple[threading.Event, list[threading.Thread]],
) -> None:
    """A window closed while its figures were computed must not have them drawn into it."""
    release, threads = held
    view = DashboardView(service)
    view.refresh()
    shiboken6.delete(view)
    release.set()
    assert wait_for_background_work()
    for _turn in range(3):
        QCoreApplication.processEvents()  # the figures' signals are delivered, and dropped
    assert len(threads) == 1


def test_closing_the_window_stops_the_figures_instead_of_waiting_for_them(
    qtbot: QtBot,
    service: AccordsService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_dialogs: list[str],
) -> None:
    """At scale the figures take seconds: closing interrupts their reads, says nothing of
    it, and never waits them out."""
    started = threading.Event()
    outcomes: list[object] = []

    def slow_overdue(service: AccordsService) -> list[Any]:
        started.set()
        try:
            with service.db.reading() as session:  # counting to fifty million: seconds
                outcomes.append(session.execute(text(COUNT_TO_FIFTY_MILLION)).scalar())
        except AccordsError as error:
            outcomes.append(error)
            raise
        return []

    monkeypatch.setattr(figures, "overdue_list", slow_overdue)
    window = MainWindow(service, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.dashboard_dock.show()
    assert started.wait(10)
    window.close()
    for _turn in range(3):
        QCoreApplication.processEvents()
    assert len(outcomes) == 1 and "interrupted" in str(outcomes[0])
    assert no_dialogs == []


def test_only_the_newest_refresh_is_shown(qtbot: QtBot, service: AccordsService) -> None:
    view = DashboardView(service)
    qtbot.addWidget(view)
    shown: list[object] = []
    view.refreshed.connect(lambda: shown.append(view.figures))
    view.refresh()
    view.refresh()
    assert wait_for_background_work()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    QCoreApplication.processEvents()  # the other, dropped, result comes through too
    assert len(shown) == 1 and not view.busy
    assert view.overdue_panel.model.rowCount() == 1


def test_a_grouping_chosen_during_a_refresh_is_not_undone_by_it(
    qtbot: QtBot, view: DashboardView, held: tuple[threading.Event, list[threading.Thread]]
) -> None:
    release, _threads = held
    groupings: list[set[str]] = []
    view.refreshed.connect(lambda: groupings.append({row.by for row in view.totals_panel.rows}))
    view.refresh()  # by donor, held back until released
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.grouping.setCurrentIndex(view.grouping.findData("category"))
    assert view.busy  # the full refresh is still out
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        release.set()
    assert wait_for_background_work()
    QCoreApplication.processEvents()
    assert groupings == [{"category"}, {"category"}]  # never the donor totals it computed
    assert not view.busy
    assert any(row.label == "Humanitarian" for row in view.totals_panel.total_rows)


def test_a_failed_refresh_is_reported_and_ends_computing(
    qtbot: QtBot, view: DashboardView, no_dialogs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise AccordsError("The database is busy.")

    monkeypatch.setattr(scheduling, "compute_figures", fail)
    view.refresh()
    qtbot.waitUntil(lambda: no_dialogs == ["The database is busy."], timeout=5000)
    assert not view.busy and view.state.text() == ""
    assert view.overdue_panel.model.rowCount() == 1  # what was shown stays


def test_hidden_views_compute_nothing_until_shown(service: AccordsService) -> None:
    """Built hidden (as in the window), neither view reads the records before it is shown."""
    assert DashboardView(service).overdue_panel.model.rowCount() == 0
    assert FindingsPanel(service, UndoStack()).model.rowCount() == 0


def test_hidden_views_refresh_when_shown(qtbot: QtBot, service: AccordsService) -> None:
    undo_stack = UndoStack()
    panel = FindingsPanel(service, undo_stack)
    view = DashboardView(service)
    qtbot.addWidget(panel)
    qtbot.addWidget(view)
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.refresh()
    computed(qtbot, view, view.refresh)
    findings, overdue = panel.model.rowCount(), view.overdue_panel.model.rowCount()
    assert overdue == 1
    undo_stack.perform(
        DeleteRecordsCommand(service, undo_stack, [service.records.resolve_id(SEPTEMBER)])
    )
    view.invalidate()
    assert panel.model.rowCount() == findings  # hidden: nothing recomputed yet
    assert view.overdue_panel.model.rowCount() == overdue
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.show()
    assert panel.model.rowCount() < findings
    computed(qtbot, view, view.show)
    assert view.overdue_panel.model.rowCount() == 0
