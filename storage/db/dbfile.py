"""What a file is to Accords (its own database, another program's, the live file) by identity."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from storage.errors import DatabaseError, ExportError, NotAccordsError
from storage.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANION_SUFFIXES = ("", "-wal", "-shm", "-journal")
# Tables every Accords schema since the first migration has; another program's database
# (even one using Alembic too) lacks at least one of them.
ACCORDS_TABLES = frozenset({"alembic_version", "records"})


def is_sqlite_file(path: Path) -> bool:
    """True if ``path`` is a regular file that starts with SQLite's header."""
    if not os.path.isfile(path):  # a pipe would block on opening; a device is no database
        return False
    try:
        with open(path, "rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that leaves the file and its folder as they were.

    Even read-only, SQLite creates -wal and -shm files beside a WAL-mode database; with no
    -wal there, everything is in the file, so it is read as immutable and nothing is created.
    """
    immutable = "" if path.with_name(path.name + "-wal").exists() else "&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)


def table_names(path: Path) -> set[str]:
    """The tables of a SQLite file, read through a read-only connection that changes nothing."""
    with contextlib.closing(read_only(path)) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(row[0]) for row in rows}


def schema_revision(path: Path) -> str | None:
    """The Accords schema revision recorded in a SQLite file, or None."""
    with contextlib.closing(read_only(path)) as connection:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def foreign_reason(path: Path) -> str | None:
    """Why an existing, readable SQLite file is not an Accords database, or None.

    A missing or 0-byte file, or a SQLite file with no tables at all, is a new database.
    """
    try:
        if not path.exists() or path.stat().st_size == 0:
            return None
        tables = table_names(path)
    except (OSError, sqlite3.Error):
        return None  # unreadable: the damage check, or opening it, says why
    if not tables or tables >= ACCORDS_TABLES:
        return None
    return _("it is a SQLite database of another program")


def refuse_foreign(path: Path) -> None:
    """Raise NotAccordsError if ``path`` is a SQLite database of another program."""
    if reason := foreign_reason(path):
        raise NotAccordsError(
            _("{path} is not an Accords database ({reason}); nothing was changed.").format(
                path=path, reason=reason
            )
        )


def same_file(first: Path, second: Path) -> bool:
    """True if both paths reach one file (through links, symlinks or ``..``), by identity."""
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def is_database_file(target: Path, database: Path) -> bool:
    """True if writing ``target`` would write the database or its -wal, -shm or -journal."""
    real = Path(os.path.realpath(target))
    for suffix in COMPANION_SUFFIXES:
        companion = database.with_name(database.name + suffix)
        if same_file(target, companion):
            return True
        # Not there yet (a -wal between two sessions), so no identity: same folder and name.
        if real.name == companion.name and same_file(real.parent, database.parent):
            return True
    return False


def check_export_target(target: Path, database: Path | None) -> None:
    """Refuse an export that would overwrite the database, its companions or any SQLite file."""
    if database is not None and is_database_file(target, database):
        raise ExportError(
            _(
                "Could not write {target}: it is the database {database} itself; "
                "nothing was written."
            ).format(target=target, database=database)
        )
    if is_sqlite_file(target):
        raise ExportError(
            _(
                "Could not write {target}: it is a SQLite database (a database or a "
                "backup), which an export never overwrites; nothing was written."
            ).format(target=target)
        )


def check_backup_source(path: Path, known_revisions: set[str]) -> None:
    """Raise DatabaseError unless ``path`` is an intact Accords database this version can use."""
    problem = _source_problem(path, known_revisions)
    if problem:
        raise DatabaseError(
            _("{path} {problem}; nothing was restored.").format(path=path, problem=problem)
        )


def _source_problem(path: Path, known_revisions: set[str]) -> str | None:
    if not path.is_file():
        return _("is not a file")
    if path.stat().st_size == 0:
        return _("is empty, not a backup")
    if not is_sqlite_file(path):
        return _("is not an Accords backup (not a SQLite database)")
    try:
        tables = table_names(path)
        if not tables >= ACCORDS_TABLES:
            return _("is not an Accords backup (a SQLite database of another program)")
        revision = schema_revision(path)
        if revision not in known_revisions:
            return _("was written by a newer version of Accords (schema {revision})").format(
                revision=revision
            )
        problems = [row for row in _integrity(path) if row != "ok"]
    except sqlite3.Error as error:
        return _("cannot be read ({error})").format(error=error)
    return _("is damaged ({value})").format(value=problems[0]) if problems else None


def _integrity(path: Path) -> list[str]:
    with contextlib.closing(read_only(path)) as connection:
        return [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
