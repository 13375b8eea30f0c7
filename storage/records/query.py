"""Record filters and sort orders, turned into SQL so that listing stays fast at any size."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    type_coerce,
    union_all,
)
from sqlalchemy.types import NullType

from storage.i18n import N_, _, format_day, format_month
from storage.records import pg_search
from storage.records.periods import Period
from storage.records.search_index import FTS_TABLES, LISTED, SEARCH_TABLES, UNLISTED, listed_fts
from storage.schema import tables
from storage.schema.enums import CLOSED_PLEDGE_STATUSES, Precision, RecordKind
from storage.schema.types import DecimalText

# The tables' columns rather than the mapped classes' attributes: a query built from these
# needs no ORM mapper configuration, which cost 40 ms before the first page of a start.
RECORD = tables.records.c
PARTY = tables.parties.c
RECORD_PARTY = tables.record_parties.c
RECORD_TAG = tables.record_tags.c
PLEDGE_CATEGORY = tables.pledge_categories.c
RECORD_SOURCE = tables.record_sources.c
DELIVERY = tables.deliveries.c
STATUS_CHANGE = tables.status_changes.c


class SortKey(StrEnum):
    """The columns a records list can be sorted by."""

    TITLE = "title"
    KIND = "kind"
    STATUS = "status"
    DATE = "date"
    AMOUNT = "amount"
    DUE = "due"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Records with an event of one kind from ``start`` to ``end`` (both days included): what
    a point of the dashboard's counted timeline stands for."""

    kind: str  # "signed", "announced", "due" (a due period ending) or "status" (a change)
    start: date
    end: date

    @classmethod
    def month(cls, kind: str, day: date) -> EventFilter:
        """Such events in the calendar month of ``day``."""
        month = Period(day.replace(day=1), Precision.MONTH)
        return cls(kind, month.start, month.end)

    def describe(self) -> str:
        """ "announced in August 2025", "with a status change from 2025-08-01 to 2025-08-10"."""
        what = _(EVENT_WORDS[self.kind]) if self.kind in EVENT_WORDS else self.kind
        if self == EventFilter.month(self.kind, self.start):
            return _("{what} in {month}").format(what=what, month=format_month(self.start))
        return _("{what} from {start} to {end}").format(
            what=what, start=format_day(self.start), end=format_day(self.end)
        )


@dataclass(frozen=True, slots=True)
class Measure:
    """Pledges whose figure is money in one of ``units`` (an ISO code, or the symbol as the
    text gives it), or with ``money`` false a quantity counted in one of them: what a bar of
    the dashboard's totals adds up."""

    money: bool
    units: frozenset[str]


# Said of records: "records signed in August 2025".
EVENT_WORDS = {
    "signed": N_("signed"),
    "announced": N_("announced"),
    "due": N_("with a due period ending"),
    "status": N_("with a status change"),
}


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Which records to list, and in what order. Empty sets mean "any"."""

    kinds: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    party: str | None = None
    tag: str | None = None
    overdue: bool = False
    text: str = ""
    trash: bool = False
    ids: frozenset[int] | None = None
    sort: SortKey = SortKey.TITLE
    descending: bool = False
    include_provisions: bool = False
    event: EventFilter | None = None
    donor: str | None = None  # pledges this party (its slug) gives, not its organisations'
    category: str | None = None  # pledges in this category (not areas)
    measure: Measure | None = None
    source: int | None = None  # records resting on this source (record_sources)


def delivered_sum() -> ColumnElement[Any]:
    """What has been delivered against a pledge so far, exactly (decimal text)."""
    measure = func.coalesce(DELIVERY.amount, DELIVERY.quantity)
    total = (
        select(func.coalesce(func.decimal_sum(measure), "0"))
        .where(DELIVERY.pledge_id == RECORD.id, DELIVERY.deleted_at.is_(None))
        .scalar_subquery()
    )
    return type_coerce(total, DecimalText())


def delivery_count() -> ColumnElement[Any]:
    """How many deliveries are recorded against a pledge."""
    return (
        select(func.count(DELIVERY.id))
        .where(DELIVERY.pledge_id == RECORD.id, DELIVERY.deleted_at.is_(None))
        .scalar_subquery()
    )


def overdue_condition(today: date) -> ColumnElement[bool]:
    """The SQL twin of ``periods.is_overdue``; a test keeps the two in agreement."""
    pledged = func.coalesce(RECORD.amount, RECORD.quantity)
    unmet = case(
        (pledged.is_(None), delivery_count() == 0),
        else_=func.decimal_compare(delivered_sum(), pledged) < 0,
    )
    return and_(
        RECORD.kind == RecordKind.PLEDGE.value,
        RECORD.due_end.is_not(None),
        RECORD.due_end < today,
        RECORD.status.not_in([status.value for status in CLOSED_PLEDGE_STATUSES]),
        unmet,
    )


def sort_expression(key: SortKey) -> Any:
    """A never-NULL expression to order by, so keyset pagination can compare it; each has an
    index (those that are expressions, ``tables.SORT_*``, only as written there)."""
    expressions: dict[SortKey, Any] = {
        SortKey.TITLE: RECORD.title,
        SortKey.KIND: RECORD.kind,
        SortKey.STATUS: RECORD.status,
        SortKey.DATE: type_coerce(tables.SORT_DATE, String),
        SortKey.AMOUNT: tables.SORT_AMOUNT,
        SortKey.DUE: type_coerce(tables.SORT_DUE, String),
        SortKey.UPDATED: RECORD.updated_at,
    }
    return expressions[key]


FTS_TOKEN = re.compile(r"\w[\w\u02bc'’-]*", re.UNICODE)


def fts_match_expression(user_text: str) -> str | None:
    """Each word of the user's text becomes a quoted prefix term, all required."""
    words = FTS_TOKEN.findall(user_text)
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def search_condition(
    user_text: str, *, fts: bool, tables: tuple[str, ...] = (LISTED,)
) -> ColumnElement[bool] | None:
    """Free-text filter: FTS5 on SQLite (over the search ``tables``), the tsvector search
    table on PostgreSQL (``pg_search``), matching the same records."""
    if not user_text.strip():
        return None
    if not fts:
        return postgresql_search(user_text, tables)
    match = fts_match_expression(user_text)
    if match is None:
        return false()
    found = [select(FTS_TABLES[name].c.rowid).where(matches(name, match)) for name in tables]
    return RECORD.title_order.in_(found[0] if len(found) == 1 else union_all(*found))


def postgresql_search(user_text: str, tables: tuple[str, ...]) -> ColumnElement[bool]:
    """``search_condition`` on PostgreSQL: the records whose search row matches every word."""
    wanted = pg_search.tsquery_text(FTS_TOKEN.findall(user_text))
    if wanted is None:
        return false()
    found = select(pg_search.record_search.c.record_id).where(pg_search.matching(wanted))
    if len(tables) == 1:
        found = found.where(pg_search.record_search.c.listed == (tables[0] == LISTED))
    return RECORD.id.in_(found)


def matches(table_name: str, match: str) -> ColumnElement[bool]:
    """``table MATCH :match`` for one of the search tables."""
    return literal_column(table_name).op("MATCH")(literal(match))


def search_tables(query: RecordQuery) -> tuple[str, ...]:
    """The search tables that can hold records a query lists."""
    if query.trash:
        return (UNLISTED,)
    if query.include_provisions or RecordKind.PROVISION.value in query.kinds:
        return SEARCH_TABLES
    return (LISTED,)


def title_ordered_index(query: RecordQuery, match: str | None) -> str | None:
    """The search table whose row order is the query's order, if one is: a search (its FTS5
    ``match``) in title order over one table lists its first page from the first rows of
    an FTS5 scan."""
    if match is None or query.sort is not SortKey.TITLE:
        return None
    tables = search_tables(query)
    return tables[0] if len(tables) == 1 else None


def party_condition(party_slug: str) -> ColumnElement[bool]:
    """Records where the party, or an organisation inside it, takes part."""
    party_ids = select(PARTY.id).where(
        or_(
            PARTY.slug == party_slug,
            PARTY.parent_id.in_(select(PARTY.id).where(PARTY.slug == party_slug)),
        )
    )
    in_document = exists().where(
        RECORD_PARTY.record_id == RECORD.id, RECORD_PARTY.party_id.in_(party_ids)
    )
    return or_(RECORD.donor_id.in_(party_ids), RECORD.recipient_id.in_(party_ids), in_document)


def tag_condition(tag: str) -> ColumnElement[bool]:
    """Records covering an area or having a category."""
    # An IN over the tag indexes: per-record EXISTS probes would scan the whole table.
    tagged = select(RECORD_TAG.record_id).where(RECORD_TAG.tag == tag)
    categorised = select(PLEDGE_CATEGORY.record_id).where(PLEDGE_CATEGORY.category == tag)
    return RECORD.id.in_(tagged.union_all(categorised))


NO_CURRENCY = "(no currency)"


def measure_unit() -> ColumnElement[Any]:
    """The currency or symbol a pledged amount is in, or the unit a quantity counts: how the
    dashboard's totals tell figures apart."""
    # NULLIF: an empty code counts as none.
    currency = func.coalesce(
        func.nullif(RECORD.currency, ""), func.nullif(RECORD.currency_as_written, ""), NO_CURRENCY
    )
    return case((RECORD.amount.is_not(None), currency), else_=func.coalesce(RECORD.unit, ""))


def measure_condition(measure: Measure) -> ColumnElement[bool]:
    """Records whose figure is of that kind (money or not) and in one of those units."""
    kind = (
        RECORD.amount.is_not(None)
        if measure.money
        else and_(RECORD.amount.is_(None), RECORD.quantity.is_not(None))
    )
    return and_(kind, measure_unit().in_(sorted(measure.units)))


def donor_condition(donor_slug: str) -> ColumnElement[bool]:
    """Pledges that party gives (exactly it, as the totals group them by donor)."""
    return RECORD.donor_id.in_(select(PARTY.id).where(PARTY.slug == donor_slug))


def category_condition(category: str) -> ColumnElement[bool]:
    """Pledges in a category."""
    return RECORD.id.in_(
        select(PLEDGE_CATEGORY.record_id).where(PLEDGE_CATEGORY.category == category)
    )


def event_condition(event: EventFilter) -> ColumnElement[bool]:
    """Records with such an event in the period, counted as the timeline counts them."""
    if event.kind == "signed":
        return RECORD.signed_on.between(event.start, event.end)
    if event.kind == "announced":
        return RECORD.announced_on.between(event.start, event.end)
    if event.kind == "due":
        return and_(RECORD.due_start.is_not(None), RECORD.due_end.between(event.start, event.end))
    if event.kind == "status":
        after = datetime.combine(event.start, time(), UTC)
        before = datetime.combine(event.end + timedelta(days=1), time(), UTC)
        changed = select(STATUS_CHANGE.record_id).where(
            STATUS_CHANGE.changed_at >= after,
            STATUS_CHANGE.changed_at < before,
            STATUS_CHANGE.from_status.is_not(None),  # not the status it was entered with
        )
        return RECORD.id.in_(changed)
    raise ValueError(f"unknown kind of event: {event.kind!r}")


def live_condition(*, sqlite: bool) -> ColumnElement[bool]:
    """Records not in the trash, which is nearly all of them.

    On SQLite, said to be likely: with statistics (``ANALYZE``), the planner takes the
    average of the (kind, status, deleted_at) index for ``deleted_at IS NULL`` to be a few
    hundred records, and read that index and sorted every live record (135 ms for the first
    page by kind at 250,000 records) instead of reading the sort order's own index (1 ms).
    """
    live = RECORD.deleted_at.is_(None)
    return func.likely(live) if sqlite else live


def filter_conditions(query: RecordQuery, *, today: date, fts: bool) -> list[ColumnElement[bool]]:
    """Every WHERE condition a query implies."""
    conditions: list[ColumnElement[bool]] = [
        RECORD.deleted_at.is_not(None) if query.trash else live_condition(sqlite=fts)
    ]
    if query.kinds:
        conditions.append(RECORD.kind.in_(sorted(query.kinds)))
    elif not query.include_provisions and query.sort is SortKey.KIND:
        # Named kinds let a descending scan of the kind index skip the provisions rather
        # than step past every one; for any other order, IN would lose the sort index.
        listed = [kind.value for kind in RecordKind if kind is not RecordKind.PROVISION]
        conditions.append(RECORD.kind.in_(sorted(listed)))
    elif not query.include_provisions:
        conditions.append(RECORD.kind != RecordKind.PROVISION.value)
    if query.statuses:
        conditions.append(RECORD.status.in_(sorted(query.statuses)))
    if query.party:
        conditions.append(party_condition(query.party))
    if query.tag:
        conditions.append(tag_condition(query.tag))
    if query.overdue:
        conditions.append(overdue_condition(today))
    if query.ids is not None:
        conditions.append(RECORD.id.in_(sorted(query.ids)))
    if query.source is not None:
        resting = select(RECORD_SOURCE.record_id).where(RECORD_SOURCE.source_id == query.source)
        conditions.append(RECORD.id.in_(resting))
    if query.event is not None:
        conditions.append(event_condition(query.event))
    conditions.extend(totals_conditions(query))
    searched = search_condition(query.text, fts=fts, tables=search_tables(query))
    if searched is not None:
        conditions.append(searched)
    return conditions


def totals_conditions(query: RecordQuery) -> list[ColumnElement[bool]]:
    """The conditions that select a dashboard bar's pledges: donor, category, figure."""
    conditions: list[ColumnElement[bool]] = []
    if query.donor:
        conditions.append(donor_condition(query.donor))
    if query.category:
        conditions.append(category_condition(query.category))
    if query.measure is not None:
        conditions.append(measure_condition(query.measure))
    return conditions


# In the order ``rows.build_row`` unpacks them, followed by the sort value.
ROW_COLUMN_NAMES = (
    "id", "slug", "kind", "title", "status", "status_since", "signed_on", "announced_on",
    "amount", "quantity", "unit", "currency", "currency_as_written", "qualifier",
    "due_start", "due_end", "due_precision", "version", "deleted_at", "parties_label",
    "note_preview", "delivered_measures",
)  # fmt: skip


def row_columns() -> list[ColumnElement[Any]]:
    """The columns a records-table row is built from; long texts such as summaries stay out.

    As the driver returns them (``rows.build_row`` converts): SQLAlchemy's per-value
    type processing cost more than the query for a page of 256 rows.
    """
    return [untyped(RECORD[name]).label(name) for name in ROW_COLUMN_NAMES]


def untyped(expression: ColumnElement[Any]) -> ColumnElement[Any]:
    """The expression with no result or bind processing: values pass as the driver has them."""
    return type_coerce(expression, NullType())


def listing(
    query: RecordQuery, *, today: date, fts: bool, keyset: bool = False, limit: int | None = None
) -> Select[Any]:
    """The SELECT for a page of ``limit`` records (all of them without one).

    With ``keyset`` the page starts after the bound parameters ``after_key`` and
    ``after_id`` (a previous page's last ``sort_value`` and id, as the driver returned
    them), so one statement object serves every page of a query and is compiled once.
    """
    match = fts_match_expression(query.text) if fts else None
    index = title_ordered_index(query, match)
    if index is not None and match is not None:
        search = _title_ordered_search(query, index, match, today=today, keyset=keyset)
        return search.limit(limit)
    wanted = None if fts else pg_search.tsquery_text(FTS_TOKEN.findall(query.text))
    if wanted is not None and query.sort is SortKey.TITLE and _only_searched(query):
        return _matches_by_title(query, wanted, keyset=keyset, limit=limit)
    key = sort_expression(query.sort)
    records = select(*row_columns(), untyped(key).label("sort_value")).where(
        *filter_conditions(query, today=today, fts=fts)
    )
    if keyset:
        return _after_keyset(records, key, descending=query.descending, limit=limit)
    return records.order_by(*_ordering(key, RECORD.id, descending=query.descending)).limit(limit)


def _ordering(key: Any, record_id: Any, *, descending: bool) -> tuple[Any, Any]:
    return (key.desc(), record_id.desc()) if descending else (key, record_id)


def _after_keyset(
    records: Select[Any], key: Any, *, descending: bool, limit: int | None
) -> Select[Any]:
    """The page of ``records`` after (``after_key``, ``after_id``) in (key, id) order.

    Read as two index ranges: the rest of the records sharing the key, by id, then the
    records past it. Written as one (key, id) > (after_key, after_id), SQLite seeks on the
    key alone and steps through every record sharing it: tens of thousands share a kind,
    or have no due period, so a page deep in them cost up to 55 ms instead of 1 ms.
    """
    after_key = untyped(bindparam("after_key"))
    after_id = untyped(bindparam("after_id"))
    if descending:
        same_key = records.where(key == after_key, RECORD.id < after_id)
        beyond = records.where(key < after_key)
    else:
        same_key = records.where(key == after_key, RECORD.id > after_id)
        beyond = records.where(key > after_key)
    rest = same_key.order_by(RECORD.id.desc() if descending else RECORD.id).limit(limit)
    past = beyond.order_by(*_ordering(key, RECORD.id, descending=descending)).limit(limit)
    both = union_all(select(rest.subquery()), select(past.subquery())).subquery()
    page = select(both).order_by(*_ordering(both.c.sort_value, both.c.id, descending=descending))
    return page.limit(limit)


def _title_ordered_search(
    query: RecordQuery, index: str, match: str, *, today: date, keyset: bool
) -> Select[Any]:
    """A search page read in the search table's row order, which is title order: no match
    beyond the page is read from the records table, and nothing is sorted."""
    key = FTS_TABLES[index].c.rowid  # the records' title_order, unique: no id tiebreak
    conditions = filter_conditions(replace(query, text=""), today=today, fts=True)
    conditions.append(matches(index, match))
    if keyset:
        after = untyped(bindparam("after_key"))
        conditions.append(key < after if query.descending else key > after)
    joined = FTS_TABLES[index].join(tables.records, RECORD.title_order == key)
    statement = select(*row_columns(), untyped(key).label("sort_value")).select_from(joined)
    return statement.where(*conditions).order_by(key.desc() if query.descending else key)


def _matches_by_title(
    query: RecordQuery, wanted: str, *, keyset: bool, limit: int | None
) -> Select[Any]:
    """A search page on PostgreSQL: the listed matches' first ``limit`` by (title, id),
    taken from the search table alone (migration 0012), then their records. Walking the
    records' title index instead looked up the search row of every record until enough
    matched (tests/benchmarks/README.md)."""
    searched = pg_search.record_search.c
    key, record_id = searched.title, searched.record_id
    matched = select(record_id, key).where(searched.listed, pg_search.matching(wanted))
    if keyset:
        after = tuple_(untyped(bindparam("after_key")), untyped(bindparam("after_id")))
        position = tuple_(key, record_id)
        matched = matched.where(position < after if query.descending else position > after)
    first = (
        matched.order_by(*_ordering(key, record_id, descending=query.descending))
        .limit(limit)
        .subquery()
    )
    statement = select(*row_columns(), first.c.title.label("sort_value")).join_from(
        tables.records, first, RECORD.id == first.c.record_id
    )
    return statement.order_by(
        *_ordering(first.c.title, first.c.record_id, descending=query.descending)
    )


@lru_cache(maxsize=64)
def page_statement(
    query: RecordQuery, today: date, *, fts: bool, keyset: bool, limit: int
) -> Select[Any]:
    """``listing`` with its LIMIT, built once per query: scrolling and re-sorting only
    execute an already compiled statement."""
    return listing(query, today=today, fts=fts, keyset=keyset, limit=limit)


@lru_cache(maxsize=64)
def counting(query: RecordQuery, *, today: date, fts: bool) -> Select[Any]:
    """The SELECT that counts the records a query matches, built once per query: a count
    repeated as edits come in only executes it."""
    match = fts_match_expression(query.text) if fts else None
    if match is not None and _only_searched(query):
        return select(func.count()).select_from(listed_fts).where(matches(LISTED, match))
    wanted = None if fts else pg_search.tsquery_text(FTS_TOKEN.findall(query.text))
    if wanted is not None and _only_searched(query):
        searched = pg_search.record_search
        return select(func.count()).where(searched.c.listed, pg_search.matching(wanted))
    return select(func.count(RECORD.id)).where(*filter_conditions(query, today=today, fts=fts))


def _only_searched(query: RecordQuery) -> bool:
    """True when a query lists the records the list shows that match its text, and no
    filter narrows them: what the listed search table holds, counted by FTS5 alone."""
    return replace(query, text="", sort=SortKey.TITLE, descending=False) == RecordQuery()


# Records per kind and status, and how many of those are in the trash (``count`` skips the
# NULL ``deleted_at`` of live records): one pass over the (kind, status, deleted_at) index
# of migration 0005 instead of a table scan per figure.
KIND_STATUS_COUNTS = select(
    RECORD.kind, RECORD.status, func.count(), func.count(RECORD.deleted_at)
).group_by(RECORD.kind, RECORD.status)


__all__ = [
    "EventFilter",
    "Measure",
    "RecordQuery",
    "SortKey",
    "counting",
    "listing",
    "page_statement",
]
