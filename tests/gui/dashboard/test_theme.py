"""Following the palette: several palette events make one redraw; a hidden widget waits."""

from __future__ import annotations

from PySide6.QtCharts import QChart
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.dashboard.theme import ThemeFollower, is_dark, style_chart


def dark_palette(widget: QWidget) -> QPalette:
    palette = QPalette(widget.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    return palette


class Calls:
    def __init__(self) -> None:
        self.restyled = 0
        self.stale = 0

    def restyle(self) -> None:
        self.restyled += 1

    def mark_stale(self) -> None:
        self.stale += 1


def test_a_shown_widget_is_restyled_once_for_a_burst_of_palette_changes(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    calls = Calls()
    ThemeFollower(widget, calls.restyle, calls.mark_stale)
    widget.setPalette(dark_palette(widget))
    widget.setPalette(QPalette())
    widget.setPalette(dark_palette(widget))
    assert calls.restyled == 0  # not while the events arrive
    qtbot.waitUntil(lambda: calls.restyled == 1, timeout=2000)
    qtbot.wait(50)
    assert (calls.restyled, calls.stale) == (1, 0)


def test_a_hidden_widget_is_only_marked_stale(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls = Calls()
    ThemeFollower(widget, calls.restyle, calls.mark_stale)
    widget.setPalette(dark_palette(widget))
    qtbot.wait(50)
    assert calls.restyled == 0 and calls.stale >= 1


def test_a_chart_takes_the_dark_theme_and_the_palette_text(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    palette = dark_palette(widget)
    chart = QChart()
    style_chart(chart, palette)
    assert is_dark(palette)
    assert chart.theme() == QChart.ChartTheme.ChartThemeDark
    assert chart.titleBrush().color() == QColor("#eeeeee")
