"""The totals panel on its own: its bars and rows ask for their pledges; its note explains."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.dashboard.totals import TotalsPanel
from storage.insight import compute_totals
from storage.service import AccordsService


def test_a_bar_and_a_row_ask_for_the_pledges_behind_them(
    qtbot: QtBot, service: AccordsService
) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    panel.show_figure(compute_totals(service, "donor", None))
    top = panel.total_rows[0]
    with qtbot.waitSignal(panel.filterRequested, timeout=1000) as asked:
        panel.totals_sets["pledged"].clicked.emit(len(panel.total_rows) - 1)  # drawn bottom-up
    assert asked.args == [top.query]
    with qtbot.waitSignal(panel.filterRequested, timeout=1000) as asked:
        panel.table.doubleClicked.emit(panel.model.index(0, 0))
    assert asked.args == [panel.rows[0].query]
    assert panel.model.rowCount() == len(panel.rows)


def test_a_redraw_keeps_the_figure_and_the_category_note(
    qtbot: QtBot, service: AccordsService
) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    panel.show_figure(compute_totals(service, "category", None))
    assert "A pledge in several categories counts in each." in panel.note.text()
    bars, chart = panel.total_rows, panel.chart
    panel.redraw()
    assert panel.chart is not chart and panel.total_rows == bars
    assert "counts in each" in panel.note.text()
