"""The exchange rates part of the service: set, list, update, remove, restore, convert."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from storage.errors import NotFoundError, ValidationError
from storage.insight.rates import Rates, RatesOnDay
from storage.service import AccordsService

TODAY = date(2026, 11, 28)
ROOT = Path(__file__).resolve().parents[3]


def factor(service: AccordsService, from_ccy: str, to_ccy: str, day: date) -> Decimal | None:
    """What 1 ``from_ccy`` is worth in ``to_ccy`` by the rates in force on ``day``."""
    with service.db.reading() as session:
        return RatesOnDay(session, day).convert(Decimal(1), from_ccy, to_ccy)


def test_rates_are_set_listed_updated_replaced_and_deleted(service: AccordsService) -> None:
    first = service.rates.set("cad", "usd", "0.7312", date(2026, 11, 1), " Bank of Canada ")
    again = service.rates.set("CAD", "USD", Decimal("0.7300"), "2026-11-01", "BoC, corrected")
    assert again == first  # same pair and day: replaced, not duplicated
    service.rates.set("EUR", "USD", 1, date(2026, 10, 1))
    rates = service.rates.all()
    assert [(r.from_currency, r.to_currency, r.rate) for r in rates] == [
        ("CAD", "USD", Decimal("0.7300")),
        ("EUR", "USD", Decimal(1)),
    ]
    assert rates[0].source == "BoC, corrected"
    changed = service.rates.update(first, rate="0.75", source="typed by hand")
    assert (changed.rate, changed.source, changed.on_date) == (
        Decimal("0.75"),
        "typed by hand",
        date(2026, 11, 1),
    )
    assert service.rates.get(first).version == changed.version
    removed = service.rates.remove(first)
    assert removed.rate == Decimal("0.75")
    assert [r.from_currency for r in service.rates.all()] == ["EUR"]
    with pytest.raises(NotFoundError):
        service.rates.remove(first)
    assert service.rates.currencies() == ["CAD", "EUR", "USD"]


BAD_RATES: list[tuple[str, str, object, date | str]] = [
    ("CAD", "CAD", "1", TODAY),
    ("$", "USD", "1", TODAY),
    ("CAD", "USD", 0.73, TODAY),
    ("CAD", "USD", "0", TODAY),
    ("CAD", "USD", "-1", TODAY),
    ("CAD", "USD", "abc", TODAY),
    ("CAD", "USD", "0.7", "yesterday"),
    ("CAD", "", "0.7", TODAY),
]


def test_bad_rates_are_refused(empty_service: AccordsService) -> None:
    for from_ccy, to_ccy, rate, day in BAD_RATES:
        with pytest.raises(ValidationError):
            empty_service.rates.set(from_ccy, to_ccy, rate, day, "")
    assert empty_service.rates.all() == []


def test_the_newest_rate_on_or_before_today_wins_and_inverse_rates_work(
    service: AccordsService,
) -> None:
    service.rates.set("CAD", "USD", "0.70", date(2026, 1, 1))
    service.rates.set("CAD", "USD", "0.72", date(2026, 11, 28))
    service.rates.set("CAD", "USD", "0.99", date(2026, 12, 1))  # after today: not used yet
    assert factor(service, "CAD", "USD", TODAY) == Decimal("0.72")
    assert factor(service, "CAD", "USD", date(2026, 6, 1)) == Decimal("0.70")
    assert factor(service, "CAD", "USD", date(2025, 6, 1)) is None
    assert factor(service, "USD", "CAD", TODAY) == Decimal("1.39")  # 1 / 0.72, to the cent
    assert factor(service, "CAD", "EUR", TODAY) is None


def test_the_service_has_one_rates_part(service: AccordsService) -> None:
    assert isinstance(service.rates, Rates)
    assert service.rates is service.rates


def test_a_removed_rate_is_restored_under_its_own_id_unless_its_day_was_taken(
    service: AccordsService,
) -> None:
    kept = service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "BoC")
    removed = service.rates.remove(kept)
    service.rates.restore(removed)
    assert service.rates.all() == [removed]
    service.rates.remove(kept)
    service.rates.set("CAD", "USD", "0.80", date(2026, 11, 1), "typed again")
    with pytest.raises(ValidationError, match="was stored since; that one is kept"):
        service.rates.restore(removed)
    assert [(r.rate, r.source) for r in service.rates.all()] == [(Decimal("0.80"), "typed again")]


def test_put_back_gives_a_rate_its_earlier_value_day_and_source(service: AccordsService) -> None:
    stored = service.rates.get(service.rates.set("CAD", "USD", "0.7312", TODAY, "BoC"))
    service.rates.update(stored.id, rate="0.75", on_date="2026-10-30", source="by hand")
    back = service.rates.put_back(stored)
    assert (back.id, back.rate, back.on_date, back.source) == (
        stored.id,
        Decimal("0.7312"),
        TODAY,
        "BoC",
    )
    assert service.rates.find("cad", "usd", TODAY) == back


def test_a_rate_that_is_not_there_cannot_be_changed(service: AccordsService) -> None:
    with pytest.raises(NotFoundError):
        service.rates.update(999, rate="1.1")
    with pytest.raises(NotFoundError):
        service.rates.get(999)
    assert service.rates.find("CAD", "USD", TODAY) is None


def names_exchange_rates(path: Path) -> bool:
    """True when a module uses the ``ExchangeRate`` model or the ``exchange_rates`` table."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        (isinstance(node, ast.Name) and node.id == "ExchangeRate")
        or (isinstance(node, ast.Attribute) and node.attr in {"ExchangeRate", "exchange_rates"})
        or (isinstance(node, ast.alias) and node.name in {"ExchangeRate", "exchange_rates"})
        for node in ast.walk(tree)
    )


def test_only_the_rates_part_touches_the_rates_table() -> None:
    """``service.rates`` is the one way rates are read and written: no other module (the
    schema and migrations aside) names their model or table."""
    allowed = {"storage/insight/rates.py", "storage/schema/models.py", "storage/schema/tables.py"}
    # The team part names the table only to grant rights on it or ask the server about them.
    allowed |= {"storage/team/access.py", "storage/team/roles.py"}
    found = {
        path.relative_to(ROOT).as_posix()
        for folder in ("storage", "gui")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and names_exchange_rates(path)
    }
    assert found <= allowed
    assert "storage/insight/rates.py" in found
