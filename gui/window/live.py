"""Live updates in the window: changes made elsewhere refresh the rows, counts and details,
and a lost server is said in a banner until the window is connected again."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from gui.window.banner import STYLE
from storage.i18n import _
from storage.live import Change, SqliteWatcher, Watcher, watch

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

# Changes arriving this close together are shown in one refresh: a burst of saves elsewhere
# (an import, a copy) costs one reload, not one each.
GATHER_MS = 100
LOST = _("Lost the connection to the server; your unsaved text is kept; reconnecting…")
BACK = _("Connected to the server again; the records shown are up to date.")
BACK_SHOWN_MS = 5000


class ConnectionBanner(QLabel):
    """Hidden while connected; says so, without blocking anything, while the server is lost."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(_("Connection notice"))
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.setInterval(BACK_SHOWN_MS)
        self._hide_later.timeout.connect(self.hide)
        self.hide()

    def show_connected(self, connected: bool) -> None:
        """Say the server is lost, or (for a few seconds) that it is back."""
        self.setText(BACK if connected else LOST)
        self.show()
        if connected:
            self._hide_later.start()
        else:
            self._hide_later.stop()


class LiveUpdates(QObject):
    """Receives a watcher's reports in the GUI thread and refreshes the window with them.

    The watcher calls the two signals' ``emit`` from its own thread; Qt queues them to this
    object's slots in the GUI thread, where the window is touched. The window's own saves are
    not reported on SQLite (the watcher is told of them); on PostgreSQL they are, and
    refreshing for them is harmless.
    """

    changed = Signal(object)  # a storage.live.Change, from the watcher's thread
    connection = Signal(bool)  # False: the server was lost; True: it is back
    refreshed = Signal(object)  # after a refresh: the record ids (None: any record)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.banner = ConnectionBanner()
        self._watcher: Watcher | None = None
        self._gathered: set[int] | None = set()
        self.first_arrival = 0.0  # when the change a refresh shows first arrived (monotonic)
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self.refresh)
        self.changed.connect(self._arrived)
        self.connection.connect(self._connection)

    def start(self) -> None:
        """Start watching the window's database (after its first paint)."""
        if self._watcher is None:
            db = self._window.service.db
            self._watcher = watch(db.engine.url, self.changed.emit, self.connection.emit)
            if isinstance(self._watcher, SqliteWatcher):
                # Told of the window's own commits, it reports only others' changes: the
                # window has shown its own save, and a second refresh (rows and counts
                # again) would only cost time.
                db.commit_listeners.append(self._watcher)

    def stop(self) -> None:
        """Stop watching (the window is closing): nothing arrives afterwards."""
        self._gather.stop()
        if self._watcher is not None:
            listeners = self._window.service.db.commit_listeners
            if isinstance(self._watcher, SqliteWatcher) and self._watcher in listeners:
                listeners.remove(self._watcher)
            self._watcher.stop()
            self._watcher = None

    @Slot(object)
    def _arrived(self, change: Change) -> None:
        if self._watcher is None:
            return  # stopped meanwhile
        if not self._gather.isActive():
            self.first_arrival = time.monotonic()
            self._gather.start()
        if change.record_ids is None or self._gathered is None:
            self._gathered = None
        else:
            self._gathered |= change.record_ids

    @Slot(bool)
    def _connection(self, connected: bool) -> None:
        if self._watcher is not None:
            self.banner.show_connected(connected)

    @Slot()
    def refresh(self) -> None:
        """Show what changed: the rows, the counts, and the record shown if it changed."""
        record_ids, self._gathered = self._gathered, set()
        self._window.show_changes_made_elsewhere(
            None if record_ids is None else frozenset(record_ids)
        )
        self.refreshed.emit(record_ids)
