"""A delegate that paints a record's status as a coloured, rounded badge."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from gui.contrast import badge_colours
from gui.window.records_model import STATUS_ROLE

# Colours chosen to stay readable with dark text in light palettes and light text in dark ones.
STATUS_COLOURS = {
    "draft": "#9e9e9e",
    "signed": "#1e88e5",
    "awaiting_ratification": "#f9a825",
    "in_force": "#2e7d32",
    "being_implemented": "#00897b",
    "completed": "#558b2f",
    "suspended": "#ef6c00",
    "terminated": "#c62828",
    "superseded": "#6d4c41",
    "announced": "#5e35b1",
    "committed": "#1e88e5",
    "partially_delivered": "#f9a825",
    "delivered": "#2e7d32",
    "cancelled": "#c62828",
}


def status_colour(status: str) -> QColor:
    """The badge colour of a status."""
    return QColor(STATUS_COLOURS.get(status, "#757575"))


@lru_cache(maxsize=64)
def status_badge(status: str) -> tuple[QColor, QColor]:
    """(fill, text) of a status's badge, reading at WCAG's 4.5:1 or better: the badge's
    words, not its colour, say the status, and they must be legible. Kept per status: every
    row's badge is painted at each repaint (3 ms a keystroke)."""
    return badge_colours(status_colour(status))


class StatusBadgeDelegate(QStyledItemDelegate):
    """Draws the status text on a pill of the status's colour."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = index.data(STATUS_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not status or not text:
            super().paint(painter, option, index)
            return
        painter.save()
        # Asked of the view, as the view itself does: reading ``option.state`` would have
        # PySide build every enum of QStyle, in the window's first paint.
        selection = self._view.selectionModel()
        if selection is not None and selection.isSelected(index):
            painter.fillRect(option.rect, option.palette.highlight())
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 14, option.rect.width() - 4)
        height = metrics.height() + 4
        rect = QRectF(
            option.rect.left() + 2,
            option.rect.center().y() - height / 2 + 1,
            width,
            height,
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        fill, ink = status_badge(status)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
