"""WCAG contrast: the ratio itself, and badges, chart colours and errors readable in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from gui.contrast import (
    READABLE,
    badge_colours,
    contrast_ratio,
    ensure_contrast,
    high_contrast_palette,
    relative_luminance,
    text_on,
)
from gui.dashboard.theme import LINE_COLOURS, SERIES_COLOURS, bar_label_colour, colour, line_pen
from gui.window.badge import STATUS_COLOURS, status_badge


def palette_of(window: str, text: str) -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, QColor(window))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor(text))
    return palette


def themes() -> dict[str, QPalette]:
    return {
        "light": palette_of("#efefef", "#000000"),
        "white": palette_of("#ffffff", "#1a1a1a"),
        "dark": palette_of("#2b2b2b", "#eeeeee"),
        "high contrast": high_contrast_palette(),
        "high contrast white": palette_of("#ffffff", "#000000"),
    }


def test_the_ratio_is_wcags() -> None:
    black, white = QColor("#000000"), QColor("#ffffff")
    assert relative_luminance(black) == 0 and relative_luminance(white) == pytest.approx(1)
    assert contrast_ratio(black, white) == pytest.approx(21)
    assert contrast_ratio(white, black) == pytest.approx(21)  # either order
    assert contrast_ratio(white, white) == pytest.approx(1)
    # Known pairs: #767676 is the lightest grey that passes on white, #777777 just fails.
    assert contrast_ratio(QColor("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#777777"), white) < READABLE


def test_ensure_contrast_keeps_what_reads_and_moves_what_does_not() -> None:
    white, black = QColor("#ffffff"), QColor("#000000")
    navy = QColor("#1e3a8a")
    assert ensure_contrast(navy, white) == navy
    pale = QColor("#ffd54f")  # amber on white: 1.4:1
    darker = ensure_contrast(pale, white)
    assert contrast_ratio(darker, white) >= READABLE
    assert darker.lightness() < pale.lightness() and abs(darker.hslHue() - pale.hslHue()) <= 2
    lighter = ensure_contrast(QColor("#3f6fa3"), black)
    assert contrast_ratio(lighter, black) >= READABLE
    assert text_on(white) == black and text_on(black) == white


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_every_status_badge_reads(status: str) -> None:
    fill, ink = status_badge(status)
    assert contrast_ratio(fill, ink) >= READABLE
    fill, ink = badge_colours(QColor("#f9a825"))  # yellow: takes black text
    assert ink == QColor("#000000") and contrast_ratio(fill, ink) >= READABLE


@pytest.mark.parametrize("theme", sorted(themes()))
def test_chart_colours_stand_out_from_each_background(theme: str) -> None:
    palette = themes()[theme]
    window = palette.color(QPalette.ColorRole.Window)
    for name in SERIES_COLOURS:
        assert contrast_ratio(colour(name, palette), window) >= READABLE, name
        assert contrast_ratio(bar_label_colour(name, palette), colour(name, palette)) >= (
            READABLE
        ) or name in ("delivered", "pledge")
    for number in range(len(LINE_COLOURS)):
        assert contrast_ratio(line_pen(number, palette).color(), window) >= READABLE


def test_lines_differ_by_dashes_too() -> None:
    palette = themes()["light"]
    styles = {line_pen(number, palette).style() for number in range(5)}
    assert len(styles) == 5


def test_source_highlights_read_with_their_black_text() -> None:
    from gui.detail.source import FOCUS, OWN, PALE

    for highlight in (PALE, OWN, FOCUS):
        assert contrast_ratio(highlight, QColor("#000000")) >= READABLE
