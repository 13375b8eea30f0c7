"""Notes on four records in ten, in English, French or Ukrainian, some with earlier drafts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from storage.generate.days import END_TIME
from storage.generate.draws import Draws
from storage.generate.odds import REVISION_COUNTS
from storage.generate.rows import Row, Rows
from storage.generate.texts import NOTE_BANKS
from storage.generate.vocabulary import ANALYSTS, MONTHS


def add_notes(
    draws: Draws, rows: Rows, row: Row, note_ids: Iterator[int], party_names: tuple[str, ...]
) -> list[str]:
    """One or two notes on the record four times in ten; returns their bodies, for search.
    A note may move the record's updated time later."""
    if draws.random() >= 0.4:
        return []
    bodies: list[str] = []
    for _ in range(draws.between(1, 2)):
        body = _body(draws, party_names)
        created: datetime = row["created_at"]
        updated = min(created + timedelta(days=draws.between(0, 300)), END_TIME)
        note_id = next(note_ids)
        revisions = _add_revisions(draws, rows, note_id, body, updated)
        rows.notes.append(
            {
                "id": note_id,
                "record_id": row["id"],
                "body": body,
                "author": draws.pick(ANALYSTS),
                "created_at": created,
                "updated_at": updated,
                "version": 1 + revisions,
            }
        )
        row["updated_at"] = max(row["updated_at"], updated)
        bodies.append(body)
    return bodies


def _body(draws: Draws, party_names: tuple[str, ...]) -> str:
    """One to three sentences from one language's bank."""
    bank = draws.pick(NOTE_BANKS)
    return " ".join(
        draws.pick(bank).format(
            party=draws.pick(party_names),
            year=draws.between(1990, 2026),
            month=MONTHS[draws.below(12)],
            n=draws.between(2, 500),
        )
        for _ in range(draws.between(1, 3))
    )


def _add_revisions(draws: Draws, rows: Rows, note_id: int, body: str, saved: datetime) -> int:
    """Zero to two earlier drafts of the note; returns how many."""
    revisions = draws.pick(REVISION_COUNTS)
    first_sentence = body.split(".", maxsplit=1)[0]
    for revision in range(revisions):
        rows.revisions.append(
            {
                "note_id": note_id,
                "body": f"{first_sentence} (draft {revision + 1})",
                "saved_at": saved,
            }
        )
    return revisions
