"""The deliveries part: the ledger of what was delivered against each pledge."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from storage.api.base import Part, find_record, touch
from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.validation import MAX_TEXT_CHARS, clean_text, optional_date, optional_decimal
from storage.schema.enums import RecordKind
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from storage.schema import models
else:
    models = LazyModule("storage.schema.models")


class Deliveries(Part):
    """Deliveries against pledges; each call is one transaction."""

    def add_delivery(
        self,
        pledge_id: int,
        *,
        delivered_on: date | str | None,
        amount: object = None,
        quantity: object = None,
        note: str = "",
    ) -> int:
        """Record a delivery against a pledge; returns the ledger entry's id."""
        day = optional_date(delivered_on, "delivered_on")
        money = optional_decimal(amount, "amount")
        count = optional_decimal(quantity, "quantity")
        if (money is None) == (count is None):
            raise ValidationError(
                _("a delivery needs either an amount or a quantity"), field="amount"
            )
        clean_text(note, "note", limit=MAX_TEXT_CHARS)
        with self._db.writing() as session:
            record = find_record(session, pledge_id)
            if record.kind != RecordKind.PLEDGE.value:
                raise ValidationError(
                    _("{slug} is not a pledge; deliveries need a pledge").format(slug=record.slug)
                )
            delivery = models.Delivery(
                pledge_id=pledge_id, delivered_on=day, amount=money, quantity=count, note=note
            )
            session.add(delivery)
            touch(record)
            session.flush()
            return delivery.id

    def remove_delivery(self, delivery_id: int) -> None:
        """Take an entry out of a pledge's ledger (kept, marked removed, so undo can restore it)."""
        self._set_delivery_removed(delivery_id, removed=True)

    def restore_delivery(self, delivery_id: int) -> None:
        """Put a removed ledger entry back."""
        self._set_delivery_removed(delivery_id, removed=False)

    def _set_delivery_removed(self, delivery_id: int, *, removed: bool) -> None:
        with self._db.writing() as session:
            delivery = session.get(models.Delivery, delivery_id)
            if delivery is None:
                raise NotFoundError(
                    _("There is no delivery {delivery_id}.").format(delivery_id=delivery_id)
                )
            delivery.deleted_at = utc_now() if removed else None
            touch(find_record(session, delivery.pledge_id))
