"""Every navigation entry's count is the number of records its view lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.mainwindow import MainWindow
from gui.settings import Settings
from gui.window.navigation import NavigationModel, build_groups
from storage.generate import generate
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import AccordsService


def test_each_count_is_what_its_view_lists(service: AccordsService) -> None:
    generate(service, 300, seed=8)
    for kind in RecordKind:  # some of each kind in the trash, the counts must leave them out
        rows = service.records.list_page(RecordQuery(kinds=frozenset({kind})), limit=5).rows
        for row in rows[:3]:
            service.records.delete_record(row.id)
    counts = service.figures.navigation_counts()
    entries = [
        entry
        for group in build_groups(service.records.list_tags(), service.sources.source_titles())
        for entry in group.entries
    ]
    assert counts["trash"] > 0 and counts["provisions"] > 0
    for entry in entries:
        assert counts.get(entry.key, 0) == service.records.count_records(entry.query), entry.key
    assert set(counts) <= {entry.key for entry in entries}


@pytest.mark.slow
@pytest.mark.parametrize(
    "quick", [{}, {"kind": "provision"}, {"kind": "pledge", "text": "canada"}, {"status": "signed"}]
)
def test_in_the_window_each_count_is_what_clicking_its_entry_lists(
    qtbot: QtBot, service: AccordsService, tmp_path: Path, quick: dict[str, str]
) -> None:
    """With or without quick filters and a search (the kind filter offers provisions, which
    the plain counts leave out), a count beside an entry is the number its click lists."""
    generate(service, 200, seed=4)
    for row in service.records.list_page(RecordQuery(include_provisions=True), limit=9).rows[::3]:
        service.records.delete_record(row.id)
    window = MainWindow(service, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.done)
    for name, value in quick.items():
        if name == "text":
            window.filters.search.setText(value)
        else:
            combo = getattr(window.filters, f"{name}_filter")
            combo.setCurrentIndex(combo.findData(value))
    window.apply_filters()
    qtbot.waitUntil(lambda: not window.counts.running, timeout=20_000)
    for key, _query in window.navigation.queries():
        window.select_view(key)
        entry = window.navigation.entry(window.nav_view.currentIndex())
        assert entry is not None and entry.key == key
        listed = window.service.records.count_records(window.current_query())
        assert window.records.total == listed
        assert entry.count == listed, (key, quick)
    window.close()


def test_forgotten_counts_keep_the_model_contract(qtmodeltester, service: AccordsService) -> None:
    """While counts are redone for new filters, entries show no count rather than a stale one."""
    navigation = NavigationModel(service)
    navigation.recount()
    navigation.forget_counts()
    qtmodeltester.check(navigation)
    index = navigation.index_of("documents")
    assert index.data() == "Documents"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Documents, counting records"
    navigation.recount()
    assert index.data() == "Documents  (4)"


def test_every_entry_tells_its_whole_name_in_a_tooltip(window) -> None:
    from PySide6.QtCore import Qt

    model = window.navigation
    for group in range(model.rowCount()):
        heading = model.index(group, 0)
        assert model.data(heading, Qt.ItemDataRole.ToolTipRole) == model.data(heading)
        for row in range(model.rowCount(heading)):
            index = model.index(row, 0, heading)
            assert model.data(index, Qt.ItemDataRole.ToolTipRole) == model.data(index)
