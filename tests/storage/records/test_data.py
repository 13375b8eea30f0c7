"""The view objects' own reading: amounts with their qualifier, bounds, what remains to deliver."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from storage.i18n import format_amount as i18n_amount
from storage.records.data import RecordDetail, RecordRow, format_amount
from storage.service import AccordsService

SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
REFUGEES = "canada-ukrainian-refugees-accepted"


def row(**values: object) -> RecordRow:
    base: dict[str, object] = {
        "id": 1, "slug": "p", "kind": "pledge", "title": "P", "status": "announced",
        "status_since": datetime(2025, 8, 24, tzinfo=UTC), "parties": "", "key_date": None,
        "amount": None, "quantity": None, "unit": None, "currency": None,
        "currency_as_written": None, "qualifier": None, "due": None, "overdue": False,
        "delivered": None, "last_note": "", "version": 1, "deleted": False,
    }  # fmt: skip
    return RecordRow(**{**base, **values})  # type: ignore[arg-type]


def test_an_amount_reads_with_its_qualifier_and_unit() -> None:
    figure = Decimal(22_000_000_000)
    assert format_amount(None, "CAD", "over", as_written=None) == ""
    assert format_amount(figure, "CAD", None, as_written="$") == i18n_amount(figure, "CAD")
    assert format_amount(figure, None, "almost", as_written="$") == (
        "almost " + i18n_amount(figure, "$")
    )
    assert format_amount(figure, "CAD", "exact", as_written=None) == i18n_amount(figure, "CAD")


def test_a_row_labels_money_or_else_its_quantity() -> None:
    money = row(amount=Decimal(5), currency="USD", quantity=Decimal(9), unit="drones")
    assert money.amount_label == i18n_amount(Decimal(5), "USD")
    counted = row(quantity=Decimal(300_000), unit="people", qualifier="over")
    assert counted.amount_label == "over " + i18n_amount(Decimal(300_000), "people")
    assert row().amount_label == ""


def test_only_over_almost_and_up_to_are_bounds() -> None:
    bounds = {
        q for q in ("exact", "about", "almost", "over", "up_to", None) if row(qualifier=q).is_bound
    }
    assert bounds == {"almost", "over", "up_to"}


def test_the_remainder_never_goes_below_nothing(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    detail: RecordDetail = service.records.get_record(pledge)
    assert detail.pledged == detail.row.amount == detail.remainder
    service.deliveries.add_delivery(pledge, delivered_on=None, amount="100")
    assert service.records.get_record(pledge).remainder == detail.row.amount - 100  # type: ignore[operator]
    service.deliveries.add_delivery(pledge, delivered_on=None, amount="900000000")
    assert service.records.get_record(pledge).remainder == 0
    people = service.records.get_record(REFUGEES)
    assert people.pledged == people.row.quantity and people.row.amount is None


def test_the_status_dates_come_from_the_latest_history_step(service: AccordsService) -> None:
    pledge = service.records.resolve_id(SEPTEMBER)
    service.records.change_status(pledge, "committed")
    detail = service.records.get_record(pledge)
    assert detail.status_since == detail.history[-1].effective_on
    assert detail.status_recorded == detail.history[-1].changed_at
    assert (detail.id, detail.version) == (detail.row.id, detail.row.version)
    assert isinstance(detail.status_since, date)
