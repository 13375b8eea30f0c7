"""Figures for the dashboard and the command line: totals, statuses, timeline, overdue."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any, Literal, NamedTuple

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    outerjoin,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from storage.enums import (
    CLOSED_PLEDGE_STATUSES,
    DocumentStatus,
    PledgeStatus,
    RecordKind,
)
from storage.errors import NotFoundError, ValidationError
from storage.models import (
    Delivery,
    ExchangeRate,
    Party,
    PledgeCategory,
    Record,
    StatusChange,
)
from storage.query import (
    KIND_STATUS_COUNTS,
    Measure,
    RecordQuery,
    filter_conditions,
    measure_unit,
    untyped,
)
from storage.service import AccordsService
from storage.validation import (
    CURRENCY_CODE,
    MAX_TEXT_CHARS,
    clean_text,
    optional_currency,
    optional_date,
    optional_decimal,
)
from storage.views import amount_text

Grouping = Literal["donor", "category", "currency"]
GROUPINGS: tuple[Grouping, ...] = ("donor", "category", "currency")
PLEDGE = RecordKind.PLEDGE.value
NO_DONOR = "(no donor)"
NO_CATEGORY = "(no category)"
# Converting with an inverse rate divides; the quotient is rounded to this many places.
INVERSE_PLACES = Decimal("0.01")
# Enough digits that multiplying any stored amount by any stored rate is exact.
EXACT_DIGITS = 80
# Documents still waiting on what they promise; see ``overdue_list``.
AWAITING_FOLLOW_UP = frozenset({DocumentStatus.SIGNED, DocumentStatus.AWAITING_RATIFICATION})
CLOSED_PROVISION_STATUSES = frozenset(
    {
        DocumentStatus.COMPLETED,
        DocumentStatus.TERMINATED,
        DocumentStatus.SUPERSEDED,
        DocumentStatus.SUSPENDED,
    }
)
# More events than this are counted per month rather than drawn one by one (see ``timeline``).
TIMELINE_EVENT_LIMIT = 500
# Rows fetched at a time when replaying the status history.
MOVES_PER_BATCH = 2000
# A status history over more days than this gets a point per week, or per month: decades
# of days would cost seconds of drawing for no visible detail.
HISTORY_PERIODS = 2000
HistoryPeriod = Literal["day", "week", "month"]
PERIOD_KEYS: dict[HistoryPeriod, Callable[[date], object]] = {
    "day": lambda day: day,
    "week": lambda day: day.isocalendar()[:2],
    "month": lambda day: (day.year, day.month),
}
# Ids per IN list: well under SQLite's limit on bound parameters.
OWNERS_PER_QUERY = 500


# -- exchange rates -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RateView:
    """One exchange rate: 1 ``from_currency`` = ``rate`` ``to_currency`` on ``on_date``."""

    id: int
    from_currency: str
    to_currency: str
    rate: Decimal
    on_date: date
    source: str
    version: int


def set_rate(
    service: AccordsService,
    from_ccy: str,
    to_ccy: str,
    rate: object,
    on_date: date | str,
    source: str = "",
) -> int:
    """Store what 1 ``from_ccy`` was worth in ``to_ccy`` on a day; returns the rate's id.

    Currencies are ISO 4217 codes; the rate is an exact positive number (text, int or
    Decimal, never a float). A rate for the same pair and day is replaced.
    """
    pair_from, pair_to = _pair(from_ccy, to_ccy)
    value = _rate(rate)
    day = _day(on_date)
    note = clean_text(source, "rate_source", limit=MAX_TEXT_CHARS).strip()
    with service.db.writing() as session:
        row = _rate_on(session, pair_from, pair_to, day)
        if row is None:
            row = ExchangeRate(from_currency=pair_from, to_currency=pair_to, on_date=day)
            session.add(row)
        row.rate = value
        row.source = note
        session.flush()
        return row.id


def find_rate(
    service: AccordsService, from_ccy: str, to_ccy: str, on_date: date | str
) -> RateView | None:
    """The rate stored for a pair on exactly that day, if any (the one ``set_rate`` replaces)."""
    pair_from, pair_to = _pair(from_ccy, to_ccy)
    with service.db.reading() as session:
        row = _rate_on(session, pair_from, pair_to, _day(on_date))
        return None if row is None else _rate_view(row)


def restore_rate(service: AccordsService, rate: RateView) -> None:
    """Put back a removed rate under its own id, as it was when removed (for Undo)."""
    with service.db.writing() as session:
        taken = _rate_on(session, rate.from_currency, rate.to_currency, rate.on_date)
        if taken is not None:
            raise ValidationError(
                f"a rate for {rate.from_currency} to {rate.to_currency} on "
                f"{rate.on_date.isoformat()} was stored since; that one is kept."
            )
        session.add(
            ExchangeRate(
                id=rate.id,
                from_currency=rate.from_currency,
                to_currency=rate.to_currency,
                rate=rate.rate,
                on_date=rate.on_date,
                source=rate.source,
            )
        )


def update_rate(
    service: AccordsService,
    rate_id: int,
    *,
    rate: object = None,
    on_date: date | str | None = None,
    source: str | None = None,
) -> RateView:
    """Change the rate, day or source of a stored rate; returns it as stored now."""
    value = None if rate is None else _rate(rate)
    day = None if on_date is None else _day(on_date)
    note = (
        None if source is None else clean_text(source, "rate_source", limit=MAX_TEXT_CHARS).strip()
    )
    with service.db.writing() as session:
        row = _rate_row(session, rate_id)
        if value is not None:
            row.rate = value
        if day is not None:
            row.on_date = day
        if note is not None:
            row.source = note
        session.flush()
        return _rate_view(row)


def list_rates(service: AccordsService) -> list[RateView]:
    """Every stored rate, by pair and then newest first."""
    with service.db.reading() as session:
        rows = session.scalars(
            select(ExchangeRate).order_by(
                ExchangeRate.from_currency,
                ExchangeRate.to_currency,
                ExchangeRate.on_date.desc(),
                ExchangeRate.id,
            )
        )
        return [_rate_view(row) for row in rows]


def get_rate(service: AccordsService, rate_id: int) -> RateView:
    """One stored rate."""
    with service.db.reading() as session:
        return _rate_view(_rate_row(session, rate_id))


def delete_rate(service: AccordsService, rate_id: int) -> RateView:
    """Remove a stored rate; returns what it was, so that it can be set again."""
    with service.db.writing() as session:
        row = _rate_row(session, rate_id)
        view = _rate_view(row)
        session.delete(row)
        return view


def rate_for(
    service: AccordsService, from_ccy: str, to_ccy: str, *, on: date | None = None
) -> Decimal | None:
    """What 1 ``from_ccy`` is worth in ``to_ccy`` by the newest rate on or before ``on``."""
    day = on or service.clock()
    with service.db.reading() as session:
        return _Rates(session, day).factor(from_ccy, to_ccy)


def rate_currencies(service: AccordsService) -> list[str]:
    """Every ISO code used by a pledge or by a rate, alphabetically: the reporting choices."""
    with service.db.reading() as session:
        codes = set(
            session.scalars(
                select(Record.currency)
                .distinct()
                .where(Record.currency.is_not(None), Record.deleted_at.is_(None))
            )
        )
        codes |= set(session.scalars(select(ExchangeRate.from_currency).distinct()))
        codes |= set(session.scalars(select(ExchangeRate.to_currency).distinct()))
    return sorted(code for code in codes if code)


class _Rates:
    """The rates in force on a day, with the inverse of each pair as a fallback."""

    def __init__(self, session: Session, day: date) -> None:
        newest: dict[tuple[str, str], tuple[date, Decimal]] = {}
        for row in session.execute(
            select(
                ExchangeRate.from_currency,
                ExchangeRate.to_currency,
                ExchangeRate.on_date,
                ExchangeRate.rate,
            )
            .where(ExchangeRate.on_date <= day)
            .order_by(ExchangeRate.on_date, ExchangeRate.id)
        ):
            newest[(row.from_currency, row.to_currency)] = (row.on_date, row.rate)
        self.newest = newest

    def factor(self, from_ccy: str, to_ccy: str) -> Decimal | None:
        """1 ``from_ccy`` in ``to_ccy``, or None; exact for a direct rate."""
        return self.convert(Decimal(1), from_ccy, to_ccy)

    def convert(self, amount: Decimal, from_ccy: str, to_ccy: str) -> Decimal | None:
        """``amount`` of ``from_ccy`` in ``to_ccy``, or None when no rate says.

        A direct rate multiplies exactly. An inverse rate divides, rounded half-even to
        ``INVERSE_PLACES``. When both exist the newer wins, the direct one on a tie.
        """
        if from_ccy == to_ccy:
            return amount
        direct = self.newest.get((from_ccy, to_ccy))
        inverse = self.newest.get((to_ccy, from_ccy))
        with localcontext() as context:
            context.prec = EXACT_DIGITS
            if direct is not None and (inverse is None or direct[0] >= inverse[0]):
                return _plain(amount * direct[1])
            if inverse is not None:
                return _plain((amount / inverse[1]).quantize(INVERSE_PLACES, ROUND_HALF_EVEN))
        return None


# -- totals -------------------------------------------------------------------------------


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
            f"{amount_text(amount, currency)} (no rate for '{currency}')"
            for currency, amount in self.unconverted.items()
        ]
        return "total excludes " + ", ".join(parts)


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
        raise ValidationError(f"totals are by {', '.join(GROUPINGS)}; not {by!r}", field="by")
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
        rates = _Rates(session, today)
    return _total_rows(groups, buckets, by=by, query=base, reporting=reporting, rates=rates)


def _total_rows(
    groups: Mapping[str, str],
    buckets: Mapping[tuple[str, bool, str], _Bucket],
    *,
    by: Grouping,
    query: RecordQuery,
    reporting: str | None,
    rates: _Rates,
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

    def converted(self, money: dict[str, _Bucket], reporting: str, rates: _Rates) -> TotalRow:
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
    delivered = _delivered_per_pledge().where(Delivery.pledge_id.in_(wanted)).subquery()
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


def _delivered_per_pledge() -> Select[Any]:
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


# -- statuses -----------------------------------------------------------------------------


class StatusCount(NamedTuple):
    """How many live records of a kind are in a status now."""

    kind: str
    status: str
    total: int


class StatusPoint(NamedTuple):
    """How many live records were in ``status`` at the end of ``day``."""

    day: date
    status: str
    total: int


def status_order() -> tuple[str, ...]:
    """Every status, documents first, each kind in life order."""
    return (*(s.value for s in DocumentStatus), *(s.value for s in PledgeStatus))


def status_counts(service: AccordsService) -> list[StatusCount]:
    """Live documents and pledges (not provisions, not the trash) per kind and status."""
    with service.db.reading() as session:
        rows = session.execute(KIND_STATUS_COUNTS).all()
    order = {status: index for index, status in enumerate(status_order())}
    counts = [
        StatusCount(kind, status, total - trashed)
        for kind, status, total, trashed in rows
        if kind != RecordKind.PROVISION.value and total > trashed
    ]
    return sorted(counts, key=lambda c: (c.kind != "document", order.get(c.status, 99), c.status))


class StatusHistory(NamedTuple):
    """The status counts over time, a point per status at the end of each ``period``."""

    period: HistoryPeriod
    points: list[StatusPoint]


def status_history(service: AccordsService, *, most: int = HISTORY_PERIODS) -> StatusHistory:
    """The number of live documents and pledges in each status over time, from the history.

    The period is the finest of day, week and month that gives at most ``most`` of them
    (at coarsest a month). A point per status is given at the end of the last day, in each
    period, on which some status changed (replaying the ``status_changes`` table), with the
    count at the end of that day; a status gets points from the first such day on which
    it counts records, and a zero point when it drops to zero. A final point at today (the
    service's clock) is added when today is after the last change, so lines run up to now;
    it stands for its period.
    """
    days, moves = _daily_moves(service)
    today = service.clock()
    if days and today > days[-1]:
        days.append(today)
        moves.append([])
    period, ends = _period_ends(days, most)
    tally: dict[str, int] = defaultdict(int)
    points: list[StatusPoint] = []
    seen: list[str] = []
    for day, day_moves in zip(days, moves, strict=True):
        for entered, left, count in day_moves:
            tally[entered] += count
            if left is not None:
                tally[left] -= count
        if day not in ends:
            continue
        if any(total and status not in seen for status, total in tally.items()):
            seen = _ordered({*seen, *(status for status, total in tally.items() if total)})
        points.extend(StatusPoint(day, status, tally[status]) for status in seen)
    return StatusHistory(period, points)


def status_timeline(service: AccordsService) -> list[StatusPoint]:
    """``status_history`` day by day, however many days that is."""
    return status_history(service, most=sys.maxsize).points


Move = tuple[str, str | None, int]  # entered, left (None for a record's first status), count


def _daily_moves(service: AccordsService) -> tuple[list[date], list[list[Move]]]:
    """The days on which some status changed, in order, and each day's moves."""
    days: list[date] = []
    moves: list[list[Move]] = []
    with service.db.reading() as session:
        rows = session.connection().execution_options(yield_per=MOVES_PER_BATCH)
        for changed_on, entered, left, count in rows.execute(_status_moves()):
            day = date.fromisoformat(changed_on)
            if not days or days[-1] != day:
                days.append(day)
                moves.append([])
            moves[-1].append((entered, left, count))
    return days, moves


def _status_moves() -> Select[Any]:
    """How many live records moved from one status to another on each day, by day.

    A change's ``from_status`` is the status its record was in, which is the one its
    previous change entered: every status change, undo included, goes through the history.
    """
    listed = select(Record.id).where(
        Record.deleted_at.is_(None), Record.kind != RecordKind.PROVISION.value
    )
    day = func.date(StatusChange.changed_at)
    return (
        select(day, StatusChange.to_status, StatusChange.from_status, func.count())
        .where(StatusChange.record_id.in_(listed))
        .group_by(day, StatusChange.to_status, StatusChange.from_status)
        .order_by(day)
    )


def _period_ends(days: Sequence[date], most: int) -> tuple[HistoryPeriod, set[date]]:
    """The finest period giving at most ``most`` points (at coarsest a month), and the last
    of ``days`` in each."""
    fits = (p for p, key in PERIOD_KEYS.items() if len({key(day) for day in days}) <= most)
    period: HistoryPeriod = next(fits, "month")
    key = PERIOD_KEYS[period]
    return period, set({key(day): day for day in days}.values())  # in order: the last stays


def _ordered(statuses: Iterable[str]) -> list[str]:
    order = {status: index for index, status in enumerate(status_order())}
    return sorted(statuses, key=lambda s: (order.get(s, 99), s))


# -- timeline -----------------------------------------------------------------------------

EventKind = Literal["signed", "announced", "due", "status"]
EVENT_KINDS: tuple[EventKind, ...] = ("signed", "announced", "due", "status")


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something that happened, or is due, to a record on a day (a due period has an end)."""

    day: date
    kind: EventKind
    record_id: int
    record_slug: str
    record_kind: str
    title: str
    label: str
    end: date | None = None
    initial: bool = False  # a status event that only records the status the record began with


def timeline_events(service: AccordsService) -> list[TimelineEvent]:
    """Signing and announcement dates, due periods and status changes of live records.

    Provisions are included (their due periods and status changes matter); events are in
    date order, then by record.
    """
    events: list[TimelineEvent] = []
    with service.db.reading() as session:
        records = session.execute(
            select(
                Record.id,
                Record.slug,
                Record.kind,
                Record.title,
                Record.signed_on,
                Record.announced_on,
                Record.due_start,
                Record.due_end,
            ).where(Record.deleted_at.is_(None))
        ).all()
        changes = session.execute(
            select(
                StatusChange.record_id,
                StatusChange.from_status,
                StatusChange.to_status,
                StatusChange.changed_at,
            )
            .join(Record, Record.id == StatusChange.record_id)
            .where(Record.deleted_at.is_(None))
            .order_by(StatusChange.changed_at, StatusChange.id)
        ).all()
    by_id = {r.id: r for r in records}
    for r in records:
        same = (r.id, r.slug, r.kind, r.title)
        if r.signed_on is not None:
            events.append(TimelineEvent(r.signed_on, "signed", *same, "signed"))
        if r.announced_on is not None:
            events.append(TimelineEvent(r.announced_on, "announced", *same, "announced"))
        if r.due_start is not None and r.due_end is not None:
            label = f"due {r.due_start} to {r.due_end}"
            events.append(TimelineEvent(r.due_start, "due", *same, label, r.due_end))
    for record_id, from_status, to_status, changed_at in changes:
        r = by_id[record_id]
        text = f"{from_status} → {to_status}" if from_status else f"recorded as {to_status}"
        events.append(
            TimelineEvent(
                changed_at.date(),
                "status",
                r.id,
                r.slug,
                r.kind,
                r.title,
                text,
                initial=from_status is None,
            )
        )
    return sorted(events, key=lambda e: (e.day, e.record_id, e.kind))


@dataclass(frozen=True, slots=True)
class TimelineCount:
    """How many events of a kind fall in the month that begins on ``month``.

    A due period counts in the month it ends; a status change that only records the status
    a record began with is not counted.
    """

    month: date
    kind: EventKind
    total: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """The timeline: each event when there are few, else counts per month and kind.

    ``total`` is the number of events ``timeline_events`` would give, whichever is shown.
    """

    total: int
    events: tuple[TimelineEvent, ...] = ()
    counts: tuple[TimelineCount, ...] = ()

    @property
    def aggregated(self) -> bool:
        """True when the events are counted per month rather than listed."""
        return self.total > 0 and not self.events


def timeline(service: AccordsService, *, limit: int = TIMELINE_EVENT_LIMIT) -> Timeline:
    """Every event (as ``timeline_events``) when there are at most ``limit``, else counts.

    Beyond a few hundred events a chart of one lane per record is unreadable and loading
    them all costs seconds and hundreds of MiB, so they are counted per month in SQL.
    """
    with service.db.reading() as session:
        rows = session.connection().execute(_event_counts()).all()
    total = sum(int(count) for _month, _kind, _initial, count in rows)
    if total <= limit:
        return Timeline(total, events=tuple(timeline_events(service)))
    counts = [
        TimelineCount(date.fromisoformat(f"{month}-01"), kind, int(count))
        for month, kind, initial, count in rows
        if not initial
    ]
    return Timeline(total, counts=tuple(sorted(counts, key=_count_order)))


def _count_order(count: TimelineCount) -> tuple[date, int]:
    return count.month, EVENT_KINDS.index(count.kind)


def _event_counts() -> CompoundSelect[Any]:
    """Events per month, kind and whether they are initial statuses, as (month, kind,
    initial, count) rows with the month as "YYYY-MM"."""
    live = Record.deleted_at.is_(None)

    def by_month(day: Any, kind: str, *conditions: ColumnElement[bool]) -> Select[Any]:
        month = func.substr(day, 1, 7)
        return (
            select(month, literal(kind), literal(False), func.count())
            .where(live, *conditions)
            .group_by(month)
        )

    month = func.substr(StatusChange.changed_at, 1, 7)
    initial = StatusChange.from_status.is_(None)
    changes = (
        select(month, literal("status"), initial, func.count())
        .join(Record, Record.id == StatusChange.record_id)
        .where(live)
        .group_by(month, initial)
    )
    return union_all(
        by_month(Record.signed_on, "signed", Record.signed_on.is_not(None)),
        by_month(Record.announced_on, "announced", Record.announced_on.is_not(None)),
        by_month(Record.due_end, "due", Record.due_start.is_not(None), Record.due_end.is_not(None)),
        changes,
    )


# -- overdue ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """A pledge or provision past its due period, or a document whose follow-up is late."""

    record_id: int
    slug: str
    kind: str
    title: str
    status: str
    due_end: date
    days_late: int
    reason: str
    pledged: Decimal | None = None
    delivered: Decimal | None = None
    unit: str = ""


class _Late(NamedTuple):
    """A late pledge or provision as read (a tuple: Row attributes cost a second at 50,000)."""

    id: int
    slug: str
    kind: str
    title: str
    status: str
    due_end: date
    amount: Decimal | None
    quantity: Decimal | None
    currency: str | None
    currency_as_written: str | None
    unit: str | None
    parent_id: int | None
    from_document_id: int | None
    delivered: str  # decimal text


def overdue_list(service: AccordsService) -> list[OverdueItem]:
    """What is late on the service's today, most days late first.

    - A pledge is overdue when its due period ended before today, it is neither delivered
      nor cancelled, and less than its figure is delivered (``periods.is_overdue``; a pledge
      without a figure is overdue until anything is delivered).
    - A provision is overdue when its due period ended and it is not completed,
      terminated, superseded or suspended.
    - A document's follow-up is past due when it is still only signed or awaiting
      ratification and one of its provisions, or a pledge made under it (a pledge whose
      "from document" is it), is overdue by the rules above. Its days late are those of
      its most overdue item.

    ``days_late`` counts days after the end of the due period: the day after it is one.
    """
    today = service.clock()
    items: list[OverdueItem] = []
    late_children: dict[int, list[OverdueItem]] = defaultdict(list)
    with service.db.reading() as session:
        connection = session.connection()
        for row in map(_Late._make, connection.execute(_late_records(today))):
            item = _late_item(row, today)
            items.append(item)
            owner = row.parent_id if row.kind != PLEDGE else row.from_document_id
            if owner is not None:
                late_children[owner].append(item)
        items.extend(_late_documents(connection, late_children))
    return sorted(items, key=lambda i: (-i.days_late, i.title.casefold(), i.record_id))


def _late_records(today: date) -> Select[Any]:
    """Late pledges and provisions by id, each pledge with what was delivered against it.

    The SQL twin of ``periods.is_overdue`` (as ``query.overdue_condition``), with the
    deliveries summed once per pledge rather than looked up per record.
    """
    delivered = _delivered_per_pledge().subquery()
    done = func.coalesce(delivered.c.total, "0")
    pledged = func.coalesce(untyped(Record.amount.expression), untyped(Record.quantity.expression))
    unmet = case(
        (pledged.is_(None), func.coalesce(delivered.c.count, 0) == 0),
        else_=func.decimal_compare(done, pledged) < 0,
    )
    late_pledge = and_(
        Record.kind == PLEDGE,
        Record.status.not_in([s.value for s in CLOSED_PLEDGE_STATUSES]),
        unmet,
    )
    late_provision = and_(
        Record.kind == RecordKind.PROVISION.value,
        Record.status.not_in([s.value for s in CLOSED_PROVISION_STATUSES]),
    )
    return (
        select(
            *(getattr(Record, name) for name in _Late._fields[:-1]),
            done.label("delivered"),
        )
        .outerjoin(delivered, delivered.c.pledge_id == Record.id)
        .where(
            Record.deleted_at.is_(None),
            Record.due_end.is_not(None),
            Record.due_end < today,
            or_(late_pledge, late_provision),
        )
        .order_by(Record.id)
    )


def _late_documents(
    connection: Connection, late_children: Mapping[int, list[OverdueItem]]
) -> Iterator[OverdueItem]:
    """The documents still awaiting follow-up among the owners of late items."""
    owners = sorted(late_children)
    for start in range(0, len(owners), OWNERS_PER_QUERY):
        documents = connection.execute(
            select(Record.id, Record.slug, Record.kind, Record.title, Record.status).where(
                Record.id.in_(owners[start : start + OWNERS_PER_QUERY]),
                Record.kind == RecordKind.DOCUMENT.value,
                Record.deleted_at.is_(None),
                Record.status.in_([s.value for s in AWAITING_FOLLOW_UP]),
            )
        )
        for document in documents:
            late = sorted(late_children[document.id], key=lambda i: -i.days_late)
            worst = late[0]
            names = ", ".join(i.title for i in late)
            yield OverdueItem(
                record_id=document.id,
                slug=document.slug,
                kind=document.kind,
                title=document.title,
                status=document.status,
                due_end=worst.due_end,
                days_late=worst.days_late,
                reason=f"still {document.status.replace('_', ' ')}; overdue: {names}",
            )


def _late_item(row: _Late, today: date) -> OverdueItem:
    days = (today - row.due_end).days
    same = (row.id, row.slug, row.kind, row.title, row.status, row.due_end, days)
    if row.kind != PLEDGE:
        status = row.status.replace("_", " ")
        return OverdueItem(*same, f"due by {row.due_end}, still {status}")
    pledged = row.amount if row.amount is not None else row.quantity
    delivered = Decimal(row.delivered)
    unit = (
        (row.currency or row.currency_as_written or "")
        if row.amount is not None
        else (row.unit or "")
    )
    if pledged is None:
        reason = f"due by {row.due_end}; nothing delivered"
    else:
        reason = (
            f"due by {row.due_end}; {amount_text(delivered, unit)} of "
            f"{amount_text(pledged, unit)} delivered"
        )
    return OverdueItem(*same, reason, pledged, delivered, unit)


# -- helpers ------------------------------------------------------------------------------


def _pair(from_ccy: str, to_ccy: str) -> tuple[str, str]:
    pair_from = optional_currency(from_ccy, "from_currency")
    pair_to = optional_currency(to_ccy, "to_currency")
    if pair_from is None or pair_to is None:
        raise ValidationError("a rate needs two currencies, such as CAD and USD", field="currency")
    if pair_from == pair_to:
        raise ValidationError(
            f"a rate converts between two currencies; both are {pair_from}", field="currency"
        )
    return pair_from, pair_to


def _rate(value: object) -> Decimal:
    number = optional_decimal(value, "rate")
    if number is None or number == 0:
        raise ValidationError("a rate must be a number above zero, such as 0.7312", field="rate")
    return number


def _day(value: object) -> date:
    day = optional_date(value, "rate_date")
    if day is None:
        raise ValidationError("a rate needs the day it applies to", field="on_date")
    return day


def _rate_on(session: Session, from_ccy: str, to_ccy: str, day: date) -> ExchangeRate | None:
    return session.scalars(
        select(ExchangeRate).where(
            ExchangeRate.from_currency == from_ccy,
            ExchangeRate.to_currency == to_ccy,
            ExchangeRate.on_date == day,
        )
    ).one_or_none()


def _rate_row(session: Session, rate_id: int) -> ExchangeRate:
    row = session.get(ExchangeRate, rate_id)
    if row is None:
        raise NotFoundError(f"There is no exchange rate {rate_id}.")
    return row


def _rate_view(row: ExchangeRate) -> RateView:
    return RateView(
        row.id, row.from_currency, row.to_currency, row.rate, row.on_date, row.source, row.version
    )


def _plain(value: Decimal) -> Decimal:
    """A Decimal without trailing zeros after the point, and never in exponent form."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def describe_rows(rows: Sequence[TotalRow]) -> list[str]:
    """Plain lines for the command line: "Canada · CAD: pledged …, delivered …"."""
    lines = []
    for row in rows:
        line = (
            f"{row.caption}: pledged {amount_text(row.pledged, row.unit)}, "
            f"delivered {amount_text(row.delivered, row.unit)}"
        )
        if row.inexact:
            line += f" ({row.inexact} figure(s) are bounds or approximations)"
        if warning := row.warning():
            line += f"; {warning}"
        lines.append(line)
    return lines


__all__ = [
    "GROUPINGS",
    "OverdueItem",
    "RateView",
    "StatusCount",
    "StatusHistory",
    "StatusPoint",
    "Timeline",
    "TimelineCount",
    "TimelineEvent",
    "TotalRow",
    "delete_rate",
    "describe_rows",
    "find_rate",
    "get_rate",
    "list_rates",
    "overdue_list",
    "rate_currencies",
    "rate_for",
    "restore_rate",
    "set_rate",
    "status_counts",
    "status_history",
    "status_order",
    "status_timeline",
    "timeline",
    "timeline_events",
    "totals",
    "update_rate",
]
