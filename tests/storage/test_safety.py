"""What a user can do to a database: fill the disk, hold the lock, damage the file, restore."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from storage.db import backup as backups
from storage.db.database import Database
from storage.db.engine import make_engine
from storage.db.paths import resolve_database_url
from storage.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseError,
    NotAccordsError,
)
from storage.service import AccordsService

RECORD = "action-plan-security-cooperation"


def integrity(path: Path) -> list[tuple[str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def test_a_full_database_refuses_the_edit_plainly_and_a_retry_succeeds(db_path: Path) -> None:
    """With no room left (max_page_count), saving fails with a plain message and nothing breaks."""
    service = AccordsService.open(str(db_path))
    record_id = service.records.resolve_id(RECORD)
    service.db.engine.dispose()

    def cap(connection: sqlite3.Connection, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(service.db.engine, "connect", cap)
    big = "a long report " * 200_000
    with pytest.raises(DatabaseError) as refused:
        service.notes.add_note(record_id, big)
    assert "full" in str(refused.value)
    assert "kept" in str(refused.value)
    event.remove(service.db.engine, "connect", cap)
    service.db.engine.dispose()
    assert integrity(db_path) == [("ok",)]
    note = service.notes.add_note(record_id, big)
    assert service.notes.get_note(note.id).body == big
    service.close()


def test_a_held_lock_gives_the_busy_message_and_the_edit_can_be_retried(db_path: Path) -> None:
    """Another process holding the write lock past the timeout: "busy, your edit is kept"."""
    AccordsService.open(str(db_path)).close()
    engine = make_engine(resolve_database_url(str(db_path)), busy_timeout_ms=200)
    service = AccordsService(Database(engine))
    record_id = service.records.resolve_id(RECORD)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError) as busy:
            service.notes.add_note(record_id, "typed while another window saved")
        assert str(busy.value) == "The database is busy; your edit is kept, try again."
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    note = service.notes.add_note(record_id, "typed while another window saved")
    assert note.body == "typed while another window saved"
    service.close()


def test_two_services_on_one_file_both_write(db_path: Path) -> None:
    """Two windows (or processes) on one database can both work, one after the other."""
    first = AccordsService.open(str(db_path))
    second = AccordsService.open(str(db_path))
    record_id = first.records.resolve_id(RECORD)
    errors: list[BaseException] = []

    def write(service: AccordsService, label: str) -> None:
        try:
            for number in range(20):
                service.notes.add_note(record_id, f"{label} {number}")
        except BaseException as error:
            errors.append(error)

    threads = [
        threading.Thread(target=write, args=(s, n)) for s, n in ((first, "a"), (second, "b"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(first.records.get_record(record_id).notes) == 40
    first.close()
    second.close()


@pytest.mark.parametrize("damage", ["truncated", "damaged page", "not a database"])
def test_a_damaged_file_is_refused_untouched_or_recovered_from_a_backup(
    db_path: Path, damage: str
) -> None:
    """Command line: refused, file unchanged. Window: set aside unchanged, newest backup back."""
    service = AccordsService.open(str(db_path))
    service.notes.add_note(service.records.resolve_id(RECORD), "kept in the backup")
    taken = service.db.backup("manual")
    service.close()
    assert taken is not None
    _damage(db_path, damage)
    before = db_path.read_bytes()

    with pytest.raises(DatabaseDamagedError) as refused:
        AccordsService.open(str(db_path))
    assert str(db_path) in str(refused.value)
    assert "accords restore" in str(refused.value)
    assert db_path.read_bytes() == before

    recovered = AccordsService.open(str(db_path), recover=True)
    report = recovered.db.report
    assert report.recovered_from is not None
    assert report.recovered_from.path == taken.path
    assert report.damaged_copy is not None
    assert report.damaged_copy.name.startswith(f"{db_path.name}.damaged-")
    assert report.damaged_copy.read_bytes() == before
    notes = recovered.records.get_record(RECORD).notes
    assert [n.body for n in notes] == ["kept in the backup"]
    recovered.close()


OTHER_PROCESS_READS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM records").fetchone()
connection.close()
"""


def test_opening_an_open_database_again_keeps_its_write_ahead_log_safe(db_path: Path) -> None:
    """Checking the file for damage must not drop this process's locks on it: another
    process closing its last connection would then delete the log still being written."""
    service = AccordsService.open(str(db_path))
    record_id = service.records.resolve_id(RECORD)
    service.notes.add_note(record_id, "before")
    AccordsService.open(str(db_path)).close()  # checks the file for damage first
    subprocess.run([sys.executable, "-c", OTHER_PROCESS_READS, str(db_path)], check=True)
    assert Path(f"{db_path}-wal").exists()
    service.notes.add_note(record_id, "after")
    service.close()
    reopened = AccordsService.open(str(db_path))
    assert sorted(n.body for n in reopened.records.get_record(record_id).notes) == [
        "after",
        "before",
    ]
    reopened.close()


def test_a_database_locked_by_another_connection_is_not_taken_for_damaged(
    db_path: Path,
) -> None:
    """A lock held elsewhere must never send the file aside for a backup."""
    AccordsService.open(str(db_path)).close()
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert backups.damage(db_path) is None
        assert backups.damage(db_path, deep=True) is None
    finally:
        holder.rollback()
        holder.close()


def test_a_damaged_file_without_backup_is_kept_and_reported(db_path: Path) -> None:
    """With no backup the window is told so; the damaged bytes are kept aside."""
    AccordsService.open(str(db_path)).close()
    _damage(db_path, "truncated")
    damaged = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as refused:
        AccordsService.open(str(db_path), recover=True)
    assert "no backup" in str(refused.value)
    kept = refused.value.kept_aside
    assert isinstance(kept, Path)
    assert kept.read_bytes() == damaged
    assert not db_path.exists()


def test_a_file_that_is_no_database_is_never_renamed(db_path: Path) -> None:
    """A text file picked by mistake is not a damaged database: refused, left as it was."""
    db_path.write_bytes(b"id,title\n1,not a database\n" * 200)
    for recover in (False, True):
        with pytest.raises(NotAccordsError, match="is not an Accords database; nothing was"):
            AccordsService.open(str(db_path), recover=recover)
    assert db_path.read_bytes() == b"id,title\n1,not a database\n" * 200
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)] == [
        db_path.name
    ]


def test_backups_are_verified_listed_thinned_and_restored(db_path: Path) -> None:
    """Backups verify before naming, thin to the policy, and restore backs up first."""
    service = AccordsService.open(str(db_path))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for hours in range(0, 24 * 40, 6):
        backups.create_backup(db_path, "test", now=start + timedelta(hours=hours))
    now = start + timedelta(hours=24 * 40)
    backups.thin_backups(db_path, now=now)
    kept = backups.list_backups(db_path)
    assert len(kept) <= 10 + 7 + 5
    assert kept[0].taken_at == start + timedelta(hours=24 * 40 - 6)
    assert all(not p.name.endswith(".part") for p in backups.backup_folder(db_path).iterdir())
    for backup in kept:
        assert backups.integrity_problems(backup.path) == []
    record_id = service.records.resolve_id(RECORD)
    service.notes.add_note(record_id, "after the backups")
    service.close()
    backups.restore_backup(db_path, kept[-1])
    reopened = AccordsService.open(str(db_path))
    assert reopened.records.get_record(record_id).notes == ()
    reasons = {b.reason for b in backups.list_backups(db_path)}
    assert "before-restore" in reasons
    reopened.close()


def test_a_daily_backup_is_taken_when_the_last_is_old(db_path: Path) -> None:
    """Opening with no backup younger than a day makes one."""
    service = AccordsService.open(str(db_path))
    assert service.db.backup_if_due() is not None
    assert service.db.backup_if_due() is None
    service.close()


def _damage(path: Path, how: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(path.read_bytes())
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2 + 100]))
    elif how == "not a database":
        path.write_bytes(os.urandom(len(data)))
    else:
        root = _root_page(path)
        page_size = int.from_bytes(data[16:18], "big")
        start = (root - 1) * page_size
        data[start : start + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
        path.write_bytes(bytes(data))


def _root_page(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(
            connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name = 'notes'"
            ).fetchone()[0]
        )
    finally:
        connection.close()


# Reads made in SQL alone: counting to fifty million takes seconds; to three million, long
# enough for a write transaction to be interrupted many times if it could be.
SLOW_READ = text(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "
    "SELECT count(*) FROM c"
)
READ_IN_A_SAVE = text(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) "
    "SELECT count(*) FROM c"
)


def interrupted_while_running(service: AccordsService, transaction: Any, statement: Any) -> object:
    """Run ``statement`` in ``transaction`` on a thread, interrupting reads until it ends;
    its result, or the error it raised."""
    outcome: list[object] = []
    started = threading.Event()

    def run() -> None:
        started.set()
        try:
            with transaction() as session:
                outcome.append(session.execute(statement).scalar())
        except DatabaseError as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(5)
    while thread.is_alive():  # again and again: the statement may not have begun yet
        service.db.interrupt_reads()
        thread.join(0.02)
    return outcome[0]


def test_a_closing_window_can_stop_reads_but_never_a_save(db_path: Path) -> None:
    """interrupt_reads() ends a read at once, with a plain error, and leaves a write
    transaction to finish, even while it reads."""
    service = AccordsService.open(str(db_path))
    stopped = interrupted_while_running(service, service.db.reading, SLOW_READ)
    assert isinstance(stopped, DatabaseError) and "interrupted" in str(stopped)
    assert interrupted_while_running(service, service.db.writing, READ_IN_A_SAVE) == 3_000_000
    service.close()


def test_a_page_check_stopped_midway_is_no_damage(db_path: Path) -> None:
    """The window's check of a large file is interrupted when it closes: that is no damage."""
    service = AccordsService.open(str(db_path))
    assert service.db.check_pages() is None
    service.close()

    def stopped_at_once(connection: sqlite3.Connection) -> contextlib.AbstractContextManager[None]:
        connection.set_progress_handler(lambda: 1, 1)  # as interrupt() does, at once
        return contextlib.nullcontext()

    assert backups.damage(db_path, deep=True, reading=stopped_at_once) is None
