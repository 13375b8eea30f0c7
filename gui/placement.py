"""Where a window opens: where it was left when that is still on a screen, else most of one."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Of the screen's available width and height, on a first start.
FIRST_START_SHARE = 0.8


def place(window: QWidget, saved: QByteArray) -> None:
    """Restore ``saved`` geometry if it is valid (Qt moves it onto a screen if it is on none,
    e.g. a monitor since unplugged); without valid saved geometry, open at most of the screen."""
    if saved.isEmpty() or not window.restoreGeometry(saved):
        window.setGeometry(first_start_geometry(window))


def first_start_geometry(window: QWidget) -> QRect:
    """80% of the available area of the window's screen, centred, never below what the
    layout needs nor beyond the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    wanted = QSize(
        round(available.width() * FIRST_START_SHARE), round(available.height() * FIRST_START_SHARE)
    )
    size = wanted.expandedTo(window.minimumSizeHint()).boundedTo(available.size())
    # Centred as QStyle.alignedRect centres (halves rounded down apart), by hand: naming
    # QStyle has PySide build the type and every enum of it, 5 ms of the first frame.
    left = available.x() + available.width() // 2 - size.width() // 2
    top = available.y() + available.height() // 2 - size.height() // 2
    return QRect(left, top, size.width(), size.height())
