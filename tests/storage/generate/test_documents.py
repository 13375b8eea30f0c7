"""Generated documents: every kind early, parties linked, provisions of recent documents."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from storage.generate.documents import RECENT_PARENTS, DocumentBuilder
from storage.generate.draws import Draws
from storage.generate.odds import DOCUMENT_KINDS
from storage.generate.reference import Reference, ensure_reference_data
from storage.generate.rows import DOCUMENT_COLUMNS, Row, Rows
from storage.schema.enums import DocumentStatus
from storage.service import AccordsService


@pytest.fixture
def reference(empty_service: AccordsService) -> Iterator[Reference]:
    """The generator's parties and roles, in a database of their own."""
    with empty_service.db.writing() as session:
        made = ensure_reference_data(session)
    yield made


def built(
    reference: Reference, count: int, seed: int = 3
) -> tuple[DocumentBuilder, Rows, list[Row]]:
    builder = DocumentBuilder(Draws(random.Random(seed)), reference)
    rows = Rows()
    made: list[Row] = []
    for ordinal in range(count):
        row: Row = {**dict.fromkeys(DOCUMENT_COLUMNS), "id": ordinal + 1}
        builder.document(rows, row, ordinal)
        made.append(row)
    return builder, rows, made


def test_the_first_documents_take_each_kind_in_turn(reference: Reference) -> None:
    builder, _rows, made = built(reference, len(DOCUMENT_KINDS) + 5)
    kinds = [row["document_kind"] for row in made[: len(DOCUMENT_KINDS)]]
    assert kinds == [kind.value for kind in DOCUMENT_KINDS]
    assert builder.documents == [row["id"] for row in made]


def test_a_document_links_two_or_more_parties_named_in_english_titles(
    reference: Reference,
) -> None:
    _builder, rows, made = built(reference, 60)
    names = {party.id: party for party in reference.parties.values()}
    for row in made:
        linked = [p["party_id"] for p in rows.parties if p["record_id"] == row["id"]]
        assert len(linked) >= 2
        assert all(pid in names for pid in linked)
        if " cooperation between " in row["title"]:
            assert names[linked[0]].name in row["title"]
        assert (row["signed_on"] is None) == (row["status"] == DocumentStatus.DRAFT.value)
        assert any(t["record_id"] == row["id"] for t in rows.tags)


def test_a_provision_belongs_to_a_recent_document(reference: Reference) -> None:
    builder, _rows, _made = built(reference, RECENT_PARENTS + 20)
    for _ in range(50):
        provision: Row = {"id": 0}
        builder.provision(provision)
        assert provision["parent_id"] in builder.documents[-RECENT_PARENTS:]
        assert provision["summary"] == ""
