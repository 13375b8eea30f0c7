"""What every part shares: a record found by number or slug, and the refusal of a stale edit."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from storage.api.base import conflict, find_record
from storage.errors import NotFoundError, ValidationError
from storage.schema.models import Record
from storage.service import AccordsService

LETTER = "letter-of-intent-joint-defense-production"
PLAN = "action-plan-security-cooperation"


def found(service: AccordsService, ref: int | str) -> int:
    with service.db.reading() as session:
        return find_record(session, ref).id


def test_a_record_is_found_by_number_marked_number_or_slug(service: AccordsService) -> None:
    letter = service.records.resolve_id(LETTER)
    assert found(service, letter) == letter
    assert found(service, str(letter)) == letter
    assert found(service, f"#{letter}") == letter
    assert found(service, LETTER) == letter


@pytest.mark.parametrize("ref", [999_999, "999999", "#999999", "no-such-record", "9" * 30])
def test_what_names_no_record_is_not_found(service: AccordsService, ref: int | str) -> None:
    with pytest.raises(NotFoundError, match="There is no record"):
        found(service, ref)


def test_a_number_that_is_also_a_slug_is_refused_not_guessed(service: AccordsService) -> None:
    """An older database may hold a digits-only slug; "#12" still means the number."""
    letter, plan = service.records.resolve_id(LETTER), service.records.resolve_id(PLAN)
    with service.db.writing() as session:
        session.execute(update(Record).where(Record.id == plan).values(slug=str(letter)))
    with pytest.raises(ValidationError, match=f"write #{letter} or #{plan}"):
        found(service, str(letter))
    assert found(service, f"#{letter}") == letter
    with service.db.writing() as session:
        session.execute(update(Record).where(Record.id == plan).values(slug="999999"))
    with pytest.raises(ValidationError, match=f"There is no record #999999.*write #{plan}"):
        found(service, "999999")


def test_a_conflict_names_both_versions() -> None:
    error = conflict("The note", 3, 5)
    assert (error.expected_version, error.current_version) == (3, 5)
    assert "version 3, now 5" in str(error) and "nothing was overwritten" in str(error)
