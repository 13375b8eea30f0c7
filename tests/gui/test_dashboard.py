"""The dashboard and findings panel on the seeded database: clicks ask for the right records."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCharts import QChart, QScatterSeries
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from gui.background import run_in_background, wait_for_background_work
from gui.dashboard import DashboardView, scheduling
from gui.dashboard.charts import day_ms, save_chart
from gui.dashboard.theme import is_dark
from gui.findings import FindingsModel, FindingsPanel
from gui.mainwindow import MainWindow
from gui.operations.records import DeleteRecordsCommand
from gui.settings import Settings
from gui.undo import UndoStack
from storage.errors import AccordsError
from storage.insight import figures, timeline
from storage.records.query import Measure, RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLEDGE = frozenset({"pledge"})
FIXED_TODAY = date(2026, 11, 28)
# A read that takes seconds in SQL alone, as the figures do at scale.
COUNT_TO_FIFTY_MILLION = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
    "SELECT count(*) FROM c"
)


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


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


def computed(qtbot: QtBot, view: DashboardView, trigger: Callable[[], object]) -> None:
    """Do something that recomputes figures, and wait until they are shown."""
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        trigger()
    assert not view.busy and view.state.text() == ""


def emitted(qtbot: QtBot, view: DashboardView, trigger: Callable[[], object]) -> RecordQuery:
    with qtbot.waitSignal(view.filterRequested, timeout=1000) as blocker:
        trigger()
    query = blocker.args[0]
    assert isinstance(query, RecordQuery)
    return query


def assert_true(value: object) -> None:
    assert value


def bar_index(view: DashboardView, position: int) -> int:
    """The bar-set index of the row at ``position`` (bars are added bottom-up)."""
    return len(view.totals_panel.total_rows) - 1 - position


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    assert view.totals_panel.model.rowCount() == 3
    assert view.overdue_panel.model.rowCount() == 1
    assert view.rates_panel.model.rowCount() == 1
    for model in (view.totals_panel.model, view.overdue_panel.model, view.rates_panel.model):
        qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    findings = FindingsModel()
    panel = FindingsPanel(service, UndoStack())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.refresh()
    findings.set_findings(panel.model.findings())
    assert findings.rowCount() > 0
    qtmodeltester.check(findings)  # type: ignore[no-untyped-call]


def test_a_donor_bar_asks_for_that_donors_pledges(qtbot: QtBot, view: DashboardView) -> None:
    assert [row.caption for row in view.totals_panel.total_rows] == ["Canada · $", "Canada · CAD"]
    index = bar_index(view, 1)
    query = emitted(
        qtbot, view, lambda: view.totals_panel.totals_sets["pledged"].clicked.emit(index)
    )
    cad = Measure(money=True, units=frozenset({"CAD"}))
    assert query == RecordQuery(donor="canada", measure=cad, kinds=PLEDGE)


def test_a_category_bar_asks_for_that_category(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    computed(qtbot, view, lambda: view.grouping.setCurrentIndex(view.grouping.findData("category")))
    position = next(
        i for i, row in enumerate(view.totals_panel.total_rows) if row.label == "Humanitarian"
    )
    query = emitted(
        qtbot,
        view,
        lambda: view.totals_panel.totals_sets["delivered"].clicked.emit(bar_index(view, position)),
    )
    cad = Measure(money=True, units=frozenset({"CAD"}))
    assert query == RecordQuery(category="humanitarian", measure=cad, kinds=PLEDGE)
    assert [r.slug for r in service.records.list_records(query)] == ["canada-assistance-since-2022"]


def test_a_currency_bar_asks_for_exactly_its_records(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    computed(qtbot, view, lambda: view.grouping.setCurrentIndex(view.grouping.findData("currency")))
    position = next(i for i, row in enumerate(view.totals_panel.total_rows) if row.unit == "$")
    query = emitted(
        qtbot,
        view,
        lambda: view.totals_panel.totals_sets["pledged"].clicked.emit(bar_index(view, position)),
    )
    assert [r.slug for r in service.records.list_records(query)] == [SEPTEMBER]


def test_the_reporting_currency_converts_and_says_what_it_left_out(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    assert view.reporting.findData("USD") == -1  # no rate, no pledge in USD yet
    view.rates_panel.rate_from.setText("cad")
    view.rates_panel.rate_to.setText("usd")
    view.rates_panel.rate_value.setText("0.7312")
    view.rates_panel.rate_source.setText("Bank of Canada")
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    assert [(r.from_currency, r.to_currency, r.rate) for r in service.rates.all()] == [
        ("CAD", "USD", Decimal("0.7312"))
    ]
    assert view.rates_panel.model.rowCount() == 1
    computed(qtbot, view, lambda: view.reporting.setCurrentIndex(view.reporting.findData("USD")))
    (money,) = view.totals_panel.total_rows
    assert money.pledged == Decimal("16086400000")
    assert view.totals_panel.model.index(0, 2).data() == "16,086,400,000 USD"
    assert "total excludes $700,000,000 (no rate for '$')" in view.totals_panel.note.text()
    assert "no rate for '$'" in view.totals_panel.model.index(0, 6).data()


def test_without_a_reporting_currency_the_note_says_bars_are_not_added(
    view: DashboardView,
) -> None:
    assert "not added" in view.totals_panel.note.text()
    assert "300,000 people" in view.totals_panel.note.text()


def test_a_status_bar_asks_for_that_status(qtbot: QtBot, view: DashboardView) -> None:
    assert view.status_panel.status_rows == ["signed", "announced", "committed", "delivered"]
    last = len(view.status_panel.status_rows) - 1
    query = emitted(
        qtbot, view, lambda: view.status_panel.status_sets["document"].clicked.emit(last)
    )
    assert query == RecordQuery(statuses=frozenset({"signed"}))
    query = emitted(
        qtbot, view, lambda: view.status_panel.status_sets["pledge"].clicked.emit(last - 2)
    )
    assert query == RecordQuery(statuses=frozenset({"committed"}))


def test_a_status_line_point_asks_for_that_status(qtbot: QtBot, view: DashboardView) -> None:
    line = view.history_panel.history_series["announced"]
    point = line.at(0)
    query = emitted(qtbot, view, lambda: line.clicked.emit(point))
    assert query == RecordQuery(statuses=frozenset({"announced"}))


def test_a_timeline_mark_asks_for_its_record(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    lane = next(
        i for i, lane in enumerate(view.timeline_panel.lanes) if lane.title.startswith("Drones")
    )
    announced = next(
        s
        for s in view.timeline_panel.timeline_series
        if isinstance(s, QScatterSeries) and s.name() == "Announced"
    )
    point = QPointF(day_ms(date(2025, 8, 24)), float(lane))
    query = emitted(qtbot, view, lambda: announced.clicked.emit(point))
    assert query == RecordQuery(ids=frozenset({service.records.resolve_id(SEPTEMBER)}))


def test_an_overdue_row_asks_for_its_record(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    index = view.overdue_panel.model.index(0, 0)
    assert index.data() == "Drones, ammunition and armored vehicles to be received in September"
    assert view.overdue_panel.model.index(0, 1).data() == "424"
    query = emitted(qtbot, view, lambda: view.overdue_panel.table.doubleClicked.emit(index))
    assert query == RecordQuery(ids=frozenset({service.records.resolve_id(SEPTEMBER)}))


def test_rates_are_edited_in_place_and_removed(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    model = view.rates_panel.model
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    computed(qtbot, view, lambda: assert_true(model.setData(model.index(0, 2), "0.75")))
    assert service.rates.all()[0].rate == Decimal("0.75")
    assert not model.setData(model.index(0, 2), "a lot")
    assert "Rate must be a number" in view.rates_panel.error.text()
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    assert service.rates.all() == [] and model.rowCount() == 0


def rates(service: AccordsService) -> list[tuple[int, str, str, Decimal, date, str]]:
    return [
        (r.id, r.from_currency, r.to_currency, r.rate, r.on_date, r.source)
        for r in service.rates.all()
    ]


def fill_rate_form(view: DashboardView, value: str, day: date) -> None:
    view.rates_panel.rate_from.setText("CAD")
    view.rates_panel.rate_to.setText("USD")
    view.rates_panel.rate_value.setText(value)
    view.rates_panel.rate_source.setText("BoC")
    view.rates_panel.rate_day.setDate(day)


def test_adding_a_rate_is_undone_and_redone_with_the_same_id(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    fill_rate_form(view, "0.7312", date(2026, 11, 2))
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    added = rates(service)
    assert [r[1:4] for r in added] == [("CAD", "USD", Decimal("0.7312"))]
    assert view.undo_stack.stack.undoText() == "Set rate CAD→USD"
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == [] and view.rates_panel.model.rowCount() == 0
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert rates(service) == added and view.rates_panel.model.rowCount() == 1


def test_a_rate_that_replaced_another_puts_it_back_on_undo(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    day = date(2026, 11, 2)
    service.rates.set("CAD", "USD", "0.70", day, "earlier")
    before = rates(service)
    fill_rate_form(view, "0.75", day)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    assert [r[3] for r in rates(service)] == [Decimal("0.75")]
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == before
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert [(r[0], r[3], r[5]) for r in rates(service)] == [(before[0][0], Decimal("0.75"), "BoC")]


def test_editing_and_removing_a_rate_are_undone(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    original = rates(service)
    model = view.rates_panel.model
    computed(qtbot, view, lambda: assert_true(model.setData(model.index(0, 3), "2026-10-30")))
    edited = rates(service)
    assert edited[0][4] == date(2026, 10, 30)
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    assert rates(service) == []
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == edited  # back under its own id, so the edit can be undone too
    computed(qtbot, view, view.undo_stack.stack.undo)
    assert rates(service) == original
    assert model.index(0, 3).data() == "2026-11-01"
    computed(qtbot, view, view.undo_stack.stack.redo)
    assert rates(service) == edited


def test_undoing_a_removal_keeps_a_rate_stored_since_for_that_day(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    view.rates_panel.table.selectRow(0)
    computed(qtbot, view, lambda: assert_true(view.rates_panel.remove_selected_rate()))
    service.rates.set("CAD", "USD", "0.80", date(2026, 11, 1), "typed again")
    with qtbot.waitSignal(view.undo_stack.failed) as failure:
        view.undo_stack.stack.undo()
    assert "was stored since; that one is kept" in failure.args[0]
    assert [(r[3], r[5]) for r in rates(service)] == [(Decimal("0.80"), "typed again")]


def test_a_bad_rate_in_the_form_is_explained(view: DashboardView) -> None:
    view.rates_panel.rate_from.setText("CAD")
    view.rates_panel.rate_to.setText("CAD")
    view.rates_panel.rate_value.setText("1")
    assert not view.rates_panel.add_rate()
    assert "two currencies" in view.rates_panel.error.text()


def test_charts_save_as_png_and_svg(qtbot: QtBot, view: DashboardView, tmp_path: Path) -> None:
    for name, panel in view.charts.items():
        png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
        assert panel.save(png)
        save_chart(panel.view, svg)
        image = QImage(str(png))
        assert not image.isNull() and image.width() > 100
        assert "<svg" in svg.read_text(encoding="utf-8")
    dialog = view.totals_panel.ask_save()
    # open(): shown window-modal and returned at once, without a nested event loop.
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    target = tmp_path / "chosen.svg"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    assert target.exists()


def test_charts_follow_a_dark_palette(qtbot: QtBot, view: DashboardView) -> None:
    assert view.totals_panel.chart.theme() == QChart.ChartTheme.ChartThemeLight
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    view.setPalette(dark)
    assert is_dark(view.palette())
    qtbot.waitUntil(
        lambda: view.totals_panel.chart.theme() == QChart.ChartTheme.ChartThemeDark, timeout=2000
    )
    for panel in view.charts.values():
        assert panel.chart.theme() == QChart.ChartTheme.ChartThemeDark
        assert panel.chart.titleBrush().color() == QColor("#eeeeee")
        for axis in panel.chart.axes():
            assert axis.labelsColor() == QColor("#eeeeee")


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


def test_many_events_are_drawn_as_counts_per_month(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    view.timeline_limit = 3
    computed(qtbot, view, view.refresh)
    counts = timeline(service, limit=3).counts
    assert view.timeline_panel.lanes == [] and counts
    names = [series.name() for series in view.timeline_panel.timeline_series]
    assert names == ["Signed", "Announced", "Due periods ending", "Status changes"]
    drawn = sum(s.at(i).y() for s in view.timeline_panel.timeline_series for i in range(s.count()))
    assert drawn == sum(c.total for c in counts)
    assert "counted per month" in view.timeline_panel.note.text()


def test_a_new_theme_redraws_without_reading_again(
    qtbot: QtBot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[object] = []
    monkeypatch.setattr(scheduling, "compute_figures", lambda *args: read.append(args))
    old_chart = view.history_panel.chart
    view.restyle()
    assert view.history_panel.chart is not old_chart and read == []
    assert not view.busy and "announced" in view.history_panel.history_series


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
