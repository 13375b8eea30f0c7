"""The list editors: labels picked or typed, signatories with roles, relations found by title."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gui.detail.listedit import LabelListEditor, RelationEditor, SignatoryEditor, editable_combo
from storage.api.parties import RelationEdit
from storage.records.data import SignatoryView
from storage.service import AccordsService

AGREEMENT = "agreement-on-security-cooperation"
CARNEY = SignatoryView("Mark Carney", "Prime Minister", "Canada")


def labels(qtbot: QtBot) -> LabelListEditor:
    editor = LabelListEditor("Parties", ["Canada", "Ukraine"])
    qtbot.addWidget(editor)
    return editor


def test_an_editable_combo_offers_its_suggestions_with_nothing_chosen(qtbot: QtBot) -> None:
    editor = labels(qtbot)
    combo = editable_combo(["Canada", "Ukraine"], "Party", editor)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Canada", "Ukraine"]
    assert combo.currentIndex() == -1 and combo.isEditable()
    assert combo.accessibleName() == "Party"


def test_a_typed_label_is_added_once_whatever_its_case(qtbot: QtBot) -> None:
    editor = labels(qtbot)
    with qtbot.waitSignal(editor.edited):
        editor.combo.setEditText("  European   Union ")
        assert editor.add_current()
    assert editor.labels() == ["European Union"] and editor.combo.currentText() == ""
    editor.combo.setEditText("european union")
    with qtbot.assertNotEmitted(editor.edited):
        assert not editor.add_current()
    editor.combo.setEditText("   ")
    assert not editor.add_current()
    assert editor.labels() == ["European Union"]


def test_enter_in_the_input_adds_and_goes_no_further(qtbot: QtBot) -> None:
    editor = labels(qtbot)
    line = editor.combo.lineEdit()
    assert isinstance(line, QLineEdit)
    line.setText("Canada")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert editor.labels() == ["Canada"]


def test_stored_values_are_shown_without_an_edit_and_removed_by_selection(qtbot: QtBot) -> None:
    editor = labels(qtbot)
    with qtbot.assertNotEmitted(editor.edited):
        editor.set_values(["Canada", "Ukraine", "Poland"])
    editor.list.item(0).setSelected(True)
    editor.list.item(2).setSelected(True)
    with qtbot.waitSignal(editor.edited):
        editor.remove_button.click()
    assert editor.labels() == ["Ukraine"]
    with qtbot.assertNotEmitted(editor.edited):
        editor.list.clearSelection()
        editor.remove_selected()  # nothing selected: no edit


def test_new_suggestions_keep_what_is_being_typed(qtbot: QtBot) -> None:
    editor = labels(qtbot)
    editor.combo.setEditText("Pol")
    editor.set_suggestions(["Poland", "Portugal"])
    assert editor.combo.currentText() == "Pol" and editor.combo.count() == 2


def signatories(qtbot: QtBot) -> SignatoryEditor:
    editor = SignatoryEditor([CARNEY], ["Canada", "Ukraine"])
    qtbot.addWidget(editor)
    return editor


def test_a_signatory_needs_a_person_a_role_and_a_party(qtbot: QtBot) -> None:
    editor = signatories(qtbot)
    editor.person.setText("Olha  Stefanishyna")
    editor.role.setText("Minister")
    assert not editor.add_current()
    editor.party.setEditText("Ukraine")
    assert editor.add_current()
    assert editor.signatories() == [SignatoryView("Olha Stefanishyna", "Minister", "Ukraine")]
    assert editor.list.item(0).text() == "Olha Stefanishyna, Minister (Ukraine)"
    assert editor.person.text() == "" and editor.party.currentText() == ""


def test_a_known_signatory_is_added_when_picked(qtbot: QtBot) -> None:
    editor = signatories(qtbot)
    with qtbot.waitSignal(editor.edited):
        editor.known.activated.emit(1)
    assert editor.signatories() == [CARNEY] and editor.known.currentIndex() == 0
    editor.set_choices([], ["Poland"])
    assert editor.known.count() == 1 and editor.party.itemText(0) == "Poland"


def test_a_relation_is_to_a_document_found_by_its_title(
    qtbot: QtBot, service: AccordsService
) -> None:
    agreement = service.records.get_record(AGREEMENT).row
    editor = RelationEditor(service)
    qtbot.addWidget(editor)
    assert agreement.title in editor.search("security cooperation")
    assert editor.search("  ") == []
    editor.kind.setCurrentIndex(editor.kind.findData("amends"))
    editor.picker.setText(agreement.title.upper())
    assert editor.add_current()
    assert editor.relations() == [RelationEdit("amends", agreement.id)]
    assert editor.list.item(0).text() == f"Amends: {agreement.title}"


def test_a_title_no_document_has_is_not_a_relation(qtbot: QtBot, service: AccordsService) -> None:
    editor = RelationEditor(service)
    qtbot.addWidget(editor)
    editor.picker.setText("No such accord anywhere")
    assert not editor.add_current() and editor.relations() == []


def test_relations_to_documents_not_searched_show_the_titles_remembered(
    qtbot: QtBot, service: AccordsService
) -> None:
    editor = RelationEditor(service, {7: "Old accord"})
    qtbot.addWidget(editor)
    editor.set_values([RelationEdit("refers_to", 7), RelationEdit("part_of", 99)])
    editor.remember_titles({99: "Framework"})
    assert editor.describe(RelationEdit("part_of", 99)) == "Part of: Framework"
    assert editor.list.item(0).text().endswith("Old accord")
