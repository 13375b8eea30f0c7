"""Watch a database for changes made elsewhere: LISTEN/NOTIFY on PostgreSQL, SQLite's
``PRAGMA data_version`` on a file; each watcher waits on its own connection in a thread.

A watcher calls back from its thread (never touch a widget there): ``on_change(Change)``
when something changed, and ``on_connection(bool)`` when the server was lost (False) and
when it is back (True), after which a change of unknown records is reported too, since
anything may have changed meanwhile.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import URL

if TYPE_CHECKING:
    from pathlib import Path

# The channel the triggers of migration 0010 notify on PostgreSQL, with the ids of the
# records a statement changed ("" when it changed too many to list, or rows of no record).
CHANNEL = "accords_changes"
# How often a SQLite file is asked whether another connection wrote to it: the latency of a
# change seen elsewhere is about half of it, and each ask reads no page (a few microseconds).
SQLITE_POLL_S = 0.5
# How long a PostgreSQL watcher waits for a notification before checking whether it was
# stopped: it costs nothing while idle (the thread sleeps in select on the socket).
PG_WAIT_S = 0.5
# Reconnecting to a lost server waits this long at first, then twice as long each time.
FIRST_RETRY_S = 0.5
LAST_RETRY_S = 15.0


@dataclass(frozen=True, slots=True)
class Change:
    """Something changed: these records, or (``record_ids`` None) records not known."""

    record_ids: frozenset[int] | None = None

    @staticmethod
    def from_payload(payload: str) -> Change:
        """The change a notification's payload describes ("3,12", or "" for unknown)."""
        try:
            ids = frozenset(int(part) for part in payload.split(",") if part)
        except ValueError:
            return Change()
        return Change(ids) if ids else Change()


OnChange = Callable[[Change], None]
OnConnection = Callable[[bool], None]


class Watcher:
    """A thread that waits for changes until ``stop()``; subclasses say how to wait."""

    def __init__(self, on_change: OnChange, on_connection: OnConnection) -> None:
        self._on_change = on_change
        self._on_connection = on_connection
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self.connected = True  # whether the watcher reaches the database now

    def start(self) -> None:
        """Start watching."""
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching; no callback is made once this returns (unless it timed out)."""
        self._stopped.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def _run(self) -> None:
        delay = FIRST_RETRY_S
        while not self._stopped.is_set():
            try:
                self._watch()
            except Exception:  # the connection failed: say so, wait, try again
                if self._stopped.is_set():
                    return
                self._set_connected(False)
                self._stopped.wait(delay)
                delay = min(delay * 2, LAST_RETRY_S)
            else:
                return

    def _watch(self) -> None:
        raise NotImplementedError

    def _set_connected(self, connected: bool) -> None:
        """Report a lost connection, or one that is back (and then a change of anything)."""
        if connected == self.connected or self._stopped.is_set():
            return
        self.connected = connected
        self._call(self._on_connection, connected)
        if connected:
            self._report(Change())

    def _report(self, change: Change) -> None:
        if not self._stopped.is_set():
            self._call(self._on_change, change)

    def _call(self, callback: Callable[[Any], None], value: object) -> None:
        try:
            callback(value)
        except RuntimeError:
            # The receiver is gone (a window deleted without being closed): nobody listens.
            self._stopped.set()


class SqliteWatcher(Watcher):
    """Asks a SQLite file, on a connection of its own, whether another connection wrote."""

    def __init__(
        self,
        path: Path,
        on_change: OnChange,
        on_connection: OnConnection,
        *,
        every: float = SQLITE_POLL_S,
    ) -> None:
        super().__init__(on_change, on_connection)
        self._path = path
        self._every = every
        # The version last seen, and the connection it is read on; under the lock, as the
        # window's own commits read it from the thread that commits.
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._seen = 0

    def _watch(self) -> None:
        # Read-only: a watcher never writes, nor makes a file where there is none.
        connection = sqlite3.connect(
            f"{self._path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        try:
            with self._lock:
                self._connection, self._seen = connection, _data_version(connection)
            self._set_connected(True)
            while not self._stopped.wait(self._every):
                self._look()
        finally:
            with self._lock:
                self._connection = None
            connection.close()

    def _look(self) -> None:
        with self._lock:
            changed = self._changed_since_seen()
        if changed:
            self._report(Change())

    def _changed_since_seen(self) -> bool:
        if self._connection is None:
            return False
        version = _data_version(self._connection)
        changed, self._seen = version != self._seen, version
        return changed

    def before_own_commit(self) -> None:
        """Called by the window's service with its write transaction open, before COMMIT:
        holding SQLite's write lock, nobody else can commit now, so a change seen here is
        another's, reported now rather than mistaken for the window's own."""
        self._look()

    def after_own_commit(self) -> None:
        """Called right after the window's own COMMIT: take it as seen, so the window is not
        told of its own save (it has shown it). Another's commit in the microseconds between
        the two is taken as seen too, and shown with the next change."""
        with self._lock:
            self._changed_since_seen()


def _data_version(connection: sqlite3.Connection) -> int:
    # Changes when another connection commits to the file, not for this one's own writes.
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


class PostgresWatcher(Watcher):
    """LISTENs on the channel, on a connection of its own; reconnects when it is lost."""

    def __init__(self, url: URL, on_change: OnChange, on_connection: OnConnection) -> None:
        super().__init__(on_change, on_connection)
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.backend_pid: int | None = None  # the server process serving the watcher

    def _watch(self) -> None:
        import psycopg

        with psycopg.connect(
            self._conninfo,
            autocommit=True,
            connect_timeout=10,
            application_name="accords-live",
            # A server gone without closing the connection (a cable, a sleeping laptop)
            # is noticed within about half a minute rather than never.
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
        ) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self.backend_pid = connection.info.backend_pid
            self._set_connected(True)
            while not self._stopped.is_set():
                for notification in connection.notifies(timeout=PG_WAIT_S):
                    self._report(Change.from_payload(notification.payload))
                    if self._stopped.is_set():
                        return


def watch(
    url: URL,
    on_change: OnChange,
    on_connection: OnConnection,
    *,
    sqlite_every: float = SQLITE_POLL_S,
) -> Watcher | None:
    """A started watcher of the database ``url`` names, or None where none can watch (a
    database in memory, another engine)."""
    from storage.db.paths import sqlite_file

    watcher: Watcher
    path = sqlite_file(url)
    if url.get_backend_name() == "postgresql":
        watcher = PostgresWatcher(url, on_change, on_connection)
    elif path is not None:
        watcher = SqliteWatcher(path, on_change, on_connection, every=sqlite_every)
    else:
        return None
    watcher.start()
    return watcher
