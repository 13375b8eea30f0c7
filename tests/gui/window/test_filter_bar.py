"""No hidden filters: each is named above the table and clearable; a bar lists what it sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from gui.mainwindow import MainWindow
from storage.generate import generate
from storage.insight import GROUPINGS
from storage.service import AccordsService
from tests.gui.listing import chips, listed

pytestmark = pytest.mark.usefixtures("no_dialogs")


@pytest.fixture
def window(painted_window: MainWindow) -> MainWindow:
    return painted_window


def test_a_dashboard_bar_lists_only_its_currency_and_says_so(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.dashboard
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        window.dashboard_dock.show()
    position = next(
        i for i, r in enumerate(view.totals_panel.total_rows) if r.caption == "Canada · CAD"
    )
    view.totals_panel.bar_clicked(
        len(view.totals_panel.total_rows) - 1 - position
    )  # bars are bottom-up
    assert [row.slug for row in listed(window)] == ["canada-assistance-since-2022"]
    assert chips(window) == ["Kind: Pledge", "Donor: Canada", "In CAD"]
    assert not window.nav_view.selectionModel().hasSelection()  # "All records" is not shown
    assert window.filters.filter_bar.isVisibleTo(window)
    assert "Donor: Canada" in window.filters.filter_bar.text()
    window.filters.filter_bar.linkActivated.emit("view:measure")  # clear the currency alone
    assert len(listed(window)) == 4 and chips(window) == ["Kind: Pledge", "Donor: Canada"]


@pytest.mark.slow
def test_every_bar_of_every_grouping_lists_exactly_what_it_sums(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    generate(service, 300, seed=3)
    view = window.dashboard
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        window.dashboard_dock.show()
    for by in GROUPINGS:
        if view.grouping.currentData() != by:
            with qtbot.waitSignal(view.refreshed, timeout=20_000):
                view.grouping.setCurrentIndex(view.grouping.findData(by))
        assert len(view.totals_panel.total_rows) > 3
        for position, bar in enumerate(view.totals_panel.total_rows):
            view.totals_panel.bar_clicked(len(view.totals_panel.total_rows) - 1 - position)
            rows = listed(window)
            figures = [row.amount if bar.is_money else row.quantity for row in rows]
            assert sum(f or Decimal(0) for f in figures) == bar.pledged, (by, bar.caption)
            assert sorted(row.id for row in rows) == list(bar.record_ids), (by, bar.caption)
