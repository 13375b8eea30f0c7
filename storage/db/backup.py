"""Verified backups through SQLite's online backup API, thinning, restore and damage checks."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.db.dbfile import check_backup_source, read_only, refuse_foreign, same_file
from storage.db.partfiles import part_name, remove_stale_parts, remove_with_side_files
from storage.errors import DatabaseBusyError, DatabaseError
from storage.i18n import _

BACKUP_SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
NAME_PATTERN = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.sqlite3$")
KEEP_NEWEST = 10
KEEP_DAILY_FOR = timedelta(days=7)
KEEP_WEEKLY_FOR = timedelta(days=31)
AUTOMATIC_EVERY = timedelta(minutes=30)
DAILY = timedelta(days=1)
# How long a restore waits for another window or command to finish writing.
RESTORE_BUSY_SECONDS = 5.0
# SQLite's quick check reads every page: about 1 s per 100 MiB here, so only small files
# are checked before opening; the window checks larger ones after its first paint.
QUICK_CHECK_BYTES = 64 * 1024 * 1024
NOT_SQLITE = "is not a SQLite database"
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
        return _("{taken_at:%Y-%m-%d %H:%M} UTC ({replace})").format(
            taken_at=self.taken_at, replace=self.reason.replace("-", " ")
        )


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
    database: Path,
    reason: str,
    *,
    now: datetime | None = None,
    thin: bool = True,
    otherwise: str = "",
) -> Backup:
    """Copy a live database with the online backup API, verify the copy, then name it.

    ``otherwise`` is for a step that must not run without this backup (an update, a
    restore): a failure's message goes on to say what was then not done.
    """
    try:
        return _take_backup(database, reason, now or datetime.now(UTC), thin=thin)
    except DatabaseError as error:
        if not otherwise:
            raise
        raise DatabaseError(f"{error} {otherwise}") from None


def _take_backup(database: Path, reason: str, taken: datetime, *, thin: bool) -> Backup:
    folder = backup_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            _("Cannot create the backup folder {folder}: {strerror}.").format(
                folder=folder, strerror=error.strerror
            )
        ) from None
    final = folder / f"{database.stem}-{taken.strftime(STAMP_FORMAT)}-{reason}{BACKUP_SUFFIX}"
    remove_stale_parts(folder)
    partial = part_name(final)
    try:
        _copy(database, partial)
        problems = integrity_problems(partial)
        if problems:
            raise DatabaseError(
                _("The backup of {database} did not verify: {value}.").format(
                    database=database, value=problems[0]
                )
            )
        os.replace(partial, final)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(
            _("Could not back up {database} to {folder}: {error}.").format(
                database=database, folder=folder, error=error
            )
        ) from None
    finally:
        remove_with_side_files(partial)
    if thin:
        thin_backups(database, now=taken)
    return Backup(final, taken, reason)


def restore_backup(
    database: Path, backup: Backup, *, busy_timeout: float = RESTORE_BUSY_SECONDS
) -> Path | None:
    """Replace the database with a verified Accords backup; returns where a damaged original
    was kept, if any.

    A readable database is backed up and replaced under one write lock, so other connections
    see the old state or the new one and no write lands between the two; it is busy for
    longer than ``busy_timeout`` and nothing changes. A damaged one is kept aside byte for
    byte, never written into. Any interruption leaves the old state at the path.
    """
    if same_file(backup.path, database):
        raise DatabaseError(
            _("{path} is the database itself; nothing was restored.").format(path=backup.path)
        )
    from storage.db.migrate import known_revisions  # imports Alembic: restores only

    check_backup_source(backup.path, known_revisions())
    refuse_foreign(database)  # first: even reading one page by page creates files beside it
    remove_stale_parts(database.parent)
    kept_aside: Path | None = None
    try:
        if not database.exists() or database.stat().st_size == 0:
            _install(backup.path, database)
        elif damage(database, deep=True):
            kept_aside = _install(backup.path, database, set_aside=True)
        else:
            _restore_live(database, backup.path, busy_timeout)
    except (OSError, sqlite3.Error) as error:
        raise DatabaseError(
            _(
                "Could not restore {database} from {name}: {plain}; nothing was "
                "restored and the database is as it was."
            ).format(database=database, name=backup.path.name, plain=_plain(error))
        ) from None
    # Not thinned before: thinning could have removed the very backup being restored.
    thin_backups(database)
    return kept_aside


class _BusyError(Exception):
    """Another connection held the write lock for longer than a restore waits."""


def _restore_live(database: Path, source: Path, busy_timeout: float) -> None:
    """Copy ``source`` into the live database in one write transaction, backing up first.

    SQLite's backup API takes the destination's write lock at its first step and commits
    only after the last; the state before restoring is backed up from another connection
    right after that first step, while the lock keeps every other writer out.
    """
    deadline = time.monotonic() + busy_timeout
    taken: list[Backup] = []

    def after_step(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            if time.monotonic() > deadline:
                raise _BusyError
        elif not taken:
            nothing = _("Nothing was restored and the database is as it was.")
            taken.append(create_backup(database, "before-restore", thin=False, otherwise=nothing))

    reader = read_only(source)  # a file named by the user: nothing is created beside it
    live = sqlite3.connect(str(database), timeout=0.05)
    try:
        # One page a step: the first step must not be the last (it would commit unbacked).
        reader.backup(live, pages=1, progress=after_step, sleep=0.02)
    except _BusyError:
        raise DatabaseBusyError(
            _(
                "{database} is busy (another window or command is writing to it); "
                "nothing was restored. Try again when it is done."
            ).format(database=database)
        ) from None
    finally:
        live.close()
        reader.close()


def _install(source: Path, database: Path, *, set_aside: bool = False) -> Path | None:
    """Put a copy of ``source`` at ``database`` by renaming a verified, synced temporary copy.

    Killed or out of space before the rename, the path still holds what it held; with
    ``set_aside`` the damaged file gets a second name first, so it is never missing.
    """
    temporary = part_name(database)
    try:
        _copy(source, temporary)
        if problems := integrity_problems(temporary):
            raise DatabaseError(
                _("The copy of {name} did not verify: {value}.").format(
                    name=source.name, value=problems[0]
                )
            )
        _fsync_file(temporary)
        aside = _keep_aside(database) if set_aside else None
        os.replace(temporary, database)
        _fsync_folder(database.parent)
    finally:
        remove_with_side_files(temporary)
    return aside


def _keep_aside(database: Path) -> Path:
    """Give a damaged database (and its WAL files) a second name, keeping the first."""
    aside = damaged_name(database)
    try:
        os.link(database, aside)
    except OSError:  # no hard links here (FAT, some shares): copy, never rename
        _copy_bytes(database, aside)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


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
        return _("cannot be read ({strerror})").format(strerror=error.strerror)
    if size == 0:
        return None  # a new, empty file: SQLite makes a database of it
    try:
        with contextlib.closing(_reader(database)) as connection:
            connection.execute("PRAGMA schema_version").fetchone()  # reads and checks page 1
            page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
            if size % page_size:
                return _("is truncated")
            if deep is False or (deep is None and size > QUICK_CHECK_BYTES):
                return None
            problems = _checked(connection, "quick_check", reading)
    except sqlite3.DatabaseError as error:
        # A lock held elsewhere, a log a read-only connection cannot open, or a check
        # interrupted is no damage: opening the file reports the first two itself.
        return _reason(error)
    return _("is damaged ({join})").format(join=" ".join(problems[0].split())) if problems else None


def _reason(error: sqlite3.DatabaseError) -> str | None:
    """What a failure to read the file says about it, if it is damage."""
    code = error.sqlite_errorcode
    if code == sqlite3.SQLITE_NOTADB:
        return NOT_SQLITE
    if code == sqlite3.SQLITE_CORRUPT:
        return _("is damaged ({error})").format(error=error)
    return None


def integrity_problems(database: Path, *, quick: bool = False) -> list[str]:
    """What SQLite's integrity check reports for a backup, read-only; empty means intact."""
    try:
        with contextlib.closing(read_only(database)) as connection:
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


def damaged_name(database: Path, *, now: datetime | None = None) -> Path:
    """The name a damaged database is kept under: ``<name>.damaged-<time>``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return database.with_name(f"{database.name}.damaged-{stamp}")


def set_aside_damaged(database: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) aside, unchanged, and return the new name."""
    aside = damaged_name(database, now=now)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(database, aside)
    return aside


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


def _copy_bytes(source: Path, target: Path) -> None:
    with open(source, "rb") as reading, open(target, "xb") as writing:
        while chunk := reading.read(1024 * 1024):
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _plain(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
