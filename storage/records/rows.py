"""Records-table rows from listing results: the part of reading that start-up needs.

Kept apart from ``storage.records.readers`` (details from ORM objects) so that the first page is
read and converted without importing the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, overload

from storage.records.data import RecordRow
from storage.records.periods import Period, is_overdue
from storage.schema.enums import Precision, RecordKind

PLEDGE = RecordKind.PLEDGE.value
NOTHING = Decimal(0)
# A dict lookup, not Precision(value): an enum call costs more than the rest of the period.
PRECISIONS = {precision.value: precision for precision in Precision}
# Stored naive in UTC (``types.UtcDateTime``). Parsed with the offset appended: replacing
# tzinfo afterwards took 2 µs a row, five times the parse, a tenth of a page's conversion.
UTC_SUFFIX = "+00:00"


def due_period(start: date | None, precision: str | None) -> Period | None:
    """The stored due period, if any."""
    if start is None or precision is None:
        return None
    return Period(start, PRECISIONS[precision])


def load_rows(results: Sequence[Sequence[Any]], *, today: date) -> list[RecordRow]:
    """Records-table rows for a page of ``query.listing`` results."""
    return [build_row(result, today=today) for result in results]


class RowList(Sequence[RecordRow]):
    """Records-table rows built from their ``query.listing`` results when first read.

    A page holds 256 rows and a window shows some thirty of them; building a row (its
    dates, decimals, due period and overdue flag) costs more than fetching it, so a row
    nobody reads is never built. Each row is built once, as of the day it was listed.
    """

    __slots__ = ("_built", "_results", "_today")

    def __init__(self, results: Iterable[Sequence[Any]] = (), *, today: date) -> None:
        self._results: list[Sequence[Any]] = list(results)
        self._built: list[RecordRow | None] = [None] * len(self._results)
        self._today = today

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[RecordRow]:
        return (self[number] for number in range(len(self._results)))

    @overload
    def __getitem__(self, index: int) -> RecordRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[RecordRow]: ...

    def __getitem__(self, index: int | slice) -> RecordRow | list[RecordRow]:
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self)))]
        row = self._built[index]
        if row is None:
            row = self._built[index] = build_row(self._results[index], today=self._today)
        return row

    def record_id(self, index: int) -> int:
        """The id of the record on a row, without building the row."""
        return int(self._results[index][0])

    def position_of(self, record_id: int) -> int | None:
        """The row holding a record, if any, found without building rows."""
        for number, result in enumerate(self._results):
            if result[0] == record_id:
                return number
        return None

    def extend(self, more: RowList) -> None:
        """Append another page's rows; rows listed on another day are built now, as of
        that day, since a row's overdue flag is as of the day it was listed."""
        built = list(more) if more._today != self._today else more._built
        self._results.extend(more._results)
        self._built.extend(built)


def delivered_total(measures: str) -> tuple[Decimal, int]:
    """The sum and count of a record's ``delivered_measures`` (a JSON list of decimal texts)."""
    if measures == "[]":  # most records: no delivery, no JSON parsing
        return NOTHING, 0
    values = json.loads(measures)
    return sum((Decimal(value) for value in values), NOTHING), len(values)


def build_row(values: Sequence[Any], *, today: date) -> RecordRow:
    """One records-table row from driver values; overdue is ``periods.is_overdue`` itself."""
    (
        record_id, slug, kind, title, status, status_since, signed_on, announced_on,
        amount, quantity, unit, currency, currency_as_written, qualifier,
        due_start, due_end, due_precision, version, deleted_at, parties_label,
        note_preview, delivered_measures, _sort_value,
    ) = values  # fmt: skip
    pledge = kind == PLEDGE
    total, count = delivered_total(delivered_measures)
    amount, quantity = _decimal(amount), _decimal(quantity)
    due_end = _day(due_end)
    overdue = pledge and is_overdue(
        status=status,
        due_end=due_end,
        pledged=amount if amount is not None else quantity,
        delivered=total,
        delivery_count=count,
        today=today,
    )
    return RecordRow(
        record_id,
        slug,
        kind,
        title,
        status,
        _moment(status_since),
        parties_label,
        _day(signed_on or announced_on),
        amount,
        quantity,
        unit,
        currency,
        currency_as_written,
        qualifier,
        due_period(_day(due_start), due_precision),
        overdue,
        total if pledge else None,
        note_preview,
        version,
        deleted_at is not None,
    )


def _day(stored: str | date | None) -> date | None:
    # SQLite's driver gives text, PostgreSQL's a date.
    if stored is None or isinstance(stored, date):
        return stored
    return date.fromisoformat(stored)


def _moment(stored: str | datetime) -> datetime:
    """A stored UTC time (text from SQLite, naive from PostgreSQL) as an aware datetime."""
    if isinstance(stored, datetime):
        return stored.replace(tzinfo=UTC)
    return datetime.fromisoformat(stored + UTC_SUFFIX)


def _decimal(stored: str | None) -> Decimal | None:
    return None if stored is None else Decimal(stored)
