"""CSV export of records: stable documented columns, streamed in one pass, never half-done."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    ColumnElement,
    CompoundSelect,
    Executable,
    Integer,
    Row,
    ScalarSelect,
    Select,
    String,
    Subquery,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute

from storage.db.dbfile import check_export_target
from storage.records.data import RecordRow
from storage.records.query import RecordQuery, filter_conditions, overdue_condition, sort_expression
from storage.schema.enums import RecordKind
from storage.schema.models import (
    Annotation,
    Note,
    Party,
    Person,
    PledgeCategory,
    Record,
    RecordTag,
    Role,
    Signatory,
    Source,
    StatusChange,
)
from storage.service import AccordsService
from storage.transfer.csvfile import FORMULA_TRIGGERS, CellValue, write_csv, write_csv_lines

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
NOTE_SEPARATOR = "\n\n"
LINE_END = "\r\n"


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
    """Write the records ``options.query`` matches to ``target`` (None: standard output).

    Never over the database itself (by any name), its WAL files, or any SQLite file.
    """
    if target is not None:
        check_export_target(Path(target), service.db.path)
    if service.db.engine.dialect.name != "sqlite":
        return export_csv_paged(service, target, options, progress=progress)
    columns = _columns(options)
    statement = export_statement(
        options.query,
        columns,
        today=service.clock(),
        excel=options.excel,
        delimiter=options.delimiter,
    )
    # Closed as soon as writing ends, so a failed or cancelled export ends its read at once.
    with closing(_sql_lines(service, statement)) as lines:
        return write_csv_lines(
            target,
            columns,
            lines,
            excel=options.excel,
            delimiter=options.delimiter,
            progress=progress,
        )


def _sql_lines(service: AccordsService, statement: Select[str]) -> Generator[str]:
    """The statement's lines, read BATCH at a time in one transaction (a consistent snapshot)."""
    with service.db.reading() as session:
        result = session.connection().execute(statement)
        for batch in result.scalars().partitions(BATCH):
            yield from batch


def export_csv_paged(
    service: AccordsService,
    target: Path | None,
    options: ExportOptions,
    *,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """``export_csv`` for any database: listing pages of records, cells formatted in Python."""
    columns = _columns(options)
    numeric = frozenset(i for i, name in enumerate(columns) if name in NUMERIC_COLUMNS)
    return write_csv(
        target,
        columns,
        export_rows(service, options.query, columns),
        excel=options.excel,
        delimiter=options.delimiter,
        numeric_columns=numeric,
        progress=progress,
    )


def _columns(options: ExportOptions) -> list[str]:
    return [c for c in COLUMNS if options.include_notes or c != "notes"]


# -- SQLite: one SELECT renders every line -------------------------------------------------
#
# Paging through the listing and formatting every cell in Python took four times as long as
# the sqlite3 shell's own CSV output, so on SQLite one statement computes every cell,
# neutralises it for the Excel profile and quotes it, in the exact text ``csvfile.format_cell``
# and ``csv.writer`` would give; Python only writes the lines.
# Decimals are stored as their exact "f" text (``types.DecimalText``) and times in SQLAlchemy's
# "YYYY-MM-DD HH:MM:SS.ffffff", which is what lets SQL reproduce Python's text for them.


def export_statement(
    query: RecordQuery,
    columns: Sequence[str],
    *,
    today: date,
    excel: bool = False,
    delimiter: str = ",",
) -> Select[str]:
    """The SQLite SELECT of one finished CSV line per record, in the listing's order."""
    fields = _Fields(excel, delimiter)
    cells = [_SQL_CELLS[name](fields, today) for name in columns]
    separator = _sql_string(delimiter)
    line = reduce(lambda left, right: left.concat(separator).concat(right), cells)
    key = sort_expression(query.sort)
    ordering = (key.desc(), Record.id.desc()) if query.descending else (key, Record.id)
    # Full-text search is SQLite's FTS5 table, as the listing uses on SQLite.
    return (
        select(type_coerce(line.concat(_sql_string(LINE_END)), String()))
        .where(*filter_conditions(query, today=today, fts=True))
        .order_by(*ordering)
    )


def _sql_string(text: str) -> ColumnElement[str]:
    """A string literal written into the SQL itself.

    Not a bound parameter: SQLite treats each parameter as a different expression, so an
    aggregate formatted with parameters would be computed once per mention.
    """
    return literal_column("'" + text.replace("'", "''") + "'", String())


def _glob_class(characters: Iterable[str]) -> str:
    # In a GLOB set a leading "-" is literal; anywhere else it would make a range.
    return "[" + "".join(sorted(characters, key=lambda c: c != "-")) + "]"


_Value = ColumnElement[Any] | InstrumentedAttribute[Any]


@dataclass(frozen=True, slots=True)
class _Fields:
    """SQL twins of ``csvfile.format_cell`` and ``csv.QUOTE_MINIMAL`` for one delimiter."""

    excel: bool
    delimiter: str

    def text(self, value: _Value) -> ColumnElement[str]:
        """A text cell, as a field: neutralised for Excel if it could start a formula, quoted."""
        value = type_coerce(value, String())
        if not self.excel:
            return self._quoted(value, None)
        formula = value.op("GLOB", is_comparison=True)(
            _sql_string(_glob_class(FORMULA_TRIGGERS) + "*")
        )
        return self._quoted(value, case((formula, _sql_string("'")), else_=_sql_string("")))

    def number(self, value: _Value) -> ColumnElement[str]:
        """A decimal's "f" text, as a field: Excel only neutralises a non-finite "-Infinity"."""
        value = type_coerce(value, String())
        if not self.excel:
            return value  # digits and a point never need quotes
        not_finite = value.op("GLOB", is_comparison=True)(_sql_string("-[^0-9]*"))
        return case((not_finite, _sql_string("'").concat(value)), else_=value)

    def _quoted(
        self, value: ColumnElement[str], prefix: ColumnElement[str] | None
    ) -> ColumnElement[str]:
        # One GLOB per character: SQLite scans for a single character fast, but tries a
        # [set] at every position. The apostrophe never needs quotes, so ``value`` decides.
        needs_quotes = or_(
            *(
                value.op("GLOB", is_comparison=True)(_sql_string(f"*{character}*"))
                for character in (self.delimiter, '"', "\n", "\r")
            )
        )
        escaped: ColumnElement[str] = func.replace(value, _sql_string('"'), _sql_string('""'))
        if prefix is not None:
            value, escaped = prefix.concat(value), prefix.concat(escaped)
        quote = _sql_string('"')
        return case((needs_quotes, quote.concat(escaped).concat(quote)), else_=value)


def _iso_text(value: _Value) -> ColumnElement[str]:
    """A date or time built from ISO digits and separators: never quoted nor neutralised."""
    return type_coerce(value, String())


def _status_since(_fields: _Fields, _today: date) -> ColumnElement[str]:
    # The day the latest step took effect, kept on the record by a trigger; without any step
    # (every writer adds one), the UTC day the status was recorded.
    recorded = func.substr(type_coerce(Record.status_since, String()), 1, 10)
    return _iso_text(func.coalesce(type_coerce(Record.status_effective_on, String()), recorded))


def _due(_fields: _Fields, _today: date) -> ColumnElement[str]:
    # str(periods.Period) for each precision of the stored first day.
    start = type_coerce(Record.due_start, String())
    month = func.substr(start, 6, 2)
    quarter = case(
        (month <= _sql_string("03"), _sql_string("1")),
        (month <= _sql_string("06"), _sql_string("2")),
        (month <= _sql_string("09"), _sql_string("3")),
        else_=_sql_string("4"),
    )
    return _iso_text(
        case(
            (Record.due_start.is_(None), _sql_string("")),
            (Record.due_precision == "day", func.substr(start, 1, 10)),
            (Record.due_precision == "month", func.substr(start, 1, 7)),
            (
                Record.due_precision == "quarter",
                func.substr(start, 1, 4).concat(_sql_string("-Q")).concat(quarter),
            ),
            (Record.due_precision == "year", func.substr(start, 1, 4)),
            else_=_sql_string(""),
        )
    )


def _currency(fields: _Fields, _today: date) -> ColumnElement[str]:
    # Python's ``or`` skips empty texts as well as NULLs.
    given = (Record.currency, Record.currency_as_written, Record.unit)
    return fields.text(func.coalesce(*(func.nullif(c, "") for c in given), _sql_string("")))


def _overdue(_fields: _Fields, today: date) -> ColumnElement[str]:
    # "yes" and "no" never need quotes nor neutralising.
    return case((overdue_condition(today), _sql_string("yes")), else_=_sql_string("no"))


def _delivered(fields: _Fields, _today: date) -> ColumnElement[str]:
    # The exact sum of the record's delivered measures, as rows.delivered_total adds them.
    measures = func.json_each(Record.delivered_measures).table_valued("value")
    total = select(fields.number(func.decimal_sum(measures.c.value))).scalar_subquery()
    return case(
        (Record.kind != RecordKind.PLEDGE.value, _sql_string("")),
        (Record.delivered_measures == "[]", _sql_string("0")),
        else_=func.coalesce(total, _sql_string("0")),
    )


def _joined(
    fields: _Fields, ordered: Subquery, separator: str = LIST_SEPARATOR
) -> ColumnElement[str]:
    """The texts of a correlated one-column subquery, in its order, joined into one field."""
    # SQLite's group_concat keeps the order of the subquery it reads (it needs 3.44 for an
    # ORDER BY of its own); the benchmark's reference query relies on the same.
    joined = func.group_concat(ordered.c[0], _sql_string(separator))
    text: ScalarSelect[str] = select(fields.text(joined)).select_from(ordered).scalar_subquery()
    return func.coalesce(text, _sql_string(""))


def _signatories(fields: _Fields, _today: date) -> ColumnElement[str]:
    label = Person.name + " (" + Role.title + ", " + Party.name + ")"
    ordered = (
        select(label)
        .select_from(Signatory)
        .join(Role, Role.id == Signatory.role_id)
        .join(Person, Person.id == Role.person_id)
        .join(Party, Party.id == Role.party_id)
        .where(Signatory.record_id == Record.id)
        .order_by(Signatory.id)
        .correlate(Record)
        .subquery()
    )
    return _joined(fields, ordered)


def _areas_categories(fields: _Fields, _today: date) -> ColumnElement[str]:
    tags = (
        select(RecordTag.tag.label("tag")).where(RecordTag.record_id == Record.id).correlate(Record)
    )
    categories = (
        select(PledgeCategory.category)
        .where(PledgeCategory.record_id == Record.id)
        .correlate(Record)
    )
    return _joined(fields, union_all(tags, categories).order_by("tag").subquery())


def _notes(fields: _Fields, _today: date) -> ColumnElement[str]:
    ordered = (
        select(Note.body)
        .where(Note.record_id == Record.id)
        .order_by(Note.id)
        .correlate(Record)
        .subquery()
    )
    return _joined(fields, ordered, NOTE_SEPARATOR)


def _first_quote(fields: _Fields, column: _Value) -> ColumnElement[str]:
    """A column of the record's oldest record-level annotation and its source, as a field."""
    text: ScalarSelect[str] = (
        select(fields.text(column))
        .select_from(Annotation)
        .join(Source, Source.id == Annotation.source_id)
        .where(
            Annotation.record_id == Record.id,
            Annotation.field.is_(None),
            Annotation.deleted_at.is_(None),
        )
        .order_by(Annotation.id)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(text, _sql_string(""))


_SQL_CELLS: dict[str, Callable[[_Fields, date], ColumnElement[str]]] = {
    "id": lambda f, _: f.text(Record.slug),
    "kind": lambda f, _: f.text(Record.kind),
    "title": lambda f, _: f.text(Record.title),
    "status": lambda f, _: f.text(Record.status),
    "status_since": _status_since,
    "date": lambda _f, _t: _iso_text(
        func.coalesce(Record.signed_on, Record.announced_on, _sql_string(""))
    ),
    "parties": lambda f, _: f.text(Record.parties_label),
    "signatories": _signatories,
    "amount": lambda f, _: f.number(func.coalesce(Record.amount, Record.quantity, _sql_string(""))),
    "currency": _currency,
    "qualifier": lambda f, _: f.text(func.coalesce(Record.qualifier, "")),
    "due": _due,
    "overdue": _overdue,
    "delivered": _delivered,
    "areas_categories": _areas_categories,
    "notes": _notes,
    "quote": lambda f, _: _first_quote(f, Annotation.quote),
    "source": lambda f, _: _first_quote(f, Source.title),
}


# -- any database: records a page at a time, cells formatted in Python --------------------


def export_rows(
    service: AccordsService, query: RecordQuery, columns: Sequence[str] = COLUMNS
) -> Iterator[list[CellValue]]:
    """One list of cells per record, in ``columns`` order, a batch of records at a time."""
    after = None
    while True:
        page = service.records.list_page(query, limit=BATCH, after=after)
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
        "status_since": extras.status_days.get(row.id, row.status_since.date()).isoformat(),
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
        "notes": NOTE_SEPARATOR.join(extras.notes.get(row.id, ())),
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
    status_days: dict[int, date]

    @classmethod
    def load(cls, service: AccordsService, ids: list[int]) -> _Extras:
        if not ids:
            return cls({}, {}, {}, {}, {})
        postgresql = service.db.engine.dialect.name == "postgresql"
        statements = _EXTRAS_ARRAY if postgresql else _EXTRAS_IN
        # A Core connection and statements built once: on PostgreSQL the ids are one array
        # parameter, where an IN list of 1,000 was rendered and parsed anew at every batch
        # (12 of an export's 35 s at 250,000 records, profiled).
        parameters = {"ids": ids}
        with service.db.connected() as connection:
            run = connection.execute
            return cls(
                _grouped(run(statements[0], parameters).all()),
                _grouped(run(statements[1], parameters).all()),
                _grouped(run(statements[2], parameters).all()),
                _record_quotes(run(statements[3], parameters).all()),
                # In history order, so the latest step's day is the one kept.
                {key: day for key, day in run(statements[4], parameters)},
            )


def _grouped(pairs: Iterable[Row[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for record_id, text in pairs:
        grouped[record_id].append(text)
    return grouped


def _record_quotes(rows: Iterable[Row[int | None, str, str]]) -> dict[int, tuple[str, str]]:
    # Rows come newest first, so the oldest (the seeded quote) wins.
    return {record_id: (quote, title) for record_id, quote, title in rows if record_id is not None}


def _signatories_of(ids: _Ids) -> Select[int, str]:
    label = Person.name + " (" + Role.title + ", " + Party.name + ")"
    return (
        select(Signatory.record_id, label)
        .join(Role, Role.id == Signatory.role_id)
        .join(Person, Person.id == Role.person_id)
        .join(Party, Party.id == Role.party_id)
        .where(_among(Signatory.record_id, ids))
        .order_by(Signatory.id)
    )


def _tags_of(ids: _Ids) -> CompoundSelect[int, str]:
    return (
        select(RecordTag.record_id, RecordTag.tag.label("tag"))
        .where(_among(RecordTag.record_id, ids))
        .union_all(
            select(PledgeCategory.record_id, PledgeCategory.category).where(
                _among(PledgeCategory.record_id, ids)
            )
        )
        .order_by("tag")
    )


def _status_days_of(ids: _Ids) -> Select[int, date]:
    return (
        select(StatusChange.record_id, StatusChange.effective_on)
        .where(_among(StatusChange.record_id, ids))
        .order_by(StatusChange.id)
    )


def _notes_of(ids: _Ids) -> Select[int, str]:
    return select(Note.record_id, Note.body).where(_among(Note.record_id, ids)).order_by(Note.id)


def _quotes_of(ids: _Ids) -> Select[int | None, str, str]:
    return (
        select(Annotation.record_id, Annotation.quote, Source.title)
        .join(Source, Source.id == Annotation.source_id)
        .where(
            _among(Annotation.record_id, ids),
            Annotation.field.is_(None),
            Annotation.deleted_at.is_(None),
        )
        .order_by(Annotation.id.desc())
    )


_Ids = BindParameter[Any]


def _among(column: _Value, ids: _Ids) -> ColumnElement[bool]:
    """``column`` is one of the batch's ids: IN the unnested array parameter, else IN the list.

    Not ``= ANY(array)``: PostgreSQL read the tags by a sequential scan, testing each of
    100,000 rows against the 1,000 ids (29 ms a batch); from ``unnest`` it probes the
    primary key (4 ms).
    """
    if isinstance(ids.type, ARRAY):
        return column.in_(select(func.unnest(ids)))
    return column.in_(ids)


def _extras(ids: _Ids) -> tuple[Executable, ...]:
    return (_signatories_of(ids), _tags_of(ids), _notes_of(ids), _quotes_of(ids),
            _status_days_of(ids))  # fmt: skip


_EXTRAS_IN = _extras(bindparam("ids", expanding=True))
_EXTRAS_ARRAY = _extras(bindparam("ids", type_=ARRAY(Integer)))
