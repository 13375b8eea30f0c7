"""Generated pledges: two sides, words, a due period after the announcement, categories."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

import pytest

from storage.generate.days import LAST_DAY
from storage.generate.draws import Draws
from storage.generate.pledges import PledgeBuilder
from storage.generate.reference import Reference, ensure_reference_data
from storage.generate.rows import PLEDGE_COLUMNS, Row, Rows
from storage.records.periods import Period
from storage.schema.enums import Precision
from storage.service import AccordsService


@pytest.fixture
def reference(empty_service: AccordsService) -> Iterator[Reference]:
    """The generator's parties and roles, in a database of their own."""
    with empty_service.db.writing() as session:
        made = ensure_reference_data(session)
    yield made


def test_each_pledge_is_whole_and_its_due_period_follows_the_announcement(
    reference: Reference,
) -> None:
    documents = [101, 102, 103]
    builder = PledgeBuilder(Draws(random.Random(8)), reference, documents)
    rows = Rows()
    parties = {party.id for party in reference.parties.values()}
    made: list[Row] = []
    for record_id in range(1, 201):
        row: Row = {**dict.fromkeys(PLEDGE_COLUMNS), "id": record_id}
        builder.pledge(rows, row)
        made.append(row)
    for row in made:
        assert row["donor_id"] in parties and row["recipient_id"] in parties
        assert row["donor_id"] != row["recipient_id"]
        assert row["title"] and row["summary"]
        assert row["from_document_id"] in (None, *documents)
        if row["due_start"] is not None:
            period = Period(row["due_start"], Precision(row["due_precision"]))
            # The due day falls 30 to 1,500 days after the announcement (never past LAST_DAY);
            # its period holds that day, so it may start before the announcement.
            soonest = min(row["announced_on"] + timedelta(days=30), LAST_DAY - timedelta(days=1))
            latest = row["announced_on"] + timedelta(days=1500)
            assert row["due_start"] <= latest and row["due_end"] >= soonest
            assert row["due_end"] <= min(period.end, LAST_DAY)
        assert any(c["record_id"] == row["id"] for c in rows.categories)
    assert any(row["due_start"] for row in made)
    assert any(row["due_start"] is None for row in made)
