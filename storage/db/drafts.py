"""Unsaved note text kept beside the database while typing, so a crash never loses it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from storage.db.paths import data_folder
from storage.errors import NotFoundError
from storage.records.data import NoteView
from storage.service import AccordsService


@dataclass(frozen=True, slots=True)
class Draft:
    """The text of a note being typed, and what it was based on."""

    record_id: int
    note_id: int | None
    base_version: int
    text: str
    path: Path


class DraftStore:
    """Drafts of one database, one small file per note being edited."""

    def __init__(self, database_location: str, folder: Path | None = None) -> None:
        key = hashlib.sha256(database_location.encode("utf-8")).hexdigest()[:16]
        self.folder = (folder or data_folder() / "drafts") / key

    def save(self, record_id: int, note_id: int | None, base_version: int, text: str) -> Path:
        """Write a draft atomically (the previous one stays whole if this write is cut short)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._path(record_id, note_id)
        partial = target.with_name(target.name + ".part")
        payload = {
            "record_id": record_id,
            "note_id": note_id,
            "base_version": base_version,
            "text": text,
        }
        with partial.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
        return target

    def discard(self, record_id: int, note_id: int | None) -> None:
        """Forget a draft once its text is saved in the database."""
        self._path(record_id, note_id).unlink(missing_ok=True)
        if note_id is not None:
            self._path(record_id, None).unlink(missing_ok=True)

    def pending(self) -> list[Draft]:
        """Drafts left by a session that ended before saving them."""
        if not self.folder.is_dir():
            return []
        drafts = []
        for path in sorted(self.folder.glob("*.json")):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                data = json.loads(path.read_text(encoding="utf-8"))
                drafts.append(
                    Draft(
                        int(data["record_id"]),
                        data["note_id"],
                        int(data["base_version"]),
                        str(data["text"]),
                        path,
                    )
                )
        return drafts

    def _path(self, record_id: int, note_id: int | None) -> Path:
        return self.folder / f"record-{record_id}-note-{note_id if note_id else 'new'}.json"


def recover(service: AccordsService, draft: Draft) -> NoteView:
    """Save a recovered draft without overwriting anything saved since it was typed.

    If the note is as the draft found it, the draft becomes its new text (the old text a
    revision); otherwise, or if the note is gone, the draft is added as a new note.
    """
    if draft.note_id is not None:
        try:
            current = service.notes.get_note(draft.note_id)
        except NotFoundError:
            current = None
        if current is not None and current.version == draft.base_version:
            return service.notes.edit_note(current.id, draft.text, expected_version=current.version)
    return service.notes.add_note(draft.record_id, draft.text)
