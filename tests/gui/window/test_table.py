"""The records table: sorted by storage, and fetching more rows as it scrolls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from gui.mainwindow import MainWindow
from gui.window.records_model import AMOUNT, TITLE, RecordsModel
from storage.schema.enums import RecordKind
from storage.service import PAGE_SIZE, AccordsService
from tests.gui.listing import titles

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_sorting_by_amount_happens_in_storage(window: MainWindow) -> None:
    """Sorting the Amount column descending puts the largest pledge first."""
    window.table.sortByColumn(AMOUNT, Qt.SortOrder.DescendingOrder)
    assert window.records.row_at(0).slug == "canada-assistance-since-2022"
    window.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(window.records) == sorted(titles(window.records))


def test_the_table_fetches_more_rows_as_it_scrolls(qtbot, empty_service: AccordsService) -> None:
    """Only a page is loaded at first; scrolling to the end fetches the next."""
    for number in range(PAGE_SIZE + 40):
        empty_service.records.create_record(RecordKind.PLEDGE, {"title": f"Pledge {number:04d}"})
    model = RecordsModel(empty_service)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.total == PAGE_SIZE + 40
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 40
    assert not model.canFetchMore(QModelIndex())
