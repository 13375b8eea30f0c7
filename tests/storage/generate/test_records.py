"""Whole generated records: documents first, then by share, each with its row and search row."""

from __future__ import annotations

import random
from collections import Counter
from itertools import count

import pytest

from storage.generate.draws import Draws
from storage.generate.odds import DOCUMENT_KINDS
from storage.generate.records import RecordBuilder
from storage.generate.reference import Reference, ensure_reference_data
from storage.generate.rows import Rows
from storage.generate.sources import Sources
from storage.service import AccordsService


@pytest.fixture
def reference(empty_service: AccordsService) -> Reference:
    """The generator's parties and roles, in a database of their own."""
    with empty_service.db.writing() as session:
        return ensure_reference_data(session)


def test_records_are_built_whole_with_a_search_row_each(reference: Reference) -> None:
    builder = RecordBuilder(Draws(random.Random(4)), reference, seed=4)
    rows = Rows()
    builder.build(rows, Sources(), range(1, 401), count(1))
    made = rows.documents + rows.pledges
    assert builder.generated == len(made) == len(rows.search) == 400
    assert sorted(row["id"] for row in made) == list(range(1, 401))
    assert {row["slug"] for row in made} == {f"gen-4-{n}" for n in range(1, 401)}
    first = sorted(rows.documents, key=lambda row: row["id"])[: len(DOCUMENT_KINDS)]
    assert [row["kind"] for row in first] == ["document"] * len(DOCUMENT_KINDS)
    kinds = Counter(row["kind"] for row in made)
    assert set(kinds) == {"document", "provision", "pledge"}
    titles = {row["id"]: row["title"] for row in made}
    assert all(search["title"] == titles[search["id"]] for search in rows.search)
    assert {h["record_id"] for h in rows.history} == set(titles)  # every record has a history
    provisions = [row for row in made if row["kind"] == "provision"]
    documents = {row["id"] for row in made if row["kind"] == "document"}
    assert all(row["parent_id"] in documents for row in provisions)


def test_the_same_seed_builds_the_same_records(reference: Reference) -> None:
    def build() -> Rows:
        rows = Rows()
        RecordBuilder(Draws(random.Random(9)), reference, seed=9).build(
            rows, Sources(), range(1, 101), count(1)
        )
        return rows

    assert build() == build()
