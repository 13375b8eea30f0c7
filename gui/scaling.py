"""Sizes that follow the user's font: pixels chosen for a 9-point font, scaled to the one in use."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication

# The line height (pixels) of the 9-point font the window's pixel sizes were chosen with.
REFERENCE_LINE_HEIGHT = 14.0


def font_scale(font: QFont | None = None) -> float:
    """How much larger than the reference ``font`` (the application's by default) is; never
    below 1, so that a small font keeps the sizes that were chosen to stay usable."""
    used = font if font is not None else QGuiApplication.font()
    return max(1.0, QFontMetricsF(used).height() / REFERENCE_LINE_HEIGHT)


def scaled(pixels: int, font: QFont | None = None) -> int:
    """``pixels`` at the reference font, in pixels at ``font``."""
    return round(pixels * font_scale(font))
