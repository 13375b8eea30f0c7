"""Core statements for the frequent saves, built once so each save only executes them.

A status change or a note edit through ORM objects spent more time in the unit of work
than in SQLite; these statements do the same writes (version check, history or revision
row, version bump, search-index row) in a few cached executions.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from storage.errors import NotFoundError
from storage.i18n import _
from storage.records.data import NoteView
from storage.schema.tables import note_revisions, notes, records, status_changes

RECORD_STATE = select(
    records.c.id,
    records.c.slug,
    records.c.kind,
    records.c.status,
    records.c.binding,
    records.c.version,
).where(records.c.id == bindparam("record_id"))

NOTE_STATE = select(
    notes.c.id,
    notes.c.record_id,
    notes.c.body,
    notes.c.author,
    notes.c.created_at,
    notes.c.updated_at,
    notes.c.version,
    # Every saved edit keeps one revision and bumps the version once, so the version tells
    # how many revisions there are without counting them: a note autosaved for months has
    # thousands, and counting them made each autosave slower than the last.
    (notes.c.version - 1).label("revisions"),
    notes.c.updated_by,
).where(notes.c.id == bindparam("note_id"))

ADD_HISTORY = insert(status_changes)
ADD_REVISION = insert(note_revisions)

SET_STATUS = (
    update(records)
    .where(records.c.id == bindparam("record_id"), records.c.version == bindparam("seen"))
    .values(
        status=bindparam("status"),
        status_since=bindparam("now"),
        updated_at=bindparam("now"),
        version=records.c.version + 1,
    )
)

SET_NOTE_BODY = (
    update(notes)
    .where(notes.c.id == bindparam("note_id"), notes.c.version == bindparam("seen"))
    .values(
        body=bindparam("body"),
        updated_at=bindparam("now"),
        updated_by=bindparam("actor"),
        version=notes.c.version + 1,
    )
)


def note_view(connection: Connection, note_id: int) -> NoteView:
    """A note as stored now, with how many earlier texts it keeps."""
    row = connection.execute(NOTE_STATE, {"note_id": note_id}).one_or_none()
    if row is None:
        raise NotFoundError(_("There is no note {note_id}.").format(note_id=note_id))
    return NoteView(*row)
