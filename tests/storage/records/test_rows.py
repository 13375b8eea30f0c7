"""Pages of records-table rows: built when read, each once, equal to rows built at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from storage.records import rows as rows_module
from storage.records.query import RecordQuery
from storage.records.rows import RowList, build_row
from storage.service import AccordsService


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the rows built, in order."""
    built: list[int] = []

    def counted(values: Sequence[Any], *, today: date) -> Any:
        built.append(values[0])
        return build_row(values, today=today)

    monkeypatch.setattr(rows_module, "build_row", counted)
    return built


def test_a_page_builds_only_the_rows_read_and_each_once(
    service: AccordsService, builds: list[int]
) -> None:
    page = service.records.list_page(RecordQuery())
    assert len(page.rows) == 8
    assert builds == []
    third = page.rows[2]
    assert page.rows[2] is third
    assert builds == [third.id]


def test_ids_and_positions_need_no_row_built(service: AccordsService, builds: list[int]) -> None:
    page = service.records.list_page(RecordQuery())
    ids = [page.rows.record_id(number) for number in range(len(page.rows))]
    assert page.rows.position_of(ids[5]) == 5
    assert page.rows.position_of(-1) is None
    assert builds == []
    assert ids == [row.id for row in page.rows]


def test_lazy_rows_equal_rows_built_at_once(service: AccordsService) -> None:
    page = service.records.list_page(RecordQuery(include_provisions=True))
    whole = [build_row(result, today=service.clock()) for result in page.rows._results]
    assert list(page.rows) == whole
    assert page.rows[1:4] == whole[1:4]
    assert page.rows[-1] == whole[-1]


def test_pages_listed_on_another_day_keep_that_day(service: AccordsService) -> None:
    """An overdue flag is as of the day its page was listed, even after pages are joined."""
    page = service.records.list_page(RecordQuery(overdue=True))
    assert len(page.rows) > 0
    overdue = page.rows.record_id(0)
    results = page.rows._results
    long_ago = date(2000, 1, 1)  # before any due period ends: nothing overdue then
    joined = RowList(results, today=long_ago)
    joined.extend(RowList(results, today=service.clock()))
    assert joined[0].id == joined[len(results)].id == overdue
    assert not joined[0].overdue
    assert joined[len(results)].overdue


def test_an_empty_list_extends_with_a_page_of_the_same_day(service: AccordsService) -> None:
    today = service.clock()
    joined = RowList(today=today)
    page = service.records.list_page(RecordQuery(), limit=3)
    joined.extend(page.rows)
    joined.extend(service.records.list_page(RecordQuery(), limit=3, after=page.cursor).rows)
    assert [row.id for row in joined] == [row.id for row in service.records.list_records()][:6]
