"""One Overview field: its editor by kind, committing once per edit, its marker and error line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gui.detail.fieldrow import CommitTextEdit, FieldRow
from gui.detail.fields import DOCUMENT_FIELDS, PLEDGE_FIELDS, SUMMARY, TITLE, FieldSpec


def spec_named(name: str) -> FieldSpec:
    return next(s for s in (*DOCUMENT_FIELDS, *PLEDGE_FIELDS) if s.name == name)


class Host:
    """A shown parent for rows, noting each commit and each quote asked for."""

    def __init__(self, qtbot: QtBot) -> None:
        self.widget = QWidget()
        qtbot.addWidget(self.widget)
        self.commits: list[str] = []
        self.quotes: list[int] = []

    def row(self, spec: FieldSpec) -> FieldRow:
        made = FieldRow(spec, lambda row: self.commits.append(row.text()), self.quotes.append)
        made.setParent(self.widget)
        return made


def test_each_kind_of_field_gets_its_editor(qtbot: QtBot) -> None:
    host = Host(qtbot)
    assert isinstance(host.row(spec_named("signed_on")).editor, QLineEdit)
    assert isinstance(host.row(TITLE).editor, CommitTextEdit)
    combo = host.row(spec_named("binding")).editor
    assert isinstance(combo, QComboBox) and not combo.isEditable()
    party = host.row(spec_named("donor")).editor
    assert isinstance(party, QComboBox) and party.isEditable()
    currency = host.row(spec_named("currency")).editor
    assert isinstance(currency, QLineEdit) and currency.maxLength() == 3


def test_a_stored_value_is_no_edit_and_typing_is(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(spec_named("signed_on"))
    row.baseline = "2025-09-15"
    row.set_text("2025-09-15")
    assert not row.is_edited()
    assert isinstance(row.editor, QLineEdit)
    row.editor.setText("2025-09-16")
    assert row.is_edited()
    row.editor.editingFinished.emit()
    assert host.commits == ["2025-09-16"]


def test_a_combo_shows_and_gives_its_stored_value(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(spec_named("binding"))
    row.set_text("non_binding")
    assert row.text() == "non_binding"
    row.set_text("no such value")  # falls back to the first choice
    assert isinstance(row.editor, QComboBox) and row.editor.currentIndex() == 0


def test_a_wrapped_editor_commits_once_on_return_without_a_line_break(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(TITLE)
    host.widget.show()
    editor = row.editor
    assert isinstance(editor, CommitTextEdit)
    row.set_text("Stored")
    editor.finish()
    assert host.commits == []  # shown, not typed: nothing to save
    editor.setFocus()
    qtbot.keyClicks(editor, " title")  # type: ignore[no-untyped-call]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert host.commits == [row.text()] and "\n" not in row.text()
    editor.finish()
    assert len(host.commits) == 1  # reported once per edit, as QLineEdit does


def test_paragraphs_take_return_as_a_new_line(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(SUMMARY)
    host.widget.show()
    row.editor.setFocus()
    qtbot.keyClicks(row.editor, "one")  # type: ignore[no-untyped-call]
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert row.text() == "one\n" and host.commits == []


def test_typed_text_put_back_is_an_edit_to_save(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(SUMMARY)
    row.restore_typed("draft text")
    assert isinstance(row.editor, CommitTextEdit)
    row.editor.finish()
    assert host.commits == ["draft text"]


def test_suggestions_keep_what_is_typed(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(spec_named("donor"))
    row.set_text("Can")
    row.set_suggestions(["Canada", "Ukraine"])
    assert row.text() == "Can"
    assert isinstance(row.editor, QComboBox) and row.editor.count() == 2


def test_an_error_is_shown_named_and_cleared(qtbot: QtBot) -> None:
    host = Host(qtbot)
    row = host.row(spec_named("signed_on"))
    host.widget.show()
    row.show_error("not a date")
    assert row.error.isVisible() and row.error.text() == "not a date"
    assert row.error.accessibleName() == f"Error in {row.spec.title.lower()}"
    row.show_error(None)
    assert not row.error.isVisible() and row.error.accessibleName() == ""
