"""The revisions dialog: a note's earlier texts, their differences, restoring one."""

from __future__ import annotations

from gui.detail import DetailPane
from storage.service import AccordsService
from tests.gui.detail.panes import (
    LETTER,
    show,
)


def test_revisions_dialog_diffs_and_restores(pane: DetailPane, service: AccordsService) -> None:
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "line one\nline two")
    service.notes.edit_note(note.id, "line one\nline 2", expected_version=note.version)
    pane.show_record(record_id)

    pane.notes_tab.open_revisions()
    dialog = pane.notes_tab.revisions
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.select(0)
    assert "-line two" in dialog.diff.toPlainText()
    assert "+line 2" in dialog.diff.toPlainText()

    dialog.restore.click()

    assert service.notes.get_note(note.id).body == "line one\nline two"
    assert [r.body for r in service.notes.note_revisions(note.id)][-1] == "line one\nline 2"
    assert pane.notes_tab.editor.toPlainText() == "line one\nline two"


def test_the_revisions_dialog_says_what_it_lists(pane: DetailPane, service: AccordsService) -> None:
    """Its hint matches its list: none yet, then several, and never "no earlier texts"
    beside a list of them."""
    record_id = show(pane, service, LETTER)
    note = service.notes.add_note(record_id, "one")
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()
    dialog = pane.notes_tab.revisions
    assert dialog is not None
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text() == "This note has no earlier texts yet."

    version = note.version
    for body in ("two", "three", "four"):
        version = service.notes.edit_note(note.id, body, expected_version=version).version
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()

    assert dialog.model.rowCount() == 3
    assert dialog.summary.text() == "3 earlier texts, newest first."
    assert "no earlier texts" not in dialog.text.placeholderText()
    assert dialog.text.placeholderText() == "Select a revision above to see its text."

    service.notes.edit_note(note.id, "five", expected_version=version)
    pane.show_record(record_id)
    pane.notes_tab.open_revisions()
    dialog.select(0)
    assert dialog.summary.text() == "4 earlier texts, newest first."
    assert dialog.text.toPlainText() == "four"


def test_revisions_and_notes_name_who_wrote_them(pane: DetailPane, service: AccordsService) -> None:
    """Each earlier text names its writer; a text kept before anyone was named shows none."""
    record_id = show(pane, service, LETTER)
    colleague = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        note = colleague.notes.add_note(record_id, "drafted by a colleague")
    finally:
        colleague.close()
    service.notes.edit_note(note.id, "rewritten by me", expected_version=note.version)
    pane.show_record(record_id)
    notes = pane.notes_tab
    assert "tester" in notes.model.index(0, 0).data()
    notes.open_revisions()
    dialog = notes.revisions
    assert dialog is not None
    shown = dialog.model.index(0, 0).data()
    assert "colleague" in shown and "drafted by a colleague" in shown
