"""The navigation counts: a burst of edits while they are made costs one more count, not
one each."""

from __future__ import annotations

import threading

import pytest

from gui.background import wait_for_background_work
from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_edits_made_while_the_navigation_is_counted_are_counted_once_more_not_once_each(
    qtbot, window: MainWindow, service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At scale the counts take over a second: a burst of edits must not queue one each."""
    assert wait_for_background_work()
    navigation = window.navigation
    qtbot.waitUntil(lambda: navigation.entry(navigation.index_of("all")).count is not None)
    release = threading.Event()
    calls: list[int] = []
    real = service.figures.navigation_counts

    def held() -> dict[str, int]:
        calls.append(1)
        assert release.wait(10)
        return real()

    monkeypatch.setattr(service.figures, "navigation_counts", held)
    for record_id in [row.id for row in service.records.list_page(RecordQuery()).rows[:3]]:
        assert window.select_record(record_id)
        window.menus.delete_selected()
    release.set()
    trash = navigation.index_of("trash")
    qtbot.waitUntil(lambda: navigation.entry(trash).count == 3, timeout=10_000)
    assert wait_for_background_work()
    assert len(calls) == 2  # the first edit's count, then one for the other two


def test_a_search_typed_letter_by_letter_is_counted_once_it_settles(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counts started at every keystroke ran beside the table's reads and slowed each
    repaint: the views show no counts while the search changes, then count it once."""
    assert wait_for_background_work()
    navigation = window.navigation
    qtbot.waitUntil(lambda: navigation.entry(navigation.index_of("all")).count is not None)
    recounts: list[int] = []
    recount = window.counts.recount
    monkeypatch.setattr(window.counts, "recount", lambda: recounts.append(1) or recount())
    for typed in ("d", "dr", "dro", "dron", "drones"):
        window.filters.search.setText(typed)
        window.apply_filters()
        assert navigation.entry(navigation.index_of("all")).count is None
    assert recounts == []
    qtbot.waitUntil(lambda: not window.counts.running, timeout=10_000)
    assert recounts == [1]
    listed = window.service.records.count_records(window.current_query())
    assert navigation.entry(navigation.index_of("all")).count == listed
