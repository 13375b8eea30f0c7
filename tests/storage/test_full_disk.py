"""Whole-file operations through `accords` with too little room to write: one line saying what
failed and what was kept, the database as it was, and nothing half-written left behind.

The room is cut with a file-size limit (RLIMIT_FSIZE) on the `accords` process: a write past
it fails as a write to a full disk does, with no disk to fill and no root needed.
"""

from __future__ import annotations

import hashlib
import resource
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from tests.storage.db.test_backup import Result, notes_in, one_line_error, run
from tests.storage.test_cli import TIMEOUT, accords, environment


def run_short_of_room(db: Path, limit: int, *args: str) -> Result:
    """`accords --db DB ARGS…` allowed to write no file past ``limit`` bytes."""

    def short_of_room() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        accords(db, *args),
        capture_output=True,
        text=True,
        env=environment(db.parent / "data"),
        timeout=TIMEOUT,
        check=False,
        preexec_fn=short_of_room,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    """Every file under ``folder`` (hidden ones too), relative to it."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def database(db_path: Path, seeded_template: Path) -> Path:
    shutil.copyfile(seeded_template, db_path)
    return db_path


@pytest.mark.slow
def test_a_backup_without_room_says_so_and_leaves_no_part(database: Path) -> None:
    before, files = digest(database), listing(database.parent)
    error = one_line_error(run_short_of_room(database, database.stat().st_size // 2, "backup"))
    assert "Could not back up" in error
    assert digest(database) == before
    assert listing(database.parent) - files <= {"data/accords.log"}, "a part was left"


@pytest.mark.slow
def test_a_restore_without_room_for_its_first_backup_restores_nothing(database: Path) -> None:
    assert run(database, "backup").code == 0
    assert run(database, "note", "agreement-on-security-cooperation", "--add", "later").code == 0
    before, files = digest(database), listing(database.parent)
    error = one_line_error(run_short_of_room(database, database.stat().st_size // 2, "restore"))
    assert "Nothing was restored and the database is as it was." in error
    assert digest(database) == before
    assert listing(database.parent) - files <= {"data/accords.log"}, "a part was left"
    assert "later" in notes_in(database)  # written after the backup, so not restored over


@pytest.mark.slow
def test_a_copy_without_room_removes_the_target_it_made(database: Path) -> None:
    target = database.with_name("copy.sqlite3")
    before = digest(database)
    result = run_short_of_room(
        database, database.stat().st_size // 2, "copy", str(database), str(target)
    )
    error = one_line_error(result)
    assert "Nothing was copied, and" in error and "made for the copy, was removed." in error
    assert not any(database.parent.glob("copy.sqlite3*"))
    assert digest(database) == before
    assert run(database, "copy", str(database), str(target)).code == 0  # with room: it copies


@pytest.mark.slow
def test_a_copy_into_an_empty_file_of_ones_own_keeps_it(database: Path) -> None:
    """A target the user made (empty) is theirs: a failed copy leaves it, empty."""
    target = database.with_name("mine.sqlite3")
    target.touch()
    result = run_short_of_room(
        database, database.stat().st_size // 2, "copy", str(database), str(target)
    )
    one_line_error(result)
    assert target.exists()


@pytest.mark.slow
def test_an_export_without_room_writes_nothing(database: Path, tmp_path: Path) -> None:
    """Room enough to open the database (its 32 KiB shared-memory file), not to write the
    CSV: the export says so and leaves no file, whole or partial."""
    assert run(database, "generate", "--records", "500").code == 0
    out = tmp_path / "exports"
    out.mkdir()
    limit = 64 * 1024
    whole = run(database, "export", "-")
    assert len(whole.out.encode()) > limit  # the CSV cannot fit
    error = one_line_error(run_short_of_room(database, limit, "export", str(out / "records.csv")))
    assert "records.csv" in error and "nothing was written" in error
    assert listing(out) == set()
