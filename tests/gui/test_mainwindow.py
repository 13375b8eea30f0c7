"""The main window over a seeded database: table, search, filters, undo, export and settings."""

from __future__ import annotations

import csv
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QProgressDialog, QPushButton

from gui import msgbox
from gui.background import wait_for_background_work
from gui.brief import BriefOptions
from gui.crash import install_exception_hook, log_path, start_logging
from gui.mainwindow import MainWindow
from gui.navigation import NavigationModel
from gui.records_model import AMOUNT, TITLE, RecordsModel
from gui.settings import Settings
from storage.drafts import DraftStore
from storage.enums import RecordKind
from storage.insight import list_rates
from storage.query import EventFilter, RecordQuery
from storage.service import PAGE_SIZE, AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, service: AccordsService, settings: Settings) -> Iterator[MainWindow]:
    shown = MainWindow(service, settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()


def titles(model: RecordsModel) -> list[str]:
    return [model.row_at(row).title for row in range(model.rowCount())]


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


def test_sorting_by_amount_happens_in_storage(window: MainWindow) -> None:
    """Sorting the Amount column descending puts the largest pledge first."""
    window.table.sortByColumn(AMOUNT, Qt.SortOrder.DescendingOrder)
    assert window.records.row_at(0).slug == "canada-assistance-since-2022"
    window.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(window.records) == sorted(titles(window.records))


def test_the_table_fetches_more_rows_as_it_scrolls(qtbot, empty_service: AccordsService) -> None:
    """Only a page is loaded at first; scrolling to the end fetches the next."""
    for number in range(PAGE_SIZE + 40):
        empty_service.create_record(RecordKind.PLEDGE, {"title": f"Pledge {number:04d}"})
    model = RecordsModel(empty_service)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.total == PAGE_SIZE + 40
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 40
    assert not model.canFetchMore(QModelIndex())


def test_delete_moves_to_trash_and_undo_restores(
    window: MainWindow, service: AccordsService
) -> None:
    """Delete is soft and one undo step; Restore brings it back from the Trash view."""
    assert window.select_record(service.resolve_id(SEPTEMBER))
    window.menus.delete_action.trigger()
    assert service.count_records(RecordQuery(trash=True)) == 1
    assert window.menus.undo_action.text().replace("&", "") == "Undo Delete record"
    window.menus.undo_action.trigger()
    assert service.count_records(RecordQuery(trash=True)) == 0
    window.menus.redo_action.trigger()
    window.select_view("trash")
    assert window.records.rowCount() == 1
    window.select_record(service.resolve_id(SEPTEMBER))
    window.menus.restore_action.trigger()
    assert service.count_records(RecordQuery(trash=True)) == 0


def _select_rows(window: MainWindow, rows: list[int]) -> list[int]:
    """Select these table rows (as a user would with Ctrl+click); their record ids."""
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            window.records.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    return window.selected_ids()


def _trashed(service: AccordsService) -> set[int]:
    return {row.id for row in service.list_records(RecordQuery(trash=True))}


def test_deleting_several_records_is_one_undo_step(
    window: MainWindow, service: AccordsService
) -> None:
    """Three records deleted together go to the trash, and come back, as one step."""
    ids = _select_rows(window, [0, 2, 4])
    window.menus.delete_action.trigger()
    assert _trashed(service) == set(ids)
    assert window.undo_stack.stack.count() == 1
    assert window.menus.undo_action.text().replace("&", "") == "Undo Delete 3 records"
    window.menus.undo_action.trigger()
    assert _trashed(service) == set()
    window.menus.redo_action.trigger()
    assert _trashed(service) == set(ids)
    window.select_view("trash")
    _select_rows(window, [0, 1, 2])
    window.menus.restore_action.trigger()
    assert _trashed(service) == set()
    assert window.undo_stack.stack.count() == 2


def test_a_delete_of_several_that_fails_on_one_deletes_none(
    window: MainWindow,
    service: AccordsService,
    db_path: Path,
    no_dialogs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One of the selected records trashed meanwhile elsewhere, or one failing midway:
    no record is deleted, the user is told which and why, and nothing lands on the undo
    stack."""
    import storage.service as service_module
    from storage.errors import DatabaseError

    ids = _select_rows(window, [0, 2, 4])
    other = AccordsService.open(str(db_path), seed=False, actor="colleague")
    other.delete_record(ids[1])
    other.close()
    window.menus.delete_action.trigger()
    assert _trashed(service) == {ids[1]}
    assert "already in the trash; nothing was deleted" in no_dialogs[-1]
    assert window.undo_stack.stack.count() == 0

    service.restore_record(ids[1])
    touch = service_module._touch

    def fail_on_the_last(record: object) -> None:
        if getattr(record, "id", None) == ids[2]:
            raise DatabaseError("The disk is full; nothing was deleted.")
        touch(record)  # type: ignore[arg-type]

    monkeypatch.setattr(service_module, "_touch", fail_on_the_last)
    window.menus.delete_action.trigger()
    assert _trashed(service) == set()
    assert no_dialogs[-1] == "The disk is full; nothing was deleted."
    assert window.undo_stack.stack.count() == 0


def test_undoing_a_delete_of_several_restores_all_or_none(
    window: MainWindow, service: AccordsService, db_path: Path, no_dialogs: list[str]
) -> None:
    """One of the deleted records restored elsewhere meanwhile: Undo restores none (it
    would restore what this window did not delete) and says why."""
    ids = _select_rows(window, [0, 2, 4])
    window.menus.delete_action.trigger()
    other = AccordsService.open(str(db_path), seed=False, actor="colleague")
    other.restore_record(ids[0])
    other.close()
    window.menus.undo_action.trigger()
    assert _trashed(service) == set(ids[1:])
    assert no_dialogs[-1].startswith("Could not undo “Delete 3 records”: “")
    assert no_dialogs[-1].endswith("is not in the trash; nothing was restored.")


def test_new_pledge_dialog_validates_then_creates_undoably(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    """A bad amount is refused in the dialog; a good pledge is created and undo removes it."""
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    dialog.set_value("title", "Winter fuel")
    dialog.set_value("amount", "lots")
    dialog.buttons.accepted.emit()
    assert "Amount must be a number" in dialog.error.text()
    assert service.count_records() == 8
    dialog.set_value("amount", "1500000")
    dialog.set_value("currency", "eur")
    dialog.set_value("due", "2026-Q1")
    dialog.buttons.accepted.emit()
    detail = service.get_record("winter-fuel")
    assert detail.row.currency == "EUR"
    assert str(detail.row.due) == "2026-Q1"
    window.menus.undo_action.trigger()
    assert service.count_records() == 8


def _export(qtbot, window: MainWindow, target: Path, scope: str) -> list[list[str]]:
    dialog = window.jobs.show_export_dialog()
    getattr(dialog, f"scope_{scope}").setChecked(True)
    dialog.path.setText(str(target))
    dialog.excel.setChecked(False)
    with qtbot.waitSignal(dialog.chosen, timeout=2000) as chosen:
        dialog._submit()
    job = window.jobs.export
    assert job is not None
    if job.worker_thread.isRunning() or not target.exists():
        qtbot.waitUntil(lambda: not job.worker_thread.isRunning() and target.exists(), timeout=5000)
    assert chosen.args[0] == target
    with target.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_export_of_the_filter_writes_exactly_those_rows(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Exporting "the records shown" writes the filtered rows and nothing else."""
    window.select_view("pledges")
    rows = _export(qtbot, window, tmp_path / "pledges.csv", "filter")
    assert sorted(r[0] for r in rows[1:]) == sorted(
        window.records.row_at(i).slug for i in range(window.records.rowCount())
    )
    assert {r[1] for r in rows[1:]} == {"pledge"}


def test_export_of_the_selection_writes_exactly_those_rows(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Exporting the selected rows writes those two records."""
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in (1, 3):
        window.table.selectRow(row) if row == 1 else selection.select(
            window.records.index(row, 0),
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
        )
    wanted = {window.records.row_at(1).slug, window.records.row_at(3).slug}
    rows = _export(qtbot, window, tmp_path / "selected.csv", "selected")
    assert {r[0] for r in rows[1:]} == wanted
    assert len(rows) == 3


def _submitted_dialog(qtbot, window: MainWindow, action_text: str, target: Path) -> None:
    """Trigger a File menu action and submit the dialog it opens, writing ``target``."""
    action = next(a for a in window.actions() if a.text().replace("&", "") == action_text)
    action.trigger()
    dialog = window.findChildren(QDialog)[-1]
    dialog.path.setText(str(target))  # type: ignore[attr-defined]
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.chosen, timeout=2000):  # type: ignore[attr-defined]
        save.click()


def test_export_csv_from_the_menu_reports_back_on_the_gui_thread(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export CSV… writes the file and says so; a failed export is told in a box, from the
    GUI thread (a Qt warning about threads fails this test: tests/qt_messages.py)."""
    target = tmp_path / "all.csv"
    _submitted_dialog(qtbot, window, "Export CSV…", target)
    qtbot.waitUntil(lambda: "Exported 8 records" in window.statusBar().currentMessage())
    assert target.exists()
    told_on: list[bool] = []
    monkeypatch.setattr(
        msgbox,
        "inform",
        lambda *_a, **_k: told_on.append(threading.current_thread() is threading.main_thread()),
    )
    (tmp_path / "a-file").write_text("not a folder")
    _submitted_dialog(qtbot, window, "Export CSV…", tmp_path / "a-file" / "all.csv")
    qtbot.waitUntil(lambda: bool(told_on))
    assert told_on == [True]


def test_cancel_stops_an_export_while_it_runs(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress dialog's Cancel reaches the export while it is still writing."""
    from gui import export_dialog
    from storage.csvfile import ExportCancelled

    written: list[int] = []

    def slow_export(_service, target, _options, *, progress) -> int:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            written.append(len(written))
            if not progress(len(written)):
                raise ExportCancelled(f"Export to {target} was cancelled; nothing was written.")
            time.sleep(0.01)
        return len(written)

    monkeypatch.setattr(export_dialog, "export_csv", slow_export)
    job = window.jobs.start_export(tmp_path / "slow.csv", export_dialog.ExportOptions())
    qtbot.waitUntil(lambda: len(written) > 3)
    started = time.monotonic()
    window.findChildren(QProgressDialog)[-1].findChild(QPushButton).click()
    qtbot.waitUntil(lambda: not job.worker_thread.isRunning(), timeout=6000)
    assert time.monotonic() - started < 2


def test_pdf_brief_from_the_menu_is_written_and_reported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """Print / Export PDF brief… writes the PDF and says so, without a Qt warning."""
    target = tmp_path / "brief.pdf"
    _submitted_dialog(qtbot, window, "Print / Export PDF brief…", target)
    qtbot.waitUntil(lambda: "pages to" in window.statusBar().currentMessage())
    assert target.read_bytes().startswith(b"%PDF")


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


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_shown_and_survived(qtbot, no_dialogs: list[str]) -> None:
    """A fault in a slot goes to the log with its traceback and to a message; the app goes on."""
    start_logging()
    previous = sys.excepthook
    install_exception_hook(lambda text: msgbox.inform(None, "Accords", text))
    try:

        def faulty_slot() -> None:
            raise RuntimeError("disk gremlin")

        QTimer.singleShot(0, faulty_slot)
        qtbot.waitUntil(lambda: bool(no_dialogs), timeout=2000)
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger("accords").handlers:
            handler.flush()
    assert "disk gremlin" in no_dialogs[0]
    log = log_path().read_text(encoding="utf-8")
    assert "Traceback" in log
    assert "RuntimeError: disk gremlin" in log


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
    dashboard.rate_from.setText("CAD")
    dashboard.rate_to.setText("EUR")
    dashboard.rate_value.setText("0.66")
    assert dashboard.add_rate()
    assert [r.to_currency for r in list_rates(service)] == ["EUR"]
    assert window.menus.undo_action.text().replace("&", "") == "Undo Set rate CAD→EUR"
    window.menus.undo_action.trigger()
    assert list_rates(service) == []
    qtbot.waitUntil(lambda: dashboard.rates_model.rowCount() == 0)
    qtbot.waitUntil(lambda: not dashboard.busy, timeout=10_000)


def test_a_timeline_month_from_the_dashboard_lists_its_records_and_says_which(
    window: MainWindow, service: AccordsService
) -> None:
    month = EventFilter.month("announced", date(2025, 8, 1))
    query = RecordQuery(event=month, include_provisions=True)
    window.show_query(query)
    expected = {row.id for row in service.iter_records(query)}
    assert 0 < len(expected) < service.count_records(RecordQuery(include_provisions=True))
    shown = {window.records.row_at(row).id for row in range(window.records.rowCount())}
    assert shown == expected
    assert window.statusBar().currentMessage() == "Showing records announced in August 2025"


def test_edits_made_while_the_navigation_is_counted_are_counted_once_more_not_once_each(
    qtbot, window: MainWindow, service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale the counts take over a second: a burst of edits must not queue one each."""
    assert wait_for_background_work()
    navigation = window.navigation
    qtbot.waitUntil(lambda: navigation.entry(navigation.index_of("all")).count is not None)
    release = threading.Event()
    calls: list[int] = []
    real = service.navigation_counts

    def held() -> dict[str, int]:
        calls.append(1)
        assert release.wait(10)
        return real()

    monkeypatch.setattr(service, "navigation_counts", held)
    for record_id in [row.id for row in service.list_page(RecordQuery()).rows[:3]]:
        assert window.select_record(record_id)
        window.menus.delete_selected()
    release.set()
    trash = navigation.index_of("trash")
    qtbot.waitUntil(lambda: navigation.entry(trash).count == 3, timeout=10_000)
    assert wait_for_background_work()
    assert len(calls) == 2  # the first edit's count, then one for the other two


def test_counts_in_the_status_bar_are_in_the_right_number(
    window: MainWindow, service: AccordsService, tmp_path: Path
) -> None:
    """One page is "1 page"; two drafts of one record are two notes, not "1 unsaved notes"."""
    record_id = service.resolve_id(SEPTEMBER)
    target = tmp_path / "one.pdf"
    dialog = window.jobs.show_brief_dialog()
    dialog.chosen.emit(target, BriefOptions(record_ids=(record_id,)))
    assert window.statusBar().currentMessage() == f"Wrote 1 page to {target}"
    dialog.close()

    note = service.add_note(record_id, "saved")
    drafts = DraftStore(service.location)
    drafts.save(record_id, note.id, note.version, "saved, then typed on")
    drafts.save(record_id, None, 0, "a new note")
    window.drafts.recover(drafts.pending())
    assert window.statusBar().currentMessage() == "Recovered 2 unsaved notes"


def test_a_provisions_document_link_goes_to_the_document(window: MainWindow) -> None:
    window.show_record_slug("customs-training")
    shown = window.detail.current_record()
    assert shown is not None and shown.row.slug == "customs-training"
    value, _marker = window.detail.overview_tab.facts["parent"]

    value.linkActivated.emit("customs-mutual-administrative-assistance")

    shown = window.detail.current_record()
    assert shown is not None and shown.row.slug == "customs-mutual-administrative-assistance"
    assert window.selected_ids() == [shown.id]


def test_an_invalid_edit_is_kept_and_said_when_another_record_is_picked(
    window: MainWindow, service: AccordsService, no_dialogs: list[str]
) -> None:
    """Picking another record does not drop what was typed: it says so and keeps it."""
    plan = service.resolve_id("action-plan-security-cooperation")
    other = service.resolve_id(SEPTEMBER)
    assert window.select_record(plan)
    row = window.detail.overview_tab.rows["signed_on"]
    editor = row.editor
    assert isinstance(editor, QLineEdit)
    editor.setText("someday")

    assert window.select_record(other)

    assert len(no_dialogs) == 1
    assert "Signing date must be a date like 2025-08-24, not 'someday'" in no_dialogs[0]
    assert "kept" in no_dialogs[0]
    assert service.get_record(plan).signed_on == date(2025, 8, 24)

    assert window.select_record(plan)

    row = window.detail.overview_tab.rows["signed_on"]
    assert isinstance(row.editor, QLineEdit)
    assert row.editor.text() == "someday"
    assert row.error.isVisible()
    assert row.error.text().startswith("Signing date must be a date")

    row.editor.setText("2025-08-25")
    window.detail.flush_edits()
    assert service.get_record(plan).signed_on == date(2025, 8, 25)
    assert not row.error.isVisible()


# -- the detail pane follows what is listed ----------------------------------------------


def listed_ids(window: MainWindow) -> list[int]:
    return [window.records.row_at(row).id for row in range(window.records.rowCount())]


def assert_pane_shows_a_listed_record(window: MainWindow) -> None:
    shown = window.detail.current_record()
    assert shown is not None and shown.id in listed_ids(window)
    assert window.table.currentIndex().row() == listed_ids(window).index(shown.id)


def test_the_pane_follows_a_search_a_quick_filter_a_view_and_a_dashboard_click(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    september = service.resolve_id(SEPTEMBER)
    assert window.select_record(september)
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "refugees")
    assert_pane_shows_a_listed_record(window)
    window.filters.search.clear()
    window.apply_filters()
    assert window.select_record(september)
    window.filters.kind_filter.setCurrentIndex(window.filters.kind_filter.findData("document"))
    assert_pane_shows_a_listed_record(window)
    window.filters.kind_filter.setCurrentIndex(0)
    window.select_view("trash")  # empty: the pane says nothing is selected
    assert window.records.rowCount() == 0 and window.detail.current_record() is None
    window.select_view("all")
    assert window.select_record(september)
    window.show_query(RecordQuery(statuses=frozenset({"signed"})))  # a dashboard status bar
    assert_pane_shows_a_listed_record(window)


def test_after_delete_the_pane_shows_the_next_listed_record(
    window: MainWindow, service: AccordsService
) -> None:
    september = service.resolve_id(SEPTEMBER)
    assert window.select_record(september)
    row = listed_ids(window).index(september)
    window.menus.delete_action.trigger()
    assert september not in listed_ids(window)
    assert_pane_shows_a_listed_record(window)
    assert window.table.currentIndex().row() == row


def test_a_trashed_record_is_read_only_and_says_so_until_restored(
    qtbot, window: MainWindow, service: AccordsService, no_dialogs: list[str]
) -> None:
    september = service.resolve_id(SEPTEMBER)
    service.delete_record(september)
    window.select_view("trash")
    assert window.select_record(september)
    detail = window.detail
    assert window.trash_banner.isVisibleTo(window)
    assert "In the trash — restore it to edit" in window.trash_banner.text()
    title = detail.overview_tab.rows["title"].editor
    assert title.isReadOnly()
    assert not detail.status_tab.change_button.isEnabled()
    assert detail.notes_tab.editor.isReadOnly() and not detail.notes_tab.new_button.isEnabled()
    assert not detail.deliveries_tab.add_button.isEnabled()
    qtbot.keyClicks(title, " edited")
    detail.flush_edits()
    assert service.get_record(september).row.title.endswith("September")  # nothing saved
    window.trash_banner.linkActivated.emit("restore")
    assert service.count_records(RecordQuery(trash=True)) == 0
    window.select_view("all")
    assert window.select_record(september)
    assert not window.trash_banner.isVisibleTo(window)
    assert not detail.overview_tab.rows["title"].editor.isReadOnly()
    assert detail.status_tab.change_button.isEnabled()
    assert not detail.notes_tab.editor.isReadOnly()
