"""The main window over a seeded database: table, search, filters, undo, export and settings."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.mainwindow import MainWindow
from gui.settings import Settings
from gui.window.navigation import NavigationModel
from gui.window.records_model import AMOUNT, TITLE, RecordsModel
from storage.records.query import EventFilter, RecordQuery
from storage.service import AccordsService
from tests.gui.listing import titles

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_records_and_navigation_models_pass_the_model_tester(qtmodeltester, service) -> None:
    """Both item models keep Qt's model contract."""
    records = RecordsModel(service)
    records.reload()
    qtmodeltester.check(records)
    navigation = NavigationModel(service)
    navigation.recount()
    qtmodeltester.check(navigation)


def test_table_shows_the_seeded_records(window: MainWindow) -> None:
    """All records: the four documents and four pledges of the article; provisions apart."""
    assert window.records.rowCount() == 8
    assert "Letter of Intent on the joint production of defense products in Canada and Ukraine" in (
        titles(window.records)
    )
    assert window.count_label.text() == "8 records"
    assert window.windowTitle() == "Accords — accords.sqlite3"


def test_search_narrows_the_table_after_the_debounce(qtbot, window: MainWindow) -> None:
    """Typing a word shows only the records that mention it, and how many matched."""
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "drones")
    assert titles(window.records) == [
        "Drones, ammunition and armored vehicles to be received in September"
    ]
    assert window.filters.match_count.text() == "1 found"


def test_ctrl_f_focuses_the_search_box(qtbot, window: MainWindow) -> None:
    """Find is on the standard shortcut."""
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filters.search.hasFocus()


def test_quick_filters_and_views_combine(window: MainWindow) -> None:
    """The pledges view with the 'announced' status filter shows the two announced pledges."""
    window.select_view("pledges")
    window.filters.status_filter.setCurrentIndex(window.filters.status_filter.findData("announced"))
    assert {window.records.row_at(r).status for r in range(window.records.rowCount())} == {
        "announced"
    }
    assert window.records.rowCount() == 2
    window.select_view("overdue")
    window.filters.status_filter.setCurrentIndex(0)
    assert [window.records.row_at(r).slug for r in range(window.records.rowCount())] == [SEPTEMBER]


def test_settings_are_restored_in_a_second_window(
    qtbot, service: AccordsService, settings: Settings
) -> None:
    """Geometry, splitter, columns, view, filters and search come back next time."""
    first = MainWindow(service, settings)
    qtbot.addWidget(first)
    first.show()
    # Sizes within the (small) offscreen screen, which restoreGeometry clamps to.
    first.resize(777, 555)
    first.splitter.setSizes([150, 700, 400])
    header = first.table.horizontalHeader()
    header.setSectionHidden(AMOUNT, True)
    header.moveSection(TITLE, 0)
    header.resizeSection(TITLE, 333)
    first.select_view("pledges")
    first.filters.kind_filter.setCurrentIndex(first.filters.kind_filter.findData("pledge"))
    first.filters.search.setText("September")
    first.apply_filters()
    sizes = first.splitter.sizes()
    geometry = first.geometry()
    first.close()

    second = MainWindow(service, settings)
    qtbot.addWidget(second)
    second.show()
    header = second.table.horizontalHeader()
    assert second.size() == geometry.size()
    assert second.splitter.sizes() == sizes
    assert header.isSectionHidden(AMOUNT)
    assert header.visualIndex(TITLE) == 0
    assert header.sectionSize(TITLE) == 333
    assert second.navigation.entry(second.nav_view.currentIndex()).key == "pledges"
    assert second.filters.kind_filter.currentData() == "pledge"
    assert second.filters.search.text() == "September"
    assert [second.records.row_at(r).slug for r in range(second.records.rowCount())] == [SEPTEMBER]
    second.close()


@pytest.mark.slow
def test_the_real_app_starts_on_a_new_database_and_quits_cleanly(
    tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    """`accords --db FILE` opens the window on the seeded records and exits 0 on SIGTERM,
    printing no Qt warning (bar the offscreen platform's notices)."""
    data = tmp_path / "data"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ACCORDS_DATA_DIR": str(data)}
    database = tmp_path / "e2e.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "gui.launch", "--db", str(database)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = data / "accords.log"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and "with 8 records" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert process.poll() is None, process.communicate()
        assert f"Window open on {database} with 8 records" in log.read_text(encoding="utf-8")
        process.send_signal(signal.SIGTERM)
        _out, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    ignored = [re.compile(pattern) for pattern in pytestconfig.getini("qt_log_ignore")]
    assert [line for line in errors.splitlines() if not any(p.search(line) for p in ignored)] == []
    assert (data / "settings.ini").exists()


def test_the_dashboards_rate_edits_are_on_the_windows_undo_stack(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    """Edit > Undo takes back a rate stored in the dashboard, like any other edit."""
    window.dashboard_dock.show()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: not dashboard.busy, timeout=10_000)
    dashboard.rates_panel.rate_from.setText("CAD")
    dashboard.rates_panel.rate_to.setText("EUR")
    dashboard.rates_panel.rate_value.setText("0.66")
    assert dashboard.rates_panel.add_rate()
    assert [r.to_currency for r in service.rates.all()] == ["EUR"]
    assert window.menus.undo_action.text().replace("&", "") == "Undo Set rate CAD→EUR"
    window.menus.undo_action.trigger()
    assert service.rates.all() == []
    qtbot.waitUntil(lambda: dashboard.rates_panel.model.rowCount() == 0)
    qtbot.waitUntil(lambda: not dashboard.busy, timeout=10_000)


def test_a_timeline_month_from_the_dashboard_lists_its_records_and_says_which(
    window: MainWindow, service: AccordsService
) -> None:
    month = EventFilter.month("announced", date(2025, 8, 1))
    query = RecordQuery(event=month, include_provisions=True)
    window.show_query(query)
    expected = {row.id for row in service.records.iter_records(query)}
    assert 0 < len(expected) < service.records.count_records(RecordQuery(include_provisions=True))
    shown = {window.records.row_at(row).id for row in range(window.records.rowCount())}
    assert shown == expected
    assert window.statusBar().currentMessage() == "Showing records announced in August 2025"


def test_a_provisions_document_link_goes_to_the_document(window: MainWindow) -> None:
    window.show_record_slug("customs-training")
    shown = window.detail.current_record()
    assert shown is not None and shown.row.slug == "customs-training"
    value, _marker = window.detail.overview_tab.facts["parent"]

    value.linkActivated.emit("customs-mutual-administrative-assistance")

    shown = window.detail.current_record()
    assert shown is not None and shown.row.slug == "customs-mutual-administrative-assistance"
    assert window.selected_ids() == [shown.id]
