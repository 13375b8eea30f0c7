"""The overdue panel: a row asks for its record."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from storage.records.query import RecordQuery
from storage.service import AccordsService
from tests.gui.dashboard.figures import (
    SEPTEMBER,
    emitted,
)


def test_an_overdue_row_asks_for_its_record(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    index = view.overdue_panel.model.index(0, 0)
    assert index.data() == "Drones, ammunition and armored vehicles to be received in September"
    assert view.overdue_panel.model.index(0, 1).data() == "424"
    query = emitted(qtbot, view, lambda: view.overdue_panel.table.doubleClicked.emit(index))
    assert query == RecordQuery(ids=frozenset({service.records.resolve_id(SEPTEMBER)}))
