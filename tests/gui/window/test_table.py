"""The records table: sorted by storage (fetching as it scrolls: test_records_model.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gui.mainwindow import MainWindow
from gui.window.records_model import AMOUNT, TITLE
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
