"""A note changed by someone else while open: the conflict dialog and what each choice keeps."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from gui.detail import DetailPane
from gui.detail.conflict import KEEP_MERGED, KEEP_THEIRS, NoteConflictDialog
from storage.service import AccordsService
from tests.gui.detail.panes import (
    LETTER,
    show,
)


def test_a_note_changed_elsewhere_opens_the_conflict_dialog_and_overwrites_nothing(
    pane: DetailPane, service: AccordsService
) -> None:
    """Theirs, mine or merged: the user chooses; until then both texts are kept."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "first line\nsecond line\n")
    pane.show_record(record_id)
    # Another window saved first; this window still holds the version it loaded.
    service.notes.edit_note(
        note.id, "first line\nsecond line, theirs\n", expected_version=note.version
    )

    pane.notes_tab.editor.setPlainText("first line, mine\nsecond line\n")
    pane.flush_edits()

    dialog = pane.notes_tab.conflict
    assert isinstance(dialog, NoteConflictDialog)
    assert pane.notes_tab.editor.toPlainText() == "first line, mine\nsecond line\n"
    assert service.notes.get_note(note.id).body == "first line\nsecond line, theirs\n"
    assert dialog.merged_editor.toPlainText() == "first line, mine\nsecond line, theirs\n"

    dialog.choose(KEEP_MERGED)

    assert service.notes.get_note(note.id).body == "first line, mine\nsecond line, theirs\n"
    assert "first line\nsecond line, theirs\n" in [
        r.body for r in service.notes.note_revisions(note.id)
    ]


def test_keeping_theirs_shows_their_text_and_puts_mine_on_the_clipboard(
    pane: DetailPane, service: AccordsService
) -> None:
    """Choosing the other window's text keeps what was typed within reach."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "original")
    pane.show_record(record_id)
    service.notes.edit_note(note.id, "from another window", expected_version=note.version)
    pane.notes_tab.editor.setPlainText("my version")
    pane.flush_edits()
    assert pane.notes_tab.conflict is not None

    pane.notes_tab.conflict.choose(KEEP_THEIRS)

    assert pane.notes_tab.editor.toPlainText() == "from another window"
    assert service.notes.get_note(note.id).body == "from another window"
    assert QGuiApplication.clipboard().text() == "my version"
