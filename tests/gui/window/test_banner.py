"""The trash notice above the detail pane: a trashed record is read-only and says so
until restored."""

from __future__ import annotations

import pytest

from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_a_trashed_record_is_read_only_and_says_so_until_restored(
    qtbot, window: MainWindow, service: AccordsService, no_dialogs: list[str]
) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.records.delete_record(september)
    window.select_view("trash")
    assert window.select_record(september)
    detail = window.detail
    assert window.trash_banner.isVisibleTo(window)
    assert "In the trash — restore it to edit" in window.trash_banner.text()
    title = detail.overview_tab.rows["title"].editor
    assert title.isReadOnly()
    assert not detail.status_tab.change_button.isEnabled()
    assert detail.notes_tab.editor.isReadOnly() and not detail.notes_tab.new_button.isEnabled()
    assert not detail.deliveries_tab.add_button.isEnabled()
    qtbot.keyClicks(title, " edited")
    detail.flush_edits()
    assert service.records.get_record(september).row.title.endswith("September")  # nothing saved
    window.trash_banner.linkActivated.emit("restore")
    assert service.records.count_records(RecordQuery(trash=True)) == 0
    window.select_view("all")
    assert window.select_record(september)
    assert not window.trash_banner.isVisibleTo(window)
    assert not detail.overview_tab.rows["title"].editor.isReadOnly()
    assert detail.status_tab.change_button.isEnabled()
    assert not detail.notes_tab.editor.isReadOnly()
