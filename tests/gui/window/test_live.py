"""Live updates in the window: a change saved by another service shows within two seconds,
a note being typed goes to the conflict flow, and a lost server is said and recovered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from sqlalchemy import create_engine, text

from gui.mainwindow import MainWindow
from gui.window.live import BACK, LOST
from gui.window.records_model import STATUS
from storage.schema.enums import RecordKind
from storage.service import PAGE_SIZE, AccordsService
from tests.conftest import FIXED_TODAY
from tests.pgfixtures import PgDatabases

DRONES = "september-2025-drones-ammunition-armored-vehicles"
WITHIN_MS = 2000

pytestmark = pytest.mark.usefixtures("no_dialogs")


@pytest.fixture(params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, db_path, seeded_template) -> Iterator[AccordsService]:
    """The window's service on a seeded SQLite file or PostgreSQL database."""
    if request.param == "postgresql":
        databases: PgDatabases = request.getfixturevalue("pg_database")
        target = databases.fresh().render_as_string()
    else:
        import shutil

        shutil.copyfile(seeded_template, db_path)
        target = str(db_path)
    opened = AccordsService.open(target, clock=lambda: FIXED_TODAY, actor="tester")
    yield opened
    opened.close()


@pytest.fixture
def colleague(service: AccordsService) -> Iterator[AccordsService]:
    """Another person's service on the same database."""
    other = AccordsService.open(
        service.db.location, seed=False, clock=lambda: FIXED_TODAY, actor="colleague"
    )
    yield other
    other.close()


@pytest.fixture
def live_window(qtbot, window: MainWindow) -> MainWindow:
    """The window once painted and watching."""
    qtbot.waitUntil(lambda: window.first_paint.done and window.live._watcher is not None)
    qtbot.wait(300)  # the watcher is listening
    return window


def _status_shown(window: MainWindow, record_id: int) -> str | None:
    row = window.records.row_of(record_id)
    return None if row is None else window.records.index(row, STATUS).data()


def _count(window: MainWindow, key: str) -> int | None:
    navigation = window.navigation
    entry = navigation.entry(navigation.index_of(key))
    return None if entry is None else entry.count


def test_a_status_changed_elsewhere_shows_in_the_row_counts_and_details(
    qtbot, live_window: MainWindow, colleague: AccordsService
) -> None:
    window = live_window
    record_id = colleague.records.resolve_id(DRONES)
    assert window.select_record(record_id)
    qtbot.waitUntil(lambda: _count(window, "status:committed") is not None)
    before = _count(window, "status:committed")
    assert _status_shown(window, record_id) == "Announced"

    colleague.records.change_status(record_id, "committed", comment="from Ottawa")

    qtbot.waitUntil(lambda: _status_shown(window, record_id) == "Committed", timeout=WITHIN_MS)
    qtbot.waitUntil(
        lambda: _count(window, "status:committed") == (before or 0) + 1, timeout=WITHIN_MS
    )
    shown = window.detail.current_record()
    assert shown is not None and shown.row.status == "committed"
    assert shown.history[-1].changed_by == "colleague"
    assert window.detail.status_tab.badge.text() == "Committed"


def test_a_note_being_typed_and_saved_elsewhere_goes_to_the_conflict_flow(
    qtbot, live_window: MainWindow, service: AccordsService, colleague: AccordsService
) -> None:
    window = live_window
    record_id = service.records.resolve_id(DRONES)
    note = service.notes.add_note(record_id, "our first text")
    assert window.select_record(record_id)
    window.detail.show_record(record_id)
    notes = window.detail.notes_tab
    window.detail.setCurrentWidget(notes)
    qtbot.waitUntil(lambda: notes.editor.toPlainText() == "our first text")
    notes.editor.setFocus()
    notes.editor.moveCursor(notes.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes.editor, " and mine")

    colleague.notes.edit_note(note.id, "their text", expected_version=note.version)

    qtbot.waitUntil(lambda: notes.conflict is not None, timeout=WITHIN_MS)
    assert notes.editor.toPlainText() == "our first text and mine"  # nothing overwritten
    assert service.notes.get_note(note.id).body == "their text"  # nor theirs
    window.detail.flush_edits()  # the pane following the list saves nothing unasked
    assert service.notes.get_note(note.id).body == "their text"
    notes.conflict.choose("merged")
    qtbot.waitUntil(lambda: service.notes.get_note(note.id).version == note.version + 2)
    assert notes.conflict is None


def test_a_note_not_being_typed_follows_the_text_saved_elsewhere(
    qtbot, live_window: MainWindow, service: AccordsService, colleague: AccordsService
) -> None:
    window = live_window
    record_id = service.records.resolve_id(DRONES)
    note = service.notes.add_note(record_id, "before")
    assert window.select_record(record_id)
    window.detail.show_record(record_id)
    notes = window.detail.notes_tab
    qtbot.waitUntil(lambda: notes.editor.toPlainText() == "before")

    colleague.notes.edit_note(note.id, "after", expected_version=note.version)

    qtbot.waitUntil(lambda: notes.editor.toPlainText() == "after", timeout=WITHIN_MS)
    assert notes.conflict is None


def test_a_lost_server_is_said_and_the_window_catches_up_when_back(
    qtbot,
    live_window: MainWindow,
    service: AccordsService,
    colleague: AccordsService,
    request: pytest.FixtureRequest,
) -> None:
    """Its connections terminated by the server, the window says so in a banner, keeps
    working, reconnects, and then shows what changed meanwhile."""
    if service.db.engine.dialect.name != "postgresql":
        pytest.skip("a SQLite file has no server to lose")
    window = live_window
    record_id = service.records.resolve_id(DRONES)
    admin = create_engine(request.getfixturevalue("pg_cluster").url, isolation_level="AUTOCOMMIT")
    database = service.db.engine.url.database
    try:
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND application_name = 'accords-live'"
                ),
                {"name": database},
            )
    finally:
        admin.dispose()
    banner = window.live.banner
    qtbot.waitUntil(lambda: banner.isVisible() and banner.text() == LOST, timeout=WITHIN_MS)
    colleague.records.change_status(record_id, "committed")
    qtbot.waitUntil(lambda: banner.text() == BACK, timeout=10_000)
    qtbot.waitUntil(lambda: _status_shown(window, record_id) == "Committed", timeout=WITHIN_MS)
    assert QGuiApplication.focusWindow() is None or not window.isHidden()


def test_a_refresh_keeps_the_rows_scrolled_to_and_the_record_shown(
    qtbot, service: AccordsService, colleague: AccordsService, window: MainWindow
) -> None:
    """A colleague's edit does not send a list scrolled past its first page back to the top."""
    if service.db.engine.dialect.name != "sqlite":
        pytest.skip("the same window code on both engines; one is enough")
    for number in range(PAGE_SIZE + 40):
        service.records.create_record(RecordKind.PLEDGE, {"title": f"Pledge {number:04d}"})
    window.apply_filters()
    qtbot.waitUntil(lambda: window.first_paint.done and window.live._watcher is not None)
    window.table.scrollToBottom()
    qtbot.waitUntil(lambda: window.records.rowCount() > PAGE_SIZE)
    fetched = window.records.rowCount()
    last = window.records.row_at(fetched - 1).id
    assert window.select_record(last)
    window.table.scrollToBottom()
    scrolled = window.table.verticalScrollBar().value()
    with qtbot.waitSignal(window.live.refreshed, timeout=WITHIN_MS):
        colleague.records.change_status(colleague.records.resolve_id(DRONES), "committed")
    assert window.records.rowCount() >= fetched
    assert window.table.verticalScrollBar().value() == scrolled
    shown = window.detail.current_record()
    assert shown is not None and shown.id == last
