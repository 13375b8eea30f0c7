"""The window's records model: its first count waits for the first paint, then runs off-thread."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from gui.background import wait_for_background_work
from gui.window.records import WindowRecordsModel
from storage.records.query import RecordQuery, SortKey
from storage.schema.enums import RecordKind
from storage.service import AccordsService

PLEDGES = RecordQuery(kinds=frozenset({RecordKind.PLEDGE}))


def test_a_deferred_count_is_of_the_records_shown_when_it_is_made(
    qtbot: QtBot, large: AccordsService, counts_on: list[str]
) -> None:
    """Another order keeps the count pending; other records make it theirs; none is on the
    GUI thread until ``count_later``."""
    model = WindowRecordsModel(large)
    model.reload()
    assert model.count_pending
    model.set_query(replace(model.query, sort=SortKey.DATE, descending=True))
    assert model.count_pending
    model.set_query(replace(PLEDGES, sort=SortKey.DATE))
    assert model.count_pending
    assert counts_on == []
    with qtbot.waitSignal(model.countChanged, timeout=10_000) as counted:
        model.count_later()
    expected = large.records.count_records(PLEDGES)
    assert counted.args == [expected]
    assert model.total == expected
    assert not model.count_pending
    assert counts_on[:1] == ["worker"]


def test_a_count_overtaken_by_other_records_is_dropped(
    qtbot: QtBot, large: AccordsService, counts_on: list[str]
) -> None:
    """Records loaded while the worker counts are counted then; the late count is ignored."""
    model = WindowRecordsModel(large)
    model.reload()
    results: list[Any] = []
    model.countChanged.connect(results.append)
    model.count_later()
    model.set_query(PLEDGES)  # counted at once: no longer starting
    pledges = large.records.count_records(PLEDGES)
    assert model.total == pledges
    assert wait_for_background_work()
    QCoreApplication.processEvents()  # the late count is delivered, and dropped
    assert counts_on.count("worker") == 1
    assert model.total == pledges
    assert results == [pledges]


def test_a_page_holding_every_match_needs_no_count(
    large: AccordsService, counts_on: list[str]
) -> None:
    documents = RecordQuery(kinds=frozenset({RecordKind.DOCUMENT}))
    model = WindowRecordsModel(large)
    model.set_query(documents)
    assert not model.count_pending
    assert counts_on == []
    assert model.total == model.rowCount() == large.records.count_records(documents)
