"""The notes part: a record's Markdown notes, their edits and the earlier texts kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.api.base import Part, conflict, find_record
from storage.errors import NotFoundError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.data import NoteRevisionView, NoteView
from storage.records.search_index import rewrite_search_notes
from storage.records.statements import ADD_REVISION, SET_NOTE_BODY, note_view
from storage.records.validation import MAX_NOTE_CHARS, clean_text, names_a_row
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from storage.schema import models
else:
    models = LazyModule("storage.schema.models")


class Notes(Part):
    """Notes on records; each call is one transaction."""

    def add_note(self, record_id: int, body: str) -> NoteView:
        """Add a Markdown note to a record."""
        clean_text(body, "note", limit=MAX_NOTE_CHARS, required=True)
        with self._db.writing() as session:
            find_record(session, record_id)
            actor = self._service.actor
            note = models.Note(record_id=record_id, body=body, author=actor, updated_by=actor)
            session.add(note)
            session.flush()
            self._db.reindex(session, record_id)
            return NoteView(
                note.id,
                note.record_id,
                note.body,
                note.author,
                note.created_at,
                note.updated_at,
                note.version,
                0,
                note.updated_by,
            )

    def edit_note(self, note_id: int, body: str, *, expected_version: int) -> NoteView:
        """Replace a note's text, keeping the text it had as a revision."""
        clean_text(body, "note", limit=MAX_NOTE_CHARS, required=True)
        if not names_a_row(note_id):
            raise NotFoundError(_("There is no note {note_id}.").format(note_id=note_id))
        with self._db.writing_core() as connection:
            note = note_view(connection, note_id)
            if note.version != expected_version:
                raise conflict(f"note {note_id}", expected_version, note.version)
            if note.body == body:
                return note
            now = utc_now()
            actor = self._service.actor
            connection.execute(
                ADD_REVISION,
                {
                    "note_id": note_id,
                    "body": note.body,
                    "saved_at": now,
                    "written_by": _writer_of(note),
                },
            )
            saved = connection.execute(
                SET_NOTE_BODY,
                {
                    "note_id": note_id,
                    "body": body,
                    "now": now,
                    "seen": note.version,
                    "actor": actor,
                },
            )
            if saved.rowcount != 1:
                # Another session saved it between our read and this write (PostgreSQL
                # reads without locking); raising undoes the revision added above.
                raise conflict(f"note {note_id}", expected_version, note.version + 1)
            rewrite_search_notes(connection, note.record_id)
            return note._replace(
                body=body,
                updated_at=now,
                version=note.version + 1,
                revision_count=note.revision_count + 1,
                updated_by=actor,
            )

    def get_note(self, note_id: int) -> NoteView:
        """One note as stored now."""
        if not names_a_row(note_id):
            raise NotFoundError(_("There is no note {note_id}.").format(note_id=note_id))
        with self._db.connected() as connection:
            return note_view(connection, note_id)

    def note_revisions(self, note_id: int) -> list[NoteRevisionView]:
        """The earlier texts of a note, oldest first."""
        with self._db.reading() as session:
            note = session.get(models.Note, note_id) if names_a_row(note_id) else None
            if note is None:
                raise NotFoundError(_("There is no note {note_id}.").format(note_id=note_id))
            revisions = session.scalars(
                select(models.NoteRevision)
                .where(models.NoteRevision.note_id == note_id)
                .order_by(models.NoteRevision.id)
            )
            return [NoteRevisionView(r.id, r.body, r.saved_at, r.written_by) for r in revisions]


def _writer_of(note: NoteView) -> str | None:
    """Who wrote a note's current text: its last editor, or its author if never edited."""
    if note.updated_by:
        return note.updated_by
    return note.author or None if note.version == 1 else None
