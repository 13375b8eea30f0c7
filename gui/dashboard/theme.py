"""The dashboard's colours, light or dark from the palette, and redrawing when it changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import QChart
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPalette, QPen
from PySide6.QtWidgets import QWidget

from gui.contrast import ensure_contrast, text_on

# Colours that read on light and dark backgrounds alike (lighter twins for dark themes).
SERIES_COLOURS = {
    "pledged": ("#3f6fa3", "#7fb0e6"),
    "delivered": ("#3d8b37", "#86d47f"),
    "document": ("#3f6fa3", "#7fb0e6"),
    "pledge": ("#c4661f", "#f5a25d"),
    "signed": ("#3f6fa3", "#7fb0e6"),
    "announced": ("#c4661f", "#f5a25d"),
    "due": ("#b03a48", "#f07c8a"),
    "status": ("#6b5b95", "#b6a6e0"),
}
LINE_COLOURS = (
    ("#3f6fa3", "#7fb0e6"),
    ("#c4661f", "#f5a25d"),
    ("#3d8b37", "#86d47f"),
    ("#b03a48", "#f07c8a"),
    ("#6b5b95", "#b6a6e0"),
    ("#8c6d1f", "#e0c05a"),
    ("#2a8a8a", "#6fd6d6"),
    ("#7a4a3a", "#d19a86"),
    ("#555555", "#bbbbbb"),
)
PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
# Lines told apart by their dashes as well as their colours (9 colours, 5 dashes: 45 lines).
LINE_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
# Bars told apart by hatching as well as colour: the second of each pair is hatched.
HATCHED = frozenset({"delivered", "pledge"})


def is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is dark."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def background(palette: QPalette) -> QColor:
    """The colour charts are drawn on."""
    return palette.color(QPalette.ColorRole.Window)


def colour(name: str, palette: QPalette) -> QColor:
    """A named series colour for the palette's background (light, dark or high contrast),
    moved if need be until it stands out from it by WCAG's 4.5:1."""
    light_colour, dark_colour = SERIES_COLOURS[name]
    chosen = QColor(dark_colour if is_dark(palette) else light_colour)
    return ensure_contrast(chosen, background(palette))


def line_pen(number: int, palette: QPalette, width: float = 2.0) -> QPen:
    """The pen of the ``number``-th line of a chart: colours and dashes taken in turn."""
    pair = LINE_COLOURS[number % len(LINE_COLOURS)]
    chosen = QColor(pair[1 if is_dark(palette) else 0])
    pen = QPen(ensure_contrast(chosen, background(palette)))
    pen.setWidthF(width)
    pen.setStyle(LINE_STYLES[number % len(LINE_STYLES)])
    return pen


def bar_brush(name: str, palette: QPalette) -> QBrush:
    """The fill of a named bar set: solid, or hatched for the second of a pair."""
    pattern = Qt.BrushStyle.BDiagPattern if name in HATCHED else Qt.BrushStyle.SolidPattern
    return QBrush(colour(name, palette), pattern)


def bar_label_colour(name: str, palette: QPalette) -> QColor:
    """The colour of values written on a named bar set: black or white on a solid bar,
    the palette's text on a hatched one (the background shows through)."""
    if name in HATCHED:
        return palette.color(QPalette.ColorRole.WindowText)
    return text_on(colour(name, palette))


def style_chart(chart: QChart, palette: QPalette) -> None:
    """Theme a chart from the palette: light or dark theme, palette text on axes and legend."""
    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    muted = QColor(text)
    muted.setAlpha(70)
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundBrush(QBrush(window))
    chart.setBackgroundRoundness(0)
    chart.setTitleBrush(QBrush(text))
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(QBrush(text))
        axis.setLinePenColor(text)
        axis.setGridLineColor(muted)


class ThemeFollower(QObject):
    """Watches a widget's palette (light or dark theme): when it changes, calls ``restyle``
    once on the next turn of the event loop if the widget is shown, else ``mark_stale``."""

    def __init__(
        self, widget: QWidget, restyle: Callable[[], None], mark_stale: Callable[[], None]
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._restyle = restyle
        self._mark_stale = mark_stale
        self._pending = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() in PALETTE_EVENTS:
            if self._widget.isVisible():
                self._restyle_soon()
            else:
                self._mark_stale()
        return False

    def _restyle_soon(self) -> None:
        # A theme change sends several palette events: one redraw is enough.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._restyle_now)

    def _restyle_now(self) -> None:
        self._pending = False
        self._restyle()
