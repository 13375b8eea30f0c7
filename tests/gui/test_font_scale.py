"""The window follows a larger system font: at 1.5× nothing in the main panes overlaps or is cut."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from gui.scaling import font_scale, scaled
from tests.gui.walk import RECORD, shown_widgets

SCALE = 1.5
# The 1024×700 the window is checked at with the usual font, made as much larger.
SIZE = (round(1024 * SCALE), round(700 * SCALE))


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[float]:
    """The application's font 1.5 times its usual size, for one test."""
    usual = qapp.font()
    larger = qapp.font()
    larger.setPointSizeF(usual.pointSizeF() * SCALE)
    qapp.setFont(larger)
    yield SCALE
    qapp.setFont(usual)


def cut_or_overlapping(pane: QWidget) -> list[str]:
    """Widgets of a pane smaller than their least size, and laid-out siblings that overlap."""
    faults = []
    shown = shown_widgets(pane)
    for widget in shown:
        parent = widget.parentWidget()
        if parent is None or parent.layout() is None or widget.objectName().startswith("qt_"):
            continue  # placed by its parent itself (a scroll area's parts), not by a layout
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        least = least.boundedTo(widget.maximumSize())  # as layouts do: a cap is deliberate
        if least.isValid() and (widget.width() < least.width() or widget.height() < least.height()):
            faults.append(f"{type(widget).__name__} {widget.size()} < {least}")
    for widget in shown:
        siblings = [w for w in shown if w.parentWidget() is widget and w.parentWidget().layout()]
        for number, first in enumerate(siblings):
            for second in siblings[number + 1 :]:
                if first.geometry().intersected(second.geometry()).isValid():
                    faults.append(f"{type(first).__name__} overlaps {type(second).__name__}")
    return faults


def test_sizes_follow_the_font(qapp: QApplication, large_font: float) -> None:
    assert font_scale() == pytest.approx(SCALE, rel=0.15)
    assert scaled(100) > 100


def test_nothing_is_cut_or_overlaps_at_a_larger_font(qtbot, service, settings, large_font) -> None:
    from gui.mainwindow import MainWindow

    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.done)
    window.select_record(service.records.resolve_id(RECORD))
    assert (window.width(), window.height()) == SIZE
    for pane in (window.nav_view, window.records_pane, window.detail_box):
        assert pane.width() >= pane.minimumSizeHint().width()
    faults = []
    for number in range(window.detail.count()):
        if window.detail.isTabVisible(number):
            window.detail.setCurrentIndex(number)
            QApplication.processEvents()
            faults += [f"detail tab {number}: {f}" for f in cut_or_overlapping(window.detail_box)]
    faults += cut_or_overlapping(window.records_pane)
    assert faults == [], "\n".join(faults)
    window.close()
