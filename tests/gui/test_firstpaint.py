"""FirstPaint: work that waits for a widget's first frame, with a fallback when it never comes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.firstpaint import FirstPaint


def test_first_paint_reports_once_after_the_widget_is_painted(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    first = FirstPaint(widget)
    reports: list[bool] = []
    first.painted.connect(lambda: reports.append(True))
    assert not first.done
    with qtbot.waitSignal(first.painted, timeout=3000):
        widget.show()
    assert first.done
    widget.repaint()
    QCoreApplication.processEvents()
    assert reports == [True]


def test_first_paint_reports_anyway_when_the_widget_is_never_shown(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    first = FirstPaint(widget, fallback_ms=10)
    with qtbot.waitSignal(first.painted, timeout=3000):
        pass
    assert first.done


def test_a_cancelled_first_paint_never_reports(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    cancelled = FirstPaint(widget, fallback_ms=10)
    witness = FirstPaint(widget, fallback_ms=10)
    reports: list[bool] = []
    cancelled.painted.connect(lambda: reports.append(True))
    cancelled.cancel()
    with qtbot.waitSignal(witness.painted, timeout=3000):
        widget.show()
    QCoreApplication.processEvents()
    assert reports == []
