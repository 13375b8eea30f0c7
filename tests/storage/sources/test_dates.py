"""Dates resolved against the source's own date, in English, French and Ukrainian."""

from __future__ import annotations

from datetime import date

import pytest

from storage.sources.dates import DatesOf, FoundDate, find_dates
from storage.sources.sentences import quote

PUBLISHED = date(2025, 8, 24)


def _dates(text: str, language: str, published: date | None = PUBLISHED) -> list[FoundDate]:
    return find_dates(text, quote(text, 0, len(text)), language, published)


@pytest.mark.parametrize(
    ("text", "language", "words", "day", "precision"),
    [
        ("They signed on August 24.", "en", "August 24", "2025-08-24", "day"),
        ("Today, Ukraine and Canada signed", "en", "Today", "2025-08-24", "day"),
        ("Delivered in September.", "en", "in September", "2025-09-01", "month"),
        ("Paid in 2024.", "en", "in 2024", "2024-01-01", "year"),
        ("Signé le 24 août 2025.", "fr", "24 août 2025", "2025-08-24", "day"),
        ("Livré en septembre.", "fr", "en septembre", "2025-09-01", "month"),
        ("Aujourd'hui, le Canada annonce", "fr", "Aujourd'hui", "2025-08-24", "day"),
        ("Підписали 24 серпня.", "uk", "24 серпня", "2025-08-24", "day"),
        ("Постачання у вересні.", "uk", "у вересні", "2025-09-01", "month"),
        ("Виплата у 2026 році.", "uk", "у 2026 році", "2026-01-01", "year"),
        ("Сьогодні Канада оголосила", "uk", "Сьогодні", "2025-08-24", "day"),
    ],
)
def test_a_date_is_resolved_against_the_source_date(
    text: str, language: str, words: str, day: str, precision: str
) -> None:
    [found] = _dates(text, language)
    assert (found.quote.text, found.on.isoformat(), found.precision.value) == (
        words,
        day,
        precision,
    )


def test_a_period_ends_on_its_last_day_and_is_due() -> None:
    [month] = _dates("in February 2028", "en")
    assert (month.end, month.due) == (date(2028, 2, 29), True)
    [year] = _dates("d'ici la fin de 2027", "fr")
    assert (year.on, year.end, year.due) == (date(2027, 1, 1), date(2027, 12, 31), True)


def test_a_date_after_since_starts_a_span() -> None:
    text = "Since the start of the invasion on February 24, 2022, Canada has allocated"
    [found] = _dates(text, "en")
    assert (found.on, found.since) == (date(2022, 2, 24), True)


def test_a_sentence_without_a_date_finds_none_and_dates_are_read_only_when_asked() -> None:
    text = "The Parties shall cooperate in good faith."
    assert _dates(text, "en") == []
    lazy = DatesOf(text, quote(text, 0, len(text)), "en", PUBLISHED)
    assert lazy() == [] and lazy() is lazy()
