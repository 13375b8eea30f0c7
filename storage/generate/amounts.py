"""What a pledge is worth: money (exact, in a currency or only a symbol), or a quantity."""

from __future__ import annotations

from decimal import Decimal

from storage.generate.draws import Draws
from storage.generate.odds import CURRENCY_DRAWS, QUALIFIERS, ROUND_FIGURES
from storage.generate.rows import Row
from storage.generate.vocabulary import UNITS

QUANTITIES = (1, 2, 5, 10, 12, 20, 50, 100, 250, 1000)
SMALL_CURRENCIES = ("JPY", "UAH")  # amounts in these run a hundred times larger


def add_figure(draws: Draws, row: Row) -> None:
    """Money nearly eight times in ten, a quantity about one in ten, else nothing."""
    roll = draws.random()
    if roll < 0.08:
        return
    row["qualifier"] = draws.pick(QUALIFIERS).value
    if roll < 0.20:
        _quantity(draws, row)
    else:
        _money(draws, row)


def _quantity(draws: Draws, row: Row) -> None:
    row["quantity"] = Decimal(draws.pick(QUANTITIES))
    row["unit"] = draws.pick(UNITS)
    if draws.random() < 0.3:
        row["equivalent_amount"] = Decimal(draws.between(1, 900)) * 100_000
        row["equivalent_as_written"] = "$"


def _money(draws: Draws, row: Row) -> None:
    """A round figure, one time in four with units and cents; in hryvnias sometimes with
    its equivalent in US dollars."""
    code, written = draws.pick(CURRENCY_DRAWS)
    magnitude = draws.between(4, 9) + (2 if code in SMALL_CURRENCIES else 0)
    units = int(Decimal(str(draws.pick(ROUND_FIGURES))) * 10 ** (magnitude - 1))
    if draws.random() < 0.25:
        amount = Decimal(f"{units + draws.between(0, 999_999)}.{draws.between(0, 99):02d}")
    else:
        amount = Decimal(units)
    row["amount"] = amount
    row["currency"] = code
    row["currency_as_written"] = written
    if code == "UAH" and draws.random() < 0.5:
        row["equivalent_amount"] = (amount / 40).quantize(Decimal(1))
        row["equivalent_as_written"] = "US$"
