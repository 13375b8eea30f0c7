"""The statuses panel: a bar asks for the records of that status."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from storage.records.query import RecordQuery
from tests.gui.dashboard.figures import (
    emitted,
)


def test_a_status_bar_asks_for_that_status(qtbot: QtBot, view: DashboardView) -> None:
    assert view.status_panel.status_rows == ["signed", "announced", "committed", "delivered"]
    last = len(view.status_panel.status_rows) - 1
    query = emitted(
        qtbot, view, lambda: view.status_panel.status_sets["document"].clicked.emit(last)
    )
    assert query == RecordQuery(statuses=frozenset({"signed"}))
    query = emitted(
        qtbot, view, lambda: view.status_panel.status_sets["pledge"].clicked.emit(last - 2)
    )
    assert query == RecordQuery(statuses=frozenset({"committed"}))
