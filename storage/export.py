"""CSV export of records: stable documented columns, streamed a page at a time, never half-done."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import CompoundSelect, Row, Select, select

from storage.csvfile import CellValue, write_csv
from storage.models import (
    Annotation,
    Note,
    Party,
    Person,
    PledgeCategory,
    RecordTag,
    Role,
    Signatory,
    Source,
)
from storage.query import RecordQuery
from storage.service import AccordsService
from storage.views import RecordRow

COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "status",
    "status_since",
    "date",
    "parties",
    "signatories",
    "amount",
    "currency",
    "qualifier",
    "due",
    "overdue",
    "delivered",
    "areas_categories",
    "notes",
    "quote",
    "source",
)
NUMERIC_COLUMNS = frozenset({"amount", "delivered"})
BATCH = 1000
LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export and how."""

    query: RecordQuery = field(default_factory=RecordQuery)
    excel: bool = False
    delimiter: str = ","
    include_notes: bool = True


def export_csv(
    service: AccordsService,
    target: Path | None,
    options: ExportOptions,
    *,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write the records ``options.query`` matches to ``target`` (None: standard output)."""
    columns = [c for c in COLUMNS if options.include_notes or c != "notes"]
    numeric = frozenset(i for i, name in enumerate(columns) if name in NUMERIC_COLUMNS)
    rows = export_rows(service, options.query, columns)
    return write_csv(
        target,
        columns,
        rows,
        excel=options.excel,
        delimiter=options.delimiter,
        numeric_columns=numeric,
        progress=progress,
    )


def export_rows(
    service: AccordsService, query: RecordQuery, columns: Sequence[str] = COLUMNS
) -> Iterator[list[CellValue]]:
    """One list of cells per record, in ``columns`` order, a batch of records at a time."""
    after = None
    while True:
        page = service.list_page(query, limit=BATCH, after=after)
        extras = _Extras.load(service, [row.id for row in page.rows])
        for row in page.rows:
            cells = _cells(row, extras)
            yield [cells[name] for name in columns]
        if page.cursor is None:
            return
        after = page.cursor


def _cells(row: RecordRow, extras: _Extras) -> dict[str, CellValue]:
    pledged = row.amount if row.amount is not None else row.quantity
    quote, source = extras.quotes.get(row.id, ("", ""))
    return {
        "id": row.slug,
        "kind": row.kind,
        "title": row.title,
        "status": row.status,
        "status_since": row.status_since.isoformat(timespec="seconds"),
        "date": row.key_date.isoformat() if row.key_date else "",
        "parties": row.parties,
        "signatories": LIST_SEPARATOR.join(extras.signatories.get(row.id, ())),
        "amount": pledged,
        "currency": row.currency or row.currency_as_written or row.unit or "",
        "qualifier": row.qualifier or "",
        "due": str(row.due) if row.due else "",
        "overdue": "yes" if row.overdue else "no",
        "delivered": row.delivered,
        "areas_categories": LIST_SEPARATOR.join(extras.tags.get(row.id, ())),
        "notes": "\n\n".join(extras.notes.get(row.id, ())),
        "quote": quote,
        "source": source,
    }


@dataclass(frozen=True, slots=True)
class _Extras:
    """The many-valued columns of one batch of records, fetched in a few IN queries."""

    signatories: dict[int, list[str]]
    tags: dict[int, list[str]]
    notes: dict[int, list[str]]
    quotes: dict[int, tuple[str, str]]

    @classmethod
    def load(cls, service: AccordsService, ids: list[int]) -> _Extras:
        if not ids:
            return cls({}, {}, {}, {})
        with service.reading() as session:
            return cls(
                _grouped(session.execute(_signatories(ids)).all()),
                _grouped(session.execute(_tags(ids)).all()),
                _grouped(session.execute(_notes(ids)).all()),
                _record_quotes(session.execute(_quotes(ids)).all()),
            )


def _grouped(pairs: Iterable[Row[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for record_id, text in pairs:
        grouped[record_id].append(text)
    return grouped


def _record_quotes(rows: Iterable[Row[int | None, str, str]]) -> dict[int, tuple[str, str]]:
    # Rows come newest first, so the oldest (the seeded quote) wins.
    return {record_id: (quote, title) for record_id, quote, title in rows if record_id is not None}


def _signatories(ids: list[int]) -> Select[int, str]:
    label = Person.name + " (" + Role.title + ", " + Party.name + ")"
    return (
        select(Signatory.record_id, label)
        .join(Role, Role.id == Signatory.role_id)
        .join(Person, Person.id == Role.person_id)
        .join(Party, Party.id == Role.party_id)
        .where(Signatory.record_id.in_(ids))
        .order_by(Signatory.id)
    )


def _tags(ids: list[int]) -> CompoundSelect[int, str]:
    return (
        select(RecordTag.record_id, RecordTag.tag.label("tag"))
        .where(RecordTag.record_id.in_(ids))
        .union_all(
            select(PledgeCategory.record_id, PledgeCategory.category).where(
                PledgeCategory.record_id.in_(ids)
            )
        )
        .order_by("tag")
    )


def _notes(ids: list[int]) -> Select[int, str]:
    return select(Note.record_id, Note.body).where(Note.record_id.in_(ids)).order_by(Note.id)


def _quotes(ids: list[int]) -> Select[int | None, str, str]:
    return (
        select(Annotation.record_id, Annotation.quote, Source.title)
        .join(Source, Source.id == Annotation.source_id)
        .where(
            Annotation.record_id.in_(ids),
            Annotation.field.is_(None),
            Annotation.deleted_at.is_(None),
        )
        .order_by(Annotation.id.desc())
    )
