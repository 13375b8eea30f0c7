"""The Overview tab: field edits, their refusals and conflicts, links and labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.detail import DetailPane
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    ASSISTANCE,
    LETTER,
    form_label,
    line,
    show,
)


def test_an_invalid_edit_shows_an_error_and_a_valid_one_is_saved_and_undoable(
    qtbot: QtBot, pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, LETTER)
    row = pane.overview_tab.rows["signed_on"]
    editor = line(pane, "signed_on")
    editor.setFocus()

    editor.selectAll()
    qtbot.keyClicks(editor, "2025-13-40")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert row.error.isVisible() and "2025-13-40" in row.error.text()
    assert editor.text() == "2025-13-40"
    assert service.records.get_record(record_id).signed_on == date(2025, 8, 24)
    assert undo_stack.stack.count() == 0

    editor.selectAll()
    qtbot.keyClicks(editor, "2025-08-25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert not row.error.isVisible()
    assert service.records.get_record(record_id).signed_on == date(2025, 8, 25)
    assert undo_stack.stack.count() == 1
    assert undo_stack.stack.undoText() == "Edit signing date"  # as the form labels it

    undo_stack.stack.undo()

    assert service.records.get_record(record_id).signed_on == date(2025, 8, 24)
    assert editor.text() == "2025-08-24"


def test_unsaved_text_survives_a_reload_and_same_value_is_no_edit(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    record_id = show(pane, service, ASSISTANCE)
    rows = pane.overview_tab.rows
    line(pane, "due").setText("someday")
    line(pane, "due").editingFinished.emit()
    assert rows["due"].error.isVisible()

    line(pane, "amount").setText("22000000000")
    line(pane, "amount").editingFinished.emit()
    assert undo_stack.stack.count() == 0  # the same number, written differently

    pane.status_tab.open_dialog()
    assert pane.status_tab.dialog is not None
    pane.status_tab.dialog.chosen.emit("partially_delivered", "", "")

    assert service.records.get_record(record_id).row.status == "partially_delivered"
    assert line(pane, "due").text() == "someday"
    assert rows["due"].error.isVisible()


def test_a_conflicting_edit_reloads_and_keeps_the_text_to_retry(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> None:
    record_id = show(pane, service, ASSISTANCE)
    service.records.update_record(
        record_id, service.records.get_record(record_id).version, {"unit": "x"}
    )
    line(pane, "announced_on").setText("2025-08-24")
    line(pane, "announced_on").editingFinished.emit()

    assert messages and "reloaded" in messages[0]
    assert line(pane, "announced_on").text() == "2025-08-24"
    assert service.records.get_record(record_id).announced_on is None

    pane.flush_edits()  # retrying now applies to the reloaded version

    assert service.records.get_record(record_id).announced_on == date(2025, 8, 24)
    assert undo_stack.stack.count() == 1


def test_a_provision_shows_its_document_as_a_link_to_it(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    show(pane, service, "customs-training")
    document = service.records.get_record("customs-mutual-administrative-assistance")
    value, _marker = pane.overview_tab.facts["parent"]
    assert value.isVisible()
    assert document.row.title in value.text()
    assert value.textFormat() == Qt.TextFormat.RichText
    assert value.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard

    href = value.text().split('href="', 1)[1].split('"', 1)[0]
    with qtbot.waitSignal(pane.recordRequested) as asked:
        value.linkActivated.emit(href)
    assert asked.args == [document.row.slug]


@pytest.mark.parametrize(
    ("slug", "field", "typed"),
    [
        (ACTION_PLAN, "signed_on", "someday"),
        (ASSISTANCE, "announced_on", "soon"),
        (ASSISTANCE, "amount", "lots"),
        (ASSISTANCE, "quantity", "many"),
        (ASSISTANCE, "currency", "C1"),
        (ASSISTANCE, "due", "someday"),
    ],
)
def test_a_refused_value_names_the_field_as_its_label_does(
    pane: DetailPane, service: AccordsService, slug: str, field: str, typed: str
) -> None:
    show(pane, service, slug)
    line(pane, field).setText(typed)
    line(pane, field).editingFinished.emit()

    error = pane.overview_tab.rows[field].error.text()
    assert error.startswith(form_label(pane, field) + " "), error
    assert field not in error


def test_the_signing_date_is_called_so_in_the_form_and_in_its_error(
    pane: DetailPane, service: AccordsService
) -> None:
    show(pane, service, ACTION_PLAN)
    line(pane, "signed_on").setText("someday")
    line(pane, "signed_on").editingFinished.emit()

    assert form_label(pane, "signed_on") == "Signing date"
    assert pane.overview_tab.rows["signed_on"].error.text() == (
        "Signing date must be a date like 2025-08-24, not 'someday'"
    )


@pytest.mark.usefixtures("in_french")
def test_an_amount_is_shown_and_typed_as_french_writes_numbers(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack
) -> None:
    """In French the amount reads "22 000 000 000"; left as it is, it is no edit; typed
    "1 500 000,5" it is 1500000.5, and "1,5" is 1.5, never 15."""
    record_id = show(pane, service, ASSISTANCE)
    amount = line(pane, "amount")
    assert amount.text() == "22\u00a0000\u00a0000\u00a0000"
    amount.editingFinished.emit()
    assert undo_stack.stack.count() == 0

    amount.setText("1 500 000,5")
    amount.editingFinished.emit()
    assert service.records.get_record(record_id).row.amount == Decimal("1500000.5")
    assert amount.text() == "1\u00a0500\u00a0000,5"

    amount.setText("1,5")
    amount.editingFinished.emit()
    assert service.records.get_record(record_id).row.amount == Decimal("1.5")
    assert undo_stack.stack.count() == 2


@pytest.mark.usefixtures("in_french")
def test_a_long_amount_is_never_cut_short_in_a_narrow_pane(
    qtbot: QtBot, pane: DetailPane, service: AccordsService
) -> None:
    """Cut short, "22 000 000 000" read "22 000 000 00": the editor takes its own line
    under its label rather than hide digits."""
    show(pane, service, ASSISTANCE)
    pane.resize(300, 700)
    pane.show()
    qtbot.waitExposed(pane)
    amount = line(pane, "amount")
    needed = amount.fontMetrics().horizontalAdvance(amount.text())
    assert amount.width() >= needed + 12, (amount.width(), needed)  # frame and margins
