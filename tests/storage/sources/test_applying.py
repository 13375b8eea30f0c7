"""Applying proposals inside a transaction: values coerced, quotes checked, records created."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import ValidationError
from storage.schema import models
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.sources.applying import Applier, coerce
from storage.sources.proposals import Proposal, ProposedValue, Quote

PHRASE = "Canada has consistently supported Ukraine"


def test_coerce_keeps_values_as_the_columns_do() -> None:
    assert coerce("amount", "700000000") == Decimal(700_000_000)
    assert coerce("due_start", "2025-09-01") == date(2025, 9, 1)
    assert coerce("due_precision", "month") == "month"
    assert coerce("due_precision", "") is None
    assert coerce("currency", "cad") == "CAD"
    with pytest.raises(ValidationError):
        coerce("amount", "lots")
    with pytest.raises(ValueError):
        coerce("due_precision", "fortnight")


def seeded_source(session: Session) -> models.Source:
    source = session.scalars(select(models.Source)).first()
    assert source is not None
    return source


def a_pledge(source: models.Source, *, shift: int = 0) -> Proposal:
    start = source.text.index(PHRASE) + shift
    quote = Quote(start, start + len(PHRASE), PHRASE)
    values = (
        ProposedValue("title", "Consistent support", quote),
        ProposedValue("amount", "5000", quote),
        ProposedValue("currency", "CAD", quote),
        ProposedValue("donor", "Canada", quote),
    )
    return Proposal(RecordKind.PLEDGE, quote, values)


def test_a_new_pledge_is_created_quoted_and_linked(service: AccordsService) -> None:
    with service.db.writing() as session:
        source = seeded_source(session)
        applied = Applier(session, source, "tester").apply([a_pledge(source)])
        (created,) = applied.created
        source_id = source.id
    detail = service.records.get_record(created)
    assert (detail.row.title, detail.row.amount, detail.row.currency) == (
        "Consistent support",
        Decimal(5000),
        "CAD",
    )
    assert detail.donor == "Canada"
    assert {a.quote for a in detail.annotations} == {PHRASE}
    assert created in service.sources.records_of_source(source_id)
    assert applied.touched >= {created}


def test_a_quote_not_where_it_says_is_refused(service: AccordsService) -> None:
    with service.db.writing() as session:
        source = seeded_source(session)
        with pytest.raises(ValidationError, match="is not in source"):
            Applier(session, source, "tester").apply([a_pledge(source, shift=1)])
