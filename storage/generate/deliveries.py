"""Deliveries against a delivered or partly delivered pledge, in one to three parts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from storage.generate.days import LAST_DAY, stamp
from storage.generate.draws import Draws
from storage.generate.rows import Row, Rows
from storage.generate.texts import DELIVERY_NOTES
from storage.schema.enums import PledgeStatus

DELIVERING = (PledgeStatus.PARTIALLY_DELIVERED.value, PledgeStatus.DELIVERED.value)
PARTLY = Decimal("0.6")  # how much of its figure a partly delivered pledge has received


def add_deliveries(draws: Draws, rows: Rows, row: Row) -> None:
    """All of the pledged figure, or 60% when partly delivered, spread over later days."""
    pledged: Decimal | None = row["amount"] if row["amount"] is not None else row["quantity"]
    if pledged is None or row["status"] not in DELIVERING:
        return
    if row["amount"] is not None:
        measure, quantum = "amount", Decimal("0.01")
    else:
        measure, quantum = "quantity", Decimal(1)
    delivered = row["status"] == PledgeStatus.DELIVERED.value
    total = pledged if delivered else (pledged * PARTLY).quantize(quantum)
    parts = min(draws.between(1, 3), max(int(total / quantum), 1))
    day: date = row["announced_on"]
    remaining = total
    for part in range(parts):
        piece = remaining if part == parts - 1 else (total / parts).quantize(quantum)
        remaining -= piece
        day = min(day + timedelta(days=draws.between(10, 300)), LAST_DAY)
        delivery = _delivery(draws, row["id"], day)
        delivery[measure] = plain(piece)
        rows.deliveries.append(delivery)


def _delivery(draws: Draws, pledge_id: int, day: date) -> Row:
    at = stamp(day, draws.below(480))
    return {
        "pledge_id": pledge_id,
        "delivered_on": day,
        "amount": None,
        "quantity": None,
        "note": draws.pick(DELIVERY_NOTES),
        "source_id": None,
        "deleted_at": None,
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }


def plain(value: Decimal) -> Decimal:
    """``5000.00`` as ``5000``; other values unchanged."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
