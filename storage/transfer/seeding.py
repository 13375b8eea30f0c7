"""Apply a checked seed to a database: add what it never had, never touch what a user changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import SeedError
from storage.i18n import _
from storage.records.periods import Period
from storage.schema.enums import Binding, RecordKind
from storage.schema.models import (
    Alias,
    Delivery,
    Party,
    Person,
    PledgeCategory,
    Record,
    RecordParty,
    RecordSource,
    RecordTag,
    Relation,
    Role,
    SeedItem,
    Signatory,
    Source,
    SourceFile,
    StatusChange,
)
from storage.schema.types import utc_now
from storage.sources.alias_keys import fold
from storage.transfer.seedfile import Seed, SeedParty, SeedRecord, load_seed
from storage.transfer.shipped import shipped_folder

DEFAULT_SEED = "accords.toml"
SEED_ACTOR = "seed"
# Fields whose value, once seeded, belongs to the user: a newer seed only fills them if empty.
LIST_FIELDS = {"tags", "categories", "parties"}

__all__ = ["apply_seed", "default_seed_file", "load_seed"]


def default_seed_file() -> Path:
    """The seed shipped with Accords."""
    return shipped_folder("storage", "seeds") / DEFAULT_SEED


def apply_seed(session: Session, seed: Seed, *, actor: str = SEED_ACTOR) -> tuple[int, set[int]]:
    """Add every seed item this database has never had; returns (items added, records touched)."""
    return _Applier(session, seed, actor).run()


def parents_first(parties: tuple[SeedParty, ...], path: Path) -> list[SeedParty]:
    """Parties ordered so that each comes after the party it is inside."""
    ordered: list[SeedParty] = []
    pending = list(parties)
    while pending:
        waiting_for = {party.slug for party in pending}
        ready = [party for party in pending if party.inside not in waiting_for]
        if not ready:
            names = ", ".join(party.slug for party in pending)
            raise SeedError(
                _("{path}: the parties {names} are inside each other in a circle.").format(
                    path=path, names=names
                )
            )
        ordered.extend(ready)
        pending = [party for party in pending if party not in ready]
    return ordered


class _Applier:
    def __init__(self, session: Session, seed: Seed, actor: str) -> None:
        self.session = session
        self.seed = seed
        self.actor = actor
        self.applied = set(session.scalars(select(SeedItem.key)))
        self.added = 0
        self.touched: set[int] = set()

    def run(self) -> tuple[int, set[int]]:
        source = self.source()
        for party in parents_first(self.seed.parties, self.seed.path):
            if self.first_time(f"party:{party.slug}"):
                self.session.add(
                    Party(
                        slug=party.slug,
                        name=party.name,
                        kind=party.kind,
                        parent_id=self.party_id(party.inside),
                    )
                )
                self.session.flush()
        if self.seed.source.reported_by and self.first_time(f"source-reporter:{source.slug}"):
            source.reported_by_id = self.party_id(self.seed.source.reported_by)
        for person in self.seed.people:
            if self.first_time(f"person:{person.slug}"):
                self.session.add(Person(slug=person.slug, name=person.name))
        self.session.flush()
        self.aliases()
        for role in self.seed.roles:
            if self.first_time(f"role:{role.slug}"):
                self.session.add(
                    Role(
                        slug=role.slug,
                        title=role.title,
                        person_id=self.lookup(Person, role.person).id,
                        party_id=self.lookup(Party, role.party).id,
                    )
                )
        self.session.flush()
        for item in self.seed.records:
            self.record(item, source)
        for item in self.seed.records:
            self.links(item)
        self.session.flush()
        return self.added, self.touched

    def aliases(self) -> None:
        """The other names the seed gives its people, unless the user removed them."""
        for person in self.seed.people:
            for name in person.aliases:
                if self.first_time(f"alias:{person.slug}:{name}"):
                    owner = self.lookup(Person, person.slug).id
                    self.session.add(Alias(person_id=owner, name=name, folded=fold(name)))
        self.session.flush()

    def source(self) -> Source:
        seeded = self.seed.source
        existing = self.session.scalars(select(Source).where(Source.slug == seeded.slug)).first()
        if existing is not None:
            if existing.sha256 != seeded.sha256:
                raise SeedError(
                    _(
                        "{path}: the source {slug!r} in the database has other text than the "
                        "seed's article; nothing was imported."
                    ).format(path=self.seed.path, slug=seeded.slug)
                )
            return existing
        self.first_time(f"source:{seeded.slug}")
        source = Source(
            slug=seeded.slug,
            title=seeded.title,
            publisher=seeded.publisher,
            url=seeded.url,
            published_on=seeded.published_on,
            language=seeded.language,
            text=seeded.text,
            sha256=seeded.sha256,
            media_type="text/plain",
            file_name=seeded.file_name or None,
            has_text=True,
            imported_at=utc_now(),
        )
        self.session.add(source)
        self.session.flush()
        # The seed reads its article as UTF-8: these are the file's bytes.
        self.session.add(SourceFile(source_id=source.id, content=seeded.text.encode("utf-8")))
        return source

    def record(self, item: SeedRecord, source: Source) -> None:
        record = self.session.scalars(select(Record).where(Record.slug == item.slug)).first()
        if record is None:
            if not self.first_time(f"record:{item.slug}"):
                return  # seeded once and since removed for good by the user
            record = self.create(item, source)
        for name, value in item.fields.items():
            if name not in LIST_FIELDS and self.first_time(f"field:{item.slug}:{name}"):
                self.fill(record, name, value)
        for name, quote in item.quotes.items():
            if self.first_time(f"quote:{item.slug}:{name}"):
                self.annotate(record, source, None if name == "record" else name, quote)
        if self.session.get(RecordSource, (record.id, source.id)) is None:
            self.session.add(RecordSource(record_id=record.id, source_id=source.id))
        for index, delivery in enumerate(item.deliveries):
            if self.first_time(f"delivery:{item.slug}:{index}"):
                self.session.add(
                    Delivery(
                        pledge_id=record.id,
                        delivered_on=delivery.delivered_on,
                        amount=delivery.amount,
                        quantity=delivery.quantity,
                        note=delivery.note,
                        source_id=source.id,
                    )
                )
        self.touched.add(record.id)

    def create(self, item: SeedRecord, source: Source) -> Record:
        record = Record(
            kind=item.kind.value, slug=item.slug, title=item.fields["title"], status=item.status
        )
        if item.kind is RecordKind.DOCUMENT:
            record.document_kind = item.document_kind
            record.binding = item.binding or Binding.UNKNOWN.value
        parent = None if item.parent is None else self.lookup(Record, item.parent)
        if parent is not None:
            record.parent_id = parent.id
        self.session.add(record)
        self.session.flush()
        self.session.add(
            StatusChange(
                record_id=record.id,
                from_status=None,
                to_status=item.status,
                changed_by=self.actor,
                comment=_("From the seeded article"),
                evidence=item.quotes.get("status", item.quotes["record"]),
                evidence_source_id=source.id,
                effective_on=self.status_day(item, parent, source),
            )
        )
        return record

    def status_day(self, item: SeedRecord, parent: Record | None, source: Source) -> date | None:
        """The day a seeded status took effect: the record's date, else its document's, else
        the article's (the status was so as of then); None leaves it the day of seeding."""
        for name in ("signed_on", "announced_on"):
            if isinstance(item.fields.get(name), date):
                return cast(date, item.fields[name])
        if parent is not None and (parent.signed_on or parent.announced_on):
            return parent.signed_on or parent.announced_on
        return source.published_on

    def fill(self, record: Record, name: str, value: Any) -> None:
        """Set a seeded field only where the user has left it empty."""
        if name == "due":
            if record.due_start is None and isinstance(value, Period):
                record.due_start, record.due_end = value.start, value.end
                record.due_precision = value.precision.value
            return
        if name in ("donor", "recipient"):
            if getattr(record, f"{name}_id") is None:
                setattr(record, f"{name}_id", self.party_id(value))
            return
        if getattr(record, name) in (None, ""):
            setattr(record, name, value)

    def links(self, item: SeedRecord) -> None:
        record = self.session.scalars(select(Record).where(Record.slug == item.slug)).first()
        if record is None:
            return
        for tag in item.fields.get("tags", ()):
            if self.first_time(f"tag:{item.slug}:{tag}"):
                self.session.add(RecordTag(record_id=record.id, tag=tag))
        for category in item.fields.get("categories", ()):
            if self.first_time(f"category:{item.slug}:{category}"):
                self.session.add(PledgeCategory(record_id=record.id, category=category))
        for party in item.fields.get("parties", ()):
            if self.first_time(f"party-of:{item.slug}:{party}"):
                self.session.add(RecordParty(record_id=record.id, party_id=self.party_id(party)))
        for role in item.signatories:
            if self.first_time(f"signatory:{item.slug}:{role}"):
                self.session.add(Signatory(record_id=record.id, role_id=self.lookup(Role, role).id))
        for kind, target in item.relations:
            if self.first_time(f"relation:{item.slug}:{kind}:{target}"):
                self.session.add(
                    Relation(from_id=record.id, kind=kind, to_id=self.lookup(Record, target).id)
                )
        self.references(item, record)

    def references(self, item: SeedRecord, record: Record) -> None:
        """Who announced a pledge and the document it comes from, unless the user set them."""
        if item.announced_by and self.first_time(f"announced-by:{item.slug}"):
            record.announced_by_id = (
                record.announced_by_id or self.lookup(Role, item.announced_by).id
            )
        if item.document and self.first_time(f"document:{item.slug}"):
            record.from_document_id = (
                record.from_document_id or self.lookup(Record, item.document).id
            )

    def annotate(self, record: Record, source: Source, field: str | None, quote: str) -> None:
        from storage.service import anchored

        start = source.text.find(quote)
        if start < 0:
            raise SeedError(
                _(
                    "{path}: record {slug!r}: the quote {quote!r} is not in the article; "
                    "nothing was imported."
                ).format(path=self.seed.path, slug=record.slug, quote=quote)
            )
        annotation = anchored(source, start, start + len(quote))
        annotation.record_id = record.id
        annotation.field = field
        self.session.add(annotation)

    def first_time(self, key: str) -> bool:
        """True (and remembered) if this seed item was never applied to this database."""
        if key in self.applied:
            return False
        self.applied.add(key)
        self.session.add(SeedItem(key=key))
        self.added += 1
        return True

    def party_id(self, slug: str | None) -> int | None:
        return None if slug is None else self.lookup(Party, slug).id

    def lookup(self, model: Any, slug: str) -> Any:
        found = self.session.scalars(select(model).where(model.slug == slug)).first()
        if found is None:
            raise SeedError(
                _("{path}: {slug!r} is not in the database or the seed.").format(
                    path=self.seed.path, slug=slug
                )
            )
        return found
