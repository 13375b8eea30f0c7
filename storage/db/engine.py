"""The engine factory: SQLite in WAL mode, fully synced, foreign keys on, write locks up front."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The SQLite dialect, which ``create_engine`` would import on first use, comes with this
# module instead: `accords` imports the storage core before Qt, and PySide6 reads the source
# of every module imported after it (looking for its feature switches), which tripled the
# dialect's import, 5 ms -> 15 ms, in the window's start.
import sqlalchemy.dialects.sqlite  # noqa: F401
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection

from storage.schema.sqlfunctions import register as register_functions

BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "accords_write"
CONNECT_TIMEOUT_S = 10


def make_engine(url: URL, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Create the engine for ``url``; SQLite connections get Accords' safety pragmas."""
    if url.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(
        url,
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )
    _install_sqlite_hooks(engine, busy_timeout_ms)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take the write lock at BEGIN (BEGIN IMMEDIATE).

    Taking the lock up front means a busy database fails fast at the start of a user
    action, before anything was half-done, instead of at the first write inside it.
    """
    return engine.execution_options(**{WRITE_OPTION: True})


class ReadInterrupter:
    """The connections reading now, so that a closing window can stop them at once.

    A connection is tracked from the BEGIN of a read transaction until it is checked in;
    one that begins a write transaction (BEGIN IMMEDIATE) is never tracked, so no save is
    ever cut short. Interrupted, a statement fails with SQLITE_INTERRUPT and its read ends;
    a statement started after the interrupt runs as usual.
    """

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._reading: set[Any] = set()
        event.listen(engine, "begin", self._began)
        event.listen(engine, "checkin", self._checked_in)

    @contextmanager
    def reading(self, dbapi_connection: Any) -> Iterator[None]:
        """Track a connection of one's own (a page-by-page check) while it reads."""
        self._track(dbapi_connection)
        try:
            yield
        finally:
            self._checked_in(dbapi_connection)

    def interrupt(self) -> None:
        """Stop the statements that the connections reading now are running."""
        with self._lock:
            for dbapi_connection in self._reading:
                stop = getattr(dbapi_connection, "interrupt", None)  # sqlite3 has it
                if stop is not None:
                    stop()

    def _began(self, connection: Connection) -> None:
        if not connection.get_execution_options().get(WRITE_OPTION, False):
            self._track(connection.connection.dbapi_connection)

    def _track(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._reading.add(dbapi_connection)

    def _checked_in(self, dbapi_connection: Any, *_pool_details: Any) -> None:
        with self._lock:
            self._reading.discard(dbapi_connection)


def _postgresql_engine(url: URL) -> Engine:
    """An engine on a PostgreSQL server: a bounded wait to connect, pooled connections checked
    before use (a window outlives a server restart), and the program's name in pg_stat_activity.
    """
    connect_args: dict[str, Any] = {"application_name": "accords"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below issue BEGIN itself, so it can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        register_functions(dbapi_connection)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if _is_file_database(engine.url) and engine.url.query.get("mode") != "ro":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _is_file_database(url: URL) -> bool:
    return url.database not in (None, "", ":memory:")
