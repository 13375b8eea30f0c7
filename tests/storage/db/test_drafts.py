"""Note drafts kept beside the database, and their recovery without overwriting later saves."""

from __future__ import annotations

from pathlib import Path

from storage.db.drafts import Draft, DraftStore, recover
from storage.service import AccordsService

LETTER = "letter-of-intent-joint-defense-production"


def test_a_saved_draft_is_pending_until_discarded(tmp_path: Path) -> None:
    store = DraftStore("/some/accords.sqlite3", folder=tmp_path)
    assert store.pending() == []
    path = store.save(7, None, 0, "first words — перші слова")
    store.save(7, 3, 2, "an edit")
    drafts = {(d.record_id, d.note_id): d for d in store.pending()}
    assert drafts[(7, None)] == Draft(7, None, 0, "first words — перші слова", path)
    assert (drafts[(7, 3)].base_version, drafts[(7, 3)].text) == (2, "an edit")
    assert list(path.parent.glob("*.part")) == []  # written whole, then renamed
    store.discard(7, 3)  # saving an edit also forgets the new-note draft of the record
    assert store.pending() == []


def test_a_newer_draft_replaces_the_older_one(tmp_path: Path) -> None:
    store = DraftStore("db", folder=tmp_path)
    store.save(1, None, 0, "old")
    store.save(1, None, 0, "new")
    assert [d.text for d in store.pending()] == ["new"]


def test_each_database_has_its_own_drafts(tmp_path: Path) -> None:
    one, other = DraftStore("one.sqlite3", folder=tmp_path), DraftStore("two", folder=tmp_path)
    one.save(1, None, 0, "for one")
    assert one.folder != other.folder
    assert other.pending() == []


def test_a_damaged_draft_file_is_skipped(tmp_path: Path) -> None:
    store = DraftStore("db", folder=tmp_path)
    store.save(1, None, 0, "kept")
    (store.folder / "record-2-note-new.json").write_text("{not json", encoding="utf-8")
    (store.folder / "record-3-note-new.json").write_text('{"text": "no ids"}', encoding="utf-8")
    assert [d.text for d in store.pending()] == ["kept"]


def test_without_a_folder_drafts_go_to_the_data_folder(isolated_data_folder: Path) -> None:
    store = DraftStore("db")
    assert store.folder.parent == isolated_data_folder / "drafts"


def test_recovering_a_draft_of_an_unchanged_note_edits_it(service: AccordsService) -> None:
    record = service.records.resolve_id(LETTER)
    note = service.notes.add_note(record, "before")
    draft = Draft(record, note.id, note.version, "after the crash", Path("unused"))
    recovered = recover(service, draft)
    assert recovered.id == note.id
    assert service.notes.get_note(note.id).body == "after the crash"


def test_a_draft_of_a_note_changed_since_becomes_a_new_note(service: AccordsService) -> None:
    record = service.records.resolve_id(LETTER)
    note = service.notes.add_note(record, "before")
    service.notes.edit_note(note.id, "saved later", expected_version=note.version)
    draft = Draft(record, note.id, note.version, "typed earlier", Path("unused"))
    recovered = recover(service, draft)
    assert recovered.id != note.id
    assert service.notes.get_note(note.id).body == "saved later"
    assert recovered.body == "typed earlier"


def test_a_draft_of_a_deleted_note_becomes_a_new_note(service: AccordsService) -> None:
    record = service.records.resolve_id(LETTER)
    draft = Draft(record, 999_999, 1, "orphan text", Path("unused"))
    recovered = recover(service, draft)
    assert recovered.body == "orphan text"
    assert [n.body for n in service.records.get_record(record).notes] == ["orphan text"]
