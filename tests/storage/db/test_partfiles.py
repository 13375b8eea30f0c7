"""Killed backups and exports leave `.part` files that the next backup or export removes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.db import backup as backups
from storage.db.partfiles import part_name, remove_stale_parts, remove_with_side_files
from tests.storage.db.test_backup import run, seeded
from tests.storage.test_cli import environment

KILLED_BACKUP = """
import os, signal, sys
import storage.db.backup
from storage.cli import main

copy = storage.db.backup._copy

def killed_while_copying(source, target):
    copy(source, target)
    os.kill(os.getpid(), signal.SIGKILL)  # as if the power went while verifying

storage.db.backup._copy = killed_while_copying
sys.exit(main(sys.argv[1:]))
"""


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def parts(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(".part")}


@pytest.mark.slow
def test_a_killed_backup_leaves_a_part_file_that_the_next_backup_removes(
    db_path: Path, seeded_template: Path
) -> None:
    """A real killed `accords backup`, then a planted stale one: both gone after a backup."""
    seeded(db_path, seeded_template)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_BACKUP, "--db", str(db_path), "backup"],
        env=environment(db_path.parent / "data"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -9
    folder = backups.backup_folder(db_path)
    left = parts(folder)
    assert len(left) == 1
    legacy = folder / ".accords-20250101T000000000000Z-manual.sqlite3.part"
    legacy.write_bytes(b"x")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    running = part_name(folder / "accords-20990101T000000000000Z-manual.sqlite3")
    running.write_bytes(b"being written by this very process")

    assert run(db_path, "backup").code == 0
    assert parts(folder) == {running.name}


@pytest.mark.slow
def test_an_export_removes_stale_part_files_beside_its_target(
    db_path: Path, seeded_template: Path, tmp_path: Path
) -> None:
    """Exports name temporaries with their pid; a dead pid's file goes at the next export."""
    seeded(db_path, seeded_template)
    out = tmp_path / "exports"
    out.mkdir()
    stale = out / f".records.csv.pid{dead_pid()}-abc123.part"
    stale.write_text("half an export")
    someone_elses = out / ".download.part"  # not ours: never touched
    someone_elses.write_text("x")
    assert run(db_path, "export", str(out / "records.csv")).code == 0
    assert parts(out) == {someone_elses.name}


def test_a_dead_runs_part_goes_with_the_journal_sqlite_kept_beside_it(tmp_path: Path) -> None:
    """A backup that failed mid-write (a full disk) can leave its part's rollback journal;
    the sweep takes it with the part, and leaves a live run's and another program's alone."""
    final = tmp_path / "accords-20990101T000000000000Z-manual.sqlite3"
    dead = final.with_name(f".{final.name}.pid{dead_pid()}.part")
    dead_journal = dead.with_name(dead.name + "-journal")
    running_journal = part_name(final).with_name(part_name(final).name + "-journal")
    not_ours = tmp_path / "notes.sqlite3-journal"
    for path in (dead, dead_journal, running_journal, not_ours):
        path.write_bytes(b"x")
    removed = remove_stale_parts(tmp_path)
    assert set(removed) == {dead, dead_journal}
    assert {p.name for p in tmp_path.iterdir()} == {running_journal.name, not_ours.name}


def test_a_part_given_up_on_goes_with_its_side_files(tmp_path: Path) -> None:
    """``remove_with_side_files`` removes the part and what SQLite wrote beside it, only."""
    part = part_name(tmp_path / "accords.sqlite3")
    sides = [part.with_name(part.name + side) for side in ("-journal", "-wal", "-shm")]
    other = tmp_path / "accords.sqlite3"
    for path in (part, *sides, other):
        path.write_bytes(b"x")
    remove_with_side_files(part)
    remove_with_side_files(part)  # again: nothing left to remove is no error
    assert [p.name for p in tmp_path.iterdir()] == [other.name]
