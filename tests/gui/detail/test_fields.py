"""The Overview's fields: which each kind shows, how a stored value reads and is sent back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gui.detail.fields import (
    EDITABLE,
    LIST,
    PARTY,
    TITLE,
    WRAP,
    FieldSpec,
    annotatable_fields,
    display,
    equivalent,
    fact,
    number,
    service_value,
)
from storage.records.data import RecordDetail
from storage.records.validation import FIELDS_BY_KIND
from storage.schema.enums import RecordKind, label
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLAN = "action-plan-security-cooperation"


@pytest.mark.parametrize("kind", list(EDITABLE))
def test_every_editable_field_is_one_the_service_takes(kind: RecordKind) -> None:
    names = [spec.name for spec in EDITABLE[kind]]
    assert set(names) <= FIELDS_BY_KIND[kind] and len(set(names)) == len(names)
    offered = [name for name, _label in annotatable_fields(kind)]
    assert offered[: len(names)] == names  # editable fields first, then lists and facts
    assert "provisions" not in offered and "parent" not in offered


def test_numbers_are_exact_with_separators() -> None:
    """Every digit stored, grouped as the language groups them (French: tests/storage)."""
    assert number(Decimal("700000000.50")) == "700,000,000.50"
    assert number(Decimal("1E+3")) == "1,000"
    assert number(None) == ""


def test_editors_text_is_sent_as_the_service_takes_it() -> None:
    assert service_value(FieldSpec("tags", LIST), "drones, mines\nshells,, ") == [
        "drones",
        "mines",
        "shells",
    ]
    assert service_value(TITLE, "Two\nlines") == "Two lines"
    assert TITLE.editor == WRAP
    assert service_value(FieldSpec("donor", PARTY), "  Canada \n ") == "Canada"
    assert service_value(FieldSpec("unit"), " people ") == " people "


def test_a_pledges_fields_read_as_stored(service: AccordsService) -> None:
    detail = service.records.get_record(SEPTEMBER)
    assert display(detail, "title") == detail.row.title
    assert display(detail, "amount") == number(detail.row.amount)
    assert display(detail, "due") == (str(detail.row.due) if detail.row.due else "")
    announced = detail.announced_on.isoformat() if detail.announced_on else ""
    assert display(detail, "announced_on") == announced
    assert display(detail, "categories") == ", ".join(detail.categories)


def test_a_documents_facts_read_as_text(service: AccordsService) -> None:
    detail = service.records.get_record(PLAN)
    assert fact(detail, "status") == label(detail.row.status) != ""
    assert fact(detail, "parties") == ", ".join(detail.parties)
    outgoing = [r for r in detail.relations if r.outgoing]
    assert outgoing and all(r.other_title in fact(detail, "relations") for r in outgoing)
    assert fact(detail, "parent") == "—"  # nothing to say: a dash, not a blank


def with_equivalent(detail: RecordDetail, amount: str | None, written: str | None) -> RecordDetail:
    value = None if amount is None else Decimal(amount)
    return detail._replace(equivalent_amount=value, equivalent_as_written=written)


def test_an_equivalent_reads_as_the_article_wrote_it(service: AccordsService) -> None:
    detail = service.records.get_record(SEPTEMBER)
    assert equivalent(with_equivalent(detail, "16000000", "$")) == "$16,000,000 as written"
    assert (
        equivalent(with_equivalent(detail, "16000000", "US dollars"))
        == "16,000,000 US dollars as written"
    )
    assert equivalent(with_equivalent(detail, "5", None)) == "5"
    assert equivalent(with_equivalent(detail, None, "$")) == ""
