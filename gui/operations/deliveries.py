"""Undoable edits of a pledge's deliveries."""

from __future__ import annotations

from gui.undo import ServiceCommand, UndoStack
from storage.i18n import _
from storage.service import AccordsService


class AddDeliveryCommand(ServiceCommand):
    """Record a delivery against a pledge; undo takes it out of the ledger."""

    def __init__(
        self,
        service: AccordsService,
        undo_stack: UndoStack,
        pledge_id: int,
        *,
        delivered_on: str | None,
        amount: str | None,
        quantity: str | None,
        note: str = "",
    ) -> None:
        super().__init__(_("Record delivery"), service, undo_stack)
        self.record_ids = {pledge_id}
        self.pledge_id = pledge_id
        self.values = (delivered_on, amount, quantity, note)
        self.delivery_id: int | None = None

    def apply(self) -> None:
        if self.delivery_id is None:
            delivered_on, amount, quantity, note = self.values
            self.delivery_id = self.service.deliveries.add_delivery(
                self.pledge_id,
                delivered_on=delivered_on,
                amount=amount,
                quantity=quantity,
                note=note or "",
            )
        else:
            self.service.deliveries.restore_delivery(self.delivery_id)

    def revert(self) -> None:
        assert self.delivery_id is not None
        self.service.deliveries.remove_delivery(self.delivery_id)
