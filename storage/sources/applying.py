"""Applying accepted proposals to the records, each value quoted, and taking them back (undo)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import ValidationError
from storage.i18n import _
from storage.records.periods import Period
from storage.records.validation import FIELD_COERCERS, optional_date
from storage.schema import models
from storage.schema.enums import Binding, DocumentStatus, PledgeStatus, Precision, RecordKind
from storage.schema.types import utc_now
from storage.sources.doubts import said
from storage.sources.importing import HELD_COLUMNS
from storage.sources.proposals import Proposal, ProposedValue
from storage.sources.resolving import Names

# The record columns each kind takes from a proposal (those proposing compares, split by
# kind); lists are handled apart.
DOCUMENT_ONLY = frozenset({"document_kind", "signed_on"})
COLUMNS = {
    RecordKind.DOCUMENT: frozenset({"title", "summary"}) | DOCUMENT_ONLY,
    RecordKind.PLEDGE: frozenset(HELD_COLUMNS) - DOCUMENT_ONLY,
}
LISTS = {
    RecordKind.DOCUMENT: frozenset({"parties", "signatories"}),
    RecordKind.PLEDGE: frozenset({"categories", "donor", "recipient"}),
}
TITLE_FROM_SENTENCE_CHARS = 120
CONTEXT_CHARS = 32


@dataclass
class Applied:
    """What applying changed, so that ``unapply`` can take exactly that back."""

    source_id: int
    created: list[int] = field(default_factory=list)
    filled: list[tuple[int, str]] = field(default_factory=list)  # (record, column) was empty
    record_parties: list[tuple[int, int]] = field(default_factory=list)
    categories: list[tuple[int, str]] = field(default_factory=list)
    signatories: list[int] = field(default_factory=list)
    annotations: list[int] = field(default_factory=list)
    record_sources: list[tuple[int, int]] = field(default_factory=list)
    parties: list[int] = field(default_factory=list)
    persons: list[int] = field(default_factory=list)
    roles: list[int] = field(default_factory=list)
    conflicts: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def touched(self) -> set[int]:
        """Every record whose values, lists or quotes changed."""
        return {*self.created, *(r for r, _ in self.filled), *(r for r, _ in self.record_sources)}


def coerce(name: str, value: str) -> Any:
    """A proposed value as the record column keeps it; ValidationError when it is not one."""
    if name in ("due_start", "due_end"):
        return optional_date(value, name)
    if name == "due_precision":
        return Precision(value).value if value else None
    return FIELD_COERCERS[name](value, name)


class Applier:
    """Applies proposals from one source inside the caller's transaction."""

    def __init__(self, session: Session, source: models.Source, actor: str) -> None:
        self.session = session
        self.source = source
        self.actor = actor
        self.applied = Applied(source.id)
        self.names = Names(session, self.applied)

    def apply(self, proposals: Iterable[Proposal]) -> Applied:
        for proposal in proposals:
            self.check_quotes(proposal)
            if proposal.completes is None:
                record = self.create(proposal)
            else:
                record = self.held(proposal.completes)
            self.complete(record, proposal)
        self.session.flush()
        return self.applied

    def check_quotes(self, proposal: Proposal) -> None:
        """Refuse a proposal whose quotes are not the source's words where it says."""
        values = [*proposal.values, *proposal.supports, *(c.proposed for c in proposal.conflicts)]
        for quote in [proposal.sentence, *(v.quote for v in values)]:
            if self.source.text[quote.start : quote.end] != quote.text or quote.start >= quote.end:
                raise ValidationError(
                    _(
                        "The quote {quote!r} is not in source {id} at {start}-{end}; "
                        "nothing was applied."
                    ).format(quote=quote.text, id=self.source.id, start=quote.start, end=quote.end),
                    field="quote",
                )

    def held(self, record_id: int) -> models.Record:
        record = self.session.get(models.Record, record_id)
        if record is None or record.deleted_at is not None:
            raise ValidationError(
                _("Record #{id} is no longer held; nothing was applied.").format(id=record_id),
                field="completes",
            )
        return record

    def create(self, proposal: Proposal) -> models.Record:
        """A new record from a proposal: its title and first status, the rest filled after."""
        from storage.api.records import unique_slug

        kind = proposal.kind
        if kind not in COLUMNS:
            raise ValidationError(
                _("A {kind} cannot be proposed; nothing was applied.").format(kind=kind.value),
                field="kind",
            )
        title = proposal.value("title") or proposal.sentence.text[:TITLE_FROM_SENTENCE_CHARS]
        title = FIELD_COERCERS["title"](title, "title")
        status = PledgeStatus.ANNOUNCED if kind is RecordKind.PLEDGE else DocumentStatus.SIGNED
        record = models.Record(
            kind=kind.value,
            slug=unique_slug(self.session, title, kind.value),
            title=title,
            status=status.value,
        )
        if kind is RecordKind.DOCUMENT:
            stated = proposal.value("document_kind")
            record.document_kind = coerce("document_kind", stated) if stated else "other"
            record.binding = Binding.UNKNOWN.value
        self.session.add(record)
        self.session.flush()
        self.applied.created.append(record.id)
        self.session.add(
            models.StatusChange(
                record_id=record.id,
                from_status=None,
                to_status=status.value,
                changed_by=self.actor,
                comment=_("From source {id}").format(id=self.source.id),
                evidence=proposal.sentence.text,
                evidence_source_id=self.source.id,
                effective_on=self.source.published_on,
            )
        )
        return record

    def complete(self, record: models.Record, proposal: Proposal) -> None:
        """Fill what is empty, quote every value, and turn a differing value into a conflict."""
        kind = RecordKind(record.kind)
        self.link(record)
        self.annotate(record, proposal.sentence, None)
        new = record.id in self.applied.created
        for value in proposal.values:
            if value.name not in COLUMNS[kind] | LISTS[kind]:
                self.applied.skipped.append(f"#{record.id} {value.name}")
            elif not value.stated:
                self.annotate(record, value.quote, value.name, comment=unstated(value, self))
            elif value.name in LISTS[kind]:
                self.add_items(record, value)
            else:
                self.fill(record, value, new=new)
        for value in proposal.supports:
            self.annotate(record, value.quote, value.name, comment=said(value.doubt))
        for conflict in proposal.conflicts:
            self.conflict(record, conflict.proposed, conflict.held)
        if not new and record.id in {r for r, _ in self.applied.filled}:
            record.updated_at = utc_now()  # its version moves, so an open editor sees it
        if kind is RecordKind.DOCUMENT and record.signed_on and new:
            self.first_status(record).effective_on = record.signed_on
        elif kind is RecordKind.PLEDGE and record.announced_on and new:
            self.first_status(record).effective_on = record.announced_on

    def first_status(self, record: models.Record) -> models.StatusChange:
        self.session.flush()
        return self.session.scalars(
            select(models.StatusChange).where(models.StatusChange.record_id == record.id)
        ).one()

    def fill(self, record: models.Record, value: ProposedValue, *, new: bool) -> None:
        """Set an empty column; a column holding another value keeps it, quoted as a conflict."""
        stored = coerce(value.name, value.value)
        current = getattr(record, value.name)
        if value.name == "title" and new:
            current = None  # a new record's title came from this very proposal
        if current in (None, "") or current == stored:
            if current in (None, "") and stored not in (None, ""):
                setattr(record, value.name, stored)
                if not new:
                    self.applied.filled.append((record.id, value.name))
            self.annotate(record, value.quote, value.name, comment=said(value.doubt))
            if value.name == "due_start" and record.due_end is None and record.due_precision:
                record.due_end = Period(stored, Precision(record.due_precision)).end
            return
        self.conflict(record, value, str(current))

    def add_items(self, record: models.Record, value: ProposedValue) -> None:
        """Add a list's items the record lacks (parties, categories, signatories, donor...)."""
        items = [item.strip() for item in value.value.split(";") if item.strip()]
        adders: dict[str, Callable[[models.Record, str], str | None]] = {
            "parties": self.names.add_party_to,
            "categories": self.names.add_category_to,
            "signatories": self.names.add_signatory_to,
            "donor": self.names.set_donor,
            "recipient": self.names.set_recipient,
        }
        for item in items:
            held = adders[value.name](record, item)
            if held is not None:  # a donor already set to another party
                self.conflict(record, value, held)
                return
        self.annotate(record, value.quote, value.name, comment=said(value.doubt))

    def conflict(self, record: models.Record, value: ProposedValue, held: str) -> None:
        """Quote a value that differs from the record's; the record keeps its own."""
        comment = _("The source states {value}; the record keeps {held}.").format(
            value=value.value, held=held
        )
        annotation = self.annotate(record, value.quote, value.name, comment=comment)
        if annotation.conflicting_value != value.value:  # not already shown by an earlier apply
            annotation.conflicting_value = value.value
            self.applied.conflicts += 1

    def annotate(
        self, record: models.Record, quote: Any, name: str | None, *, comment: str = ""
    ) -> models.Annotation:
        held = self.session.scalars(
            select(models.Annotation).where(
                models.Annotation.source_id == self.source.id,
                models.Annotation.record_id == record.id,
                models.Annotation.field.is_(None)
                if name is None
                else models.Annotation.field == name,
                models.Annotation.start_offset == quote.start,
                models.Annotation.end_offset == quote.end,
                models.Annotation.deleted_at.is_(None),
            )
        ).first()
        if held is not None:  # the same words quoted for the same field: applied before
            return held
        text = self.source.text
        annotation = models.Annotation(
            source_id=self.source.id,
            record_id=record.id,
            field=name,
            start_offset=quote.start,
            end_offset=quote.end,
            quote=text[quote.start : quote.end],
            prefix=text[max(0, quote.start - CONTEXT_CHARS) : quote.start],
            suffix=text[quote.end : quote.end + CONTEXT_CHARS],
            comment=comment,
        )
        self.session.add(annotation)
        self.session.flush()
        self.applied.annotations.append(annotation.id)
        return annotation

    def link(self, record: models.Record) -> None:
        key = (record.id, self.source.id)
        if self.session.get(models.RecordSource, key) is None:
            self.session.add(models.RecordSource(record_id=record.id, source_id=self.source.id))
            self.applied.record_sources.append(key)


def unstated(value: ProposedValue, applier: Applier) -> str:
    """The comment on a value the text implies but does not state: it is not applied."""
    published = applier.source.published_on
    day = published.isoformat() if published else _("the source's date")
    return _("Reported by {day}, not stated by the text: {value} (not applied).").format(
        day=day, value=value.value
    )
