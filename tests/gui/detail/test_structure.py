"""The Overview's list editors: parties, signatories, relations, areas, provisions, a pledge's
donor and categories; each change is one undo step, and a stale version changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from gui.detail import DetailPane
from gui.detail.listedit import LabelListEditor, RelationEditor, SignatoryEditor
from gui.detail.positions import py_to_qt
from gui.dialogs import msgbox
from gui.mainwindow import MainWindow
from gui.undo import UndoStack
from storage.service import AccordsService
from storage.wording import field_label

ACTION_PLAN = "action-plan-security-cooperation"
LETTER_TITLE = "Letter of Intent on the joint production of defense products in Canada and Ukraine"
DRONES = "september-2025-drones-ammunition-armored-vehicles"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def inform(_parent: Any, title: str, text: str, *, warning: bool = False) -> None:
        shown.append(f"{title}: {text}")

    monkeypatch.setattr(msgbox, "inform", inform)
    return shown


@pytest.fixture
def undo_stack() -> UndoStack:
    return UndoStack()


@pytest.fixture
def pane(
    qtbot: QtBot, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> Iterator[DetailPane]:
    widget = DetailPane(service, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(620, 900)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.notes_tab.timer.stop()


def show(pane: DetailPane, service: AccordsService, slug: str) -> int:
    record_id = service.records.resolve_id(slug)
    pane.show_record(record_id)
    return record_id


def labels(pane: DetailPane, name: str) -> LabelListEditor:
    editor = pane.overview_tab.lists.editors[name]
    assert isinstance(editor, LabelListEditor)
    return editor


def enter(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    line = combo.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_parties_pick_or_type_then_undo_and_redo(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, ACTION_PLAN)
    parties = labels(pane, "parties")
    assert parties.labels() == ["Ukraine", "Canada"]
    enter(qtbot, parties.combo, "Germany")
    assert service.records.get_record(record).parties == ("Ukraine", "Canada", "Germany")
    assert parties.labels() == ["Ukraine", "Canada", "Germany"]  # shown as stored
    undo_stack.stack.undo()
    assert service.records.get_record(record).parties == ("Ukraine", "Canada")
    assert parties.labels() == ["Ukraine", "Canada"]
    undo_stack.stack.redo()
    assert service.records.get_record(record).parties == ("Ukraine", "Canada", "Germany")


def test_signatories_added_and_removed(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, ACTION_PLAN)
    editor = pane.overview_tab.lists.editors["signatories"]
    assert isinstance(editor, SignatoryEditor)
    seeded = service.records.get_record(record).signatories
    assert tuple(editor.signatories()) == seeded and len(seeded) == 2
    qtbot.keyClicks(editor.person, "Olaf Scholz")
    qtbot.keyClicks(editor.role, "Chancellor")
    enter(qtbot, editor.party, "Germany")  # Enter in the last input adds the signatory
    people = [s.person for s in service.records.get_record(record).signatories]
    assert "Olaf Scholz" in people and len(people) == 3
    editor.list.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert len(service.records.get_record(record).signatories) == 2
    assert seeded[0] not in service.records.get_record(record).signatories
    undo_stack.stack.undo()
    undo_stack.stack.undo()  # one edit after another of the same record: no conflict
    assert service.records.get_record(record).signatories == seeded
    assert tuple(editor.signatories()) == seeded


def test_a_relation_found_by_title(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, ACTION_PLAN)
    editor = pane.overview_tab.lists.editors["relations"]
    assert isinstance(editor, RelationEditor)
    assert [r.kind for r in editor.relations()] == ["implements"]
    editor.kind.setCurrentIndex(editor.kind.findData("part_of"))
    qtbot.keyClicks(editor.picker, "letter of intent joint")
    assert editor.search(editor.picker.text()) == [LETTER_TITLE]
    editor.picker.setText(LETTER_TITLE)
    qtbot.keyClick(editor.picker, Qt.Key.Key_Return)
    kinds = {(r.kind, r.other_title) for r in service.records.get_record(record).relations}
    assert ("part_of", LETTER_TITLE) in kinds
    assert editor.list.item(1).text() == f"Part of: {LETTER_TITLE}"
    undo_stack.stack.undo()
    assert [r.kind for r in service.records.get_record(record).relations] == ["implements"]


def test_a_new_area_and_a_provision(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, ACTION_PLAN)
    enter(qtbot, labels(pane, "tags").combo, "Demining")
    assert "Demining" in service.records.get_record(record).tags
    assert "Demining" in service.records.list_tags()
    structure = pane.overview_tab.lists
    assert structure.provision_title is not None and structure.add_provision is not None
    qtbot.keyClicks(structure.provision_title, "Article 9: demining teams")
    qtbot.mouseClick(structure.add_provision, Qt.MouseButton.LeftButton)
    titles = [p.title for p in service.records.get_record(record).provisions]
    assert titles == ["Article 9: demining teams"]
    assert structure.provision_title.text() == ""
    undo_stack.stack.undo()
    assert service.records.get_record(record).provisions == ()
    undo_stack.stack.redo()
    assert len(service.records.get_record(record).provisions) == 1


def test_a_pledge_donor_typed_new_and_a_free_category(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, DRONES)
    donor = pane.overview_tab.rows["donor"].editor
    assert isinstance(donor, QComboBox) and donor.currentText() == "Canada"
    enter(qtbot, donor, "Norway")
    assert service.records.get_record(record).donor == "Norway"
    enter(qtbot, labels(pane, "categories").combo, "Mine action")
    assert "Mine action" in service.records.get_record(record).categories
    undo_stack.stack.undo()
    undo_stack.stack.undo()
    detail = service.records.get_record(record)
    assert (detail.donor, "Mine action" in detail.categories) == ("Canada", False)


def test_an_edit_from_a_stale_version_is_refused(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, messages: list[str]
) -> None:
    record = show(pane, service, ACTION_PLAN)
    seen = service.records.get_record(record).version
    service.records.update_record(record, seen, {"summary": "changed by a colleague"})
    enter(qtbot, labels(pane, "parties").combo, "Germany")
    assert service.records.get_record(record).parties == ("Ukraine", "Canada")
    assert "changed elsewhere" in messages[-1]
    assert labels(pane, "parties").labels() == ["Ukraine", "Canada"]  # reloaded


# -- from a selection in the source ---------------------------------------------------------


def select(pane: DetailPane, words: str) -> tuple[int, int]:
    """Select the first occurrence of ``words`` in the Source tab's text."""
    pane.setCurrentWidget(pane.source_tab)
    tab = pane.source_tab
    assert tab.source is not None
    text = tab.source.text
    start = text.index(words)
    cursor = tab.text.textCursor()
    cursor.setPosition(py_to_qt(text, start))
    cursor.setPosition(py_to_qt(text, start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    tab.text.setTextCursor(cursor)
    return start, start + len(words)


def menu_action(pane: DetailPane, text: str) -> QAction:
    menu = pane.source_tab.text.context_menu(QPoint(5, 5))
    actions = [*menu.actions()]
    for action in menu.actions():
        if action.menu() is not None:
            actions += action.menu().actions()
    found = next(a for a in actions if a.text() == text)
    assert found.isEnabled()
    return found


def test_a_new_pledge_from_the_selection_quotes_its_title(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    show(pane, service, DRONES)
    words = "hybrid threats"
    span = select(pane, words)
    menu_action(pane, "New pledge from selection…").trigger()
    dialog = pane.source_tab.new_dialog
    assert dialog is not None and dialog.isVisible()  # open(), which does not block
    assert dialog.fields()["title"] == words
    dialog.buttons.accepted.emit()
    pledge = service.records.get_record("hybrid-threats")
    assert [(a.field, a.quote, (a.start, a.end)) for a in pledge.annotations] == [
        ("title", words, span)
    ]
    undo_stack.stack.undo()
    assert service.records.get_record(pledge.id).row.deleted
    undo_stack.stack.redo()
    assert not service.records.get_record(pledge.id).row.deleted


def test_quote_this_for_a_field_of_the_record_shown(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record = show(pane, service, ACTION_PLAN)
    span = select(pane, "hybrid threats")
    menu_action(pane, field_label("tags")).trigger()
    quotes = [a for a in service.records.get_record(record).annotations if a.field == "tags"]
    assert (quotes[-1].start, quotes[-1].end) == span
    undo_stack.stack.undo()
    after = [a for a in service.records.get_record(record).annotations if a.field == "tags"]
    assert span not in {(a.start, a.end) for a in after}


def test_a_category_added_in_the_overview_is_in_the_navigation_at_once(
    qtbot: QtBot, painted_window: MainWindow, service: AccordsService, no_dialogs: list[str]
) -> None:
    window = painted_window
    window.select_view("pledges")
    assert window.select_record(service.records.resolve_id(DRONES))
    qtbot.waitUntil(lambda: bool(window.detail.overview_tab.lists.editors))
    editor = window.detail.overview_tab.lists.editors["categories"]
    assert isinstance(editor, LabelListEditor)
    enter(qtbot, editor.combo, "Demining")
    assert window.navigation.index_of("tag:Demining").isValid()
    current = window.navigation.entry(window.nav_view.currentIndex())
    assert current is not None and current.key == "pledges"  # the view shown stays
    window.menus.undo_action.trigger()
    assert not window.navigation.index_of("tag:Demining").isValid()
    assert no_dialogs == []
