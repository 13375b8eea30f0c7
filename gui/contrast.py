"""Colours anyone can read: WCAG contrast ratios, and colours moved until they reach 4.5:1."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# WCAG 2's minimum for normal text (AA); also asked of badges and chart marks here.
READABLE = 4.5
BLACK, WHITE = QColor("#000000"), QColor("#ffffff")
# How far each step of ``ensure_contrast`` moves the lightness (of 255).
STEP = 8


def relative_luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2's contrast ratio of two colours, 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    return max((BLACK, WHITE), key=lambda ink: contrast_ratio(ink, background))


def ensure_contrast(colour: QColor, background: QColor, minimum: float = READABLE) -> QColor:
    """``colour``, its hue kept, made darker (on a light background) or lighter (on a dark
    one) until it reaches ``minimum`` against ``background``; black or white if even the
    end of the scale does not."""
    if contrast_ratio(colour, background) >= minimum:
        return QColor(colour)
    darker = relative_luminance(background) > relative_luminance(colour) or (
        relative_luminance(background) > 0.5
    )
    hue, saturation = colour.hslHue(), colour.hslSaturation()
    lightness, alpha = colour.lightness(), colour.alpha()
    while 0 < lightness < 255:
        lightness = max(lightness - STEP, 0) if darker else min(lightness + STEP, 255)
        moved = QColor.fromHsl(hue, saturation, lightness, alpha)
        if contrast_ratio(moved, background) >= minimum:
            return moved
    return text_on(background)


def badge_colours(fill: QColor, minimum: float = READABLE) -> tuple[QColor, QColor]:
    """(fill, text) of a badge: black or white text, and ``fill`` moved until they read."""
    ink = text_on(fill)
    return ensure_contrast(fill, ink, minimum), ink


def on_palette(colour: QColor, palette: QPalette, role: QPalette.ColorRole) -> QColor:
    """``colour`` made readable on the palette's ``role`` (Window, Base…): what follows the
    system's light, dark and high-contrast themes."""
    return ensure_contrast(colour, palette.color(role))


def high_contrast_palette() -> QPalette:
    """A high-contrast palette like the systems' own (white on black, yellow selection),
    for trying the window in one: ``python -m gui.screenshot --high-contrast``."""
    palette = QPalette()
    role = QPalette.ColorRole
    for each in (role.Window, role.Base, role.AlternateBase, role.Button, role.ToolTipBase):
        palette.setColor(each, BLACK)
    for each in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText):
        palette.setColor(each, WHITE)
    palette.setColor(role.AlternateBase, QColor("#1a1a1a"))
    palette.setColor(role.Highlight, QColor("#ffff00"))
    palette.setColor(role.HighlightedText, BLACK)
    palette.setColor(role.Link, QColor("#00ffff"))
    palette.setColor(role.LinkVisited, QColor("#ff80ff"))
    palette.setColor(role.PlaceholderText, QColor("#c0c0c0"))
    for each in (role.Light, role.Midlight, role.Mid, role.Dark, role.Shadow):
        palette.setColor(each, WHITE)
    group = QPalette.ColorGroup.Disabled
    for each in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group, each, QColor("#a0a0a0"))
    return palette
