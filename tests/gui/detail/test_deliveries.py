"""The Deliveries tab: undoable deliveries for pledges, a refused date named as in the form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
)

from gui.detail import DetailPane
from gui.undo import UndoStack
from storage.service import AccordsService
from tests.gui.detail.panes import (
    ACTION_PLAN,
    DRONES,
    show,
)


def test_deliveries_tab_adds_an_undoable_delivery_for_pledges_only(
    pane: DetailPane, service: AccordsService, undo_stack: UndoStack, messages: list[str]
) -> None:
    deliveries_index = pane.indexOf(pane.deliveries_tab)
    show(pane, service, ACTION_PLAN)
    assert not pane.isTabVisible(deliveries_index)

    record_id = show(pane, service, DRONES)
    assert pane.isTabVisible(deliveries_index)
    tab = pane.deliveries_tab
    assert tab.summary.text() == (
        "Pledged: over $700,000,000 · Delivered: $0 · Remaining: $700,000,000"
    )
    tab.date_edit.setText("2025-09-15")
    tab.figure_edit.setText("lots")
    tab.add_button.click()
    assert messages and "Amount must be a number" in messages[0]
    assert tab.figure_edit.text() == "lots"  # the form keeps what was typed

    tab.figure_edit.setText("200,000,000")
    tab.note_edit.setText("first drones")
    tab.add_button.click()

    assert [d.amount for d in service.records.get_record(record_id).deliveries] == [200000000]
    assert tab.model.rowCount() == 1 and tab.figure_edit.text() == ""
    assert tab.summary.text().endswith("Delivered: $200,000,000 · Remaining: $500,000,000")

    undo_stack.stack.undo()

    assert service.records.get_record(record_id).deliveries == ()
    assert tab.model.rowCount() == 0


def test_a_refused_delivery_date_is_named_as_the_form_names_it(
    pane: DetailPane, service: AccordsService, messages: list[str]
) -> None:
    show(pane, service, DRONES)
    tab = pane.deliveries_tab
    tab.date_edit.setText("yesterday")
    tab.figure_edit.setText("1")
    tab.add_button.click()

    form = tab.date_edit.parentWidget()
    assert form is not None
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    shown_label = layout.labelForField(tab.date_edit)
    assert isinstance(shown_label, QLabel)
    assert messages == [
        f"Not saved: {shown_label.text()} must be a date like 2025-08-24, not 'yesterday'"
    ]


@pytest.mark.usefixtures("in_french")
def test_a_delivery_is_typed_as_french_writes_numbers(
    pane: DetailPane, service: AccordsService
) -> None:
    record_id = show(pane, service, DRONES)
    tab = pane.deliveries_tab
    tab.date_edit.setText("2025-09-15")
    tab.figure_edit.setText("200 000 000,5")
    tab.add_button.click()
    delivered = [d.amount for d in service.records.get_record(record_id).deliveries]
    assert delivered == [Decimal("200000000.5")]
    assert tab.model.index(0, 1).data() == "200\u00a0000\u00a0000,5"
