"""The New document / New pledge dialogs, driven as a user would through the window: new
parties, signatories, a relation found by title, free categories; undo and redo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gui.detail.listedit import LabelListEditor, RelationEditor, SignatoryEditor
from gui.dialogs.new_record import NewRecordDialog
from gui.mainwindow import MainWindow
from storage.records.query import RecordQuery
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.wording import field_label

AGREEMENT = "agreement-on-security-cooperation"
AGREEMENT_TITLE = "Agreement on Security Cooperation between Ukraine and Canada"

# Message boxes are collected, not shown (tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("no_dialogs")


def named(parent: QWidget, kind: type[QWidget], name: str) -> QWidget:
    """The one child of ``kind`` with this accessible name."""
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, (name, found)
    return found[0]


def type_line(qtbot: QtBot, parent: QWidget, name: str, text: str) -> None:
    line = named(parent, QLineEdit, name)
    assert isinstance(line, QLineEdit)
    line.clear()
    qtbot.keyClicks(line, text)


def type_combo(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    line = combo.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, text)


def add_label(qtbot: QtBot, editor: LabelListEditor, text: str) -> None:
    """Type a label into a list's combo and press Enter, which adds it."""
    type_combo(qtbot, editor.combo, text)
    qtbot.keyClick(editor.combo.lineEdit(), Qt.Key.Key_Return)


def add_signatory(
    qtbot: QtBot, editor: SignatoryEditor, person: str, role: str, party: str
) -> None:
    qtbot.keyClicks(editor.person, person)
    qtbot.keyClicks(editor.role, role)
    type_combo(qtbot, editor.party, party)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)


def test_a_document_with_a_new_party_signatories_and_a_relation(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    before = service.records.count_records()
    dialog = window.menus.show_new_record(RecordKind.DOCUMENT)
    assert isinstance(dialog, NewRecordDialog) and dialog.isVisible()  # open(), not exec()
    type_line(qtbot, dialog, field_label("title"), "Declaration on demining")
    parties = dialog.lists["parties"]
    assert isinstance(parties, LabelListEditor)
    add_label(qtbot, parties, "Ukraine")  # picked: a party in use
    add_label(qtbot, parties, "Germany")  # typed new
    add_label(qtbot, parties, "germany")  # the same, whatever its case: not twice
    assert parties.labels() == ["Ukraine", "Germany"]
    signatories = dialog.lists["signatories"]
    assert isinstance(signatories, SignatoryEditor)
    add_signatory(qtbot, signatories, "Olaf Scholz", "Chancellor", "Germany")
    known = signatories.known
    zelensky = next(i for i in range(known.count()) if "Volodymyr Zelensky" in known.itemText(i))
    known.activated.emit(zelensky)  # a known person in a known role, picked
    assert len(signatories.signatories()) == 2
    relations = dialog.lists["relations"]
    assert isinstance(relations, RelationEditor)
    relations.kind.setCurrentIndex(relations.kind.findData("implements"))
    qtbot.keyClicks(relations.picker, "security coop")
    assert AGREEMENT_TITLE in relations.search(relations.picker.text())
    relations.picker.setText(AGREEMENT_TITLE)  # the completion the user picks
    qtbot.mouseClick(relations.add_button, Qt.MouseButton.LeftButton)
    assert relations.list.item(0).text() == f"Implements: {AGREEMENT_TITLE}"

    dialog.buttons.accepted.emit()

    detail = service.records.get_record("declaration-on-demining")
    assert detail.parties == ("Ukraine", "Germany")
    assert {(s.person, s.title, s.party) for s in detail.signatories} == {
        ("Olaf Scholz", "Chancellor", "Germany"),
        ("Volodymyr Zelensky", "President of Ukraine", "Ukraine"),
    }
    assert [(r.kind, r.other_slug) for r in detail.relations] == [("implements", AGREEMENT)]
    rows = service.records.list_records(RecordQuery(ids=frozenset({detail.id})))
    assert rows[0].parties == "Ukraine; Germany"

    window.menus.undo_action.trigger()
    assert service.records.count_records() == before
    window.menus.redo_action.trigger()
    assert service.records.count_records() == before + 1
    assert service.records.get_record(detail.id).signatories == detail.signatories


def test_a_pledge_with_a_new_donor_and_a_free_category(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    type_line(qtbot, dialog, field_label("title"), "Demining kits")
    donor = named(dialog, QComboBox, field_label("donor"))
    assert isinstance(donor, QComboBox)
    type_combo(qtbot, donor, "Norway")
    recipient = named(dialog, QComboBox, field_label("recipient"))
    assert isinstance(recipient, QComboBox)
    recipient.setCurrentIndex(recipient.findText("Ukraine"))
    categories = dialog.lists["categories"]
    assert isinstance(categories, LabelListEditor)
    assert "Military" in [categories.combo.itemText(i) for i in range(categories.combo.count())]
    type_combo(qtbot, categories.combo, "  Mine   action ")  # added on OK, not lost

    dialog.buttons.accepted.emit()

    detail = service.records.get_record("demining-kits")
    assert (detail.donor, detail.recipient) == ("Norway", "Ukraine")
    assert detail.categories == ("Mine action",)
    assert window.filters.party_filter.findText("Norway") > 0  # offered as a filter at once
    navigation = window.navigation
    assert navigation.index_of("tag:Mine action").isValid()  # listed at once
    window.menus.undo_action.trigger()
    assert not navigation.index_of("tag:Mine action").isValid()
    window.menus.redo_action.trigger()
    assert navigation.index_of("tag:Mine action").isValid()


@pytest.mark.usefixtures("in_french")
def test_a_pledge_amount_is_typed_as_french_writes_numbers(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    type_line(qtbot, dialog, field_label("title"), "Trousses de deminage")  # QTest types ASCII only
    type_line(qtbot, dialog, field_label("amount"), "1 500 000,5")
    type_line(qtbot, dialog, field_label("currency"), "CAD")
    dialog.buttons.accepted.emit()
    assert service.records.get_record("trousses-de-deminage").row.amount == Decimal("1500000.5")


@pytest.mark.usefixtures("in_french")
def test_categories_are_offered_by_their_french_labels_and_stored_as_values(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    """The closed list reads in French and is stored as its values; a free category is the
    record's own word, kept as typed."""
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    type_line(qtbot, dialog, field_label("title"), "Aide hivernale")
    categories = dialog.lists["categories"]
    assert isinstance(categories, LabelListEditor)
    offered = [categories.combo.itemText(i) for i in range(categories.combo.count())]
    assert "Humanitaire" in offered and "humanitarian" not in offered
    type_combo(qtbot, categories.combo, "humanitaire")  # as shown, in any case
    categories.add_current()
    type_combo(qtbot, categories.combo, "military")  # as stored
    categories.add_current()
    type_combo(qtbot, categories.combo, "Abris chauffes")
    categories.add_current()
    shown = [categories.list.item(row).text() for row in range(categories.list.count())]
    assert shown == ["Humanitaire", "Militaire", "Abris chauffes"]
    dialog.buttons.accepted.emit()
    stored = service.records.get_record("aide-hivernale").categories
    assert set(stored) == {"humanitarian", "military", "Abris chauffes"}


def test_a_category_too_long_is_refused_in_the_dialog(
    qtbot: QtBot, window: MainWindow, service: AccordsService
) -> None:
    before = service.records.count_records()
    dialog = window.menus.show_new_record(RecordKind.PLEDGE)
    type_line(qtbot, dialog, field_label("title"), "Long")
    categories = dialog.lists["categories"]
    assert isinstance(categories, LabelListEditor)
    add_label(qtbot, categories, "c" * 33)
    dialog.buttons.accepted.emit()
    assert dialog.error.text() == (
        f"Categories: “{'c' * 33}” is 33 characters long; the limit is 32"
    )
    assert dialog.isVisible()
    assert service.records.count_records() == before
