"""The deliveries part: a pledge's ledger, added to, taken from and put back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from storage.errors import NotFoundError, ValidationError
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
LETTER = "letter-of-intent-joint-defense-production"


def test_a_delivery_is_in_the_ledger_and_the_delivered_sum(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    version = service.records.get_record(pledge).version
    entry = service.deliveries.add_delivery(
        pledge, delivered_on="2025-09-15", amount="1,000.50", note="first convoy"
    )
    detail = service.records.get_record(pledge)
    (delivery,) = detail.deliveries
    assert delivery.id == entry
    assert (delivery.delivered_on, delivery.amount, delivery.note) == (
        date(2025, 9, 15),
        Decimal("1000.50"),
        "first convoy",
    )
    assert detail.row.delivered == Decimal("1000.50")
    assert detail.version > version  # the pledge itself counts as changed


def test_a_removed_delivery_leaves_the_sum_until_restored(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    entry = service.deliveries.add_delivery(pledge, delivered_on=None, amount="10")
    service.deliveries.remove_delivery(entry)
    detail = service.records.get_record(pledge)
    assert detail.deliveries == () and not detail.row.delivered
    service.deliveries.restore_delivery(entry)
    assert service.records.get_record(pledge).row.delivered == Decimal(10)
    with pytest.raises(NotFoundError):
        service.deliveries.remove_delivery(999_999)


@pytest.mark.parametrize(
    ("amount", "quantity", "reason"),
    [
        (None, None, "either an amount or a quantity"),
        ("5", "3", "either an amount or a quantity"),
        ("-5", None, "negative"),
    ],
)
def test_a_delivery_needs_one_figure(
    service: AccordsService, amount: str | None, quantity: str | None, reason: str
) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    with pytest.raises(ValidationError, match=reason):
        service.deliveries.add_delivery(
            pledge, delivered_on="2025-09-15", amount=amount, quantity=quantity
        )
    assert service.records.get_record(pledge).deliveries == ()


def test_only_a_pledge_takes_deliveries(service: AccordsService) -> None:
    letter = service.records.resolve_id(LETTER)
    with pytest.raises(ValidationError, match="is not a pledge"):
        service.deliveries.add_delivery(letter, delivered_on=None, amount="5")
    with pytest.raises(ValidationError, match="date"):
        service.deliveries.add_delivery(letter, delivered_on="15/09/2025", amount="5")
