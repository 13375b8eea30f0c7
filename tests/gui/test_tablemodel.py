"""The read-only table over immutable rows: Qt's model contract, cells, alignment, headers."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.tablemodel import Column, ViewsTableModel


class Pledge(NamedTuple):
    title: str
    amount: int


class PledgesModel(ViewsTableModel):
    columns = (
        Column("Title", lambda row: row.title),
        Column("Amount", lambda row: f"{row.amount:,}", numeric=True),
    )


ROWS = [Pledge("Drones", 700_000_000), Pledge("Shells", 5_000)]


def filled() -> PledgesModel:
    model = PledgesModel()
    model.set_rows(ROWS)
    return model


def test_the_model_keeps_qts_contract(qtmodeltester: ModelTester) -> None:
    model = filled()
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    model.set_rows([])
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_each_row_shows_its_view_as_the_columns_say() -> None:
    model = filled()
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    shown = [[model.index(r, c).data() for c in range(2)] for r in range(2)]
    assert shown == [["Drones", "700,000,000"], ["Shells", "5,000"]]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Drones"
    assert model.row_at(1) is ROWS[1]
    assert model.index(5, 0).data() is None


def test_numbers_are_aligned_right_and_text_left() -> None:
    model = filled()
    role = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, 1).data(role) & Qt.AlignmentFlag.AlignRight.value
    assert model.index(0, 0).data(role) & Qt.AlignmentFlag.AlignLeft.value


def test_headers_are_the_column_titles() -> None:
    model = filled()
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(i, horizontal) for i in range(2)] == ["Title", "Amount"]
    assert model.headerData(2, horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_replacing_the_rows_resets_the_model(qtbot: QtBot) -> None:
    model = filled()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS[:1])
    assert model.rowCount() == 1
