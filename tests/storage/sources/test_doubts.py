"""A proposed value's doubt: stored in English, read in the user's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from storage import i18n
from storage.sources.doubts import AMBIGUOUS_DOLLAR, reported_by, said


@pytest.fixture
def ukrainian() -> Iterator[None]:
    """The user's language is Ukrainian for the test, English again after it."""
    from tools import catalogues

    catalogues.compile_all()
    i18n.install("uk")
    yield
    i18n.install("en")


def test_the_stored_doubt_is_english_with_an_iso_day() -> None:
    assert reported_by(date(2025, 8, 24)) == "reported by 2025-08-24"


def test_in_english_a_doubt_reads_as_stored() -> None:
    assert said("") == ""
    assert said(AMBIGUOUS_DOLLAR) == AMBIGUOUS_DOLLAR
    assert said(reported_by(date(2025, 8, 24))) == (
        "reported by " + i18n.format_day(date(2025, 8, 24))
    )


def test_a_person_reads_the_doubt_in_their_language(ukrainian: None) -> None:
    day = date(2025, 8, 24)
    assert said(reported_by(day)).endswith(i18n.format_day(day))
    assert not said(reported_by(day)).startswith("reported by")
    assert said(AMBIGUOUS_DOLLAR) != AMBIGUOUS_DOLLAR
    assert said("a doubt no catalogue knows") == "a doubt no catalogue knows"
