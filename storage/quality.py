"""Data-quality rules shared by `accords check` and the desktop window's findings panel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.enums import BOUND_QUALIFIERS, RecordKind
from storage.errors import NotFoundError
from storage.models import (
    Annotation,
    FindingDismissal,
    Record,
    Relation,
    Signatory,
    Source,
)
from storage.query import overdue_condition
from storage.service import AccordsService
from storage.types import utc_now
from storage.validation import CURRENCY_CODE, MAX_TEXT_CHARS, clean_text

# No exchange rate between real currencies spans this factor, so an "equivalent" further
# apart than this is a misprint (the seed's 22 billion CAD stated as "$16 million").
IMPLAUSIBLE_RATE_FACTOR = Decimal(100)


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
            text += f" (dismissed by {self.dismissal.dismissed_by}: {self.dismissal.reason})"
        return text


def find_problems(service: AccordsService, *, include_dismissed: bool = False) -> list[Finding]:
    """Every finding on the live records, in record order.

    Dismissed findings are left out unless ``include_dismissed``; when included they carry
    their ``dismissal`` (reason, time and analyst).
    """
    today = service.clock()
    with service.reading() as session:
        quotes = _field_quotes(session)
        # One query with the listing's own overdue rule, not one per pledge.
        overdue = set(session.scalars(select(Record.id).where(overdue_condition(today))))
        findings: list[Finding] = []
        for record in session.scalars(
            select(Record).where(Record.deleted_at.is_(None)).order_by(Record.id)
        ):
            findings.extend(_record_findings(session, record, quotes, record.id in overdue))
        findings.extend(_drifted_annotations(session))
        dismissals = {
            (d.rule, d.record_slug, d.field): Dismissal(
                d.id, d.reason, d.dismissed_at, d.dismissed_by
            )
            for d in session.scalars(select(FindingDismissal))
        }
    marked = [replace(f, dismissal=dismissals.get(f.key)) for f in findings]
    return [f for f in marked if include_dismissed or f.dismissal is None]


def dismiss(service: AccordsService, finding: Finding, reason: str) -> int:
    """Dismiss a finding, keeping the reason; returns the dismissal's id.

    Dismissing an already dismissed finding replaces its reason (and who and when).
    """
    text = clean_text(reason, "reason", limit=MAX_TEXT_CHARS, required=True).strip()
    rule, record, field = finding.key
    with service.writing() as session:
        row = session.scalars(
            select(FindingDismissal).where(
                FindingDismissal.rule == rule,
                FindingDismissal.record_slug == record,
                FindingDismissal.field == field,
            )
        ).one_or_none()
        if row is None:
            row = FindingDismissal(rule=rule, record_slug=record, field=field, reason=text)
            session.add(row)
        row.reason = text
        row.dismissed_at = utc_now()
        row.dismissed_by = service.actor
        session.flush()
        return row.id


def undismiss(service: AccordsService, finding: Finding) -> None:
    """Show a dismissed finding again (the undo of ``dismiss``); its dismissal is removed."""
    rule, record, field = finding.key
    with service.writing() as session:
        result = session.execute(
            delete(FindingDismissal).where(
                FindingDismissal.rule == rule,
                FindingDismissal.record_slug == record,
                FindingDismissal.field == field,
            )
        )
        if not getattr(result, "rowcount", 0):
            raise NotFoundError(f"{rule} on {record} [{field}] is not dismissed.")


def _field_quotes(session: Session) -> dict[tuple[int, str | None], str]:
    rows = session.execute(
        select(Annotation.record_id, Annotation.field, Annotation.quote).where(
            Annotation.deleted_at.is_(None), Annotation.record_id.is_not(None)
        )
    )
    quotes: dict[tuple[int, str | None], str] = {}
    for record_id, field, quote in rows:
        if record_id is not None:
            quotes.setdefault((record_id, field), quote)
    return quotes


MakeFinding = Callable[[str, str, str], Finding]


def _record_findings(
    session: Session, record: Record, quotes: dict[tuple[int, str | None], str], overdue: bool
) -> Iterator[Finding]:
    def finding(rule: str, field: str, message: str) -> Finding:
        return Finding(rule, record.slug, field, quotes.get((record.id, field), ""), message)

    if record.kind == RecordKind.PLEDGE.value:
        yield from _pledge_findings(record, finding)
        if overdue:
            yield finding(
                "overdue",
                "due",
                f"due by the end of {record.due_end} and not fully delivered",
            )
    elif record.kind == RecordKind.DOCUMENT.value:
        yield from _document_findings(session, record, finding)


def _pledge_findings(record: Record, make: MakeFinding) -> Iterator[Finding]:
    if record.amount is not None and record.equivalent_amount:
        ratio = record.amount / record.equivalent_amount
        if ratio > IMPLAUSIBLE_RATE_FACTOR or ratio < 1 / IMPLAUSIBLE_RATE_FACTOR:
            yield make(
                "contradictory-equivalent",
                "equivalent_amount",
                f"{record.amount:,f} {record.currency or record.currency_as_written or ''} is "
                f"stated as {record.equivalent_as_written or ''}{record.equivalent_amount:,f}: "
                "no plausible exchange rate turns one into the other",
            )
    for field, written in (
        ("currency_as_written", record.currency_as_written if record.currency is None else None),
        ("equivalent_as_written", record.equivalent_as_written),
    ):
        if written and not CURRENCY_CODE.match(written) and not written[:1].isalpha():
            yield make(
                "ambiguous-currency",
                field,
                f'the currency is given only as the symbol "{written}", which several '
                "currencies use",
            )
    if record.qualifier in BOUND_QUALIFIERS:
        yield make(
            "bound-not-value",
            "qualifier",
            f'"{record.qualifier.replace("_", " ")}" makes the figure a bound, not a value',
        )


def _document_findings(session: Session, record: Record, make: MakeFinding) -> Iterator[Finding]:
    has_signatory = session.scalar(
        select(Signatory.id).where(Signatory.record_id == record.id).limit(1)
    )
    if has_signatory is None:
        yield make("no-signatory", "signatories", "no signatory is recorded")
    if record.signed_on is None:
        yield make("no-date", "signed_on", "the signing date is unknown")
    for target in session.scalars(
        select(Record)
        .join(Relation, Relation.to_id == Record.id)
        .where(Relation.from_id == record.id)
    ):
        if target.deleted_at is not None:
            yield make(
                "missing-reference",
                "relations",
                f"refers to {target.slug}, which is in the trash",
            )


def _drifted_annotations(session: Session) -> Iterator[Finding]:
    rows = session.execute(
        select(Annotation, Source.text, Record.slug)
        .join(Source, Source.id == Annotation.source_id)
        .outerjoin(Record, Record.id == Annotation.record_id)
        .where(Annotation.deleted_at.is_(None))
    )
    for annotation, text, slug in rows:
        if text[annotation.start_offset : annotation.end_offset] != annotation.quote:
            yield Finding(
                "drifted-annotation",
                slug or "(no record)",
                annotation.field or "record",
                annotation.quote,
                f"the source no longer has this quote at {annotation.start_offset}-"
                f"{annotation.end_offset}",
            )
