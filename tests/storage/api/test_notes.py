"""The notes part: every earlier text is kept, edits are searched, stale edits refused."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from storage.errors import ConflictError, ValidationError
from storage.generate import generate
from storage.records.query import RecordQuery
from storage.records.validation import MAX_NOTE_CHARS
from storage.schema.models import Note
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# -- notes and conflicts ---------------------------------------------------------------


def test_note_edits_keep_every_earlier_text(service: AccordsService) -> None:
    """Three edits leave the three earlier texts as revisions, oldest first."""
    note = service.notes.add_note(service.records.resolve_id(SEPTEMBER), "first")
    for body in ("second", "third", "fourth"):
        note = service.notes.edit_note(note.id, body, expected_version=note.version)
    assert [r.body for r in service.notes.note_revisions(note.id)] == ["first", "second", "third"]
    assert service.notes.get_note(note.id).body == "fourth"
    assert service.notes.get_note(note.id).revision_count == 3


def test_a_notes_revision_count_is_the_number_of_revisions_kept(service: AccordsService) -> None:
    """Saves that change nothing and stale saves keep no revision and leave the count alone;
    the generator's notes agree too."""
    note = service.notes.add_note(service.records.resolve_id(SEPTEMBER), "first")
    note = service.notes.edit_note(note.id, "second", expected_version=note.version)
    note = service.notes.edit_note(note.id, "second", expected_version=note.version)  # unchanged
    with pytest.raises(ConflictError):
        service.notes.edit_note(note.id, "stale", expected_version=note.version - 1)
    note = service.notes.edit_note(note.id, "first", expected_version=note.version)  # restored
    generate(service, 60, seed=5)
    with service.db.reading() as session:
        note_ids = session.scalars(select(Note.id)).all()
    assert len(note_ids) > 10
    for note_id in note_ids:
        kept = len(service.notes.note_revisions(note_id))
        assert service.notes.get_note(note_id).revision_count == kept, note_id
    assert service.notes.get_note(note.id).revision_count == 2


@pytest.mark.sqlite_only  # its second half takes a row out of FTS5's table
def test_search_finds_a_notes_new_words_and_forgets_its_old_ones(service: AccordsService) -> None:
    """Editing a note rewrites the record's search row, even when that row had gone missing."""
    pledge = service.records.resolve_id(SEPTEMBER)
    note = service.notes.add_note(pledge, "Zucchini shipment pending")
    note = service.notes.edit_note(
        note.id, "Quinoa shipment pending", expected_version=note.version
    )

    def found(word: str) -> list[int]:
        return [row.id for row in service.records.list_records(RecordQuery(text=word))]

    assert found("quinoa") == [pledge]
    assert found("zucchini") == []
    assert found("drones") == [pledge]  # the title is still indexed
    assert service.db.path is not None
    with sqlite3.connect(service.db.path) as db:
        db.execute(
            "DELETE FROM listed_fts WHERE rowid = (SELECT title_order FROM records WHERE id = ?)",
            (pledge,),
        )
    service.notes.edit_note(note.id, "Kohlrabi shipment pending", expected_version=note.version)
    assert found("kohlrabi") == [pledge]
    assert found("drones") == [pledge]


def test_stale_note_edit_is_refused(service: AccordsService) -> None:
    """A note edit against an old version raises ConflictError and keeps the newer text."""
    note = service.notes.add_note(service.records.resolve_id(SEPTEMBER), "original")
    newer = service.notes.edit_note(note.id, "newer", expected_version=note.version)
    with pytest.raises(ConflictError):
        service.notes.edit_note(note.id, "stale", expected_version=note.version)
    assert service.notes.get_note(note.id).body == "newer"
    assert service.notes.get_note(note.id).version == newer.version


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("broken \ud800 text", id="lone-surrogate"),
        pytest.param("x" * (MAX_NOTE_CHARS + 1), id="too-long"),
        pytest.param("a\x00b", id="nul"),
    ],
)
def test_invalid_note_is_refused(service: AccordsService, body: str) -> None:
    """A note with a lone surrogate, a NUL or over the size limit raises ValidationError."""
    record = service.records.resolve_id(SEPTEMBER)
    with pytest.raises(ValidationError):
        service.notes.add_note(record, body)
    assert service.records.get_record(record).notes == ()
