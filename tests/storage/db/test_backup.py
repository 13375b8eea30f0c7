"""Backups and restores through `accords`: verified sources, one write lock, never a third state."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.db import backup as backups
from storage.errors import DatabaseBusyError
from storage.service import AccordsService
from tests.storage.test_cli import Result, accords, environment

RECORD = "september-2025-drones-ammunition-armored-vehicles"
TIMEOUT = 120


def run(db: Path, *args: str, stdin: str | None = None) -> Result:
    done = subprocess.run(
        accords(db, *args),
        capture_output=True,
        text=True,
        input=stdin,
        env=environment(db.parent / "data"),
        timeout=TIMEOUT,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def one_line_error(result: Result) -> str:
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert result.err.startswith("accords: ") and result.err.count("\n") == 1, result.err
    return result.err


def notes_in(path: Path) -> set[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT body FROM notes")}
    finally:
        connection.close()


def files_beside(path: Path) -> dict[str, bytes]:
    """Every file in the database's folder and its backup folder, with its bytes."""
    found = {}
    for folder in (path.parent, backups.backup_folder(path)):
        if folder.is_dir():
            found.update({p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()})
    return found


def seeded(db_path: Path, template: Path) -> Path:
    shutil.copyfile(template, db_path)
    return db_path


def damaged(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])  # truncated mid-page
    return path.read_bytes()


# -- the source is verified ---------------------------------------------------------------


def foreign_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    connection.commit()
    connection.close()
    return path


def newer_database(path: Path, template: Path) -> Path:
    shutil.copyfile(template, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


@pytest.mark.slow
@pytest.mark.parametrize("source", ["empty", "csv", "foreign", "newer", "folder", "itself"])
def test_restore_refuses_a_source_that_is_no_accords_backup(
    db_path: Path, seeded_template: Path, tmp_path: Path, source: str
) -> None:
    """A 0-byte file, a CSV, another program's database, a newer schema: one line, no change."""
    seeded(db_path, seeded_template)
    given = tmp_path / "given.sqlite3"
    if source == "empty":
        given.write_bytes(b"")
    elif source == "csv":
        given.write_text("id,title\n1,a\n")
    elif source == "foreign":
        foreign_database(given)
    elif source == "newer":
        newer_database(given, seeded_template)
    elif source == "folder":
        given.mkdir()
    else:
        given = db_path
    before = files_beside(db_path)
    error = one_line_error(run(db_path, "restore", str(given)))
    assert "nothing was restored" in error
    assert files_beside(db_path) == before


# -- a live database: one write lock ------------------------------------------------------


@pytest.mark.slow
def test_restore_under_a_concurrent_writer_loses_no_acknowledged_note(
    db_path: Path, seeded_template: Path, tmp_path: Path
) -> None:
    """Every note a writer saw committed is in the restored file or a before-restore backup."""
    seeded(db_path, seeded_template)
    original = backups.create_backup(db_path, "manual")
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.note_writer", str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        env=environment(tmp_path / "data"),
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "ready\n"
    try:
        for _round in range(4):
            result = run(db_path, "restore", str(original.path))
            assert "Traceback" not in result.err, result.err
            assert result.code == 0 or "busy" in result.err, result
    finally:
        stop.touch()
        with writer.stdout:
            acknowledged = {line.strip() for line in writer.stdout if line.strip()}
        writer.wait(timeout=TIMEOUT)
    assert acknowledged
    kept = notes_in(db_path)
    for backup in backups.list_backups(db_path):
        if backup.reason == "before-restore":
            kept |= notes_in(backup.path)
    assert acknowledged - kept == set()


def test_a_restore_waits_for_a_held_lock_then_says_busy_and_restores_nothing(
    db_path: Path, seeded_template: Path
) -> None:
    """Another connection holding the write lock: a plain busy error and no change at all."""
    seeded(db_path, seeded_template)
    taken = backups.create_backup(db_path, "manual")
    service = AccordsService.open(str(db_path))
    service.notes.add_note(service.records.resolve_id(RECORD), "written after the backup")
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError, match=r"busy.*nothing was restored"):
            backups.restore_backup(db_path, taken, busy_timeout=0.3)
    finally:
        holder.rollback()
        holder.close()
    assert "written after the backup" in {n.body for n in service.records.get_record(RECORD).notes}
    assert [b.reason for b in backups.list_backups(db_path)] == ["manual"]
    service.close()


def test_an_open_window_sees_the_restored_state_after_a_restore(
    db_path: Path, seeded_template: Path
) -> None:
    """Connections left open on the file read the restored state, not a mix."""
    seeded(db_path, seeded_template)
    taken = backups.create_backup(db_path, "manual")
    service = AccordsService.open(str(db_path))
    record_id = service.records.resolve_id(RECORD)
    service.notes.add_note(record_id, "after the backup")
    backups.restore_backup(db_path, taken)
    assert service.records.get_record(record_id).notes == ()
    service.notes.add_note(record_id, "after the restore")
    service.close()
    assert notes_in(db_path) == {"after the restore"}


# -- a damaged database: never a third state ----------------------------------------------

INJECT = """
import sqlite3, sys
import storage.db.backup
from storage.cli import main

def full_disk(source, target):
    open(target, "wb").close()
    raise sqlite3.OperationalError("database or disk is full")

storage.db.backup._copy = full_disk
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_restore_of_a_damaged_file_that_runs_out_of_space_leaves_it_in_place(
    db_path: Path, seeded_template: Path
) -> None:
    """Disk full while copying: one line, the damaged file still at its path, nothing seeded."""
    seeded(db_path, seeded_template)
    backups.create_backup(db_path, "manual")
    before = damaged(db_path)
    done = subprocess.run(
        [sys.executable, "-c", INJECT, "--db", str(db_path), "restore"],
        capture_output=True,
        text=True,
        env=environment(db_path.parent / "data"),
        timeout=TIMEOUT,
        check=False,
    )
    error = one_line_error(Result(done.returncode, done.stdout, done.stderr))
    assert "full" in error and "nothing was restored" in error
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob(".*.part"))
    assert "accords restore" in one_line_error(run(db_path, "list"))
    assert db_path.read_bytes() == before


def big_backup(db_path: Path, template: Path) -> backups.Backup:
    """A backup large enough (about 60 MB) that copying it takes a while."""
    shutil.copyfile(template, db_path)
    connection = sqlite3.connect(db_path)
    connection.execute("CREATE TABLE ballast (data BLOB)")
    connection.executemany("INSERT INTO ballast VALUES (randomblob(1048576))", [()] * 60)
    connection.commit()
    connection.close()
    return backups.create_backup(db_path, "manual")


@pytest.mark.slow
def test_a_restore_of_a_damaged_file_killed_while_copying_leaves_the_old_state(
    db_path: Path, seeded_template: Path
) -> None:
    """kill -9 during the copy: the next command says damaged and points to restore."""
    big_backup(db_path, seeded_template)
    before = damaged(db_path)
    inode = db_path.stat().st_ino
    child = subprocess.Popen(
        accords(db_path, "restore"),
        env=environment(db_path.parent / "data"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        moved = not db_path.exists() or db_path.stat().st_ino != inode
        copying = any(p.name.endswith(".part") for p in db_path.parent.iterdir())
        if moved or copying:
            break
        time.sleep(0.001)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=TIMEOUT)
    if db_path.exists():
        assert db_path.read_bytes() == before
    after = run(db_path, "list")
    error = one_line_error(after)
    assert "accords restore" in error
    assert not db_path.exists() or db_path.read_bytes() == before

    restored = run(db_path, "restore")
    assert restored.code == 0, restored
    assert not list(db_path.parent.glob(".*.part"))  # the killed run's copy, cleaned
    assert run(db_path, "list").code == 0


@pytest.mark.slow
def test_a_command_that_changes_a_record_takes_the_daily_backup_first(
    db_path: Path, seeded_template: Path
) -> None:
    """`status` and `note` back up first when the newest backup is a day old or absent."""
    seeded(db_path, seeded_template)
    assert run(db_path, "list").code == 0
    assert backups.list_backups(db_path) == []  # reading never backs up
    assert run(db_path, "status", RECORD, "delivered").code == 0
    daily = backups.list_backups(db_path)
    assert [b.reason for b in daily] == ["daily"]
    assert notes_in(daily[0].path) == set()
    assert run(db_path, "note", RECORD, "--add", "second change").code == 0
    assert backups.list_backups(db_path) == daily  # one a day
