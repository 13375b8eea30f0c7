"""What a file is to Accords, by identity: export never overwrites a database, and another
program's database is refused by every command, byte for byte unchanged."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from storage.db import backup as backups
from tests.storage.db.test_backup import files_beside, one_line_error, run, seeded

RECORD = "september-2025-drones-ammunition-armored-vehicles"


def _targets(db: Path) -> dict[str, Path]:
    folder = db.parent
    (folder / "x").mkdir()
    os.symlink(db, folder / "link.csv")
    os.link(db, folder / "hard.csv")
    os.symlink(folder / f"{db.name}-wal", folder / "dangling.csv")
    return {
        "itself": db,
        "dotted": folder / "x" / ".." / db.name,
        "symlink": folder / "link.csv",
        "hard link": folder / "hard.csv",
        "wal": folder / f"{db.name}-wal",
        "shm": folder / f"{db.name}-shm",
        "journal": folder / f"{db.name}-journal",
        "symlink to the wal": folder / "dangling.csv",
    }


@pytest.mark.slow
def test_export_onto_the_database_by_any_name_is_refused_and_changes_nothing(
    db_path: Path, seeded_template: Path
) -> None:
    """`accords --db X export X` (or its -wal, a link, ./x/../X): one line, nothing touched."""
    seeded(db_path, seeded_template)
    for name, target in _targets(db_path).items():
        before = files_beside(db_path)
        error = one_line_error(run(db_path, "export", str(target)))
        assert "is the database" in error and "nothing was written" in error, name
        assert files_beside(db_path) == before, name


@pytest.mark.slow
def test_export_never_overwrites_another_database_or_a_backup(
    db_path: Path, seeded_template: Path, tmp_path: Path
) -> None:
    """An existing SQLite file (a backup of ours, another program's) is never replaced."""
    seeded(db_path, seeded_template)
    taken = backups.create_backup(db_path, "manual")
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    for target in (taken.path, other):
        before = target.read_bytes()
        error = one_line_error(run(db_path, "export", str(target)))
        assert "SQLite database" in error and "nothing was written" in error
        assert target.read_bytes() == before
    csv_file = tmp_path / "records.csv"
    csv_file.write_text("old export\n")
    assert run(db_path, "export", str(csv_file)).code == 0  # an earlier export is replaced
    assert csv_file.read_text().startswith("id,kind,title")


def another_programs_database(path: Path, *, wal: bool = False) -> Path:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    connection.commit()
    connection.close()
    return path


COMMANDS = [
    ("list",),
    ("show", RECORD),
    ("status", RECORD, "delivered"),
    ("note", RECORD, "--add", "x"),
    ("export", "out.csv"),
    ("check",),
    ("seed",),
    ("backup",),
    ("restore",),
    ("generate", "--records", "3"),
]


@pytest.mark.slow
@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_another_programs_database_is_refused_by_every_command_byte_for_byte(
    tmp_path: Path, seeded_template: Path, wal: bool
) -> None:
    """No schema, no seed, no WAL switch, no file beside it: one line from each command."""
    db = another_programs_database(tmp_path / "other-app.sqlite3", wal=wal)
    backups.backup_folder(db).mkdir()  # a backup of ours to restore must not help either
    ours = backups.backup_folder(db) / "other-app-20260101T000000000000Z-manual.sqlite3"
    shutil.copyfile(seeded_template, ours)
    before = files_beside(db)
    for command in COMMANDS:
        error = one_line_error(run(db, *command))
        assert "not an Accords database" in error, (command, error)
        assert files_beside(db) == before, command


@pytest.mark.slow
@pytest.mark.parametrize("start", ["absent", "empty", "no tables"])
def test_a_new_file_still_becomes_a_new_database(tmp_path: Path, start: str) -> None:
    """A missing path, a 0-byte file or a SQLite file with no tables is filled from the seed."""
    db = tmp_path / "new.sqlite3"
    if start == "empty":
        db.write_bytes(b"")
    elif start == "no tables":
        connection = sqlite3.connect(db)
        connection.execute("PRAGMA user_version = 1")  # writes the header page, no table
        connection.close()
        assert db.stat().st_size > 0
    result = run(db, "list")
    assert result.code == 0, result
    assert RECORD in result.out
