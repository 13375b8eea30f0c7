"""Verified backups through SQLite's online backup API, thinning, restore and damage checks."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.errors import DatabaseDamagedError, DatabaseError

BACKUP_SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
NAME_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
KEEP_NEWEST = 10
KEEP_DAILY_FOR = timedelta(days=7)
KEEP_WEEKLY_FOR = timedelta(days=31)
AUTOMATIC_EVERY = timedelta(minutes=30)
DAILY = timedelta(days=1)
# SQLite's quick check reads every page: about 1 s per 100 MiB here, so only small files
# are checked before opening; the window checks larger ones after its first paint.
QUICK_CHECK_BYTES = 64 * 1024 * 1024
# Entered around a check's read, with its connection (see ReadInterrupter.reading).
Reading = Callable[[sqlite3.Connection], AbstractContextManager[object]]


@dataclass(frozen=True, slots=True)
class Backup:
    """One verified backup file."""

    path: Path
    taken_at: datetime
    reason: str

    @property
    def label(self) -> str:
        """ "2026-11-28 20:15 UTC (before migration)" for lists and messages."""
        return f"{self.taken_at:%Y-%m-%d %H:%M} UTC ({self.reason.replace('-', ' ')})"


def backup_folder(database: Path) -> Path:
    """Where a database's backups live: a folder beside it, so they move together."""
    return database.with_name(f"{database.stem}-backups")


def list_backups(database: Path) -> list[Backup]:
    """The database's backups, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME_PATTERN.match(path.name)
        if match and match["stem"] == database.stem:
            taken = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(Backup(path, taken, match["reason"]))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def create_backup(
    database: Path, reason: str, *, now: datetime | None = None, thin: bool = True
) -> Backup:
    """Copy a live database with the online backup API, verify the copy, then name it."""
    taken = now or datetime.now(UTC)
    folder = backup_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"Cannot create the backup folder {folder}: {error.strerror}."
        ) from None
    final = folder / f"{database.stem}-{taken.strftime(STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"
    partial = final.with_name(f".{final.name}.part")
    try:
        _copy(database, partial)
        problems = integrity_problems(partial)
        if problems:
            raise DatabaseError(f"The backup of {database} did not verify: {problems[0]}.")
        os.replace(partial, final)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(f"Could not back up {database} to {folder}: {error}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    if thin:
        thin_backups(database, now=taken)
    return Backup(final, taken, reason)


def restore_backup(database: Path, backup: Backup) -> Path | None:
    """Replace the database with a backup; returns where a damaged original was kept, if any.

    A readable database is backed up first; a damaged one is renamed aside byte for byte,
    never written into.
    """
    if integrity_problems(backup.path):
        raise DatabaseError(f"The backup {backup.path} is damaged; nothing was restored.")
    kept_aside: Path | None = None
    if database.exists():
        if damage(database, deep=True):
            kept_aside = set_aside_damaged(database)
        else:
            # Not thinned yet: thinning could remove the very backup being restored.
            create_backup(database, "before-restore", thin=False)
    _copy(backup.path, database)
    thin_backups(database)
    return kept_aside


def newest_verified(database: Path) -> Backup | None:
    """The newest backup that passes SQLite's integrity check."""
    for backup in list_backups(database):
        if not integrity_problems(backup.path):
            return backup
    return None


def is_due(database: Path, *, every: timedelta, now: datetime | None = None) -> bool:
    """True if the newest backup is older than ``every``, or there is none."""
    backups = list_backups(database)
    return not backups or (now or datetime.now(UTC)) - backups[0].taken_at >= every


def thin_backups(database: Path, *, now: datetime | None = None) -> list[Path]:
    """Keep the newest ten, then one a day for a week and one a week for a month."""
    current = now or datetime.now(UTC)
    kept_buckets: set[tuple[str, int]] = set()
    removed = []
    for position, backup in enumerate(list_backups(database)):
        age = current - backup.taken_at
        if position < KEEP_NEWEST:
            continue
        if age <= KEEP_DAILY_FOR:
            bucket = ("day", backup.taken_at.toordinal())
        elif age <= KEEP_WEEKLY_FOR:
            bucket = ("week", backup.taken_at.toordinal() // 7)
        else:
            bucket = ("old", 0)
        if bucket[0] != "old" and bucket not in kept_buckets:
            kept_buckets.add(bucket)
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def damage(
    database: Path, *, deep: bool | None = None, reading: Reading = contextlib.nullcontext
) -> str | None:
    """Why a database file is not a readable SQLite database, or None; never writes to it.

    The header and size are always checked. SQLite's page-by-page quick check runs too
    when ``deep`` is true, or (by default) when the file is small enough for it to be
    instant; a larger file's check is left to the caller to run in the background.

    The file is read through SQLite only. Closing a descriptor of our own on it would drop
    every lock this process holds on the file (POSIX locks belong to the process), and
    another process closing its last connection could then delete the write-ahead log
    that connections still open here are writing to. ``reading(connection)`` is entered
    while the quick check runs (so that it can be interrupted).
    """
    try:
        size = database.stat().st_size
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if size == 0:
        return None  # a new, empty file: SQLite makes a database of it
    try:
        with contextlib.closing(_reader(database)) as connection:
            connection.execute("PRAGMA schema_version").fetchone()  # reads and checks page 1
            page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
            if size % page_size:
                return "is truncated"
            if deep is False or (deep is None and size > QUICK_CHECK_BYTES):
                return None
            problems = _checked(connection, "quick_check", reading)
    except sqlite3.DatabaseError as error:
        # A lock held elsewhere, a log a read-only connection cannot open, or a check
        # interrupted is no damage: opening the file reports the first two itself.
        return _reason(error)
    return f"is damaged ({' '.join(problems[0].split())})" if problems else None


def _reason(error: sqlite3.DatabaseError) -> str | None:
    """What a failure to read the file says about it, if it is damage."""
    code = error.sqlite_errorcode
    if code == sqlite3.SQLITE_NOTADB:
        return "is not a SQLite database"
    if code == sqlite3.SQLITE_CORRUPT:
        return f"is damaged ({error})"
    return None


def integrity_problems(database: Path, *, quick: bool = False) -> list[str]:
    """What SQLite's integrity check reports for a file, read-only; empty means intact."""
    try:
        with contextlib.closing(_reader(database)) as connection:
            return _checked(connection, "quick_check" if quick else "integrity_check")
    except sqlite3.Error as error:
        return [str(error)]


def _checked(
    connection: sqlite3.Connection, pragma: str, reading: Reading = contextlib.nullcontext
) -> list[str]:
    with reading(connection):
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    return [row[0] for row in rows if row[0] != "ok"]


def _reader(database: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)


def set_aside_damaged(database: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) aside, unchanged, and return the new name."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(database, aside)
    return aside


def check_file(database: Path) -> None:
    """Raise DatabaseDamagedError naming the file if it is not a readable database."""
    if database.exists() and (reason := damage(database)):
        raise DatabaseDamagedError(
            f"{database} {reason}; it was left untouched. Run `accords restore` to bring back "
            "the newest backup."
        )


def _copy(source: Path, target: Path) -> None:
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(str(target))
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
