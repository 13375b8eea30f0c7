"""Notes: about four records in ten, each note's version counting its earlier drafts."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime

from storage.generate.draws import Draws
from storage.generate.notes import add_notes
from storage.generate.rows import Rows

CREATED = datetime(2020, 6, 1, 9, 0, tzinfo=UTC)
RECORDS = 1_000


def test_notes_are_numbered_in_turn_and_versions_count_their_drafts() -> None:
    draws, rows, ids = Draws(random.Random(8)), Rows(), itertools.count(41)
    records = [{"id": n, "created_at": CREATED, "updated_at": CREATED} for n in range(RECORDS)]
    bodies = [add_notes(draws, rows, record, ids, ("Canada", "Ukraine")) for record in records]
    assert [note["id"] for note in rows.notes] == list(range(41, 41 + len(rows.notes)))
    assert 0.3 < sum(bool(b) for b in bodies) / RECORDS < 0.5
    assert [n["body"] for n in rows.notes] == [body for found in bodies for body in found]
    drafts = {n["id"]: 0 for n in rows.notes}
    for revision in rows.revisions:
        drafts[revision["note_id"]] += 1
    assert all(note["version"] == 1 + drafts[note["id"]] for note in rows.notes)
    assert any(drafts.values())
    by_id = {record["id"]: record for record in records}
    for note in rows.notes:
        assert note["created_at"] == CREATED <= note["updated_at"]
        assert by_id[note["record_id"]]["updated_at"] >= note["updated_at"]
