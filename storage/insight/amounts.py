"""Pledged and delivered per donor, category or currency, exact and in plain lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, outerjoin, select
from sqlalchemy.orm import aliased

from storage.errors import ValidationError
from storage.i18n import _
from storage.insight.rates import RatesOnDay
from storage.records.data import amount_text
from storage.records.query import Measure, RecordQuery, filter_conditions, measure_unit, untyped
from storage.records.validation import CURRENCY_CODE, optional_currency
from storage.schema.enums import RecordKind
from storage.schema.models import Delivery, Party, PledgeCategory, Record
from storage.service import AccordsService

Grouping = Literal["donor", "category", "currency"]
GROUPINGS: tuple[Grouping, ...] = ("donor", "category", "currency")
PLEDGE = RecordKind.PLEDGE.value
NO_DONOR = "(no donor)"
NO_CATEGORY = "(no category)"


@dataclass(frozen=True, slots=True)
class TotalRow:
    """Pledged and delivered for one group, in one currency, unit or reporting currency.

    ``unit`` is an ISO code ("CAD"), a symbol as the text gives it ("$"), or for
    quantities the unit ("people"). When ``converted`` is true the figures are in the
    reporting currency and ``unconverted``/``unconverted_delivered`` hold, per original
    currency, the amounts left out because ``missing_rates`` names no rate for them.
    ``inexact`` counts the pledges whose figure is qualified ("over", "almost", "about"):
    the total is then not an exact value. ``query`` selects the records behind the row.
    """

    by: Grouping
    group: str
    label: str
    unit: str
    is_money: bool
    pledged: Decimal
    delivered: Decimal
    record_ids: tuple[int, ...]
    query: RecordQuery
    converted: bool = False
    missing_rates: tuple[str, ...] = ()
    unconverted: Mapping[str, Decimal] = field(default_factory=dict)
    unconverted_delivered: Mapping[str, Decimal] = field(default_factory=dict)
    inexact: int = 0

    @property
    def outstanding(self) -> Decimal:
        """What is still to be delivered (never below zero)."""
        return max(self.pledged - self.delivered, Decimal(0))

    @property
    def caption(self) -> str:
        """ "Canada · CAD": the group and what its figures are in."""
        return f"{self.label} · {self.unit}" if self.unit else self.label

    def warning(self) -> str:
        """ "total excludes $700,000,000 (no rate for '$')", or "" when nothing is left out."""
        if not self.unconverted:
            return ""
        parts = [
            _("{amount_text} (no rate for '{currency}')").format(
                amount_text=amount_text(amount, currency), currency=currency
            )
            for currency, amount in self.unconverted.items()
        ]
        return _("total excludes ") + ", ".join(parts)


@dataclass(slots=True)
class _Bucket:
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)
    ids: list[int] = field(default_factory=list)
    inexact: int = 0


def totals(
    service: AccordsService,
    *,
    by: Grouping = "donor",
    reporting_currency: str | None = None,
    query: RecordQuery | None = None,
) -> list[TotalRow]:
    """Pledged and delivered per group (donor, category or currency), currency by currency.

    Only live pledges with a figure count; ``query`` narrows them further (its kinds, if
    any, must include pledges). A pledge in several categories counts in each of them, so
    category lines overlap. Sums are exact Decimals, added up in SQL by ``decimal_sum``.

    Money is never added across currencies without saying so. Without a reporting currency
    every currency is its own line; with one, each amount is converted at the newest rate
    on or before today (the service's clock) for its pair, or the inverse pair, and an
    amount that has no rate is left out of the converted figure and named in the row
    (``missing_rates`` and ``unconverted``). A currency the text gives only as a symbol
    ("$", no ISO code) is a bucket of its own named by that symbol; no rate can be entered
    for it, so it is never converted. Quantities (people, vehicles) are never money and
    always have lines of their own.
    """
    if by not in GROUPINGS:
        raise ValidationError(
            _("totals are by {join}; not {by!r}").format(join=", ".join(GROUPINGS), by=by),
            field="by",
        )
    reporting = optional_currency(reporting_currency, "reporting_currency")
    base = query or RecordQuery()
    if base.kinds and PLEDGE not in base.kinds:
        return []
    base = replace(base, kinds=frozenset({PLEDGE}))
    today = service.clock()
    with service.db.reading() as session:
        found = session.connection().execute(
            _bucket_statement(_pledge_ids(service, base, today), by)
        )
        groups, buckets = _read_buckets(found, by)
        rates = RatesOnDay(session, today)
    return _total_rows(groups, buckets, by=by, query=base, reporting=reporting, rates=rates)


def _total_rows(
    groups: Mapping[str, str],
    buckets: Mapping[tuple[str, bool, str], _Bucket],
    *,
    by: Grouping,
    query: RecordQuery,
    reporting: str | None,
    rates: RatesOnDay,
) -> list[TotalRow]:
    """The rows of each group (key: label), from its buckets (group, is money, unit)."""
    rows: list[TotalRow] = []
    for key in sorted(groups, key=lambda k: (k.startswith("("), groups[k].casefold(), k)):
        mine = {(m, unit): b for (k, m, unit), b in buckets.items() if k == key}
        money = {unit: b for (m, unit), b in mine.items() if m}
        counts = {unit: b for (m, unit), b in mine.items() if not m}
        make = _RowMaker(by, key, groups[key], query)
        if reporting is not None and money:
            rows.append(make.converted(money, reporting, rates))
        else:
            rows.extend(make.plain(unit, money[unit], is_money=True) for unit in sorted(money))
        rows.extend(make.plain(unit, counts[unit], is_money=False) for unit in sorted(counts))
    return rows


@dataclass(frozen=True, slots=True)
class _RowMaker:
    by: Grouping
    key: str
    label: str
    base: RecordQuery

    def query(self, ids: Iterable[int], measure: Measure) -> RecordQuery:
        """Exactly the pledges a row sums: its group's, with a figure in its units."""
        if self.key.startswith("("):  # no donor or no category: no field names them
            return replace(self.base, ids=frozenset(ids), measure=measure)
        if self.by == "donor":
            return replace(self.base, donor=self.key, measure=measure)
        if self.by == "category":
            return replace(self.base, category=self.key, measure=measure)
        return replace(self.base, measure=measure)

    def plain(self, unit: str, bucket: _Bucket, *, is_money: bool) -> TotalRow:
        return TotalRow(
            by=self.by,
            group=self.key,
            label=self.label,
            unit=unit,
            is_money=is_money,
            pledged=bucket.pledged,
            delivered=bucket.delivered,
            record_ids=tuple(sorted(set(bucket.ids))),
            query=self.query(bucket.ids, Measure(is_money, frozenset({unit}))),
            inexact=bucket.inexact,
        )

    def converted(self, money: dict[str, _Bucket], reporting: str, rates: RatesOnDay) -> TotalRow:
        pledged = delivered = Decimal(0)
        left_out: dict[str, Decimal] = {}
        left_out_delivered: dict[str, Decimal] = {}
        ids: list[int] = []
        summed: set[str] = set()  # the currencies converted, whose pledges the row lists
        inexact = 0
        for currency in sorted(money):
            bucket = money[currency]
            got = got_delivered = None
            if CURRENCY_CODE.match(currency):
                got = rates.convert(bucket.pledged, currency, reporting)
                got_delivered = rates.convert(bucket.delivered, currency, reporting)
            if got is None or got_delivered is None:
                left_out[currency] = bucket.pledged
                left_out_delivered[currency] = bucket.delivered
                continue
            ids.extend(bucket.ids)
            inexact += bucket.inexact
            summed.add(currency)
            pledged += got
            delivered += got_delivered
        return TotalRow(
            by=self.by,
            group=self.key,
            label=self.label,
            unit=reporting,
            is_money=True,
            pledged=pledged,
            delivered=delivered,
            record_ids=tuple(sorted(set(ids))),
            query=self.query(ids, Measure(True, frozenset(summed))),
            converted=True,
            missing_rates=tuple(left_out),
            unconverted=left_out,
            unconverted_delivered=left_out_delivered,
            inexact=inexact,
        )


def _pledge_ids(service: AccordsService, query: RecordQuery, today: date) -> Select[Any]:
    fts = service.db.engine.dialect.name == "sqlite"
    return select(Record.id).where(*filter_conditions(query, today=today, fts=fts))


def _bucket_statement(ids: Select[Any], by: Grouping) -> Select[Any]:
    """One row per group, money or not, and currency or unit: its exact sums and its ids."""
    # A CTE keeps the query's own subqueries (party, tag) from correlating with the joins.
    wanted = select(ids.cte("wanted").c.id)
    delivered = delivered_per_pledge().where(Delivery.pledge_id.in_(wanted)).subquery()
    key, name, joined = _group_columns(by)
    is_money = Record.amount.is_not(None)
    unit = _bucket_unit()
    inexact = case((and_(Record.qualifier.is_not(None), Record.qualifier != "exact"), 1), else_=0)
    return (
        select(
            key.label("key"),
            func.min(name).label("name"),
            is_money.label("is_money"),
            unit.label("unit"),
            func.decimal_sum(_figure()).label("pledged"),
            func.decimal_sum(delivered.c.total).label("delivered"),
            func.group_concat(Record.id).label("ids"),
            func.sum(inexact).label("inexact"),
        )
        .select_from(joined)
        .outerjoin(delivered, delivered.c.pledge_id == Record.id)
        .where(Record.id.in_(wanted), or_(Record.amount.is_not(None), Record.quantity.is_not(None)))
        .group_by(key, is_money, unit)
    )


def _group_columns(by: Grouping) -> tuple[ColumnElement[Any], ColumnElement[Any], Any]:
    """The group's key and name (NULL for none) and the FROM clause that provides them."""
    if by == "donor":
        donor = aliased(Party)
        joined = outerjoin(Record, donor, donor.id == Record.donor_id)
        return donor.slug.expression, donor.name.expression, joined
    if by == "category":
        joined = outerjoin(Record, PledgeCategory, PledgeCategory.record_id == Record.id)
        category = PledgeCategory.category.expression
        return category, category, joined
    unit = _bucket_unit()
    return unit, unit, Record.__table__


def _bucket_unit() -> ColumnElement[Any]:
    """The currency or symbol an amount is in, or the unit a quantity counts."""
    return measure_unit()  # the same expression the records list filters a bar's pledges by


def _figure() -> ColumnElement[Any]:
    """The pledged amount, else the quantity; a zero quantity counts as a plain 0."""
    return case(
        (Record.amount.is_not(None), untyped(Record.amount.expression)),
        (func.decimal_compare(untyped(Record.quantity.expression), "0") == 0, "0"),
        else_=untyped(Record.quantity.expression),
    )


def delivered_per_pledge() -> Select[Any]:
    """Per pledge: what its live deliveries add up to (exact decimal text) and their number."""
    # A zero quantity adds nothing; adding it would change how the sum is written ("5.50").
    measure = case(
        (Delivery.amount.is_not(None), untyped(Delivery.amount.expression)),
        (func.decimal_compare(untyped(Delivery.quantity.expression), "0") == 0, None),
        else_=untyped(Delivery.quantity.expression),
    )
    return (
        select(
            Delivery.pledge_id.label("pledge_id"),
            func.decimal_sum(measure).label("total"),
            func.count(Delivery.id).label("count"),
        )
        .where(Delivery.deleted_at.is_(None))
        .group_by(Delivery.pledge_id)
    )


def _read_buckets(
    rows: Iterable[Any], by: Grouping
) -> tuple[dict[str, str], dict[tuple[str, bool, str], _Bucket]]:
    groups: dict[str, str] = {}
    buckets: dict[tuple[str, bool, str], _Bucket] = {}
    for row in rows:
        key, name = _group_name(by, row.key, row.name)
        groups[key] = name
        buckets[(key, bool(row.is_money), row.unit)] = _Bucket(
            pledged=Decimal(row.pledged),
            delivered=Decimal(row.delivered),
            ids=[int(part) for part in str(row.ids).split(",")],
            inexact=int(row.inexact),
        )
    return groups, buckets


def _group_name(by: Grouping, key: str | None, name: str | None) -> tuple[str, str]:
    if by == "donor":
        return (NO_DONOR, NO_DONOR) if key is None else (key, name or key)
    if by == "category":
        if key is None:
            return NO_CATEGORY, NO_CATEGORY
        return key, key.replace("_", " ").capitalize()
    return str(key), str(key)
