"""The detail pane follows the table: a picked record is shown (after an invalid edit is
said), and the pane never shows a record the list does not hold."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_an_invalid_edit_is_kept_and_said_when_another_record_is_picked(
    window: MainWindow, service: AccordsService, no_dialogs: list[str]
) -> None:
    """Picking another record does not drop what was typed: it says so and keeps it."""
    plan = service.records.resolve_id("action-plan-security-cooperation")
    other = service.records.resolve_id(SEPTEMBER)
    assert window.select_record(plan)
    row = window.detail.overview_tab.rows["signed_on"]
    editor = row.editor
    assert isinstance(editor, QLineEdit)
    editor.setText("someday")

    assert window.select_record(other)

    assert len(no_dialogs) == 1
    assert "Signing date must be a date like 2025-08-24, not 'someday'" in no_dialogs[0]
    assert "kept" in no_dialogs[0]
    assert service.records.get_record(plan).signed_on == date(2025, 8, 24)

    assert window.select_record(plan)

    row = window.detail.overview_tab.rows["signed_on"]
    assert isinstance(row.editor, QLineEdit)
    assert row.editor.text() == "someday"
    assert row.error.isVisible()
    assert row.error.text().startswith("Signing date must be a date")

    row.editor.setText("2025-08-25")
    window.detail.flush_edits()
    assert service.records.get_record(plan).signed_on == date(2025, 8, 25)
    assert not row.error.isVisible()


def listed_ids(window: MainWindow) -> list[int]:
    return [window.records.row_at(row).id for row in range(window.records.rowCount())]


def assert_pane_shows_a_listed_record(qtbot: QtBot, window: MainWindow) -> None:
    """At once the pane is empty or shows a listed record, never another; then, one
    event-loop turn later (after the table's repaint), the current row's record."""
    shown = window.detail.current_record()
    assert shown is None or shown.id in listed_ids(window)

    def shows_current_row() -> None:
        shown = window.detail.current_record()
        assert shown is not None and shown.id in listed_ids(window)
        assert window.table.currentIndex().row() == listed_ids(window).index(shown.id)

    qtbot.waitUntil(shows_current_row, timeout=3000)


def test_the_pane_follows_a_search_a_quick_filter_a_view_and_a_dashboard_click(
    qtbot, window: MainWindow, service: AccordsService
) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    assert window.select_record(september)
    with qtbot.waitSignal(window.records.countChanged, timeout=3000):
        qtbot.keyClicks(window.filters.search, "refugees")
    assert_pane_shows_a_listed_record(qtbot, window)
    window.filters.search.clear()
    window.apply_filters()
    assert window.select_record(september)
    window.filters.kind_filter.setCurrentIndex(window.filters.kind_filter.findData("document"))
    assert_pane_shows_a_listed_record(qtbot, window)
    window.filters.kind_filter.setCurrentIndex(0)
    window.select_view("trash")  # empty: the pane says nothing is selected
    assert window.records.rowCount() == 0 and window.detail.current_record() is None
    window.select_view("all")
    assert window.select_record(september)
    window.show_query(RecordQuery(statuses=frozenset({"signed"})))  # a dashboard status bar
    assert_pane_shows_a_listed_record(qtbot, window)


class PaintCounter(QObject):
    """Counts a widget's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_search_repaints_the_table_before_the_pane_reads_its_record(
    qtbot: QtBot, painted_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The keystroke's frame is the table's: the record the current row lands on is read
    and laid out only after the table has painted (figure 4 of the benchmarks)."""
    window = painted_window
    assert_pane_shows_a_listed_record(qtbot, window)  # the first record, read after the start
    counter = PaintCounter()
    window.table.viewport().installEventFilter(counter)
    paints_when_read: list[int] = []
    show_record = window.detail.show_record

    def watched_show_record(record_id: int | None) -> None:
        paints_when_read.append(counter.paints)
        show_record(record_id)

    monkeypatch.setattr(window.detail, "show_record", watched_show_record)
    window.filters.search.setText("refugees")
    window.apply_filters()
    assert_pane_shows_a_listed_record(qtbot, window)
    assert paints_when_read and paints_when_read[0] >= 1


def test_after_delete_the_pane_shows_the_next_listed_record(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    assert window.select_record(september)
    row = listed_ids(window).index(september)
    window.menus.delete_action.trigger()
    assert september not in listed_ids(window)
    assert_pane_shows_a_listed_record(qtbot, window)
    assert window.table.currentIndex().row() == row
