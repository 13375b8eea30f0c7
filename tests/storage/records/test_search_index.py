"""The search index: title orders stay in title order, and search rows follow records."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from storage.cli import main as cli_main
from storage.db.health import check_database
from storage.generate import generate
from storage.records import search_index
from storage.records.query import RecordQuery, SortKey
from storage.records.search_index import rebuild, search_index_problems
from storage.schema.enums import RecordKind
from storage.service import AccordsService

WORD = "quokka"  # in no seeded record
UNSTEP = text("UPDATE records SET title_order = title_order + 1 WHERE id = :id")


def problems(service: AccordsService) -> list[str]:
    with service.db.reading() as session:
        return search_index_problems(session.connection())


def add(service: AccordsService, title: str) -> int:
    return service.records.create_record(RecordKind.DOCUMENT, {"title": title, "summary": WORD})


def listed_in_order(service: AccordsService, query: RecordQuery, limit: int) -> list[int]:
    """Every record a query lists, read ``limit`` at a time through the keyset cursor."""
    found: list[int] = []
    after = None
    while True:
        page = service.records.list_page(query, limit=limit, after=after)
        found += [row.id for row in page.rows]
        if page.cursor is None:
            return found
        after = page.cursor


def by_title(service: AccordsService, ids: list[int]) -> list[int]:
    """The records in (title, id) order, as the title index sorts them."""
    titles = {
        row.id: row.title for row in service.records.list_records(RecordQuery(ids=frozenset(ids)))
    }
    return sorted(ids, key=lambda record_id: (titles[record_id], record_id))


@pytest.fixture
def crowded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gaps of four, and little room after the last: records put between the same two
    neighbours soon force a spread."""
    monkeypatch.setattr(search_index, "TITLE_GAP", 4)
    monkeypatch.setattr(search_index, "LAST_ORDER", 512)
    monkeypatch.setattr(search_index, "SPREAD_GAP", 4)
    monkeypatch.setattr(search_index, "FIRST_WINDOW", 1)


def spreads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records placed by spreading their neighbours out, as they happen."""
    placed: list[int] = []
    spread = search_index.spread

    def counted(connection: Connection, record_id: int, title: str) -> int:
        placed.append(record_id)
        return spread(connection, record_id, title)

    monkeypatch.setattr(search_index, "spread", counted)
    return placed


def test_the_seeded_database_is_in_title_order(service: AccordsService) -> None:
    assert problems(service) == []
    assert check_database(service) == []


def test_a_search_lists_its_matches_in_title_order_both_ways(service: AccordsService) -> None:
    ids = [add(service, title) for title in ("Mango", "apple", "Banana", "Mango", "Zebra")]
    query = RecordQuery(text=WORD)
    assert listed_in_order(service, query, limit=2) == by_title(service, ids)
    backwards = RecordQuery(text=WORD, descending=True)
    assert listed_in_order(service, backwards, limit=2) == by_title(service, ids)[::-1]
    assert service.records.count_records(query) == 5


def test_renaming_moves_a_record_in_search_results(service: AccordsService) -> None:
    first, second = add(service, "Alpha"), add(service, "Beta")
    version = service.records.get_record(first).version
    service.records.update_record(first, version, {"title": "Gamma"})
    assert listed_in_order(service, RecordQuery(text=WORD), limit=1) == [second, first]
    assert problems(service) == []


def test_trash_moves_a_record_out_of_the_listed_search_and_back(service: AccordsService) -> None:
    kept, trashed = add(service, "Kept"), add(service, "Trashed")
    service.records.delete_record(trashed)
    assert service.records.list_records(RecordQuery(text=WORD)) == service.records.list_records(
        RecordQuery(ids=frozenset({kept}))
    )
    assert service.records.count_records(RecordQuery(text=WORD)) == 1
    in_trash = service.records.list_records(RecordQuery(text=WORD, trash=True))
    assert [row.id for row in in_trash] == [trashed]
    assert problems(service) == []
    service.records.restore_record(trashed)
    assert service.records.count_records(RecordQuery(text=WORD)) == 2
    assert problems(service) == []


def test_counts_of_a_plain_search_agree_with_filtered_ones(service: AccordsService) -> None:
    """The count read from FTS5 alone equals the one that checks every record."""
    for title in ("One", "Two", "Three"):
        add(service, title)
    service.records.delete_record(add(service, "Four"))
    plain = service.records.count_records(RecordQuery(text=WORD))
    every_kind = frozenset({RecordKind.DOCUMENT.value, RecordKind.PLEDGE.value})
    filtered = service.records.count_records(RecordQuery(text=WORD, kinds=every_kind))
    assert plain == filtered == 3


@pytest.mark.usefixtures("crowded")
def test_crowded_titles_are_spread_and_stay_in_order(
    service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    with service.db.writing() as session:
        search_index.renumber_titles(session.connection())  # the seeded records, 4 apart
    spread = spreads(monkeypatch)
    rng = random.Random(5)
    ids = [add(service, rng.choice(["Same", "Same", "Sama", "Samf"])) for _ in range(60)]
    for record_id in rng.sample(ids, 15):
        version = service.records.get_record(record_id).version
        service.records.update_record(
            record_id, version, {"title": rng.choice(["Same", "Samb", "A"])}
        )
    assert len(spread) > 10
    assert problems(service) == []
    assert listed_in_order(service, RecordQuery(text=WORD), limit=7) == by_title(service, ids)


def test_generation_into_narrow_gaps_renumbers_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "TITLE_GAP", 4)
    service = AccordsService.open(str(tmp_path / "g.sqlite3"))
    try:
        generate(service, 300, seed=1)
        generate(service, 300, seed=2)  # a gap of four cannot take two new records
        assert problems(service) == []
        with service.db.reading() as session:
            off_the_grid = session.execute(
                text(
                    "SELECT count(*) FROM (SELECT title_order, "
                    "row_number() OVER (ORDER BY title, id) AS place FROM records) "
                    "WHERE title_order != 4 * place"
                )
            ).scalar()
        assert off_the_grid == 0
    finally:
        service.close()


def test_the_check_reports_a_search_row_out_of_step_and_a_rebuild_mends_it(
    db_path: Path, seeded_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(seeded_template, db_path)
    service = AccordsService.open(str(db_path))
    record = add(service, "Lost")
    with service.db.writing() as session:
        session.execute(UNSTEP, {"id": record})
    assert check_database(service) == [
        "search index: 1 listed records have no row in the listed search table",
        "search index: 1 rows of the listed search table stand for no listed record",
    ]
    service.close()
    assert cli_main(["--db", str(db_path), "check"]) == 1
    assert "accords check --rebuild-search" in capsys.readouterr().out
    assert cli_main(["--db", str(db_path), "check", "--rebuild-search"]) == 0
    assert "is intact" in capsys.readouterr().out
    service = AccordsService.open(str(db_path))
    try:
        assert [row.id for row in service.records.list_records(RecordQuery(text="lost"))] == [
            record
        ]
    finally:
        service.close()


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[AccordsService]:
    service = AccordsService.open(str(tmp_path / "generated.sqlite3"))
    generate(service, 2000, seed=3)
    yield service
    service.close()


def test_generated_records_search_in_title_order(generated: AccordsService) -> None:
    assert problems(generated) == []
    for word in ("drones", "обʼєкт"):
        query = RecordQuery(text=word)
        found = listed_in_order(generated, query, limit=50)
        assert found == by_title(generated, found)
        assert len(found) == generated.records.count_records(query) > 0
        by_date = generated.records.list_records(RecordQuery(text=word, sort=SortKey.DATE))
        assert {row.id for row in by_date} == set(found)  # read through the records table


def test_a_search_row_with_another_title_is_reported_and_a_rebuild_mends_it(
    service: AccordsService,
) -> None:
    """On PostgreSQL a search row holds its record's title (migration 0012), by which a
    search in title order sorts its matches: one out of step is said, and mended by a rebuild.
    On SQLite the title order is checked by the test above."""
    if service.db.fts:
        pytest.skip("SQLite keeps no title in its search rows")
    record = add(service, "Quokka shelter")
    with service.db.writing() as session:
        moved = text("UPDATE record_search SET title = 'Aardvark' WHERE record_id = :id")
        session.execute(moved, {"id": record})
    assert problems(service) == ["1 search rows hold another title than their record's"]
    with service.db.writing() as session:
        rebuild(session.connection())
    assert problems(service) == []
