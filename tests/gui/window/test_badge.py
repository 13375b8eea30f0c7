"""Status badges: a colour for every status, and the delegate that paints the pill."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from gui.window.badge import STATUS_COLOURS, StatusBadgeDelegate, status_badge, status_colour
from gui.window.records_model import STATUS_ROLE
from storage.schema.enums import RecordKind, statuses_for


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_status_a_record_can_have_has_its_own_colour(kind: RecordKind) -> None:
    assert set(statuses_for(kind)) <= set(STATUS_COLOURS)


def test_an_unknown_status_is_grey() -> None:
    assert status_colour("mislaid") == QColor("#757575")
    assert status_colour("signed") == QColor(STATUS_COLOURS["signed"])


def painted(qtbot: QtBot, status: str | None) -> QImage:
    """The cell of a one-cell table saying "Signed", with ``status`` as its status."""
    model = QStandardItemModel(1, 1)
    item = QStandardItem("Signed")
    if status is not None:
        item.setData(status, STATUS_ROLE)
    model.setItem(0, 0, item)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(StatusBadgeDelegate(view))
    view.setColumnWidth(0, 160)
    view.show()
    qtbot.waitExposed(view)
    view.clearSelection()
    return view.viewport().grab(view.visualRect(model.index(0, 0))).toImage()


def colours(image: QImage) -> set[str]:
    return {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }


def test_a_status_is_painted_on_a_pill_of_its_colour(qtbot: QtBot) -> None:
    fill, _ink = status_badge("signed")
    assert fill.name() in colours(painted(qtbot, "signed"))


def test_a_cell_without_a_status_is_painted_plain(qtbot: QtBot) -> None:
    fill, _ink = status_badge("signed")
    assert fill.name() not in colours(painted(qtbot, None))
