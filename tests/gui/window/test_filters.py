"""The search box and quick filters: Escape clears the search, and every filter, the
view's included, is named above the table and cleared from there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from tests.gui.listing import chips, listed

pytestmark = pytest.mark.usefixtures("no_dialogs")


@pytest.fixture
def window(painted_window: MainWindow) -> MainWindow:
    return painted_window


def test_escape_in_the_search_box_clears_the_search(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "drones")
    assert window.records.rowCount() == 1 and chips(window) == ["Search “drones”"]
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Escape)
    assert window.filters.search.text() == "" and window.records.rowCount() == 8
    assert not window.filters.filter_bar.isVisibleTo(window)


def test_nothing_found_names_the_filters_and_clears_them(qtbot: QtBot, window: MainWindow) -> None:
    window.select_view("documents")
    window.filters.kind_filter.setCurrentIndex(window.filters.kind_filter.findData("pledge"))
    # Both apply: a view of documents filtered to pledges lists nothing (it listed pledges).
    assert window.records.rowCount() == 0
    assert chips(window) == ["Kind: Document", "Kind: Pledge"]
    text = window.filters.filter_bar.text()
    assert "Nothing matches" in text and "Clear all" in text
    window.filters.filter_bar.linkActivated.emit("view:kinds")
    assert window.navigation.entry(window.nav_view.currentIndex()).key == "all"  # type: ignore[union-attr]
    assert {row.kind for row in listed(window)} == {"pledge"}
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "zzzqqq")
    assert window.records.rowCount() == 0 and "Search “zzzqqq”" in window.filters.filter_bar.text()
    window.filters.filter_bar.linkActivated.emit("all")
    assert window.records.rowCount() == 8 and window.filters.search.text() == ""
    assert window.filters.kind_filter.currentIndex() == 0 and chips(window) == []


def test_a_trash_view_and_a_finding_are_named_too(window: MainWindow) -> None:
    window.select_view("trash")
    assert chips(window) == ["In the trash"]
    window.show_query(RecordQuery(ids=frozenset({1, 2}), include_provisions=True))
    assert chips(window) == ["2 chosen records"]
    assert window.nav_view.currentIndex().isValid() is False
    window.filters.filter_bar.linkActivated.emit("view:ids")  # all records again, no provisions
    assert window.records.rowCount() == 8 and chips(window) == []
    assert window.navigation.entry(window.nav_view.currentIndex()).key == "all"  # type: ignore[union-attr]
