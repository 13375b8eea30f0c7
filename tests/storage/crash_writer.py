"""Child process of the crash test: edits notes and statuses forever, acknowledging each commit."""

from __future__ import annotations

import sys

from storage.service import AccordsService

NOTE_COUNT = 4
RECORD = "september-2025-drones-ammunition-armored-vehicles"
STATUSES = ("committed", "announced")


def body(note_index: int, step: int) -> str:
    """The text a note has after ``step``: long enough to span many pages, and self-describing."""
    filler = f"[{note_index}:{step}]" * (2_000 + (step * 7919) % 20_000)
    return f"note {note_index} step {step}\n{filler}\nend {note_index} {step}"


def main(database: str) -> None:
    service = AccordsService.open(database, actor="crash-test")
    record_id = service.records.resolve_id(RECORD)
    detail = service.records.get_record(record_id)
    notes = list(detail.notes)
    while len(notes) < NOTE_COUNT:
        notes.append(service.notes.add_note(record_id, body(len(notes), 0)))
    print("ready", flush=True)
    step = max(_step_of(note.body) for note in notes)
    while True:
        step += 1
        index = step % NOTE_COUNT
        note = service.notes.get_note(notes[index].id)
        service.notes.edit_note(note.id, body(index, step), expected_version=note.version)
        print(f"note {note.id} {index} {step}", flush=True)
        current = service.records.get_record(record_id).row.status
        target = STATUSES[0] if current != STATUSES[0] else STATUSES[1]
        service.records.change_status(record_id, target, comment=f"step {step}")
        print(f"status {step}", flush=True)


def _step_of(text: str) -> int:
    return int(text.split("\n", 1)[0].rsplit(maxsplit=1)[-1])


if __name__ == "__main__":
    main(sys.argv[1])
