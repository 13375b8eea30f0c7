"""Tests for the schema: migrations match the models, versions are recorded, newer ones refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Column, inspect, text
from sqlalchemy.schema import CreateIndex

from storage.db.engine import make_engine
from storage.db.paths import resolve_database_url
from storage.records.query import RecordQuery
from storage.records.search_index import search_index_problems
from storage.schema import tables
from storage.service import AccordsService
from tests.schema import downgrade_to, model_differences, upgrade_to


@pytest.fixture
def migrated(db_path: Path) -> Iterator[AccordsService]:
    """A freshly created and migrated database, not seeded."""
    service = AccordsService.open(str(db_path), seed=False)
    yield service
    service.close()


PLAN = "action-plan-security-cooperation"
EXPRESSION_INDEXES = {
    index.name: index
    for index in tables.records.indexes
    if any(not isinstance(expression, Column) for expression in index.expressions)
}


def test_migrated_database_matches_the_models(migrated: AccordsService) -> None:
    """Autogenerate finds no difference between the migrated schema and the models."""
    with migrated.db.engine.connect() as connection:
        assert model_differences(connection) == []


def test_expression_indexes_are_the_models_own(migrated: AccordsService) -> None:
    """Each index on an expression is in the database as the models would create it, the
    expression written the same: SQLite uses such an index only for that very expression."""
    assert set(EXPRESSION_INDEXES) == {
        "ix_records_sort_date",
        "ix_records_sort_amount",
        "ix_records_sort_due",
    }
    indexes = text("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
    with migrated.db.engine.connect() as connection:
        stored = {str(name): str(sql) for name, sql in connection.execute(indexes)}
    for name, index in EXPRESSION_INDEXES.items():
        created = str(CreateIndex(index).compile(dialect=migrated.db.engine.dialect)).strip()
        assert stored[str(name)] == created


def test_search_tables_exist(migrated: AccordsService) -> None:
    """The migrations leave the two search tables, and not the single one 0006 replaced."""
    with migrated.db.engine.connect() as connection:
        names = connection.execute(
            text("SELECT name FROM sqlite_master WHERE name LIKE '%fts' ORDER BY name")
        ).all()
    assert names == [("listed_fts",), ("unlisted_fts",)]


def test_0006_moves_search_rows_into_title_order_and_back(db_path: Path) -> None:
    """Down to the single search table keyed by record id and up again, nothing is lost."""
    service = AccordsService.open(str(db_path))
    service.records.delete_record(service.records.list_records()[0].id)
    every = RecordQuery(include_provisions=True)
    queries = [RecordQuery(text="drones"), RecordQuery(text="Canada", trash=True)]
    queries += [RecordQuery(text="Canada", include_provisions=True), every]
    before = [service.records.list_records(query) for query in queries]
    downgrade_to(service.db.engine, "0005")
    with service.db.engine.connect() as connection:
        indexed = connection.execute(text("SELECT rowid FROM records_fts ORDER BY rowid"))
        records = connection.execute(text("SELECT id FROM records ORDER BY id"))
        assert indexed.all() == records.all()
    service.close()
    service = AccordsService.open(str(db_path))
    try:
        assert service.db.report.migrated_from == "0005"
        assert [service.records.list_records(query) for query in queries] == before
        assert before[0] and before[1] and before[2]
        with service.db.reading() as session:
            assert search_index_problems(session.connection()) == []
    finally:
        service.close()


def test_0008_dates_each_status_from_what_is_known_and_back(db_path: Path) -> None:
    """Up from 0007, a seeded status took effect on its record's date (or its document's, or
    its article's) and any other on the day it was recorded; down again, the column goes."""
    service = AccordsService.open(str(db_path))
    plan = service.records.resolve_id(PLAN)
    service.records.change_status(plan, "in_force", effective_on=date(2025, 10, 1))
    downgrade_to(service.db.engine, "0007")
    labels = text("SELECT parties_label FROM records WHERE slug = :slug")
    with service.db.engine.connect() as connection:
        columns = connection.execute(text("SELECT name FROM pragma_table_info('status_changes')"))
        assert "effective_on" not in {name for (name,) in columns}
        columns = connection.execute(text("SELECT name FROM pragma_table_info('records')"))
        assert "status_effective_on" not in {name for (name,) in columns}
        assert connection.execute(labels, {"slug": PLAN}).scalar() == "Ukraine, Canada"
    service.close()
    service = AccordsService.open(str(db_path))
    try:
        assert service.db.report.migrated_from == "0007"
        with service.db.engine.connect() as connection:
            assert model_differences(connection) == []
            steps = connection.execute(
                text(
                    "SELECT records.slug, from_status, effective_on, date(changed_at) "
                    "FROM status_changes JOIN records ON records.id = record_id"
                )
            ).all()
        seeded = {slug: day for slug, first, day, _ in steps if first is None}
        assert seeded[PLAN] == "2025-08-24"  # signed then
        assert seeded["september-2025-drones-ammunition-armored-vehicles"] == "2025-08-24"
        assert seeded["customs-training"] == "2025-08-24"  # of an undated document: the article
        assert seeded["agreement-on-security-cooperation"] == "2025-08-24"  # undated: the article
        ((_, _, day, recorded),) = [step for step in steps if step[1] is not None]
        assert day == recorded  # the user's change: the day it was recorded
        assert service.records.get_record(plan).status_since == date.fromisoformat(recorded)
        with service.db.engine.connect() as connection:
            assert connection.execute(labels, {"slug": PLAN}).scalar() == "Ukraine; Canada"
            kept = connection.execute(text("SELECT slug, status_effective_on FROM records"))
            assert {slug: day for slug, day in kept if slug in seeded} == seeded | {PLAN: recorded}
    finally:
        service.close()


def test_0009_links_seeded_records_to_their_article_and_back(db_path: Path) -> None:
    """Up from 0008, every seeded record rests on the seeded article, the article keeps its
    bytes and file name, and the President his other spellings; down again, all of it goes."""
    service = AccordsService.open(str(db_path))
    downgrade_to(service.db.engine, "0008")
    with service.db.engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        assert {"aliases", "record_sources", "source_files"}.isdisjoint(n for (n,) in names)
        columns = connection.execute(text("SELECT name FROM pragma_table_info('sources')"))
        assert "media_type" not in {name for (name,) in columns}
        columns = connection.execute(text("SELECT name FROM pragma_table_info('annotations')"))
        assert "conflicting_value" not in {name for (name,) in columns}
    service.close()
    service = AccordsService.open(str(db_path))
    try:
        assert service.db.report.migrated_from == "0008"
        with service.db.engine.connect() as connection:
            assert model_differences(connection) == []
            source = connection.execute(
                text("SELECT id, text, media_type, file_name, has_text, imported_at FROM sources")
            ).one()
            content = connection.execute(text("SELECT content FROM source_files")).scalar()
            linked = connection.execute(
                text("SELECT count(*), count(DISTINCT source_id) FROM record_sources")
            ).one()
            records = connection.execute(text("SELECT count(*) FROM records")).scalar_one()
            aliases = connection.execute(
                text(
                    "SELECT persons.name, folded FROM aliases "
                    "JOIN persons ON persons.id = person_id"
                )
            ).all()
        assert source[2:5] == ("text/plain", "000_f2d8078ece297863.txt", 1)
        assert source[5] is not None
        assert content == source[1].encode("utf-8")
        assert linked == (records, 1)
        assert ("Volodymyr Zelensky", "зеленський") in aliases
        assert ("Volodymyr Zelensky", "zelenskyy") in aliases
    finally:
        service.close()


def test_0009_fresh_database_gets_the_same_as_a_migrated_one(db_path: Path) -> None:
    """A database seeded at 0009 has the links and names the migration fills in."""
    service = AccordsService.open(str(db_path))
    with service.db.engine.connect() as connection:
        linked = connection.execute(text("SELECT count(*) FROM record_sources")).scalar()
        records = connection.execute(text("SELECT count(*) FROM records")).scalar_one()
        folded = connection.execute(text("SELECT folded FROM aliases")).scalars().all()
        content = connection.execute(text("SELECT content FROM source_files")).scalar()
        source = connection.execute(text("SELECT text, file_name FROM sources")).one()
    service.close()
    assert linked == records > 0
    assert {"zelensky", "zelenskyy", "zelenskyi", "зеленський"} <= set(folded)
    assert content == source[0].encode("utf-8")
    assert source[1] == "000_f2d8078ece297863.txt"


def test_0002_creates_the_rates_and_dismissals_tables(migrated: AccordsService) -> None:
    """The hand-written 0002 creates the two tables it is for (the models' check is above)."""
    with migrated.db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert {"exchange_rates", "finding_dismissals"} <= names


def test_a_0001_database_is_upgraded_and_0002_downgrades(tmp_path: Path) -> None:
    today = date(2026, 11, 28)
    path = tmp_path / "old.sqlite3"
    engine = make_engine(resolve_database_url(str(path)))
    upgrade_to(engine, "0001")
    engine.dispose()
    service = AccordsService.open(str(path), clock=lambda: today)
    try:
        assert service.db.report.migrated_from == "0001"
        assert service.rates.set("CAD", "USD", "0.7312", today, "test") > 0
        downgrade_to(service.db.engine, "0001")
        with service.db.engine.connect() as connection:
            assert not inspect(connection).has_table("exchange_rates")
            assert not inspect(connection).has_table("finding_dismissals")
    finally:
        service.close()
