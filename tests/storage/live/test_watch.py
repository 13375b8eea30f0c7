"""Watchers on both engines: a write by one service is reported to a watcher of another."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from storage.live import Change, SqliteWatcher, watch
from storage.live.watch import Watcher
from storage.records.query import RecordQuery
from storage.service import AccordsService

DRONES = "september-2025-drones-ammunition-armored-vehicles"
WITHIN_S = 2.0


class Heard:
    """What a watcher reported, in order, from its thread."""

    def __init__(self) -> None:
        self.changes: queue.Queue[Change] = queue.Queue()
        self.connections: queue.Queue[bool] = queue.Queue()

    def next_change(self, within: float = WITHIN_S) -> Change:
        return self.changes.get(timeout=within)

    def drain(self) -> None:
        while not self.changes.empty():
            self.changes.get_nowait()


@pytest.fixture
def watching(service: AccordsService) -> Iterator[tuple[Watcher, Heard]]:
    heard = Heard()
    watcher = watch(
        service.db.engine.url, heard.changes.put, heard.connections.put, sqlite_every=0.1
    )
    assert watcher is not None
    time.sleep(0.3)  # listening before the write
    yield watcher, heard
    watcher.stop()


def test_another_services_write_is_reported_within_two_seconds(
    service: AccordsService, watching: tuple[Watcher, Heard]
) -> None:
    _watcher, heard = watching
    other = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        record_id = other.records.resolve_id(DRONES)
        started = time.monotonic()
        other.records.change_status(record_id, "committed")
        change = heard.next_change()
        assert time.monotonic() - started < WITHIN_S
        # PostgreSQL says which records; SQLite only that something changed.
        assert change.record_ids is None or record_id in change.record_ids
        heard.drain()
        note = other.notes.add_note(record_id, "seen elsewhere")
        change = heard.next_change()
        assert change.record_ids is None or change.record_ids == {note.record_id}
    finally:
        other.close()


def test_nothing_is_reported_while_nothing_changes(
    service: AccordsService, watching: tuple[Watcher, Heard]
) -> None:
    _watcher, heard = watching
    service.records.list_page(RecordQuery())
    service.records.get_record(service.records.resolve_id(DRONES))
    with pytest.raises(queue.Empty):
        heard.next_change(within=0.6)


def test_a_stopped_watcher_reports_nothing(
    service: AccordsService, watching: tuple[Watcher, Heard]
) -> None:
    watcher, heard = watching
    watcher.stop()
    service.records.change_status(service.records.resolve_id(DRONES), "committed")
    with pytest.raises(queue.Empty):
        heard.next_change(within=0.8)


def test_payloads_name_records_or_nothing_known() -> None:
    assert Change.from_payload("3,12") == Change(frozenset({3, 12}))
    assert Change.from_payload("") == Change(None)
    assert Change.from_payload("x") == Change(None)


def test_a_lost_server_is_said_and_the_watcher_reconnects(
    service: AccordsService,
    watching: tuple[Watcher, Heard],
    engine_name: str,
    request: pytest.FixtureRequest,
) -> None:
    """Its backend terminated (the server restarting, an administrator), the watcher says
    it lost the server, reconnects, says so, and reports that anything may have changed."""
    if engine_name != "postgresql":
        pytest.skip("a SQLite file has no server to lose")
    watcher, heard = watching
    admin_url = make_url(request.getfixturevalue("pg_cluster").url)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(:pid)"), {"pid": watcher.backend_pid}
            )
    finally:
        admin.dispose()
    assert heard.connections.get(timeout=WITHIN_S) is False
    assert heard.connections.get(timeout=5) is True
    assert heard.next_change(within=1) == Change(None)
    heard.drain()
    service.records.change_status(service.records.resolve_id(DRONES), "committed")
    assert heard.next_change().record_ids is not None


def test_a_watcher_whose_receiver_is_gone_stops(service: AccordsService) -> None:
    """A callback raising RuntimeError (a deleted window's signal) ends the watching."""
    calls: list[Change] = []

    def gone(change: Change) -> None:
        calls.append(change)
        raise RuntimeError("Internal C++ object already deleted.")

    watcher = watch(service.db.engine.url, gone, lambda _connected: None, sqlite_every=0.1)
    assert watcher is not None
    try:
        time.sleep(0.3)
        service.records.change_status(service.records.resolve_id(DRONES), "committed")
        deadline = time.monotonic() + WITHIN_S
        while not watcher.stopped and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watcher.stopped and len(calls) == 1
    finally:
        watcher.stop()


def test_told_of_its_own_commits_a_sqlite_watcher_reports_only_others(
    service: AccordsService, watching: tuple[Watcher, Heard], engine_name: str
) -> None:
    """The window's own saves are not reported back to it; a colleague's still are, even
    when they land just before one of the window's own (seen before its COMMIT)."""
    if engine_name != "sqlite":
        pytest.skip("PostgreSQL's notices name records; the window's own are harmless there")
    watcher, heard = watching
    assert isinstance(watcher, SqliteWatcher)
    service.db.commit_listeners.append(watcher)
    record_id = service.records.resolve_id(DRONES)
    service.records.change_status(record_id, "committed")
    service.notes.add_note(record_id, "my own note")
    with pytest.raises(queue.Empty):
        heard.next_change(within=0.6)
    other = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        other.notes.add_note(record_id, "a colleague's note")
        service.notes.add_note(record_id, "mine, at once after")  # before the next poll
        assert heard.next_change().record_ids is None
    finally:
        other.close()
