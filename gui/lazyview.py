"""A view whose data is costly to read: it reads when shown, not on every change."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

# A view whose last read took longer than this waits for edits to pause before reading again.
SLOW_READ_SECONDS = 0.25
QUIET_MS = 1000


class LazyView(QWidget):
    """Reads its data when first shown; after a change, at once if shown, else on next show.

    When its last read was slow (seconds, on a large database), a change while shown waits
    for ``QUIET_MS`` without further changes, and for the window's own background work
    (counts, details) to finish: a burst of edits costs one read, after it, and leaves the
    machine to the window meanwhile.

    Subclasses implement ``refresh()`` and clear ``_stale`` in it, and report how long
    their last read took in ``read_seconds()``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Nothing read yet: on a large database the first read must not hold up the
        # window's first paint, so it waits for the view to be shown.
        self._stale = True
        self.stopped = False  # see stop()
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._read_after_quiet)

    def refresh(self) -> None:
        """Read the data again and show it."""
        raise NotImplementedError

    def read_seconds(self) -> float:
        """How long the last read took (0 before the first)."""
        return 0.0

    def invalidate(self) -> None:
        """The data changed: refresh now if shown (or soon, if reads are slow), else the
        next time the view is shown."""
        if self.isVisible() and self.read_seconds() < SLOW_READ_SECONDS:
            self.refresh()
            return
        self._stale = True
        if self.isVisible():
            self._quiet.start()  # restarted by every change until they pause

    def stop(self) -> None:
        """Read no more, and show nothing more (the database is closing)."""
        self.stopped = True
        self._quiet.stop()

    @property
    def waiting_for_quiet(self) -> bool:
        """True while a change waits for edits to pause before the view reads again."""
        return self._quiet.isActive()

    def _read_after_quiet(self) -> None:
        if QThreadPool.globalInstance().activeThreadCount():
            self._quiet.start()  # the window's own counts and details go first
        elif self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
