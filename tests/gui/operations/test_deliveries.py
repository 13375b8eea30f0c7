"""The delivery undo command: an entry recorded in a pledge's ledger, taken out and put back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gui.operations.deliveries import AddDeliveryCommand
from gui.undo import UndoStack
from storage.errors import ValidationError
from storage.records.data import DeliveryView
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLAN = "action-plan-security-cooperation"


def ledger(service: AccordsService) -> tuple[DeliveryView, ...]:
    return service.records.get_record(SEPTEMBER).deliveries


def test_a_delivery_is_taken_out_on_undo_and_put_back_on_redo(service: AccordsService) -> None:
    before = ledger(service)
    pledge_id = service.records.resolve_id(SEPTEMBER)
    undo_stack = UndoStack()
    command = AddDeliveryCommand(
        service,
        undo_stack,
        pledge_id,
        delivered_on="2026-10-05",
        amount="1000000",
        quantity=None,
        note="first tranche",
    )
    undo_stack.perform(command)
    added = [d for d in ledger(service) if d not in before]
    assert [(d.id, d.delivered_on, d.amount, d.note) for d in added] == [
        (command.delivery_id, date(2026, 10, 5), Decimal("1000000"), "first tranche")
    ]
    undo_stack.stack.undo()
    assert ledger(service) == before
    undo_stack.stack.redo()
    assert [d.id for d in ledger(service) if d not in before] == [command.delivery_id]


def test_a_delivery_with_neither_amount_nor_quantity_is_refused(service: AccordsService) -> None:
    undo_stack = UndoStack()
    command = AddDeliveryCommand(
        service,
        undo_stack,
        service.records.resolve_id(SEPTEMBER),
        delivered_on=None,
        amount=None,
        quantity=None,
    )
    with pytest.raises(ValidationError):
        undo_stack.perform(command)
    assert undo_stack.stack.count() == 0 and command.delivery_id is None


def test_a_delivery_against_a_document_is_refused(service: AccordsService) -> None:
    undo_stack = UndoStack()
    command = AddDeliveryCommand(
        service,
        undo_stack,
        service.records.resolve_id(PLAN),
        delivered_on=None,
        amount=None,
        quantity="3",
    )
    with pytest.raises(ValidationError):
        undo_stack.perform(command)
    assert undo_stack.stack.count() == 0
