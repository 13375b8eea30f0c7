"""The database file's life: open, check, recover, migrate, seed, back up, interrupt, close."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import URL, Connection, Engine, select

from storage.db import migrate
from storage.db.backup import (
    AUTOMATIC_EVERY,
    DAILY,
    NOT_SQLITE,
    Backup,
    create_backup,
    damage,
    is_due,
    list_backups,
    newest_verified,
    restore_backup,
    set_aside_damaged,
)
from storage.db.dberrors import CREATING, UPDATING, WINDOW, Wording, read_only_refusal, translated
from storage.db.dbfile import refuse_foreign
from storage.db.engine import ReadInterrupter, make_engine, writer
from storage.db.paths import is_read_only, read_only_url, resolve_database_url, sqlite_file
from storage.errors import DatabaseDamagedError, DatabaseError, NotAccordsError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records import search_index
from storage.records.query import RECORD
from storage.records.search_index import rewrite_search_row
from storage.schema import tables
from storage.team.access import Access, effective_access

if TYPE_CHECKING:
    from sqlalchemy import orm
else:
    # Detail views and structural edits use the ORM; the first page does not, so that the
    # window paints before it is imported.
    orm = LazyModule("sqlalchemy.orm")


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened when a database was opened."""

    location: str
    created: bool
    migrated_from: str | None
    seeded_items: int
    recovered_from: Backup | None = None
    damaged_copy: Path | None = None


class CommitListener(Protocol):
    """What wants to know of a write transaction's commit: just before it (the writes made,
    the write lock held) and just after."""

    def before_own_commit(self) -> None: ...

    def after_own_commit(self) -> None: ...


class Database:
    """One database file (or URL) and its transactions; the service's parts work through it."""

    def __init__(self, engine: Engine, *, wording: Wording = WINDOW) -> None:
        self.engine = engine
        self.wording = wording
        # Told of each of this database's own commits (storage.live's SQLite watcher).
        self.commit_listeners: list[CommitListener] = []
        self.read_only = is_read_only(engine.url)
        # What this user may change; on PostgreSQL the server's grants say (``learn_access``).
        self.access = Access.VIEWER if self.read_only else Access.ADMIN
        # The search index is SQLite's FTS5, or else PostgreSQL's tsvector (pg_search).
        self.fts = engine.dialect.name == "sqlite"
        self._writer = writer(engine)
        self.actor: str | None = None
        self._reads = ReadInterrupter(engine)
        self.location = _describe_location(engine)
        self.report = OpenReport(self.location, created=False, migrated_from=None, seeded_items=0)
        self._last_backup_at: datetime | None = None

    @classmethod
    def open(
        cls,
        target: str | None = None,
        *,
        seed_file: Path | None = None,
        seed: bool = True,
        recover: bool = False,
        before_migrating: Callable[[], None] | None = None,
        wording: Wording = WINDOW,
    ) -> Database:
        """Open (creating, migrating and seeding as needed) the database ``target`` names.

        A damaged SQLite file is never written to. With ``recover`` (the window, once the
        user agreed) it is set aside unchanged and the newest verified backup takes its
        place; without, opening fails with a message pointing to ``accords restore``. A file
        that is not an Accords database (another program's, or no database and no backup)
        raises NotAccordsError, unchanged.
        ``before_migrating`` is called before an existing database is backed up and brought
        to the current schema, which takes seconds on a large file. A file this process may
        not write (or in a folder it may not write) is opened read-only: ``read_only`` says
        so, and every save is refused with nothing changed. ``wording`` says, in failures,
        what became of the caller's edit.
        """
        url = resolve_database_url(target)
        path = sqlite_file(url)
        recovered: tuple[Backup | None, Path | None] = (None, None)
        if path is not None:
            _check_folder(path)
            # Before any connection, and read as immutable: opening would switch another
            # program's file to WAL mode, and even reading one in WAL mode would create files
            # beside it.
            refuse_foreign(path)
            url = _read_only_url(path) or url
            recovered = _check_or_recover(path, recover=recover and not is_read_only(url))
        created = path is not None and (not path.exists() or path.stat().st_size == 0)
        database = cls(make_engine(url), wording=wording)
        try:
            database.check_server()
            migrated_from = database._migrate(before_migrating)
            database.learn_access()
            seeded = 0
            if seed and not database.read_only and database.is_empty():
                from storage.transfer.seeding import default_seed_file

                seeded = database.seed(seed_file or default_seed_file())
        except BaseException:
            database.close()
            raise
        database.report = OpenReport(database.location, created, migrated_from, seeded, *recovered)
        return database

    def check_server(self) -> None:
        """Refuse a PostgreSQL database not encoded in UTF-8, where text would be counted and
        cut by bytes (a quote's place in its source) rather than by characters."""
        if self.engine.dialect.name != "postgresql":
            return
        with self.connected() as connection:
            encoding = connection.exec_driver_sql("SHOW server_encoding").scalar()
        if encoding != "UTF8":
            raise DatabaseError(
                _(
                    "{location} is encoded in {encoding}; Accords needs UTF8 (CREATE DATABASE "
                    "... ENCODING 'UTF8' TEMPLATE template0). Nothing was changed."
                ).format(location=self.location, encoding=encoding)
            )

    def act_as(self, actor: str) -> None:
        """Name ``actor`` in every write from now on (a record's ``updated_by``)."""
        self.actor = actor
        self._writer = writer(self.engine).execution_options(**{tables.ACTOR_OPTION: actor})

    def database_user(self) -> str | None:
        """The user this PostgreSQL connection acts as (``current_user``); None on SQLite."""
        if self.engine.dialect.name != "postgresql":
            return None
        with self.connected() as connection:
            return str(connection.exec_driver_sql("SELECT current_user").scalar())

    def learn_access(self) -> None:
        """Ask a PostgreSQL server what this user may do; a viewer's database is read-only.

        The server's grants enforce it; this only lets the window and the command line say
        so before an edit rather than after.
        """
        if self.engine.dialect.name != "postgresql":
            return
        with self.connected() as connection:
            self.access = effective_access(connection)
        self.read_only = self.read_only or self.access is Access.VIEWER

    @property
    def path(self) -> Path | None:
        """The SQLite file behind this database, if it is one."""
        return sqlite_file(self.engine.url)

    def backup(self, reason: str = "manual", *, otherwise: str = "") -> Backup | None:
        """Take a verified backup now (SQLite files only); ``otherwise``: as create_backup."""
        if self.path is None or not self.path.exists():
            return None
        backup = create_backup(self.path, reason, otherwise=otherwise)
        self._last_backup_at = backup.taken_at
        return backup

    def backup_if_due(self, every: timedelta = DAILY, reason: str = "daily") -> Backup | None:
        """Back up if the newest backup is older than ``every``; returns the new backup."""
        if self.path is None or not self.path.exists() or self.is_empty():
            return None
        if not is_due(self.path, every=every):
            return None
        return self.backup(reason)

    def interrupt_reads(self) -> None:
        """Stop every read running now (a window is closing); saves are never stopped.

        A read stopped this way raises DatabaseError in its caller.
        """
        self._reads.interrupt()

    def check_pages(self) -> str | None:
        """Why the database file is damaged, checked page by page, or None (SQLite files
        only). Seconds on a large file: ``interrupt_reads`` stops it."""
        if self.path is None or not self.path.exists():
            return None
        return damage(self.path, deep=True, reading=self._reads.reading)

    def close(self) -> None:
        """Release the database; it must not be used afterwards."""
        self.engine.dispose()

    def is_empty(self) -> bool:
        """True when the database holds no records and was never seeded."""
        with self.connected() as connection:
            has_record = connection.scalar(select(RECORD.id).limit(1)) is not None
            seeded = tables.seed_items.c.key
            was_seeded = connection.scalar(select(seeded).limit(1)) is not None
        return not has_record and not was_seeded

    def seed(self, path: Path) -> int:
        """Add from a seed file whatever this database has never had; returns items added."""
        from storage.transfer.seeding import apply_seed, load_seed

        seed = load_seed(path)
        if not self.is_empty():
            self.backup("before-seed")
        with self.writing() as session:
            added, touched = apply_seed(session, seed, actor="seed")
            session.flush()
            for record_id in touched:
                self.reindex(session, record_id)
        return added

    def rebuild_search_index(self) -> None:
        """Write the search index again from the records, in one transaction."""
        with self.writing() as session:
            search_index.rebuild(session.connection())

    def reindex(self, session: orm.Session, record_id: int) -> None:
        """Rewrite a record's row of the search index from its current text."""
        session.flush()  # the index is rebuilt from what the tables hold
        rewrite_search_row(session.connection(), record_id)

    # -- transactions -----------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[orm.Session]:
        """A read-only transaction."""
        with (
            translated(self.location, self.wording),
            orm.Session(self.engine) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def connected(self) -> Iterator[Connection]:
        """A Core connection for reads that need no ORM objects (cheaper than a Session)."""
        with translated(self.location, self.wording), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def writing_core(self) -> Iterator[Connection]:
        """``writing`` for saves made of Core statements alone, without a Session's upkeep."""
        self._refuse_if_read_only()
        with translated(self.location, self.wording), self._writer.begin() as connection:
            yield connection
            for listener in self.commit_listeners:
                listener.before_own_commit()
        for listener in self.commit_listeners:
            listener.after_own_commit()
        self._backup_while_editing()

    @contextmanager
    def writing(self) -> Iterator[orm.Session]:
        """A write transaction that takes the lock up front; one per user action."""
        self._refuse_if_read_only()
        with (
            translated(self.location, self.wording),
            orm.Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            session.flush()  # the writes made, and SQLite's write lock held, before COMMIT
            for listener in self.commit_listeners:
                listener.before_own_commit()
        for listener in self.commit_listeners:
            listener.after_own_commit()
        self._backup_while_editing()

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise read_only_refusal(self.location, self.wording)

    def _backup_while_editing(self) -> None:
        """Every half hour of editing, take a backup (the first edit starts the clock)."""
        if self.path is None:
            return
        now = datetime.now(UTC)
        if self._last_backup_at is None:
            newest = list_backups(self.path)
            self._last_backup_at = newest[0].taken_at if newest else now
        if now - self._last_backup_at >= AUTOMATIC_EVERY:
            self.backup("while-editing")

    def _migrate(self, before_migrating: Callable[[], None] | None) -> str | None:
        with translated(self.location, self.wording):
            revision = migrate.pending(self.engine)
        if revision is None:
            return None
        if self.read_only:
            raise DatabaseError(
                _(
                    "{location} needs its tables brought to this version of Accords, but "
                    "it is read-only; nothing was changed."
                ).format(location=self.location)
            )
        if revision:
            if before_migrating is not None:
                before_migrating()
            not_updated = _(
                "{location} was not updated to this version of Accords and is unchanged."
            ).format(location=self.location)
            self.backup("before-migration", otherwise=not_updated)
        # One transaction: a failed update (or creation) has no edit to keep; it leaves the
        # database as it was (or empty).
        with translated(self.location, UPDATING if revision else CREATING):
            migrate.upgrade(self.engine)
        return revision


def _check_folder(path: Path) -> None:
    """Refuse a database named in a folder that is missing or is a file: none is made for it.

    (Only the default data folder is made, by ``data_folder``.)
    """
    folder = path.parent
    if folder.is_dir():
        return
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise DatabaseError(
            _("Cannot open {path}: {existing} is a file, not a folder.").format(
                path=path, existing=existing
            )
        )
    raise DatabaseError(
        _("Cannot open {path}: the folder {folder} does not exist; nothing was created.").format(
            path=path, folder=folder
        )
    )


def _read_only_url(path: Path) -> URL | None:
    """A read-only URL for a database this process may not write, or None when it may.

    SQLite reads a WAL database through its -wal and -shm files, which it must be able to
    create, or find, beside it (https://sqlite.org/wal.html#readonly). In a folder we may
    write, ``mode=ro`` does that properly even while another process writes. In a folder
    we may not write with no -wal file, nothing is waiting in a log and no one without the
    folder's rights can start one, so ``immutable=1`` reads the file alone, as CPython's
    dbm.sqlite3 does; with a -wal file there, ``mode=ro`` reads it through its -shm file.
    """
    folder_writable = os.access(path.parent, os.W_OK)
    if not path.exists() or (folder_writable and os.access(path, os.W_OK)):
        return None
    wal = path.with_name(path.name + "-wal")
    return read_only_url(path, immutable=not folder_writable and not wal.exists())


def _check_or_recover(path: Path, *, recover: bool) -> tuple[Backup | None, Path | None]:
    """Refuse, or (once the user agreed) set aside and restore, a damaged database file."""
    reason = damage(path) if path.exists() else None
    if reason is None:
        return None, None
    backup = newest_verified(path)
    if backup is None and reason == NOT_SQLITE:
        # A spreadsheet or text picked by mistake, not a damaged database of ours. (Its
        # header is not read here: closing a descriptor would drop this process's locks.)
        raise NotAccordsError(
            _("{path} is not an Accords database; nothing was changed.").format(path=path)
        )
    if not recover:
        raise DatabaseDamagedError(
            _(
                "{path} {reason}; it was left untouched. Run `accords restore` to "
                "bring back the newest backup."
            ).format(path=path, reason=reason)
        )
    if backup is None:
        aside = set_aside_damaged(path)
        raise DatabaseDamagedError(
            _(
                "{path} {reason}. It was kept unchanged as {name}, and there is no "
                "backup to restore."
            ).format(path=path, reason=reason, name=aside.name),
            kept_aside=aside,
        )
    return backup, restore_backup(path, backup)


def _describe_location(engine: Engine) -> str:
    path = sqlite_file(engine.url)
    return str(path) if path else engine.url.render_as_string(hide_password=True)


__all__ = ["Database", "OpenReport"]
