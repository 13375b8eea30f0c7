"""A pledge's figure: money with a currency or a symbol, or a quantity with a unit, not both."""

from __future__ import annotations

import random
from decimal import Decimal

from storage.generate.amounts import add_figure
from storage.generate.draws import Draws
from storage.generate.rows import PLEDGE_COLUMNS, Row

PLEDGES = 3_000


def figures() -> list[Row]:
    draws = Draws(random.Random(6))
    rows = []
    for _ in range(PLEDGES):
        row = dict.fromkeys(PLEDGE_COLUMNS)
        add_figure(draws, row)
        rows.append(row)
    return rows


def test_a_figure_is_money_or_a_quantity_never_both() -> None:
    rows = figures()
    money = [r for r in rows if r["amount"] is not None]
    counted = [r for r in rows if r["quantity"] is not None]
    neither = [r for r in rows if r["amount"] is None and r["quantity"] is None]
    assert not [r for r in money if r["quantity"] is not None]
    assert all(r["currency"] or r["currency_as_written"] for r in money)
    assert all(r["unit"] for r in counted)
    assert all(r["qualifier"] for r in money + counted)
    assert all(r["qualifier"] is None for r in neither)
    assert 0.70 < len(money) / PLEDGES < 0.85
    assert 0.08 < len(counted) / PLEDGES < 0.16


def test_some_amounts_have_cents_and_hryvnias_sometimes_a_dollar_equivalent() -> None:
    money = [r for r in figures() if r["amount"] is not None]
    assert any(r["amount"] != r["amount"].to_integral_value() for r in money)
    assert all(isinstance(r["amount"], Decimal) for r in money)
    equivalents = [r for r in money if r["equivalent_as_written"] == "US$"]
    assert equivalents
    assert all(r["currency"] == "UAH" for r in equivalents)
    assert all(r["equivalent_amount"] == (r["amount"] / 40).quantize(1) for r in equivalents)
