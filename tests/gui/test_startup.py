"""The window's start: its first frame waits for the first page of records and nothing else.

Counting the records, counting every navigation entry and reading the selected record's
details come after the first paint, the counts on worker threads.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gui.dialogs import msgbox
from gui.mainwindow import MainWindow
from gui.pacing import hold_collection, resume_collection
from gui.settings import Settings
from storage.errors import AccordsError
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import PAGE_SIZE, AccordsService

PLEDGES = RecordQuery(kinds=frozenset({RecordKind.PLEDGE}))


@pytest.fixture
def window(qtbot: QtBot, large: AccordsService, tmp_path: Path) -> Iterator[MainWindow]:
    built = MainWindow(large, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(built)
    yield built
    built.close()


# What a fresh `accords --db DB` has imported when its table first paints, printed from a
# filter on the table's paint events (before anything queued behind the first frame runs).
# It starts as the `accords` script does (gui.launch.main), with a window whose settings
# are the test's own.
FIRST_FRAME_PROBE = """
import sys
from pathlib import Path
from gui.pacing import hold_collection

hold_collection()
import storage.cli  # as gui.launch.main imports it: paused, and before Qt
import gui.app
import gui.launch
from PySide6.QtCore import QEvent, QObject
from gui.mainwindow import MainWindow
from gui.settings import Settings

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            later = ("sqlalchemy.orm", "storage.schema.models")
            later += ("gui.detail.overview", "gui.detail.notes", "gui.detail.source", "babel")
            loaded = [name for name in later if name in sys.modules]
            print("LOADED", *loaded, flush=True)
            gui.app.QApplication.quit()
        return False

class ProbedWindow(MainWindow):
    def __init__(self, service):
        super().__init__(service, Settings(Path(sys.argv[2])))
        self.probe = Probe()
        self.table.viewport().installEventFilter(self.probe)

gui.app.MainWindow = ProbedWindow
sys.exit(gui.launch.main(["--db", sys.argv[1]]))
"""


# -- the window -------------------------------------------------------------------------


def test_the_count_comes_from_a_worker_after_the_first_paint(
    qtbot: QtBot, window: MainWindow, large: AccordsService, counts_on: list[str]
) -> None:
    """A full first page: "Counting records…" until the worker's count arrives."""
    expected = large.records.count_records()
    counts_on.clear()
    assert window.records.rowCount() == PAGE_SIZE
    assert window.records.count_pending
    assert window.count_label.text() == "Counting records…"
    with qtbot.waitSignal(window.opened, timeout=10_000) as opened:
        window.show()
    assert opened.args == [expected]
    assert window.count_label.text() == f"{expected:,} records"
    assert window.records.total == expected
    assert not window.records.count_pending
    assert counts_on and set(counts_on) == {"worker"}


def test_navigation_counts_and_details_wait_for_the_first_paint(
    qtbot: QtBot, window: MainWindow, large: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first paint: no navigation count, no record read; after it, both."""
    navigation_threads: list[str] = []
    counts = large.figures.navigation_counts

    def recording() -> dict[str, int]:
        gui = threading.current_thread() is threading.main_thread()
        navigation_threads.append("gui" if gui else "worker")
        return counts()

    monkeypatch.setattr(large.figures, "navigation_counts", recording)
    all_records = window.navigation.index_of("all")
    first_row = window.records.row_at(0).id
    assert window.detail.current_record() is None
    assert window.navigation.entry(all_records).count is None  # type: ignore[union-attr]
    assert window.table.selectionModel().currentIndex().row() == 0
    window.show()
    qtbot.waitUntil(lambda: window.navigation.entry(all_records).count is not None)  # type: ignore[union-attr]
    assert navigation_threads == ["worker"]
    qtbot.waitUntil(lambda: window.detail.current_record() is not None)
    detail = window.detail.current_record()
    assert detail is not None and detail.id == first_row


def test_selecting_the_waiting_record_before_the_first_paint_shows_it_at_once(
    window: MainWindow,
) -> None:
    """The first row is current but its details wait; asking for it shows them now."""
    first_row = window.records.row_at(0).id
    assert window.detail.current_record() is None
    assert window.select_record(first_row)
    shown = window.detail.current_record()
    assert shown is not None and shown.id == first_row


def test_closing_before_the_first_paint_leaves_nothing_to_follow(
    window: MainWindow, large: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(large.figures, "navigation_counts", lambda: asked.append("counts") or {})
    window.close()
    assert window.first_paint.done
    window.first_paint._fire()  # what the fallback timer would do
    assert asked == []
    assert window.records.count_pending


def test_after_the_first_paint_a_new_filter_is_counted_at_once(
    qtbot: QtBot, window: MainWindow, large: AccordsService, counts_on: list[str]
) -> None:
    """Deferring is for the start only: a filter chosen later shows its count with its rows."""
    with qtbot.waitSignal(window.opened, timeout=10_000):
        window.show()
    window.filters.kind_filter.setCurrentIndex(
        window.filters.kind_filter.findData(RecordKind.PLEDGE.value)
    )
    expected = large.records.count_records(PLEDGES)
    assert window.count_label.text() == f"{expected:,} records"
    assert window.records.total == expected


def test_a_failed_count_is_said_and_the_label_cleared(
    qtbot: QtBot, window: MainWindow, large: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(_query: RecordQuery | None = None) -> int:
        raise AccordsError("the disk is asleep")

    monkeypatch.setattr(large.records, "count_records", failing)
    monkeypatch.setattr(large.figures, "navigation_counts", dict)
    monkeypatch.setattr(msgbox, "inform", lambda *_args, **_kwargs: None)
    with qtbot.waitSignal(window.records.countFailed, timeout=10_000):
        window.show()
    assert window.count_label.text() == ""
    assert "the disk is asleep" in window.statusBar().currentMessage()


def test_the_first_frame_is_painted_before_the_orm_is_imported(
    large: AccordsService, tmp_path: Path
) -> None:
    """The first page, its count's placeholder and the window need SQLAlchemy Core only:
    importing the ORM and mapping the models (a third of the start-up) waits for later, as
    do the detail tabs, the Overview included (about 20 ms), and Babel. Checked on
    `accords` itself, command line included: its parser once imported the generator, and
    with it the ORM, and later wrote a number in `generate`'s help with Babel (38 ms)."""
    assert first_frame_imports(large, tmp_path) == "LOADED"


def test_a_first_start_counts_its_records_without_babel(
    service: AccordsService, tmp_path: Path
) -> None:
    """On the seeded database the first page holds every record, so the status bar says how
    many before the first frame: that number is grouped without Babel (storage.numberforms),
    which once loaded it, and its locale data, for that one number."""
    assert service.records.list_page(RecordQuery()).cursor is None
    assert first_frame_imports(service, tmp_path) == "LOADED"


def first_frame_imports(service: AccordsService, tmp_path: Path) -> str:
    """The probe's LOADED line for a fresh `accords --db` on ``service``'s file."""
    assert service.db.path is not None
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    probe = [sys.executable, "-c", FIRST_FRAME_PROBE, str(service.db.path), str(tmp_path / "s.ini")]
    done = subprocess.run(
        probe, check=False, capture_output=True, text=True, env=environment, timeout=120
    )
    assert done.returncode == 0, done.stderr
    (loaded,) = [line for line in done.stdout.splitlines() if line.startswith("LOADED")]
    return loaded


# `accords --db DB` with the settings of a window closed on a search: prints the navigation's
# count of all records once made, or NO COUNT after 15 s.
RESTORED_SEARCH_PROBE = """
import sys
from pathlib import Path
import gui.app
import gui.launch
from PySide6.QtCore import QTimer
from gui.mainwindow import MainWindow
from gui.settings import Settings

class ProbedWindow(MainWindow):
    def __init__(self, service):
        super().__init__(service, Settings(Path(sys.argv[2])))
        self.polls = 0
        self.poll = QTimer(self)
        self.poll.timeout.connect(self.report)
        self.poll.start(50)

    def report(self):
        self.polls += 1
        count = self.navigation.entry(self.navigation.index_of("all")).count
        if count is not None or self.polls > 300:
            print("COUNTED", count if count is not None else "NO COUNT", flush=True)
            gui.app.QApplication.quit()

gui.app.MainWindow = ProbedWindow
sys.exit(gui.launch.main(["--db", sys.argv[1]]))
"""


def test_a_search_restored_from_the_last_session_is_counted(
    service: AccordsService, tmp_path: Path
) -> None:
    """The views count what the restored search lists. The counts once ran on a worker
    while another imported the ORM after the first paint, and failed on its half-imported
    modules: the views then showed no counts until the search changed. In a fresh process,
    as only a first start has the ORM still to import."""
    assert service.db.path is not None
    settings = tmp_path / "settings.ini"
    settings.write_text("[records]\nsearch=drones\nview=all\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    probe = [sys.executable, "-c", RESTORED_SEARCH_PROBE, str(service.db.path), str(settings)]
    done = subprocess.run(
        probe, check=False, capture_output=True, text=True, env=environment, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Background work failed" not in done.stderr
    listed = service.records.count_records(RecordQuery(text="drones"))
    assert f"COUNTED {listed}" in done.stdout.splitlines()


def test_after_the_first_paint_the_details_are_read(qtbot: QtBot, window: MainWindow) -> None:
    """The selected record's details follow the first frame, once the ORM is ready."""
    first_row = window.records.row_at(0).id
    window.show()
    qtbot.waitUntil(lambda: window.detail.current_record() is not None)
    shown = window.detail.current_record()
    assert shown is not None and shown.id == first_row


@pytest.fixture
def collection_restored() -> Iterator[None]:
    """Whatever a test does to the garbage collector is undone after it."""
    yield
    resume_collection()  # a pause no window ended
    gc.enable()
    gc.unfreeze()


@pytest.mark.usefixtures("collection_restored")
def test_the_collector_paused_for_the_start_resumes_after_the_first_paint(
    qtbot: QtBot, large: AccordsService, tmp_path: Path
) -> None:
    hold_collection()
    assert not gc.isenabled()
    window = MainWindow(large, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    assert not gc.isenabled()
    with qtbot.waitSignal(window.first_paint.painted):
        window.show()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # start-up's objects are left out of later scans
    window.close()
    assert gc.get_freeze_count() == 0  # and scanned again once their window is gone


@pytest.mark.usefixtures("collection_restored")
def test_without_a_pause_the_first_paint_leaves_the_collector_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    frozen = gc.get_freeze_count()
    with qtbot.waitSignal(window.first_paint.painted):
        window.show()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
