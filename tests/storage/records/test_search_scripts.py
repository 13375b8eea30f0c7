"""Search in any script, on both engines: the same words find the same records, counted alike."""

from __future__ import annotations

import pytest

from storage.records.query import RecordQuery, SortKey
from storage.service import AccordsService

# Each note, on its own record, and the searches that must find it (and only it).
NOTES = {
    "Зустріч у Києві щодо ЗАПОРІЖЖЯ": ["києв", "КИЄВ", "запоріж", "зустріч києві"],
    "Сім'я та мʼясо": ["сім'я", "мʼяс", "сім"],  # an apostrophe; U+02BC inside a word
    "Café talks in Straße": ["cafe", "CAFÉ", "strasse"[:4], "straße"],
}
MISSES = ["київ", "кийів", "zzzq", "мясо", "café talks straße zzz"]


@pytest.fixture
def noted(service: AccordsService) -> dict[str, int]:
    records = [row.id for row in service.records.list_records(RecordQuery())]
    placed = {}
    for record, body in zip(records, NOTES, strict=False):
        service.notes.add_note(record, body)
        placed[body] = record
    return placed


def found(service: AccordsService, text: str) -> list[int]:
    return [row.id for row in service.records.list_records(RecordQuery(text=text))]


def test_words_in_any_script_find_their_record(
    service: AccordsService, noted: dict[str, int]
) -> None:
    for body, searches in NOTES.items():
        for text in searches:
            assert noted[body] in found(service, text), (body, text)
            assert service.records.count_records(RecordQuery(text=text)) == len(
                found(service, text)
            )


def test_words_not_there_find_nothing(service: AccordsService, noted: dict[str, int]) -> None:
    for text in MISSES:
        assert not set(found(service, text)) & set(noted.values()), text


@pytest.mark.parametrize("key", list(SortKey))
@pytest.mark.parametrize("text", ["", "ukrain"])
def test_keyset_pages_step_through_the_whole_listing(
    service: AccordsService, key: SortKey, text: str
) -> None:
    """Keyset pages of 3 list what one whole listing does, in order, in every sort both
    ways, searched or not (dates, amounts as text, missing values first)."""
    for descending in (False, True):
        query = RecordQuery(text=text, include_provisions=True, sort=key, descending=descending)
        whole = [row.id for row in service.records.list_records(query)]
        assert len(whole) > 3
        paged: list[int] = []
        after = None
        while True:
            page = service.records.list_page(query, after=after, limit=3)
            paged.extend(row.id for row in page.rows)
            if page.cursor is None:
                break
            after = page.cursor
        assert paged == whole
