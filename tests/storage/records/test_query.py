"""Record queries in SQL: search terms, event filters, search tables, and each order's index."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from storage.generate import generate
from storage.i18n import format_day, format_month
from storage.records.query import (
    EventFilter,
    RecordQuery,
    SortKey,
    fts_match_expression,
    search_tables,
    title_ordered_index,
)
from storage.records.search_index import LISTED, SEARCH_TABLES, UNLISTED
from storage.service import AccordsService


def test_each_word_becomes_a_required_quoted_prefix() -> None:
    assert fts_match_expression("Kyiv drones") == '"Kyiv"* "drones"*'
    assert fts_match_expression("  сили   оборони ") == '"сили"* "оборони"*'
    assert fts_match_expression("Ukraine's O’Brien") == '"Ukraine\'s"* "O’Brien"*'


def test_punctuation_alone_is_no_search() -> None:
    assert fts_match_expression('  -- ** "" ') is None
    assert fts_match_expression('say "NEAR" AND') == '"say"* "NEAR"* "AND"*'  # no FTS5 operators


def test_an_event_filter_of_a_month_covers_it_whole() -> None:
    august = EventFilter.month("announced", date(2025, 8, 17))
    assert (august.start, august.end) == (date(2025, 8, 1), date(2025, 8, 31))
    assert august.describe() == f"announced in {format_month(date(2025, 8, 1))}"
    leap = EventFilter.month("due", date(2024, 2, 29))
    assert leap.end == date(2024, 2, 29)


def test_an_event_filter_of_other_days_names_both_ends() -> None:
    days = EventFilter("status", date(2025, 8, 1), date(2025, 8, 10))
    described = days.describe()
    assert described.startswith("with a status change from ")
    assert format_day(days.start) in described and format_day(days.end) in described


def test_the_search_tables_follow_what_the_query_lists() -> None:
    assert search_tables(RecordQuery()) == (LISTED,)
    assert search_tables(RecordQuery(trash=True, include_provisions=True)) == (UNLISTED,)
    assert search_tables(RecordQuery(include_provisions=True)) == SEARCH_TABLES
    assert search_tables(RecordQuery(kinds=frozenset({"provision"}))) == SEARCH_TABLES


def test_only_a_title_ordered_search_of_one_table_reads_the_search_order() -> None:
    match = fts_match_expression("canada")
    assert title_ordered_index(RecordQuery(text="canada"), match) == LISTED
    assert title_ordered_index(RecordQuery(text="canada"), None) is None
    assert title_ordered_index(RecordQuery(sort=SortKey.DUE), match) is None
    assert title_ordered_index(RecordQuery(include_provisions=True), match) is None


# -- every order of the records list reads an index in that order, never sorting the records:
# the first page and the pages after it, both ways, with SQLite's statistics or without.


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of 3,000 generated records (some in the trash), made once."""
    path = tmp_path_factory.mktemp("plans") / "accords.sqlite3"
    service = AccordsService.open(str(path), seed=False)
    generate(service, 3_000, seed=12)
    service.close()
    return path


# What ``ANALYZE`` wrote of the records' indexes in a file of 250,000 generated records: the
# planner then takes ``deleted_at IS NULL`` for a few hundred records (198 per kind and
# status), though it is nearly all of them. 3,000 records give other statistics.
STATISTICS_AT_SCALE = {
    "ix_records_announced_on": "250013 19",
    "ix_records_due_end": "250013 35",
    "ix_records_kind": "250013 83338",
    "ix_records_kind_status": "250013 83338 10871 198",
    "ix_records_parent_id": "250013 8",
    "ix_records_signed_on": "250013 21",
    "ix_records_sort_amount": "250013 10",
    "ix_records_sort_date": "250013 19",
    "ix_records_sort_due": "250013 35",
    "ix_records_status": "250013 17859",
    "ix_records_title": "250013 4",
    "ix_records_title_order": "250013 1",
    "ix_records_updated_at": "250013 1",
    "sqlite_autoindex_records_1": "250013 1",
}


@pytest.fixture(params=[False, True], ids=["no statistics", "statistics at scale"])
def service(
    request: pytest.FixtureRequest, generated: Path, tmp_path: Path
) -> Iterator[AccordsService]:
    """The generated database as a user's file (never analyzed), or with the statistics
    ``ANALYZE`` gives a file of 250,000 records."""
    path = tmp_path / "copy.sqlite3"
    with sqlite3.connect(generated) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
        if request.param:
            copy.execute("ANALYZE")
            copy.executemany(
                "UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'records' AND idx = ?",
                [(stat, index) for index, stat in STATISTICS_AT_SCALE.items()],
            )
    opened = AccordsService.open(str(path), seed=False)
    yield opened
    opened.close()


def plan_of_pages(service: AccordsService, query: RecordQuery) -> list[list[str]]:
    """SQLite's plan of the first page of ``query`` and of the page after it."""
    statements: list[tuple[str, Any]] = []

    def seen(_c: Any, _cursor: Any, sql: str, parameters: Any, _ctx: Any, _many: Any) -> None:
        if sql.lstrip().startswith("SELECT"):
            statements.append((sql, parameters))

    event.listen(service.db.engine, "before_cursor_execute", seen)
    try:
        first = service.records.list_page(query, limit=50)
        assert first.cursor is not None
        service.records.list_page(query, limit=50, after=first.cursor)
    finally:
        event.remove(service.db.engine, "before_cursor_execute", seen)
    assert service.db.path is not None
    with sqlite3.connect(service.db.path) as raw:
        return [
            [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}", parameters)]
            for sql, parameters in statements
        ]


@pytest.mark.slow
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", list(SortKey), ids=[key.value for key in SortKey])
def test_each_order_reads_its_index(
    service: AccordsService, key: SortKey, descending: bool
) -> None:
    first, after = plan_of_pages(service, RecordQuery(sort=key, descending=descending))
    # The first page: the order's index read from its start, nothing sorted.
    (step,) = first
    assert step.startswith(("SCAN records USING INDEX", "SEARCH records USING INDEX")), first
    # A later page: two ranges of that index, the rest of the records sharing the last key
    # (by id), then those past it; only the two pages' 256 rows apiece are merged.
    reads = [step for step in after if "records" in step]
    assert len(reads) == 2, after
    assert all(step.startswith("SEARCH records USING INDEX") for step in reads), after
    index = reads[0].split()[4]
    assert reads[1].split()[4] == index
    assert ("rowid<?" if descending else "rowid>?") in reads[0], after
