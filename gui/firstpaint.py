"""Work that waits for a window's first frame: counts, checks and offers come after it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

# If the widget is never painted (a window kept hidden or minimised), the work still runs.
FALLBACK_MS = 3000


class FirstPaint(QObject):
    """Emits ``painted`` once, one event-loop turn after ``widget`` first got painted.

    The turn in between lets the frame reach the screen before whatever waits for it runs.
    Without a paint (the widget is never shown), ``painted`` comes after ``fallback_ms``.
    """

    painted = Signal()

    def __init__(self, widget: QWidget, *, fallback_ms: int = FALLBACK_MS) -> None:
        super().__init__(widget)
        self.done = False
        self._widget = widget
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)
        return False

    def cancel(self) -> None:
        """Never emit ``painted`` (if it has not been emitted yet)."""
        self.done = True
        self._widget.removeEventFilter(self)

    def _fire(self) -> None:
        if self.done:
            return
        self.cancel()
        self.painted.emit()
