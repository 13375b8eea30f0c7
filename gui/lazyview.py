"""A view whose data is costly to read: it reads when shown, not on every change."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyView(QWidget):
    """Reads its data when first shown; after a change, at once if shown, else on next show.

    Subclasses implement ``refresh()`` and clear ``_stale`` in it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Nothing read yet: on a large database the first read must not hold up the
        # window's first paint, so it waits for the view to be shown.
        self._stale = True

    def refresh(self) -> None:
        """Read the data again and show it."""
        raise NotImplementedError

    def invalidate(self) -> None:
        """The data changed: refresh now if shown, else the next time the view is shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
