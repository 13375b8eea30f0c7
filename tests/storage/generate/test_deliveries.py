"""Deliveries add up to the pledged figure, or to 60% of it for a partly delivered pledge."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from storage.generate.deliveries import add_deliveries, plain
from storage.generate.draws import Draws
from storage.generate.rows import Rows
from storage.schema.enums import PledgeStatus

ANNOUNCED = date(2020, 3, 1)


def pledge(status: PledgeStatus, amount: str | None, quantity: str | None = None) -> dict:
    return {
        "id": 1,
        "status": status.value,
        "amount": None if amount is None else Decimal(amount),
        "quantity": None if quantity is None else Decimal(quantity),
        "announced_on": ANNOUNCED,
    }


@pytest.mark.parametrize("seed", range(20))
def test_a_delivered_pledge_receives_exactly_its_amount(seed: int) -> None:
    rows = Rows()
    add_deliveries(Draws(random.Random(seed)), rows, pledge(PledgeStatus.DELIVERED, "1000.01"))
    assert 1 <= len(rows.deliveries) <= 3
    assert sum(d["amount"] for d in rows.deliveries) == Decimal("1000.01")
    days = [d["delivered_on"] for d in rows.deliveries]
    assert days == sorted(days)
    assert days[0] > ANNOUNCED


def test_a_partly_delivered_pledge_receives_sixty_percent_in_whole_units() -> None:
    rows = Rows()
    add_deliveries(
        Draws(random.Random(1)), rows, pledge(PledgeStatus.PARTIALLY_DELIVERED, None, "12")
    )
    assert sum(d["quantity"] for d in rows.deliveries) == 7  # 7.2 rounded
    assert all(d["amount"] is None for d in rows.deliveries)


@pytest.mark.parametrize("status", [PledgeStatus.ANNOUNCED, PledgeStatus.COMMITTED])
def test_an_undelivered_pledge_has_no_deliveries(status: PledgeStatus) -> None:
    rows = Rows()
    add_deliveries(Draws(random.Random(1)), rows, pledge(status, "500"))
    assert rows.deliveries == []


def test_plain_drops_zero_cents_only() -> None:
    assert str(plain(Decimal("5000.00"))) == "5000"
    assert str(plain(Decimal("5000.50"))) == "5000.50"
