"""Draft recovery: the notes a crash left unsaved are saved, and said in the right number."""

from __future__ import annotations

import pytest

from gui.mainwindow import MainWindow
from storage.db.drafts import DraftStore
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"


# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def test_two_drafts_of_one_record_are_two_notes_in_the_status_bar(
    window: MainWindow, service: AccordsService
) -> None:
    """Two drafts of one record are two notes, not "1 unsaved notes"."""
    record_id = service.records.resolve_id(SEPTEMBER)
    note = service.notes.add_note(record_id, "saved")
    drafts = DraftStore(service.db.location)
    drafts.save(record_id, note.id, note.version, "saved, then typed on")
    drafts.save(record_id, None, 0, "a new note")
    window.drafts.recover(drafts.pending())
    assert window.statusBar().currentMessage() == "Recovered 2 unsaved notes"
