"""Sizes that follow the font: scaled from the 9-point reference, never below it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.scaling import REFERENCE_LINE_HEIGHT, font_scale, scaled


def font_of(pixels: int) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    return font


def test_a_small_font_keeps_the_reference_sizes(qapp: QApplication) -> None:
    small = font_of(6)
    assert QFontMetricsF(small).height() < REFERENCE_LINE_HEIGHT
    assert font_scale(small) == 1.0
    assert scaled(120, small) == 120


def test_a_larger_font_scales_sizes_by_its_line_height(qapp: QApplication) -> None:
    large = font_of(40)
    ratio = QFontMetricsF(large).height() / REFERENCE_LINE_HEIGHT
    assert ratio > 2
    assert font_scale(large) == pytest.approx(ratio)
    assert scaled(100, large) == round(100 * ratio)


def test_without_a_font_the_applications_is_used(qapp: QApplication) -> None:
    assert font_scale() == font_scale(qapp.font())
