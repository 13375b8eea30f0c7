"""Read and check a seed file; any fault names the file and where, and nothing is imported."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from storage.errors import SeedError, ValidationError
from storage.i18n import _
from storage.records.validation import (
    MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
    clean_text,
    coerce_changes,
    enum_value,
    optional_date,
    optional_decimal,
)
from storage.schema.enums import (
    Binding,
    DocumentKind,
    DocumentStatus,
    PartyKind,
    PledgeStatus,
    RecordKind,
    RelationKind,
)

R = TypeVar("R")
SEED_SCHEMA = 1
# Seed keys that name a model field differently, because the seed reads like the article.
RENAMED = {"kind": "document_kind", "areas": "tags"}
SEED_ONLY = {"status", "signatories", "relations", "announced_by", "document", "deliveries"}
DOCUMENT_KEYS = {
    "slug",
    "title",
    "kind",
    "binding",
    "status",
    "signed_on",
    "parties",
    "signatories",
    "summary",
    "areas",
    "relations",
    "quotes",
    "provisions",
}
PLEDGE_KEYS = {
    "slug",
    "title",
    "donor",
    "recipient",
    "status",
    "amount",
    "currency",
    "currency_as_written",
    "qualifier",
    "quantity",
    "unit",
    "equivalent_amount",
    "equivalent_as_written",
    "categories",
    "announced_on",
    "announced_by",
    "due",
    "document",
    "summary",
    "quotes",
    "deliveries",
}
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True, slots=True)
class SeedSource:
    """The article the seed was written from."""

    slug: str
    title: str
    text: str
    sha256: str
    published_on: date | None
    language: str
    publisher: str | None
    url: str | None
    reported_by: str | None
    quotes: dict[str, str]
    file_name: str = ""


@dataclass(frozen=True, slots=True)
class SeedParty:
    slug: str
    name: str
    kind: str
    inside: str | None
    quote: str


@dataclass(frozen=True, slots=True)
class SeedPerson:
    slug: str
    name: str
    quote: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SeedRole:
    slug: str
    person: str
    party: str
    title: str
    quote: str


@dataclass(frozen=True, slots=True)
class SeedDelivery:
    delivered_on: date | None
    amount: Decimal | None
    quantity: Decimal | None
    note: str
    quote: str


@dataclass(frozen=True, slots=True)
class SeedRecord:
    """A document, provision or pledge with its quotes, keyed by model field name."""

    kind: RecordKind
    slug: str
    status: str
    fields: dict[str, Any]
    quotes: dict[str, str]
    signatories: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    announced_by: str | None = None
    document: str | None = None
    parent: str | None = None
    deliveries: tuple[SeedDelivery, ...] = ()
    binding: str | None = None
    document_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Seed:
    """A whole, checked seed file."""

    path: Path
    source: SeedSource
    parties: tuple[SeedParty, ...]
    people: tuple[SeedPerson, ...]
    roles: tuple[SeedRole, ...]
    records: tuple[SeedRecord, ...] = field(default=())


def load_seed(path: Path) -> Seed:
    """Parse and check ``path``; raise ``SeedError`` naming the file and place of any fault."""
    data = _parse_toml(path)
    try:
        return _Reader(path, data).seed()
    except ValidationError as error:
        raise SeedError(f"{path}: {error}") from None


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SeedError(
            _("Cannot read the seed file {path}: {strerror}.").format(
                path=path, strerror=error.strerror
            )
        ) from None
    try:
        return tomllib.loads(raw.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as error:
        raise SeedError(
            _("{path}: not UTF-8 text (byte {start}).").format(path=path, start=error.start)
        ) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = TOML_POSITION.search(message)
        reason = TOML_POSITION.sub("", message).strip()
        if position:
            line, column = position.groups()
            raise SeedError(
                _("{path}, line {line}, column {column}: {reason}.").format(
                    path=path, line=line, column=column, reason=reason
                )
            ) from None
        raise SeedError(f"{path}: {reason}.") from None
    except (RecursionError, ValueError) as error:
        # tomllib recurses per nesting level, and int() refuses over 4300 digits.
        raise SeedError(
            _(
                "{path}: the file is nested too deeply or holds an oversized number ({type})."
            ).format(path=path, type=type(error).__name__)
        ) from None


class _Reader:
    """Walks the parsed TOML, checking types, vocabularies, references and quotes."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.text = ""

    def seed(self) -> Seed:
        schema = self.data.get("schema")
        if schema != SEED_SCHEMA:
            self.fail(
                _("the file"),
                "schema",
                _("must be {SEED_SCHEMA}, not {schema!r}").format(
                    SEED_SCHEMA=SEED_SCHEMA, schema=schema
                ),
            )
        unknown = set(self.data) - {
            "schema",
            "source",
            "parties",
            "people",
            "roles",
            "documents",
            "pledges",
        }
        if unknown:
            self.fail(_("the file"), sorted(unknown)[0], _("is not a seed section"))
        source = self.source(self.table(self.data.get("source"), "source"))
        parties = tuple(self.party(i, t) for i, t in self.items("parties"))
        people = tuple(self.person(i, t) for i, t in self.items("people"))
        roles = tuple(self.role(i, t) for i, t in self.items("roles"))
        records: list[SeedRecord] = []
        for index, table in self.items("documents"):
            records.extend(self.document(index, table))
        records.extend(self.pledge(i, t) for i, t in self.items("pledges"))
        seed = Seed(self.path, source, parties, people, roles, tuple(records))
        _check_references(seed)
        return seed

    # -- sections -----------------------------------------------------------------

    def source(self, table: dict[str, Any]) -> SeedSource:
        where = "source"
        self.only(
            table,
            where,
            {
                "slug",
                "file",
                "title",
                "published_on",
                "language",
                "reported_by",
                "publisher",
                "url",
                "quotes",
            },
        )
        file_name = self.string(table, where, "file")
        article = self.path.parent / file_name
        try:
            self.text = article.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(
                where,
                "file",
                _("cannot read {article}: {error}").format(article=article, error=error),
            )
        quotes = self.quotes(table, where)
        return SeedSource(
            slug=self.slug(table, where),
            title=self.string(table, where, "title"),
            text=self.text,
            sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            published_on=self.day(table, where, "published_on"),
            language=self.string(table, where, "language"),
            publisher=self.optional_string(table, where, "publisher"),
            url=self.optional_string(table, where, "url"),
            reported_by=self.optional_string(table, where, "reported_by"),
            quotes=quotes,
            file_name=file_name,
        )

    def party(self, index: int, table: dict[str, Any]) -> SeedParty:
        where = f"parties[{index}]"
        self.only(table, where, {"slug", "name", "kind", "inside", "quote"})
        kind = self.string(table, where, "kind")
        self.guard(where, "kind", lambda: enum_value(PartyKind, kind, "kind"))
        return SeedParty(
            self.slug(table, where),
            self.string(table, where, "name"),
            kind,
            self.optional_string(table, where, "inside"),
            self.quote(table, where),
        )

    def person(self, index: int, table: dict[str, Any]) -> SeedPerson:
        where = f"people[{index}]"
        self.only(table, where, {"slug", "name", "quote", "aliases"})
        return SeedPerson(
            self.slug(table, where),
            self.string(table, where, "name"),
            self.quote(table, where),
            self.strings(table, where, "aliases"),
        )

    def role(self, index: int, table: dict[str, Any]) -> SeedRole:
        where = f"roles[{index}]"
        self.only(table, where, {"slug", "person", "party", "title", "quote"})
        return SeedRole(
            self.slug(table, where),
            self.string(table, where, "person"),
            self.string(table, where, "party"),
            self.string(table, where, "title"),
            self.quote(table, where),
        )

    def document(self, index: int, table: dict[str, Any]) -> list[SeedRecord]:
        slug = self.slug(table, f"documents[{index}]")
        where = f"documents[{index}] ({slug})"
        self.only(table, where, DOCUMENT_KEYS)
        record = self.record(RecordKind.DOCUMENT, slug, where, table, DocumentStatus)
        provisions = [
            self.provision(slug, f"{where}.provisions[{i}]", t)
            for i, t in self.items_of(table, where, "provisions")
        ]
        return [record, *provisions]

    def provision(self, parent: str, where: str, table: dict[str, Any]) -> SeedRecord:
        self.only(table, where, {"slug", "title", "status", "quote"})
        slug = self.slug(table, where)
        quote = self.quote(table, where)
        status = self.status(table, where, DocumentStatus)
        fields = self.guard(
            where,
            "title",
            lambda: coerce_changes(
                RecordKind.PROVISION, {"title": self.string(table, where, "title")}
            ),
        )
        return SeedRecord(
            RecordKind.PROVISION,
            slug,
            status,
            fields,
            {"record": quote, "title": quote},
            parent=parent,
        )

    def pledge(self, index: int, table: dict[str, Any]) -> SeedRecord:
        slug = self.slug(table, f"pledges[{index}]")
        where = f"pledges[{index}] ({slug})"
        self.only(table, where, PLEDGE_KEYS)
        return self.record(RecordKind.PLEDGE, slug, where, table, PledgeStatus)

    def record(
        self,
        kind: RecordKind,
        slug: str,
        where: str,
        table: dict[str, Any],
        statuses: type[DocumentStatus] | type[PledgeStatus],
    ) -> SeedRecord:
        quotes = self.quotes(table, where)
        if "title" not in table:
            self.fail(where, "title", _("is missing: every record needs a title"))
        if "record" not in quotes:
            self.fail(where, "quotes.record", _("is missing: every record needs its quote"))
        editable = {
            RENAMED.get(key, key): value
            for key, value in table.items()
            if key not in {"slug", "quotes", "provisions", "binding", *SEED_ONLY}
        }
        fields = self.fields(kind, where, editable)
        for key in table:
            if key not in {"slug", "quotes", "provisions", "deliveries"} and key not in quotes:
                self.fail(where, key, _("has no quote in quotes: every seeded value needs one"))
        renamed_quotes = {RENAMED.get(key, key): quote for key, quote in quotes.items()}
        return SeedRecord(
            kind=kind,
            slug=slug,
            status=self.status(table, where, statuses),
            fields=fields,
            quotes=renamed_quotes,
            signatories=self.strings(table, where, "signatories"),
            relations=self.relations(table, where),
            announced_by=self.optional_string(table, where, "announced_by"),
            document=self.optional_string(table, where, "document"),
            deliveries=tuple(
                self.delivery(f"{where}.deliveries[{i}]", t)
                for i, t in self.items_of(table, where, "deliveries")
            ),
            binding=self.binding(table, where),
            document_kind=fields.get("document_kind"),
        )

    def binding(self, table: dict[str, Any], where: str) -> str | None:
        value = self.optional_string(table, where, "binding")
        if value is None:
            return None
        return self.guard(where, "binding", partial(enum_value, Binding, value, "binding")).value

    def fields(self, kind: RecordKind, where: str, editable: dict[str, Any]) -> dict[str, Any]:
        document_kind = editable.pop("document_kind", None)
        values: dict[str, Any] = {}
        for name, value in editable.items():
            values.update(self.guard(where, name, partial(coerce_changes, kind, {name: value})))
        if kind is RecordKind.DOCUMENT:
            values["document_kind"] = self.guard(
                where, "kind", lambda: enum_value(DocumentKind, document_kind, "kind").value
            )
        if values.get("amount") is not None and values.get("quantity") is not None:
            self.fail(where, "amount", _("give an amount of money or a quantity, not both"))
        return values

    def delivery(self, where: str, table: dict[str, Any]) -> SeedDelivery:
        self.only(table, where, {"delivered_on", "amount", "quantity", "note", "quote"})
        amount = self.guard(
            where, "amount", lambda: optional_decimal(table.get("amount"), "amount")
        )
        quantity = self.guard(
            where, "quantity", lambda: optional_decimal(table.get("quantity"), "quantity")
        )
        if (amount is None) == (quantity is None):
            self.fail(where, "amount", _("a delivery needs either an amount or a quantity"))
        note = table.get("note", "")
        self.guard(where, "note", lambda: clean_text(note, "note", limit=MAX_TEXT_CHARS))
        return SeedDelivery(
            self.day(table, where, "delivered_on"), amount, quantity, note, self.quote(table, where)
        )

    def relations(self, table: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
        result = []
        for index, item in self.items_of(table, where, "relations"):
            place = f"{where}.relations[{index}]"
            self.only(item, place, {"kind", "to"})
            kind = self.guard(
                place, "kind", partial(enum_value, RelationKind, item.get("kind"), "kind")
            )
            result.append((kind.value, self.string(item, place, "to")))
        return tuple(result)

    def status(
        self, table: dict[str, Any], where: str, statuses: type[DocumentStatus] | type[PledgeStatus]
    ) -> str:
        value = self.string(table, where, "status")
        return self.guard(where, "status", lambda: enum_value(statuses, value, "status").value)

    # -- values -------------------------------------------------------------------

    def quotes(self, table: dict[str, Any], where: str) -> dict[str, str]:
        quotes = self.table(table.get("quotes", {}), f"{where}.quotes")
        for name, quote in quotes.items():
            self.check_quote(f"{where}.quotes", name, quote)
        return dict(quotes)

    def quote(self, table: dict[str, Any], where: str) -> str:
        return self.check_quote(where, "quote", table.get("quote"))

    def check_quote(self, where: str, name: str, quote: object) -> str:
        if not isinstance(quote, str) or not quote.strip():
            self.fail(where, name, _("needs a quote from the article"))
        assert isinstance(quote, str)
        if quote not in self.text:
            self.fail(
                where,
                name,
                _("quotes {quote!r}, which is not in the article verbatim").format(quote=quote),
            )
        return quote

    def slug(self, table: dict[str, Any], where: str) -> str:
        value = self.string(table, where, "slug")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            self.fail(
                where,
                "slug",
                _("{value!r} must be lowercase words joined by hyphens").format(value=value),
            )
        if value.isdigit():  # digits alone are a record number on the command line
            self.fail(
                where,
                "slug",
                _("{value!r} must not be digits alone (a record number)").format(value=value),
            )
        return value

    def string(self, table: dict[str, Any], where: str, key: str) -> str:
        value = table.get(key)
        if value is None:
            self.fail(where, key, _("is missing"))
        return self.guard(
            where, key, lambda: clean_text(value, key, limit=MAX_TEXT_CHARS, required=True)
        )

    def optional_string(self, table: dict[str, Any], where: str, key: str) -> str | None:
        if table.get(key) is None:
            return None
        return self.guard(
            where, key, lambda: clean_text(table[key], key, limit=MAX_SHORT_CHARS, required=True)
        )

    def strings(self, table: dict[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.fail(where, key, _("must be a list"))
        return tuple(self.string({key: item}, where, key) for item in value)

    def day(self, table: dict[str, Any], where: str, key: str) -> date | None:
        return self.guard(where, key, lambda: optional_date(table.get(key), key))

    def table(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "", _("must be a table"))
        assert isinstance(value, dict)
        return value

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        return self.items_of(self.data, _("the file"), key)

    def items_of(
        self, table: dict[str, Any], where: str, key: str
    ) -> list[tuple[int, dict[str, Any]]]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.fail(where, key, _("must be a list of tables"))
        return [(i, self.table(item, f"{where}.{key}[{i}]")) for i, item in enumerate(value)]

    def only(self, table: dict[str, Any], where: str, allowed: set[str]) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.fail(where, unknown[0], _("is not a known field here"))

    def guard(self, where: str, key: str, check: Callable[[], R]) -> R:
        try:
            return check()
        except ValidationError as error:
            self.fail(where, key, str(error))

    def fail(self, where: str, key: str, message: str) -> NoReturn:
        place = f"{where} field {key!r}" if key else where
        raise SeedError(f"{self.path}: {place}: {message}")


def _check_references(seed: Seed) -> None:
    """Every slug used is defined once; every reference points at something defined."""
    where = str(seed.path)
    defined: dict[str, set[str]] = {"party": set(), "person": set(), "role": set(), "record": set()}
    for group, slugs in (
        ("party", [p.slug for p in seed.parties]),
        ("person", [p.slug for p in seed.people]),
        ("role", [r.slug for r in seed.roles]),
        ("record", [r.slug for r in seed.records]),
    ):
        for slug in slugs:
            if slug in defined[group]:
                raise SeedError(
                    _("{where}: the {group} {slug!r} is defined twice").format(
                        where=where, group=group, slug=slug
                    )
                )
            defined[group].add(slug)

    def need(group: str, slug: str | None, user: str) -> None:
        if slug is not None and slug not in defined[group]:
            raise SeedError(
                _("{where}: {user} names the {group} {slug!r}, which is not defined").format(
                    where=where, user=user, group=group, slug=slug
                )
            )

    need("party", seed.source.reported_by, "source")
    for party in seed.parties:
        need("party", party.inside, f"party {party.slug!r}")
    for role in seed.roles:
        need("person", role.person, f"role {role.slug!r}")
        need("party", role.party, f"role {role.slug!r}")
    for record in seed.records:
        user = f"record {record.slug!r}"
        for party in (
            *record.fields.get("parties", ()),
            record.fields.get("donor"),
            record.fields.get("recipient"),
        ):
            need("party", party, user)
        for role_slug in (*record.signatories, record.announced_by):
            need("role", role_slug, user)
        for _kind, target in record.relations:
            need("record", target, user)
        need("record", record.document, user)
