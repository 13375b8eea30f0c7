"""Totals per donor, category or currency: exact, converted where a rate exists, listable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from storage.errors import ValidationError
from storage.generate import generate
from storage.insight.amounts import GROUPINGS, Grouping, totals
from storage.records.query import Measure, RecordQuery
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
PLEDGE = frozenset({"pledge"})


def money_lines(rows: list) -> dict[str, tuple[Decimal, Decimal]]:  # type: ignore[type-arg]
    return {row.unit: (row.pledged, row.delivered) for row in rows if row.is_money}


def test_seeded_totals_by_currency_keep_every_currency_apart(service: AccordsService) -> None:
    rows = totals(service, by="currency")
    assert money_lines(rows) == {
        "CAD": (Decimal(22_000_000_000), Decimal(0)),
        "$": (Decimal(700_000_000), Decimal(0)),
    }
    symbol = next(row for row in rows if row.unit == "$")
    assert symbol.group == "$" and not symbol.converted and symbol.missing_rates == ()
    people = [row for row in rows if not row.is_money]
    assert [(r.unit, r.pledged, r.delivered) for r in people] == [
        ("people", Decimal(300_000), Decimal(300_000))
    ]
    assert all(isinstance(row.pledged, Decimal) for row in rows)


def test_converted_totals_are_exact_and_name_what_has_no_rate(service: AccordsService) -> None:
    service.rates.set("CAD", "USD", "0.7312", date(2026, 11, 1), "Bank of Canada")
    rows = totals(service, by="donor", reporting_currency="usd")
    money = [row for row in rows if row.is_money]
    assert len(money) == 1
    canada = money[0]
    assert canada.converted and canada.unit == "USD" and canada.label == "Canada"
    assert canada.pledged == Decimal("16086400000")  # 22,000,000,000 × 0.7312, exactly
    assert canada.pledged == Decimal(22_000_000_000) * Decimal("0.7312")
    assert canada.missing_rates == ("$",)
    assert canada.unconverted == {"$": Decimal(700_000_000)}
    assert canada.warning() == "total excludes $700,000,000 (no rate for '$')"
    by_currency = {
        row.group: row for row in totals(service, by="currency", reporting_currency="USD")
    }
    assert by_currency["CAD"].pledged == Decimal("16086400000")
    assert by_currency["$"].pledged == 0 and by_currency["$"].missing_rates == ("$",)
    # People are never converted into money.
    assert [row.unit for row in rows if not row.is_money] == ["people"]


def test_without_any_rate_nothing_is_summed(service: AccordsService) -> None:
    rows = totals(service, by="donor", reporting_currency="USD")
    canada = next(row for row in rows if row.is_money)
    assert canada.pledged == 0 and canada.delivered == 0
    assert canada.missing_rates == ("$", "CAD")
    assert canada.unconverted == {"$": Decimal(700_000_000), "CAD": Decimal(22_000_000_000)}
    assert "no rate for 'CAD'" in canada.warning() and "no rate for '$'" in canada.warning()


def test_an_inverse_rate_converts_and_the_reporting_currency_itself_needs_none(
    service: AccordsService,
) -> None:
    service.rates.set("USD", "CAD", "1.25", date(2026, 11, 1))
    rows = {row.group: row for row in totals(service, by="currency", reporting_currency="USD")}
    assert rows["CAD"].pledged == Decimal("17600000000.00")  # 22e9 / 1.25
    rows = {row.group: row for row in totals(service, by="currency", reporting_currency="CAD")}
    assert rows["CAD"].pledged == Decimal(22_000_000_000) and rows["CAD"].missing_rates == ()


def test_deliveries_count_exactly(service: AccordsService) -> None:
    september = service.records.resolve_id(SEPTEMBER)
    service.deliveries.add_delivery(september, delivered_on="2025-09-15", amount="100000000.10")
    service.deliveries.add_delivery(september, delivered_on="2025-09-20", amount="0.20")
    row = next(r for r in totals(service, by="currency") if r.unit == "$")
    assert row.delivered == Decimal("100000000.30")
    assert row.outstanding == Decimal("599999999.70")


def test_rows_carry_the_query_for_their_records(service: AccordsService) -> None:
    by_donor = totals(service, by="donor")
    cad = next(row for row in by_donor if row.caption == "Canada · CAD")
    assert cad.query == RecordQuery(
        kinds=PLEDGE, donor="canada", measure=Measure(True, frozenset({"CAD"}))
    )
    # The Canada · CAD bar lists its CAD pledge alone, not the "$" and "people" ones.
    assert [r.id for r in service.records.list_records(cad.query)] == list(cad.record_ids)
    military = [row for row in totals(service, by="category") if row.group == "military"]
    assert {row.query.category for row in military} == {"military"}
    assert {row.unit for row in military} == {"CAD", "$"}  # never merged


@pytest.mark.slow
@pytest.mark.parametrize("by", GROUPINGS)
@pytest.mark.parametrize("reporting", [None, "CAD"])
def test_each_row_lists_exactly_the_pledges_it_sums(
    service: AccordsService, by: Grouping, reporting: str | None
) -> None:
    generate(service, 400, seed=5)
    service.rates.set("USD", "CAD", "1.37", on_date="2025-01-01")
    rows = totals(service, by=by, reporting_currency=reporting)
    assert len(rows) > 5
    for row in rows:
        listed = service.records.list_records(row.query)
        assert sorted(r.id for r in listed) == list(row.record_ids), row.caption
        if not row.converted:
            figures = [r.amount if row.is_money else r.quantity for r in listed]
            assert sum(f or Decimal(0) for f in figures) == row.pledged, row.caption


def test_totals_follow_a_query_and_refuse_a_bad_grouping(service: AccordsService) -> None:
    only_committed = RecordQuery(statuses=frozenset({"committed"}))
    assert set(money_lines(totals(service, by="currency", query=only_committed))) == {"CAD"}
    assert totals(service, query=RecordQuery(kinds=frozenset({"document"}))) == []
    with pytest.raises(ValidationError):
        totals(service, by="party")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        totals(service, reporting_currency="dollars")
