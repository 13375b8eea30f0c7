"""The dashboard's charts: what a click on a bar asks for, totals, saving, palettes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.dashboard import DashboardView, scheduling
from gui.dashboard.charts import save_chart
from gui.dashboard.theme import is_dark
from gui.findings import FindingsModel, FindingsPanel
from gui.undo import UndoStack
from storage.insight import timeline
from storage.records.query import Measure, RecordQuery
from storage.service import AccordsService
from tests.gui.dashboard.figures import (
    PLEDGE,
    SEPTEMBER,
    assert_true,
    bar_index,
    computed,
    emitted,
)


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, view: DashboardView, service: AccordsService
) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    computed(qtbot, view, view.refresh)
    assert view.totals_panel.model.rowCount() == 3
    assert view.overdue_panel.model.rowCount() == 1
    assert view.rates_panel.model.rowCount() == 1
    for model in (view.totals_panel.model, view.overdue_panel.model, view.rates_panel.model):
        qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    findings = FindingsModel()
    panel = FindingsPanel(service, UndoStack())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.countChanged, timeout=5000):
        panel.refresh()
    findings.set_findings(panel.model.findings())
    assert findings.rowCount() > 0
    qtmodeltester.check(findings)  # type: ignore[no-untyped-call]


def test_a_donor_bar_asks_for_that_donors_pledges(qtbot: QtBot, view: DashboardView) -> None:
    assert [row.caption for row in view.totals_panel.total_rows] == ["Canada · $", "Canada · CAD"]
    index = bar_index(view, 1)
    query = emitted(
        qtbot, view, lambda: view.totals_panel.totals_sets["pledged"].clicked.emit(index)
    )
    cad = Measure(money=True, units=frozenset({"CAD"}))
    assert query == RecordQuery(donor="canada", measure=cad, kinds=PLEDGE)


def test_a_category_bar_asks_for_that_category(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    computed(qtbot, view, lambda: view.grouping.setCurrentIndex(view.grouping.findData("category")))
    position = next(
        i for i, row in enumerate(view.totals_panel.total_rows) if row.label == "Humanitarian"
    )
    query = emitted(
        qtbot,
        view,
        lambda: view.totals_panel.totals_sets["delivered"].clicked.emit(bar_index(view, position)),
    )
    cad = Measure(money=True, units=frozenset({"CAD"}))
    assert query == RecordQuery(category="humanitarian", measure=cad, kinds=PLEDGE)
    assert [r.slug for r in service.records.list_records(query)] == ["canada-assistance-since-2022"]


def test_a_currency_bar_asks_for_exactly_its_records(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    computed(qtbot, view, lambda: view.grouping.setCurrentIndex(view.grouping.findData("currency")))
    position = next(i for i, row in enumerate(view.totals_panel.total_rows) if row.unit == "$")
    query = emitted(
        qtbot,
        view,
        lambda: view.totals_panel.totals_sets["pledged"].clicked.emit(bar_index(view, position)),
    )
    assert [r.slug for r in service.records.list_records(query)] == [SEPTEMBER]


def test_the_reporting_currency_converts_and_says_what_it_left_out(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    assert view.reporting.findData("USD") == -1  # no rate, no pledge in USD yet
    view.rates_panel.rate_from.setText("cad")
    view.rates_panel.rate_to.setText("usd")
    view.rates_panel.rate_value.setText("0.7312")
    view.rates_panel.rate_source.setText("Bank of Canada")
    computed(qtbot, view, lambda: assert_true(view.rates_panel.add_rate()))
    assert [(r.from_currency, r.to_currency, r.rate) for r in service.rates.all()] == [
        ("CAD", "USD", Decimal("0.7312"))
    ]
    assert view.rates_panel.model.rowCount() == 1
    computed(qtbot, view, lambda: view.reporting.setCurrentIndex(view.reporting.findData("USD")))
    (money,) = view.totals_panel.total_rows
    assert money.pledged == Decimal("16086400000")
    assert view.totals_panel.model.index(0, 2).data() == "16,086,400,000 USD"
    assert "total excludes $700,000,000 (no rate for '$')" in view.totals_panel.note.text()
    assert "no rate for '$'" in view.totals_panel.model.index(0, 6).data()


def test_without_a_reporting_currency_the_note_says_bars_are_not_added(
    view: DashboardView,
) -> None:
    assert "not added" in view.totals_panel.note.text()
    assert "300,000 people" in view.totals_panel.note.text()


def test_charts_save_as_png_and_svg(qtbot: QtBot, view: DashboardView, tmp_path: Path) -> None:
    for name, panel in view.charts.items():
        png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
        assert panel.save(png)
        save_chart(panel.view, svg)
        image = QImage(str(png))
        assert not image.isNull() and image.width() > 100
        assert "<svg" in svg.read_text(encoding="utf-8")
    dialog = view.totals_panel.ask_save()
    # open(): shown window-modal and returned at once, without a nested event loop.
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    target = tmp_path / "chosen.svg"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    assert target.exists()


def test_charts_follow_a_dark_palette(qtbot: QtBot, view: DashboardView) -> None:
    assert view.totals_panel.chart.theme() == QChart.ChartTheme.ChartThemeLight
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    view.setPalette(dark)
    assert is_dark(view.palette())
    qtbot.waitUntil(
        lambda: view.totals_panel.chart.theme() == QChart.ChartTheme.ChartThemeDark, timeout=2000
    )
    for panel in view.charts.values():
        assert panel.chart.theme() == QChart.ChartTheme.ChartThemeDark
        assert panel.chart.titleBrush().color() == QColor("#eeeeee")
        for axis in panel.chart.axes():
            assert axis.labelsColor() == QColor("#eeeeee")


def test_many_events_are_drawn_as_counts_per_month(
    qtbot: QtBot, view: DashboardView, service: AccordsService
) -> None:
    view.timeline_limit = 3
    computed(qtbot, view, view.refresh)
    counts = timeline(service, limit=3).counts
    assert view.timeline_panel.lanes == [] and counts
    names = [series.name() for series in view.timeline_panel.timeline_series]
    assert names == ["Signed", "Announced", "Due periods ending", "Status changes"]
    drawn = sum(s.at(i).y() for s in view.timeline_panel.timeline_series for i in range(s.count()))
    assert drawn == sum(c.total for c in counts)
    assert "counted per month" in view.timeline_panel.note.text()


def test_a_new_theme_redraws_without_reading_again(
    qtbot: QtBot, view: DashboardView, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[object] = []
    monkeypatch.setattr(scheduling, "compute_figures", lambda *args: read.append(args))
    old_chart = view.history_panel.chart
    view.restyle()
    assert view.history_panel.chart is not old_chart and read == []
    assert not view.busy and "announced" in view.history_panel.history_series
