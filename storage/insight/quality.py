"""Data-quality rules shared by `accords check` and the desktop window's findings panel."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, bindparam, case, exists, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from storage.i18n import _, pgettext
from storage.records.data import QUALIFIER_WORDS
from storage.records.query import overdue_condition, untyped
from storage.records.validation import CURRENCY_CODE
from storage.schema.enums import BOUND_QUALIFIERS, Qualifier, RecordKind
from storage.schema.models import Annotation, FindingDismissal, Record, Relation, Signatory, Source
from storage.service import AccordsService

# No exchange rate between real currencies spans this factor, so an "equivalent" further
# apart than this is a misprint (the seed's 22 billion CAD stated as "$16 million").
IMPLAUSIBLE_RATE_FACTOR = Decimal(100)
# Records read per keyset step: what is held at once stays the same at any database size.
BATCH_RECORDS = 2_000
BEFORE_ANY_ID = -(2**31)  # the smallest 32-bit id (PostgreSQL's INTEGER); ids start at 1
PLEDGE = RecordKind.PLEDGE.value
DOCUMENT = RecordKind.DOCUMENT.value
PROVISION = RecordKind.PROVISION.value


@dataclass(frozen=True, slots=True)
class Dismissal:
    """Why, when and by whom a finding was dismissed."""

    id: int
    reason: str
    dismissed_at: datetime
    dismissed_by: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong or unclear about a record, with the words it concerns.

    A finding is identified by ``key`` (rule, record, field): a dismissal of that key hides
    the finding for as long as the rule keeps firing there, whatever its message says then.
    """

    rule: str
    record: str
    field: str
    quote: str
    message: str
    dismissal: Dismissal | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What a dismissal is attached to: the rule, the record's slug and the field."""
        return (self.rule, self.record, self.field)

    @property
    def dismissed(self) -> bool:
        """True when an analyst dismissed this finding."""
        return self.dismissal is not None

    def __str__(self) -> str:
        quoted = f' "{self.quote}"' if self.quote else ""
        text = f"{self.rule}: {self.record} [{self.field}]{quoted}: {self.message}"
        if self.dismissal is not None:
            text += _(" (dismissed by {dismissed_by}: {reason})").format(
                dismissed_by=self.dismissal.dismissed_by, reason=self.dismissal.reason
            )
        return text


def find_problems(service: AccordsService, *, include_dismissed: bool = False) -> list[Finding]:
    """Every finding on the live records, in record order.

    Dismissed findings are left out unless ``include_dismissed``; when included they carry
    their ``dismissal`` (reason, time and analyst).
    """
    return list(iter_problems(service, include_dismissed=include_dismissed))


def iter_problems(service: AccordsService, *, include_dismissed: bool = False) -> Iterator[Finding]:
    """``find_problems`` one finding at a time, for a caller that need not keep them all.

    One read transaction stays open until the iterator is exhausted or closed.
    """
    today = service.clock()
    with service.db.reading() as session:
        dismissals = _dismissals(session)
        for finding in _findings(session.connection(), today):
            dismissal = dismissals.get(finding.key)
            if dismissal is None:
                yield finding
            elif include_dismissed:
                yield replace(finding, dismissal=dismissal)


def _dismissals(session: Session) -> dict[tuple[str, str, str], Dismissal]:
    return {
        (d.rule, d.record_slug, d.field): Dismissal(d.id, d.reason, d.dismissed_at, d.dismissed_by)
        for d in session.scalars(select(FindingDismissal))
    }


def _findings(connection: Connection, today: date) -> Iterator[Finding]:
    # Keyset batches by id rather than one long cursor, so that each batch's quotes and
    # trashed targets come from a couple of set queries over its id range.
    statement = _candidates(today)
    after = BEFORE_ANY_ID
    while rows := connection.execute(statement, {"after": after}).all():
        yield from _batch_findings(connection, [_Candidate._make(row) for row in rows])
        after = rows[-1].id
    yield from _drifted_annotations(connection)
    yield from _conflicting_sources(connection)


class _Candidate(NamedTuple):
    """A live pledge or document as the rules read it (a tuple: Row attributes are slow)."""

    id: int
    slug: str
    kind: str
    amount: str | None  # decimal text, as stored
    equivalent_amount: str | None
    currency: str | None
    currency_as_written: str | None
    equivalent_as_written: str | None
    qualifier: str | None
    due_end: date | None
    overdue: bool
    unsigned: bool
    undated: bool
    dangling: bool


def _candidates(today: date) -> Select[*tuple[Any, ...]]:
    """The next batch of live pledges and documents, with only the columns the rules read."""
    is_document = Record.kind == DOCUMENT
    columns: dict[str, ColumnElement[Any]] = {
        "id": Record.id.expression,
        "slug": Record.slug.expression,
        "kind": Record.kind.expression,
        # Raw text: only the few pledges with both figures need to become Decimals.
        "amount": untyped(Record.amount.expression),
        "equivalent_amount": untyped(Record.equivalent_amount.expression),
        "currency": Record.currency.expression,
        "currency_as_written": Record.currency_as_written.expression,
        "equivalent_as_written": Record.equivalent_as_written.expression,
        "qualifier": Record.qualifier.expression,
        "due_end": Record.due_end.expression,
        # CASE tests its condition lazily: the delivery sums run for late pledges only.
        "overdue": case((overdue_condition(today), True), else_=False),
        "unsigned": case(
            (is_document, ~exists().where(Signatory.record_id == Record.id)), else_=False
        ),
        "undated": Record.signed_on.is_(None),
        "dangling": case((is_document, _refers_to_trash()), else_=False),
    }
    return (
        select(*[columns[name].label(name) for name in _Candidate._fields])
        .where(
            Record.deleted_at.is_(None),
            # Not IN (pledge, document): SQLite would then walk the kind index and sort
            # every remaining row on each batch instead of stepping along the ids.
            Record.kind != PROVISION,
            Record.id > bindparam("after"),
        )
        .order_by(Record.id)
        .limit(BATCH_RECORDS)
    )


def _refers_to_trash() -> ColumnElement[bool]:
    target = aliased(Record)
    return exists().where(
        Relation.from_id == Record.id,
        target.id == Relation.to_id,
        target.deleted_at.is_not(None),
    )


def _batch_findings(connection: Connection, batch: list[_Candidate]) -> Iterator[Finding]:
    trashed = _trashed_targets(connection, [c.id for c in batch if c.dangling])
    problems = [(c, problem) for c in batch for problem in _record_problems(c, trashed)]
    fields = {field for _, (_, field, _) in problems}
    quotes = _field_quotes(connection, batch[0].id, batch[-1].id, fields)
    for candidate, (rule, field, message) in problems:
        quote = quotes.get((candidate.id, field), "")
        yield Finding(rule, candidate.slug, field, quote, message)


def _field_quotes(
    connection: Connection, first: int, last: int, fields: set[str]
) -> dict[tuple[int | None, str | None], str]:
    """The quote of each record's first live annotation per field, for ids first..last."""
    if not fields:
        return {}
    rows = connection.execute(
        select(Annotation.record_id, Annotation.field, Annotation.quote)
        .where(
            Annotation.deleted_at.is_(None),
            Annotation.record_id.between(first, last),
            Annotation.field.in_(sorted(fields)),
        )
        .order_by(Annotation.record_id, Annotation.id)
    )
    quotes: dict[tuple[int | None, str | None], str] = {}
    for record_id, field, quote in rows:
        quotes.setdefault((record_id, field), quote)
    return quotes


def _trashed_targets(connection: Connection, ids: list[int]) -> dict[int, list[str]]:
    """The slugs of the trashed records each of ``ids`` refers to, once per relation."""
    if not ids:
        return {}
    target = aliased(Record)
    rows = connection.execute(
        select(Relation.from_id, target.slug)
        .join(target, target.id == Relation.to_id)
        .where(Relation.from_id.in_(ids), target.deleted_at.is_not(None))
        .order_by(Relation.from_id, Relation.to_id, Relation.kind)
    )
    targets: dict[int, list[str]] = {}
    for from_id, slug in rows:
        targets.setdefault(from_id, []).append(slug)
    return targets


Problem = tuple[str, str, str]  # rule, field, message


def _record_problems(c: _Candidate, trashed: dict[int, list[str]]) -> Iterator[Problem]:
    if c.kind == PLEDGE:
        yield from _pledge_problems(c)
    elif c.kind == DOCUMENT:
        yield from _document_problems(c, trashed.get(c.id, ()))


def _pledge_problems(c: _Candidate) -> Iterator[Problem]:
    yield from _contradiction(c)
    for field, written in (
        ("currency_as_written", c.currency_as_written if c.currency is None else None),
        ("equivalent_as_written", c.equivalent_as_written),
    ):
        if written and not CURRENCY_CODE.match(written) and not written[:1].isalpha():
            yield (
                "ambiguous-currency",
                field,
                _(
                    'the currency is given only as the symbol "{written}", which several '
                    "currencies use"
                ).format(written=written),
            )
    if c.qualifier in BOUND_QUALIFIERS:
        yield (
            "bound-not-value",
            "qualifier",
            _('"{replace}" makes the figure a bound, not a value').format(
                replace=pgettext(*QUALIFIER_WORDS[Qualifier(c.qualifier)])
            ),
        )
    if c.overdue:
        yield (
            "overdue",
            "due",
            _("due by the end of {due_end} and not fully delivered").format(due_end=c.due_end),
        )


def _contradiction(c: _Candidate) -> Iterator[Problem]:
    if c.amount is None or c.equivalent_amount is None:
        return
    amount, equivalent = Decimal(c.amount), Decimal(c.equivalent_amount)
    if not equivalent:
        return
    ratio = amount / equivalent
    if ratio > IMPLAUSIBLE_RATE_FACTOR or ratio < 1 / IMPLAUSIBLE_RATE_FACTOR:
        yield (
            "contradictory-equivalent",
            "equivalent_amount",
            _(
                "{amount:,f} {value} is stated as {value2}{equivalent:,f}: no "
                "plausible exchange rate turns one into the other"
            ).format(
                amount=amount,
                value=c.currency or c.currency_as_written or "",
                value2=c.equivalent_as_written or "",
                equivalent=equivalent,
            ),
        )


def _document_problems(c: _Candidate, trashed: Sequence[str]) -> Iterator[Problem]:
    if c.unsigned:
        yield ("no-signatory", "signatories", _("no signatory is recorded"))
    if c.undated:
        yield ("no-date", "signed_on", _("the signing date is unknown"))
    for slug in trashed:
        yield (
            "missing-reference",
            "relations",
            _("refers to {slug}, which is in the trash").format(slug=slug),
        )


def _drifted_annotations(connection: Connection) -> Iterator[Finding]:
    # Compared inside SQLite, so no source text is copied out once per annotation.
    rows = connection.execute(
        select(
            Record.slug,
            Annotation.field,
            Annotation.quote,
            Annotation.start_offset,
            Annotation.end_offset,
        )
        .join_from(Annotation, Source, Source.id == Annotation.source_id)
        .outerjoin(Record, Record.id == Annotation.record_id)
        .where(Annotation.deleted_at.is_(None), _excerpt() != Annotation.quote)
        .order_by(Annotation.id)
    )
    for slug, field, quote, start, end in rows:
        yield Finding(
            "drifted-annotation",
            slug or _("(no record)"),
            field or "record",
            quote,
            _("the source no longer has this quote at {start}-{end}").format(start=start, end=end),
        )


def _conflicting_sources(connection: Connection) -> Iterator[Finding]:
    """A source states a value other than the record's: shown until settled or dismissed."""
    rows = connection.execute(
        select(
            Record.id,
            Record.slug,
            Annotation.field,
            Annotation.quote,
            Annotation.conflicting_value,
            Annotation.source_id,
        )
        .join_from(Annotation, Record, Record.id == Annotation.record_id)
        .where(
            Annotation.deleted_at.is_(None),
            Annotation.conflicting_value.is_not(None),
            Record.deleted_at.is_(None),
        )
        .order_by(Annotation.id)
    )
    columns = Record.__table__.c
    for record_id, slug, field, quote, stated, source_id in rows.all():
        held = None
        if field is not None and field in columns:  # few conflicts: one read each is cheap
            held = connection.scalar(select(columns[field]).where(columns.id == record_id))
        if held is not None and _as_text(held) == stated:
            continue  # the record has since taken the source's value
        yield Finding(
            "conflicting-source",
            slug,
            field or "record",
            quote,
            f"source {source_id} states {stated}; the record keeps {_as_text(held)}",
        )


def _as_text(value: Any) -> str:
    """A column's value as proposals write it (ISO dates, decimal text)."""
    if isinstance(value, date):
        return value.isoformat()
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _excerpt() -> ColumnElement[Any]:
    """SQL for ``source.text[start:end]``: SQLite's substr counts characters, as Python does."""
    length = func.length(Source.text)
    start = _slice_bound(Annotation.start_offset.expression, length)
    end = _slice_bound(Annotation.end_offset.expression, length)
    return func.substr(Source.text, start + 1, case((end > start, end - start), else_=0))


def _slice_bound(offset: ColumnElement[int], length: ColumnElement[int]) -> ColumnElement[int]:
    """Where a Python slice bound falls, from 0; a negative one counts from the end."""
    return case((offset >= 0, offset), (length + offset > 0, length + offset), else_=0)
