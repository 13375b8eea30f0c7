"""The parties part: parties, persons and roles, and a record's parties, signatories,
relations, categories, areas and provisions, each edit one transaction from a seen version."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Column, Select, delete, func, insert, select

from storage.api.base import Part, conflict, find_record, touch
from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.data import PartyView, SignatoryView
from storage.records.validation import (
    MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    clean_text,
    enum_value,
    free_labels,
)
from storage.schema import tables
from storage.schema.enums import PartyKind, RecordKind, RelationKind, label
from storage.wording import field_label

# First words of a name that make a new party a ministry, or another organisation.
MINISTRY_WORDS = frozenset({"ministry", "minister", "department", "ministère", "міністерство"})
ORGANISATION_WORDS = frozenset(
    {"agency", "office", "council", "commission", "bank", "fund", "organisation", "organization"}
)

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage.schema import models
else:
    orm = LazyModule("sqlalchemy.orm")
    models = LazyModule("storage.schema.models")


class RelationEdit(NamedTuple):
    """An outgoing relation as an edit names it: its kind and the other record (id or slug)."""

    kind: str
    other: int | str


class Parties(Part):
    """Who takes part in records, and the structure of a record beyond its plain fields."""

    # -- parties, persons and roles -----------------------------------------------------

    def list_parties(self) -> list[PartyView]:
        """Every party, by name, with the party it belongs to."""
        return self._service.records.list_parties()

    def list_roles(self) -> list[SignatoryView]:
        """Every known (person, role title, party), to offer as signatories."""
        roles, persons, parties = tables.roles, tables.persons, tables.parties
        statement = (
            select(persons.c.name, roles.c.title, parties.c.name)
            .join(persons, persons.c.id == roles.c.person_id)
            .join(parties, parties.c.id == roles.c.party_id)
            .order_by(persons.c.name, roles.c.title)
        )
        with self._db.connected() as connection:
            return [SignatoryView(*row) for row in connection.execute(statement)]

    def suggestions(self, field: str) -> list[str]:
        """The categories (``"categories"``) or areas (``"tags"``) in use, alphabetically."""
        with self._db.connected() as connection:
            return sorted(connection.scalars(_in_use(field)), key=str.casefold)

    def create_party(
        self, name: str, kind: PartyKind | str = PartyKind.STATE, parent: str | None = None
    ) -> int:
        """Add a party ("Ministry of Defence of Ukraine", an organisation of Ukraine)."""
        party_kind = enum_value(PartyKind, kind, "kind")
        with self._db.writing() as session:
            if find_party(session, name) is not None:
                raise ValidationError(
                    _("There is already a party “{name}”.").format(name=name.strip()),
                    field="parties",
                )
            parent_id = None if parent is None else _existing_party(session, parent).id
            return add_party(session, name, party_kind, parent_id).id

    def rename_party(self, ref: int | str, name: str, expected_version: int) -> int:
        """Rename a party last seen at ``expected_version``; returns its new version. The
        records list's parties column follows (kept by the database's triggers)."""
        with self._db.writing() as session:
            party = _existing_party(session, ref)
            if party.version != expected_version:
                raise conflict(party.name, expected_version, party.version)
            clean = _party_name(name)
            other = find_party(session, clean)
            if other is not None and other.id != party.id:
                raise ValidationError(
                    _("There is already a party “{name}”.").format(name=clean), field="parties"
                )
            party.name = clean
            party.version += 1
            session.flush()
            return party.version

    def remove_party(self, ref: int | str) -> None:
        """Remove a party nothing refers to (the undo of adding one); a party in use stays."""
        with self._db.writing() as session:
            party = _existing_party(session, ref)
            if _party_in_use(session, party.id):
                raise ValidationError(
                    _("“{name}” is a party of records, roles or other parties; it is kept.").format(
                        name=party.name
                    ),
                    field="parties",
                )
            session.delete(party)

    # -- a record's structure -----------------------------------------------------------

    def set_parties(self, record_id: int, expected_version: int, parties: Sequence[str]) -> int:
        """Make ``parties`` (names or slugs; a new name adds a party) a document's parties."""

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.DOCUMENT, "parties")
            ids = list(dict.fromkeys(party_id(session, name) for name in parties))
            session.execute(
                delete(models.RecordParty).where(models.RecordParty.record_id == record.id)
            )
            for party in ids:
                session.execute(
                    insert(models.RecordParty).values(record_id=record.id, party_id=party)
                )

        return self._edit(record_id, expected_version, change)

    def set_signatories(
        self, record_id: int, expected_version: int, signatories: Sequence[SignatoryView]
    ) -> int:
        """Make ``signatories`` (person, role title, party; new ones added) a document's."""

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.DOCUMENT, "signatories")
            replace_signatories(session, record, signatories)

        return self._edit(record_id, expected_version, change)

    def set_relations(
        self, record_id: int, expected_version: int, relations: Sequence[RelationEdit]
    ) -> int:
        """Make ``relations`` the document's own (outgoing) relations to other documents."""

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.DOCUMENT, "relations")
            replace_relations(session, record, relations)

        return self._edit(record_id, expected_version, change)

    def set_categories(self, record_id: int, expected_version: int, values: Sequence[str]) -> int:
        """Set a pledge's categories: free labels of at most 32 characters."""

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.PLEDGE, "categories")
            labels = known_labels(session, "categories", values)
            record.categories = [models.PledgeCategory(category=label) for label in labels]

        return self._edit(record_id, expected_version, change)

    def set_areas(self, record_id: int, expected_version: int, values: Sequence[str]) -> int:
        """Set a document's areas: free labels; a new one at most 32 characters."""

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.DOCUMENT, "tags")
            labels = known_labels(session, "tags", values)
            record.tags = [models.RecordTag(tag=label) for label in labels]

        return self._edit(record_id, expected_version, change)

    def add_provision(
        self, document_id: int, expected_version: int, title: str, summary: str = ""
    ) -> tuple[int, int]:
        """Add a provision under a document; returns (the provision's id, the document's
        new version). Undo moves the provision to the trash (``records.delete_record``)."""
        created: list[int] = []

        def change(session: orm.Session, record: models.Record) -> None:
            _require_kind(record, RecordKind.DOCUMENT, "provisions")
            created.append(self.new_provision(session, record, title, summary))

        version = self._edit(document_id, expected_version, change)
        return created[0], version

    # -- inside a transaction -------------------------------------------------------------

    def _edit(
        self,
        record_id: int,
        expected_version: int,
        change: Callable[[orm.Session, models.Record], None],
    ) -> int:
        """One transaction: check the version the user saw, change, bump it, reindex."""
        with self._db.writing() as session:
            record = find_record(session, record_id)
            if record.version != expected_version:
                raise conflict(record.slug, expected_version, record.version)
            change(session, record)
            touch(record)
            session.flush()
            self._db.reindex(session, record.id)
            return record.version

    def new_provision(
        self, session: orm.Session, document: models.Record, title: str, summary: str = ""
    ) -> int:
        """Add a provision under ``document`` in the caller's transaction; returns its id."""
        from storage.api.records import unique_slug

        clean_title = clean_text(title, "title", limit=MAX_TITLE_CHARS, required=True).strip()
        clean_text(summary, "summary", limit=MAX_TEXT_CHARS)
        provision = models.Record(
            kind=RecordKind.PROVISION.value,
            slug=unique_slug(session, clean_title, RecordKind.PROVISION.value),
            title=clean_title,
            summary=summary,
            status=document.status,
            parent_id=document.id,
        )
        session.add(provision)
        session.flush()
        session.add(
            models.StatusChange(
                record_id=provision.id,
                from_status=None,
                to_status=provision.status,
                changed_by=self._service.actor,
                comment=_("Created"),
            )
        )
        session.flush()
        self._db.reindex(session, provision.id)
        return provision.id


# -- finding and adding parties, persons and roles ---------------------------------------


def replace_signatories(
    session: orm.Session, record: models.Record, signatories: Sequence[SignatoryView]
) -> None:
    """Make ``signatories`` the record's, adding the people, roles and parties new to it."""
    roles = list(dict.fromkeys(role_id(session, *signatory) for signatory in signatories))
    session.execute(delete(models.Signatory).where(models.Signatory.record_id == record.id))
    for role in roles:
        session.add(models.Signatory(record_id=record.id, role_id=role))


def replace_relations(
    session: orm.Session, record: models.Record, relations: Sequence[RelationEdit]
) -> None:
    """Make ``relations`` the record's outgoing relations."""
    wanted = list(dict.fromkeys(_relation(session, record, *edit) for edit in relations))
    session.execute(delete(models.Relation).where(models.Relation.from_id == record.id))
    for kind, other in wanted:
        session.add(models.Relation(from_id=record.id, to_id=other, kind=kind))


def find_party(session: orm.Session, ref: int | str) -> models.Party | None:
    """The party ``ref`` names: an id, a slug, or a name whatever its case."""
    if isinstance(ref, int):
        return session.get(models.Party, ref)
    text = " ".join(ref.split())
    return session.scalars(
        select(models.Party).where(
            (models.Party.slug == text) | (func.lower(models.Party.name) == text.lower())
        )
    ).first()


def party_id(session: orm.Session, name_or_slug: str) -> int:
    """The id of the party named, added when there is none yet: as a state, unless its name
    says what it is ("Ministry of Defence of Ukraine": a ministry of Ukraine)."""
    party = find_party(session, name_or_slug)
    if party is None:
        kind, parent = guess_kind(session, name_or_slug)
        party = add_party(session, name_or_slug, kind, parent)
    return party.id


def guess_kind(session: orm.Session, name: str) -> tuple[PartyKind, int | None]:
    """What a new party's name says of it: a ministry or agency belongs to the known party
    its name ends with ("… of Ukraine"); a bank or a fund is an organisation; any other
    name is taken for a state's."""
    words = " ".join(name.split())
    first = words.split(" ", 1)[0].casefold()
    parent = None
    # The longest known party after an " of " is the one it belongs to: "Ministry of
    # Foreign Affairs of Ukraine" is of Ukraine, not of "Foreign Affairs of Ukraine".
    for match in re.finditer(r"\bof (?:the )?", words, flags=re.IGNORECASE):
        found = find_party(session, words[match.end() :])
        if found is not None:
            parent = found.id
            break
    if first in MINISTRY_WORDS:
        return PartyKind.MINISTRY, parent
    if parent is not None or ORGANISATION_WORDS & set(words.casefold().split()):
        return PartyKind.ORGANISATION, parent
    return PartyKind.STATE, None


def add_party(
    session: orm.Session, name: str, kind: PartyKind, parent_id: int | None
) -> models.Party:
    """A new party, its slug unique among parties."""
    clean = _party_name(name)
    party = models.Party(
        slug=_free_slug(session, tables.parties.c.slug, clean),
        name=clean,
        kind=kind.value,
        parent_id=parent_id,
    )
    session.add(party)
    session.flush()
    return party


def role_id(session: orm.Session, person: str, title: str, party: str) -> int:
    """The id of the role ``title`` that ``person`` holds for ``party``, added if new."""
    person_name = clean_text(person, "signatories", limit=MAX_SHORT_CHARS, required=True)
    role_title = clean_text(title, "signatories", limit=MAX_SHORT_CHARS, required=True)
    person_name, role_title = " ".join(person_name.split()), " ".join(role_title.split())
    party_key = party_id(session, party)
    found = session.scalars(
        select(models.Role)
        .join(models.Person, models.Person.id == models.Role.person_id)
        .where(
            func.lower(models.Person.name) == person_name.lower(),
            func.lower(models.Role.title) == role_title.lower(),
            models.Role.party_id == party_key,
        )
    ).first()
    if found is not None:
        return found.id
    person_row = _person(session, person_name)
    role = models.Role(
        slug=_free_slug(session, tables.roles.c.slug, f"{role_title} {person_name}"),
        person_id=person_row.id,
        party_id=party_key,
        title=role_title,
    )
    session.add(role)
    session.flush()
    return role.id


def known_labels(session: orm.Session, field: str, values: Iterable[str]) -> tuple[str, ...]:
    """Free labels for ``field``, each spelled as the one in use that it matches."""
    return free_labels(
        list(values), field, known=[str(label) for label in session.scalars(_in_use(field))]
    )


def _in_use(field: str) -> Select[Any]:
    if field == "categories":
        column = tables.pledge_categories.c.category
    elif field == "tags":
        column = tables.record_tags.c.tag
    else:
        raise ValidationError(
            _("There are no suggestions for {field}.").format(field=field), field=field
        )
    return select(column).distinct()


def _party_in_use(session: orm.Session, party: int) -> bool:
    records, parties = tables.records.c, tables.parties.c
    uses = (
        select(tables.record_parties.c.record_id).where(tables.record_parties.c.party_id == party),
        select(records.id).where((records.donor_id == party) | (records.recipient_id == party)),
        select(tables.roles.c.id).where(tables.roles.c.party_id == party),
        select(parties.id).where(parties.parent_id == party),
        select(tables.sources.c.id).where(tables.sources.c.reported_by_id == party),
    )
    return any(session.execute(use.limit(1)).first() is not None for use in uses)


def _person(session: orm.Session, name: str) -> models.Person:
    found = session.scalars(
        select(models.Person).where(func.lower(models.Person.name) == name.lower())
    ).first()
    if found is not None:
        return found
    person = models.Person(slug=_free_slug(session, tables.persons.c.slug, name), name=name)
    session.add(person)
    session.flush()
    return person


def _existing_party(session: orm.Session, ref: int | str) -> models.Party:
    party = find_party(session, ref)
    if party is None:
        raise NotFoundError(_("There is no party “{name}”.").format(name=ref))
    return party


def _party_name(name: str) -> str:
    text = clean_text(name, "parties", limit=MAX_SHORT_CHARS, required=True)
    return " ".join(text.split())


def _free_slug(session: orm.Session, column: Column[str], text: str) -> str:
    from storage.api.records import slugify

    base = slugify(text)
    taken = set(session.scalars(select(column).where(column.like(f"{base}%"))))
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def _relation(
    session: orm.Session, record: models.Record, kind: str, other: int | str
) -> tuple[str, int]:
    relation_kind = enum_value(RelationKind, kind, "relations")
    target = find_record(session, other)
    if target.id == record.id:
        raise ValidationError(_("A document cannot relate to itself."), field="relations")
    if target.kind != RecordKind.DOCUMENT.value or target.deleted_at is not None:
        raise ValidationError(
            _("“{title}” is not a document in use; relations join documents.").format(
                title=target.title
            ),
            field="relations",
        )
    return relation_kind.value, target.id


def _require_kind(record: models.Record, kind: RecordKind, field: str) -> None:
    if record.kind != kind.value:
        raise ValidationError(
            _("A {kind} has no {field}.").format(
                kind=label(record.kind).lower(), field=field_label(field).lower()
            ),
            field=field,
        )
