"""The cached statements of frequent saves: a note read as stored, its revisions counted."""

from __future__ import annotations

import pytest

from storage.errors import NotFoundError
from storage.records.statements import note_view
from storage.service import AccordsService

LETTER = "letter-of-intent-joint-defense-production"


def test_a_note_is_read_with_its_revision_count(service: AccordsService) -> None:
    note = service.notes.add_note(service.records.resolve_id(LETTER), "first")
    edited = service.notes.edit_note(note.id, "second", expected_version=note.version)
    service.notes.edit_note(note.id, "third", expected_version=edited.version)
    with service.db.connected() as connection:
        view = note_view(connection, note.id)
    assert view == service.notes.get_note(note.id)
    assert (view.body, view.revision_count, view.version) == ("third", 2, note.version + 2)


def test_a_missing_note_is_not_found(service: AccordsService) -> None:
    with service.db.connected() as connection, pytest.raises(NotFoundError, match="no note 4242"):
        note_view(connection, 4242)
