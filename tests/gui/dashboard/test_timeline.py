"""The timeline panel: a mark asks for its record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView
from gui.dashboard.charts import day_ms
from storage.records.query import RecordQuery
from storage.service import AccordsService
from tests.gui.dashboard.figures import (
    SEPTEMBER,
    emitted,
)


def test_a_timeline_mark_asks_for_its_record(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    lane = next(
        i for i, lane in enumerate(view.timeline_panel.lanes) if lane.title.startswith("Drones")
    )
    announced = next(
        s
        for s in view.timeline_panel.timeline_series
        if isinstance(s, QScatterSeries) and s.name() == "Announced"
    )
    point = QPointF(day_ms(date(2025, 8, 24)), float(lane))
    query = emitted(qtbot, view, lambda: announced.clicked.emit(point))
    assert query == RecordQuery(ids=frozenset({service.records.resolve_id(SEPTEMBER)}))
