"""Synthetic data for load tests and benchmarks: `accords generate --records N [--seed S]`.

Rows are built in plain Python from one ``random.Random(seed)`` and fixed base times, then
written with Core ``insert()`` executemany in batches, a few write transactions in all, with
the search index filled in the same transactions. The same seed on the same starting
database gives the same rows, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from storage.enums import (
    Binding,
    Category,
    DocumentKind,
    DocumentStatus,
    PartyKind,
    PledgeStatus,
    Precision,
    Qualifier,
    RecordKind,
    RelationKind,
)
from storage.models import (
    Annotation,
    Delivery,
    Note,
    NoteRevision,
    Party,
    Person,
    PledgeCategory,
    Record,
    RecordParty,
    RecordTag,
    Relation,
    Role,
    Signatory,
    Source,
    StatusChange,
)
from storage.periods import Period
from storage.search_index import add_search_rows
from storage.service import ANCHOR_CONTEXT_CHARS, AccordsService, slugify
from storage.wording import plural

__all__ = ["cmd_generate", "generate"]

T = TypeVar("T")

BATCH_ROWS = 5_000  # rows per executemany statement
RECORDS_PER_TRANSACTION = 50_000  # keeps the WAL file bounded on very large runs
SOURCE_SENTENCES = 150  # per generated source text, about 13,000 characters
RECORDS_PER_SOURCE = 1_000

FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2026, 12, 31)
RECENT_DAY = date(2014, 1, 1)
# Every generated timestamp lies between these two fixed instants; nothing reads the clock.
BASE_TIME = datetime(1990, 1, 1, 9, 0, tzinfo=UTC)
END_TIME = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
GENERATOR = "generator"

# -- vocabulary -------------------------------------------------------------------------

STATES: tuple[tuple[str, str], ...] = (
    ("Ukraine", "Україна"),
    ("Canada", "Канада"),
    ("United States", "Сполучені Штати"),
    ("United Kingdom", "Велика Британія"),
    ("France", "Франція"),
    ("Germany", "Німеччина"),
    ("Poland", "Польща"),
    ("Japan", "Японія"),
    ("Italy", "Італія"),
    ("Spain", "Іспанія"),
    ("Netherlands", "Нідерланди"),
    ("Belgium", "Бельгія"),
    ("Sweden", "Швеція"),
    ("Norway", "Норвегія"),
    ("Denmark", "Данія"),
    ("Finland", "Фінляндія"),
    ("Estonia", "Естонія"),
    ("Latvia", "Латвія"),
    ("Lithuania", "Литва"),
    ("Czechia", "Чехія"),
    ("Slovakia", "Словаччина"),
    ("Romania", "Румунія"),
    ("Moldova", "Молдова"),
    ("Austria", "Австрія"),
    ("Switzerland", "Швейцарія"),
    ("Ireland", "Ірландія"),
    ("Portugal", "Португалія"),
    ("Greece", "Греція"),
    ("Türkiye", "Туреччина"),
    ("Australia", "Австралія"),
    ("New Zealand", "Нова Зеландія"),
    ("South Korea", "Південна Корея"),
    ("Iceland", "Ісландія"),
    ("Luxembourg", "Люксембург"),
    ("Croatia", "Хорватія"),
    ("Slovenia", "Словенія"),
    ("Bulgaria", "Болгарія"),
    ("Georgia", "Грузія"),
    ("Mexico", "Мексика"),
    ("Cyprus", "Кіпр"),
)
INTERNATIONAL: tuple[str, ...] = (
    "European Union",
    "NATO",
    "United Nations",
    "World Bank",
    "International Monetary Fund",
    "OSCE",
    "Council of Europe",
    "European Investment Bank",
)
# Organisations inside a state (a ministry inside its government).
NESTED: tuple[tuple[str, str], ...] = (
    ("Ministry of Defence of Ukraine", "Ukraine"),
    ("Ministry of Finance of Ukraine", "Ukraine"),
    ("State Customs Service of Ukraine", "Ukraine"),
    ("Ministry of Foreign Affairs of Ukraine", "Ukraine"),
    ("Global Affairs Canada", "Canada"),
    ("Department of National Defence of Canada", "Canada"),
    ("Canada Border Services Agency", "Canada"),
    ("USAID", "United States"),
    ("Department of State", "United States"),
    ("Foreign, Commonwealth and Development Office", "United Kingdom"),
    ("Agence française de développement", "France"),
    ("KfW Development Bank", "Germany"),
    ("Japan International Cooperation Agency", "Japan"),
    ("Ministry of National Defence of Poland", "Poland"),
)
DONORS = ("Canada", "United States", "United Kingdom", "Germany", "France", "Japan", "Poland")
RECIPIENTS = ("Ukraine", "Ukraine", "Ukraine", "Moldova", "Georgia")

PEOPLE: tuple[tuple[str, str, str], ...] = (
    ("Olena Kovalenko", "Minister of Foreign Affairs", "Ukraine"),
    ("Andrii Melnyk", "Minister of Defence", "Ukraine"),
    ("Iryna Shevchuk", "Head of the State Customs Service", "State Customs Service of Ukraine"),
    ("Taras Bondar", "Deputy Minister of Finance", "Ministry of Finance of Ukraine"),
    ("Marc Tremblay", "Minister of National Defence", "Canada"),
    ("Sophie Gagnon", "Minister of Foreign Affairs", "Canada"),
    ("David Chen", "President of the Border Services Agency", "Canada Border Services Agency"),
    ("Karen Miller", "Secretary of State", "United States"),
    ("James Walker", "Administrator", "USAID"),
    ("Emily Clarke", "Foreign Secretary", "United Kingdom"),
    ("Claire Dubois", "Ministre des Armées", "France"),
    ("Julien Moreau", "Directeur général", "Agence française de développement"),
    ("Katrin Hoffmann", "Federal Minister of Defence", "Germany"),
    ("Hiroshi Tanaka", "Minister for Foreign Affairs", "Japan"),
    ("Agnieszka Nowak", "Minister of National Defence", "Poland"),
    ("Lars Eriksson", "Minister for Foreign Affairs", "Sweden"),
    ("Maria Rossi", "Minister of Defence", "Italy"),
    ("Anna Virtanen", "Prime Minister", "Finland"),
    ("Tomas Kazlauskas", "Minister of Foreign Affairs", "Lithuania"),
    ("Ion Popescu", "Prime Minister", "Romania"),
    ("Sarah O'Neill", "Ambassador", "Ireland"),
    ("Pieter de Vries", "Minister for Foreign Trade", "Netherlands"),
    ("Elena Petrova", "Deputy Prime Minister", "Bulgaria"),
    ("Nino Beridze", "Minister of Economy", "Georgia"),
    ("Ana Ruiz", "Minister of Defence", "Spain"),
    ("Oksana Hrytsenko", "Ambassador of Ukraine", "Ukraine"),
)
ANALYSTS = ("analyst", "o.kovalenko", "m.tremblay", "c.dubois", "research-desk")

# (tag, English, French, Ukrainian genitive)
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("security", "security", "sécurité", "безпеки"),
    ("defence industry", "defence industry", "industrie de défense", "оборонної промисловості"),
    ("customs", "customs", "douanes", "митної справи"),
    ("energy", "energy", "énergie", "енергетики"),
    ("trade", "trade", "commerce", "торгівлі"),
    ("reconstruction", "reconstruction", "reconstruction", "відбудови"),
    ("demining", "demining", "déminage", "розмінування"),
    ("education", "education", "éducation", "освіти"),
    ("health", "health", "santé", "охорони здоровʼя"),
    ("cybersecurity", "cyber security", "cybersécurité", "кібербезпеки"),
    ("justice", "justice", "justice", "юстиції"),
    ("agriculture", "agriculture", "agriculture", "сільського господарства"),
    ("infrastructure", "infrastructure", "infrastructures", "інфраструктури"),
    ("culture", "culture", "culture", "культури"),
)
DOCUMENT_WORDS: dict[str, tuple[str, str, str]] = {
    DocumentKind.AGREEMENT: ("Agreement", "Accord", "Угода"),
    DocumentKind.ACTION_PLAN: ("Action Plan", "Plan d'action", "План дій"),
    DocumentKind.LETTER_OF_INTENT: ("Letter of Intent", "Lettre d'intention", "Лист про наміри"),
    DocumentKind.MEMORANDUM: (
        "Memorandum of Understanding",
        "Mémorandum d'entente",
        "Меморандум про взаєморозуміння",
    ),
    DocumentKind.COMMUNIQUE: ("Joint Communiqué", "Communiqué conjoint", "Спільне комюніке"),
    DocumentKind.OTHER: ("Joint Declaration", "Déclaration commune", "Спільна декларація"),
}
PROVISIONS: tuple[tuple[str, str, str], ...] = (
    (
        "Exchange of customs information",
        "Échange d'informations douanières",
        "Обмін митною інформацією",
    ),
    ("Training of border officers", "Formation des agents frontaliers", "Навчання прикордонників"),
    (
        "Joint production of armoured vehicles",
        "Production conjointe de blindés",
        "Спільне виробництво бронетехніки",
    ),
    (
        "Protection of critical infrastructure",
        "Protection des infrastructures critiques",
        "Захист обʼєктів критичної інфраструктури",
    ),
    (
        "Load capacity of rebuilt bridges",
        "Capacité portante des ponts reconstruits",
        "Підʼємність відбудованих мостів",
    ),
    ("Intelligence sharing", "Partage du renseignement", "Обмін розвідувальними даними"),
    ("Technical assistance", "Assistance technique", "Технічна допомога"),
    (
        "Fight against customs offences",
        "Lutte contre les infractions douanières",
        "Протидія митним правопорушенням",
    ),
    (
        "Mutual recognition of diplomas",
        "Reconnaissance mutuelle des diplômes",
        "Взаємне визнання дипломів",
    ),
    ("Communication and liaison officers", "Officiers de liaison", "Офіцери звʼязку"),
)
# (English, French, Ukrainian accusative, category)
PURPOSES: tuple[tuple[str, str, str, Category], ...] = (
    (
        "air defence systems",
        "systèmes de défense aérienne",
        "системи протиповітряної оборони",
        Category.MILITARY,
    ),
    (
        "artillery ammunition",
        "munitions d'artillerie",
        "артилерійські боєприпаси",
        Category.MILITARY,
    ),
    ("armoured vehicles", "véhicules blindés", "бронетехніку", Category.MILITARY),
    ("drones", "drones", "безпілотники", Category.MILITARY),
    ("budget support", "soutien budgétaire", "бюджетну підтримку", Category.FINANCIAL),
    ("loan guarantees", "garanties de prêt", "кредитні гарантії", Category.FINANCIAL),
    ("energy equipment", "équipement énergétique", "енергетичне обладнання", Category.ECONOMIC),
    ("grain exports", "exportations de céréales", "експорт зерна", Category.ECONOMIC),
    ("winter generators", "générateurs pour l'hiver", "генератори на зиму", Category.HUMANITARIAN),
    ("medical supplies", "fournitures médicales", "медичні засоби", Category.HUMANITARIAN),
    ("rebuilding of schools", "reconstruction des écoles", "відбудову шкіл", Category.DEVELOPMENT),
    (
        "border infrastructure",
        "infrastructures frontalières",
        "прикордонну інфраструктуру",
        Category.DEVELOPMENT,
    ),
    (
        "demining equipment",
        "matériel de déminage",
        "обладнання для розмінування",
        Category.SECURITY,
    ),
    ("police training", "formation de la police", "навчання поліції", Category.SECURITY),
    (
        "repair of damaged objects",
        "réparation des sites endommagés",
        "ремонт пошкоджених обʼєктів",
        Category.STABILISATION,
    ),
    (
        "resettlement of displaced families",
        "réinstallation des familles déplacées",
        "допомогу переміщеним сімʼям",
        Category.IMMIGRATION,
    ),
    ("cultural heritage", "patrimoine culturel", "збереження памʼяток", Category.OTHER),
)
UNITS = (
    "drones",
    "armoured vehicles",
    "artillery shells",
    "generators",
    "tonnes of grain",
    "people",
)
CURRENCIES: tuple[tuple[str | None, str | None, int], ...] = (
    # (ISO code, as written when no code is known, weight)
    ("CAD", None, 20),
    ("USD", None, 25),
    ("EUR", None, 25),
    ("GBP", None, 8),
    ("UAH", None, 8),
    ("JPY", None, 4),
    (None, "$", 10),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

NOTES_EN = (
    "Follow up with {party} on the implementation timetable.",
    "The {year} report confirms the first tranche was transferred.",
    "Figures differ between the press release and the official text; check the annex.",
    "Ask the embassy whether ratification was debated in {year}.",
    "Delivery of {n} items reported by the ministry; no independent confirmation yet.",
    "See also the joint statement of {month} {year}.",
    "**Open question:** does the amount include the {year} top-up?",
    "- source: official gazette\n- checked by the research desk",
)
NOTES_FR = (
    "Vérifier auprès de {party} le calendrier de mise en œuvre.",
    "Le rapport de {year} confirme le versement de la première tranche.",
    "Les montants diffèrent entre le communiqué et le texte officiel ; voir l'annexe.",
    "Demander à l'ambassade si la ratification a été débattue en {year}.",
    "Livraison de {n} unités annoncée par le ministère ; pas de confirmation indépendante.",
    "Voir aussi la déclaration commune de {month} {year}.",
)
NOTES_UK = (
    "Уточнити з {party} графік виконання зобовʼязань.",
    "Звіт за {year} рік підтверджує передачу першого траншу.",
    "Обʼєкт критичної інфраструктури відновлено частково.",
    "Підʼємність мосту після ремонту — {n} тонн.",
    "Памʼятка для аналітиків: перевірити звʼязок із попередньою угодою.",
    "Кошти спрямовано на відбудову обʼєктів у {year} році.",
)
NOTE_BANKS = (NOTES_EN, NOTES_EN, NOTES_FR, NOTES_UK)
SUMMARIES = (
    "Sets out cooperation on {area} between {a} and {b} for {years} years.",
    "Commits the parties to regular consultations on {area} and a joint working group.",
    "Establishes a framework for {area}, with annual reviews from {year}.",
    "Prévoit une coopération en matière de {area_fr} pour une durée de {years} ans.",
    "Визначає засади співробітництва у сфері {area_uk} на {years} років.",
)
PLEDGE_SUMMARIES = (
    "{donor} pledged {purpose} to {recipient} at the {month} {year} meeting.",
    "Announced by {donor} in {year}; part of a wider package for {recipient}.",
    "{donor} s'engage à fournir {purpose_fr} en {year}.",
    "{donor} зобовʼязується надати {purpose_uk} у {year} році.",
)
SOURCE_SENTENCES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "On {day} {month} {year}, {a} and {b} signed an agreement on {area}.",
        "{a} will provide {n} million in assistance for {purpose} by the end of {year}.",
        "The parties agreed to meet at least twice a year to review progress on {area}.",
        "The memorandum covers {area}, {area2} and the exchange of liaison officers.",
        "In {month} {year}, {a} announced a further package including {purpose}.",
    ),
    "fr": (
        "Le {day} {month} {year}, {a} et {b} ont signé un accord relatif à {area}.",
        "{a} fournira une aide de {n} millions pour {purpose} d'ici la fin de {year}.",
        "Les parties se réuniront au moins deux fois par an pour faire le point.",
    ),
    "uk": (
        "{day} {month} {year} року {a} та {b} підписали угоду у сфері {area}.",
        "{a} надасть {n} мільйонів на {purpose} до кінця {year} року.",
        "Сторони відновлять обʼєкти критичної інфраструктури та мости з підʼємністю {n} тонн.",
        "Памʼятки культурної спадщини отримають захист відповідно до угоди.",
    ),
}
SOURCE_TITLES = {
    "en": "Compiled statements on agreements and pledges, {year}",
    "fr": "Recueil des déclarations sur les accords et engagements, {year}",
    "uk": "Збірка заяв про угоди та зобовʼязання, {year}",
}
ANNOTATION_COMMENTS = (
    "",
    "",
    "",
    "Key sentence",
    "Wording differs in the French version",
    "Formulation reprise du communiqué",
    "Ключове формулювання",
)
DELIVERY_NOTES = ("", "", "First tranche", "Deuxième livraison", "Перший транш", "Final batch")
RELATION_KINDS = tuple(RelationKind)
PLEDGE_ORDER = tuple(s.value for s in PledgeStatus)
DOCUMENT_ORDER = tuple(s.value for s in DocumentStatus)
NON_BINDING_ORDER = tuple(
    s for s in DOCUMENT_ORDER if s != DocumentStatus.AWAITING_RATIFICATION.value
)

DOCUMENT_WEIGHTS = {
    DocumentStatus.DRAFT: 4,
    DocumentStatus.SIGNED: 20,
    DocumentStatus.AWAITING_RATIFICATION: 8,
    DocumentStatus.IN_FORCE: 20,
    DocumentStatus.BEING_IMPLEMENTED: 18,
    DocumentStatus.COMPLETED: 12,
    DocumentStatus.SUSPENDED: 4,
    DocumentStatus.TERMINATED: 6,
    DocumentStatus.SUPERSEDED: 8,
}
PLEDGE_WEIGHTS = {
    PledgeStatus.ANNOUNCED: 30,
    PledgeStatus.COMMITTED: 25,
    PledgeStatus.PARTIALLY_DELIVERED: 20,
    PledgeStatus.DELIVERED: 18,
    PledgeStatus.CANCELLED: 7,
}
PRECISIONS = (Precision.DAY, Precision.MONTH, Precision.MONTH, Precision.QUARTER, Precision.YEAR)
QUALIFIERS = (
    *([Qualifier.EXACT] * 10),
    *([Qualifier.ABOUT] * 4),
    Qualifier.ALMOST,
    Qualifier.ALMOST,
    Qualifier.OVER,
    Qualifier.OVER,
    Qualifier.UP_TO,
    Qualifier.UP_TO,
)
LANGUAGES = (0,) * 15 + (1,) * 3 + (2,) * 2  # English, French, Ukrainian titles
REVISION_COUNTS = (0,) * 16 + (1,) * 3 + (2,)
BINDINGS = (
    (Binding.BINDING.value,) * 9 + (Binding.NON_BINDING.value,) * 7 + (Binding.UNKNOWN.value,) * 4
)
ROUND_FIGURES = (1, 2, 2.5, 3, 5, 7.5, 10, 12, 15, 20, 25, 40, 50, 75, 100, 120, 150, 250, 500)

# -- the generator ------------------------------------------------------------------------


@dataclass(slots=True)
class _Party:
    id: int
    name: str
    uk: str


@dataclass(slots=True)
class _Sentence:
    source_id: int
    start: int
    end: int


@dataclass(slots=True)
class _Sources:
    text: dict[int, str] = field(default_factory=dict)
    sentences: list[list[_Sentence]] = field(default_factory=list)  # per source


@dataclass(slots=True)
class _Rows:
    """The rows of one transaction, table by table, in foreign-key order."""

    documents: list[dict[str, Any]] = field(default_factory=list)  # and provisions
    pledges: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    signatories: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    deliveries: list[dict[str, Any]] = field(default_factory=list)
    fts: list[dict[str, Any]] = field(default_factory=list)

    def tables(self) -> Iterable[tuple[Table, list[dict[str, Any]]]]:
        yield _table(Record), self.documents
        yield _table(Record), self.pledges
        yield _table(RecordParty), self.parties
        yield _table(Signatory), self.signatories
        yield _table(RecordTag), self.tags
        yield _table(PledgeCategory), self.categories
        yield _table(Relation), self.relations
        yield _table(StatusChange), self.history
        yield _table(Note), self.notes
        yield _table(NoteRevision), self.revisions
        yield _table(Annotation), self.annotations
        yield _table(Delivery), self.deliveries


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


# Each kind's rows carry only the columns the kind uses (the rest stay NULL), so that
# executemany binds and converts fewer values per row.
SHARED_COLUMNS = (
    "id", "slug", "kind", "title", "summary", "status", "status_since", "deleted_at",
    "created_at", "updated_at", "version",
)  # fmt: skip
DOCUMENT_COLUMNS = (*SHARED_COLUMNS, "parent_id", "document_kind", "binding", "signed_on")
PLEDGE_COLUMNS = (
    *SHARED_COLUMNS, "donor_id", "recipient_id", "amount", "currency", "currency_as_written",
    "qualifier", "quantity", "unit", "equivalent_amount", "equivalent_as_written",
    "announced_on", "announced_by_id", "due_start", "due_end", "due_precision",
    "from_document_id",
)  # fmt: skip


class _Generator:
    """Draws every value from one ``random.Random``, in a fixed order."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.random = rng.random
        self.seed = seed
        self.parties: dict[str, _Party] = {}
        self.roles_by_party: dict[int, list[int]] = {}
        self.sources = _Sources()
        self.position = 0  # records built since the sources were made
        self.documents: list[int] = []  # ids of documents generated so far, for links
        self.document_parties: dict[int, list[int]] = {}
        self.first_ordinal = FIRST_DAY.toordinal()
        self.recent_ordinal = RECENT_DAY.toordinal()
        self.last_ordinal = LAST_DAY.toordinal()
        # Weighted draws as plain choices over repeated values: much cheaper than choices().
        self.document_statuses = _weighted({s: w for s, w in DOCUMENT_WEIGHTS.items()})
        self.pledge_statuses = _weighted({s.value: w for s, w in PLEDGE_WEIGHTS.items()})
        self.currencies = _weighted({(code, written): w for code, written, w in CURRENCIES})
        self.document_kinds = list(DocumentKind)
        self.generated = 0

    # Draws from self.random() alone: several times cheaper than choice() and randint().
    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high], both included."""
        return low + int(self.random() * (high - low + 1))

    def below(self, limit: int) -> int:
        return int(self.random() * limit)

    # -- reference data, shared by every run on a database ------------------------------

    def ensure_reference_data(self, session: Session) -> None:
        """Parties, people and roles; reused when present (matched by name), else added."""
        now = BASE_TIME
        existing = {name: pid for pid, name in session.execute(select(Party.id, Party.name))}
        taken = set(session.scalars(select(Party.slug)))
        wanted: list[tuple[str, str, str, str | None]] = [
            (name, uk, PartyKind.STATE.value, None) for name, uk in STATES
        ]
        wanted += [(name, name, PartyKind.ORGANISATION.value, None) for name in INTERNATIONAL]
        wanted += [(name, name, PartyKind.ORGANISATION.value, inside) for name, inside in NESTED]
        for name, uk, kind, inside in wanted:
            if name not in existing:
                slug = _free_slug(f"gen-{slugify(name)}", taken)
                parent = existing.get(inside) if inside else None
                session.execute(
                    insert(_table(Party)),
                    [
                        {
                            "slug": slug,
                            "name": name,
                            "kind": kind,
                            "parent_id": parent,
                            "created_at": now,
                            "updated_at": now,
                            "version": 1,
                        }
                    ],
                )
                existing[name] = _scalar_int(session, select(Party.id).where(Party.slug == slug))
            self.parties[name] = _Party(existing[name], name, uk)

        people = {slug: pid for pid, slug in session.execute(select(Person.id, Person.slug))}
        roles = {slug: rid for rid, slug in session.execute(select(Role.id, Role.slug))}
        for person_name, title, party_name in PEOPLE:
            person_slug = f"gen-{slugify(person_name)}"
            if person_slug not in people:
                session.execute(
                    insert(_table(Person)),
                    [_tracked({"slug": person_slug, "name": person_name}, now)],
                )
                people[person_slug] = _scalar_int(
                    session, select(Person.id).where(Person.slug == person_slug)
                )
            role_slug = f"gen-{slugify(person_name)}-{slugify(title)}"
            party_id = self.parties[party_name].id
            if role_slug not in roles:
                session.execute(
                    insert(_table(Role)),
                    [
                        _tracked(
                            {
                                "slug": role_slug,
                                "person_id": people[person_slug],
                                "party_id": party_id,
                                "title": title,
                            },
                            now,
                        )
                    ],
                )
                roles[role_slug] = _scalar_int(
                    session, select(Role.id).where(Role.slug == role_slug)
                )
            self.roles_by_party.setdefault(party_id, []).append(roles[role_slug])

    def add_sources(self, session: Session, first_record_id: int, records: int) -> None:
        """Source texts for the next ``records`` records: one article per RECORDS_PER_SOURCE.

        Each record quotes the article of its own stretch of records, so no source carries
        more than a few hundred annotations, as with real articles.
        """
        self.sources = _Sources()
        self.position = 0
        count = max(1, -(-records // RECORDS_PER_SOURCE))
        for number in range(count):
            language = ("en", "fr", "uk")[number % 3]
            year = self.between(2014, 2026)
            body, spans = self.source_text(language)
            slug = f"gen-{self.seed}-{first_record_id}-source-{number}"
            session.execute(
                insert(_table(Source)),
                [
                    _tracked(
                        {
                            "slug": slug,
                            "title": SOURCE_TITLES[language].format(year=year),
                            "publisher": "Synthetic Press Office",
                            "url": f"https://example.org/accords/{slug}",
                            "published_on": date(year, self.between(1, 12), self.between(1, 28)),
                            "language": language,
                            "text": body,
                            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
                            "reported_by_id": self.parties["Canada"].id,
                        },
                        BASE_TIME,
                    )
                ],
            )
            source_id = _scalar_int(session, select(Source.id).where(Source.slug == slug))
            self.sources.text[source_id] = body
            self.sources.sentences.append([_Sentence(source_id, s, e) for s, e in spans])

    def source_text(self, language: str) -> tuple[str, list[tuple[int, int]]]:
        rng = self.rng
        templates = SOURCE_SENTENCES_BY_LANGUAGE[language]
        names = list(self.parties.values())
        area_index = 1 if language == "en" else 2 if language == "fr" else 3
        purpose_index = 0 if language == "en" else 1 if language == "fr" else 2
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        offset = 0
        for number in range(SOURCE_SENTENCES):
            a, b = rng.sample(names, 2)
            sentence = self.pick(templates).format(
                day=self.between(1, 28),
                month=MONTHS[self.below(12)],
                year=self.between(1990, 2026),
                a=a.uk if language == "uk" else a.name,
                b=b.uk if language == "uk" else b.name,
                area=self.pick(AREAS)[area_index],
                area2=self.pick(AREAS)[area_index],
                purpose=self.pick(PURPOSES)[purpose_index],
                n=self.between(2, 900),
            )
            separator = "\n\n" if number % 7 == 6 else " "
            spans.append((offset, offset + len(sentence)))
            parts.append(sentence + separator)
            offset += len(sentence) + len(separator)
        return "".join(parts), spans

    # -- records --------------------------------------------------------------------------

    def day(self) -> date:
        low = self.recent_ordinal if self.random() < 0.6 else self.first_ordinal
        return date.fromordinal(self.between(low, self.last_ordinal))

    def build(self, rows: _Rows, count: int, next_ids: dict[str, int]) -> None:
        """``count`` records with everything hanging off them, appended to ``rows``."""
        rng = self.rng
        for _ in range(count):
            record_id = next_ids["record"]
            next_ids["record"] += 1
            roll = rng.random()
            if roll < 0.30 or not self.documents or self.generated < len(self.document_kinds):
                kind = RecordKind.DOCUMENT
            elif roll < 0.48:
                kind = RecordKind.PROVISION
            else:
                kind = RecordKind.PLEDGE
            pledge = kind is RecordKind.PLEDGE
            row = dict.fromkeys(PLEDGE_COLUMNS if pledge else DOCUMENT_COLUMNS)
            row["id"] = record_id
            row["slug"] = f"gen-{self.seed}-{record_id}"
            row["kind"] = kind.value
            row["version"] = 1
            if pledge:
                self.pledge(rows, row)
            elif kind is RecordKind.PROVISION:
                self.provision(row)
            else:
                self.document(rows, row)
            self.history(rows, row)
            notes = self.notes(rows, row, next_ids)
            quotes = self.annotations(rows, row)
            if self.random() < 0.005:
                row["deleted_at"] = row["updated_at"]
            (rows.pledges if pledge else rows.documents).append(row)
            rows.fts.append(
                {
                    "id": record_id,
                    "title": row["title"],
                    "summary": row["summary"],
                    "notes": "\n".join(notes),
                    "quotes": "\n".join(quotes),
                }
            )
            self.generated += 1

    def provision(self, row: dict[str, Any]) -> None:
        """An article of one of the last documents generated."""
        language = self.pick(LANGUAGES)
        row["parent_id"] = self.pick(self.documents[-500:])
        words = self.pick(PROVISIONS)
        article = self.between(1, 40)
        row["title"] = (
            f"Article {article}: {words[0]}",
            f"Article {article} : {words[1]}",
            f"Стаття {article}. {words[2]}",
        )[language]
        row["summary"] = ""
        row["status"] = self.document_status(Binding.UNKNOWN.value)
        row["_day"] = self.day()

    def document(self, rows: _Rows, row: dict[str, Any]) -> None:
        rng = self.rng
        record_id: int = row["id"]
        area = self.pick(AREAS)
        language = self.pick(LANGUAGES)
        if self.generated < len(self.document_kinds):
            document_kind = self.document_kinds[self.generated]
        else:
            document_kind = self.pick(self.document_kinds)
        names = list(self.parties)
        party_names = rng.sample(names[: len(STATES)], self.between(2, 3))
        if self.random() < 0.2:
            party_names.append(self.pick(names[len(STATES) :]))
        a, b = self.parties[party_names[0]], self.parties[party_names[1]]
        kind_words = DOCUMENT_WORDS[document_kind]
        year = self.between(1990, 2026)
        if language == 0:
            title = f"{kind_words[0]} on {area[1]} cooperation between {a.name} and {b.name}"
            if self.random() < 0.3:
                title += f" ({year})"
        elif language == 1:
            title = (
                f"{kind_words[1]} relatif à la coopération en matière de {area[2]} "
                f"entre {a.name} et {b.name}"
            )
        else:
            title = f"{kind_words[2]} про співробітництво у сфері {area[3]} між {a.uk} та {b.uk}"
        binding = self.pick(BINDINGS)
        status = self.document_status(binding)
        row["title"] = title
        row["summary"] = self.pick(SUMMARIES).format(
            area=area[1], area_fr=area[2], area_uk=area[3], a=a.name, b=b.name,
            years=self.between(2, 10), year=year,
        )  # fmt: skip
        row["document_kind"] = document_kind.value
        row["binding"] = binding
        row["status"] = status
        signed = self.day()
        row["signed_on"] = None if status == DocumentStatus.DRAFT.value else signed
        row["_day"] = signed
        party_ids = [self.parties[name].id for name in party_names]
        rows.parties += [{"record_id": record_id, "party_id": pid} for pid in party_ids]
        self.document_parties[record_id] = party_ids
        tags = {area[0]}
        if self.random() < 0.4:
            tags.add(self.pick(AREAS)[0])
        rows.tags += [{"record_id": record_id, "tag": tag} for tag in sorted(tags)]
        if self.random() < 0.4:
            roles = [r for pid in party_ids for r in self.roles_by_party.get(pid, ())]
            for role in rng.sample(roles, min(len(roles), self.between(1, 2))):
                rows.signatories.append({"record_id": record_id, "role_id": role})
        if self.documents and self.random() < 0.1:
            rows.relations.append(
                {
                    "from_id": record_id,
                    "to_id": self.pick(self.documents),
                    "kind": self.pick(RELATION_KINDS).value,
                }
            )
        self.documents.append(record_id)

    def document_status(self, binding: str) -> str:
        while True:
            status = self.pick(self.document_statuses)
            if not (
                status is DocumentStatus.AWAITING_RATIFICATION
                and binding == Binding.NON_BINDING.value
            ):
                return status.value

    def pledge(self, rows: _Rows, row: dict[str, Any]) -> None:
        record_id: int = row["id"]
        donor = self.parties[self.pick(DONORS)]
        recipient = self.parties[self.pick(RECIPIENTS)]
        if self.random() < 0.15:
            nested = [name for name, inside in NESTED if inside == recipient.name]
            if nested:
                recipient = self.parties[self.pick(nested)]
        purpose = self.pick(PURPOSES)
        announced = self.day()
        language = self.pick(LANGUAGES)
        if language == 0:
            title = self.pick(
                (
                    f"{purpose[0].capitalize()} for {recipient.name}",
                    f"{donor.name} support for {purpose[0]} ({announced.year})",
                )
            )
        elif language == 1:
            title = f"Aide de {donor.name} : {purpose[1]}"
        else:
            title = f"Допомога від {donor.uk} на {purpose[2]}"
        row["title"] = title
        row["summary"] = self.pick(PLEDGE_SUMMARIES).format(
            donor=donor.name, recipient=recipient.name, purpose=purpose[0],
            purpose_fr=purpose[1], purpose_uk=purpose[2], month=MONTHS[announced.month - 1],
            year=announced.year,
        )  # fmt: skip
        row["status"] = self.pick(self.pledge_statuses)
        row["donor_id"] = donor.id
        row["recipient_id"] = recipient.id
        row["announced_on"] = announced
        row["_day"] = announced
        roles = self.roles_by_party.get(donor.id)
        if roles and self.random() < 0.3:
            row["announced_by_id"] = self.pick(roles)
        if self.documents and self.random() < 0.2:
            row["from_document_id"] = self.pick(self.documents)
        self.figure(row)
        if self.random() < 0.6:
            precision = self.pick(PRECISIONS)
            due_day = min(
                announced + timedelta(days=self.between(30, 1500)), LAST_DAY - timedelta(days=1)
            )
            start = _period_start(due_day, precision)
            row["due_start"] = start
            row["due_end"] = min(Period(start, precision).end, LAST_DAY)
            row["due_precision"] = precision.value
        categories = {purpose[3].value}
        if self.random() < 0.3:
            categories.add(self.pick(tuple(Category)).value)
        rows.categories += [{"record_id": record_id, "category": c} for c in sorted(categories)]
        self.deliveries(rows, row)

    def figure(self, row: dict[str, Any]) -> None:
        """Money (exact, in a currency or only a symbol), or a quantity, or nothing."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return
        row["qualifier"] = self.pick(QUALIFIERS).value
        if roll < 0.20:
            row["quantity"] = Decimal(self.pick((1, 2, 5, 10, 12, 20, 50, 100, 250, 1000)))
            row["unit"] = self.pick(UNITS)
            if self.random() < 0.3:
                row["equivalent_amount"] = Decimal(self.between(1, 900)) * 100_000
                row["equivalent_as_written"] = "$"
            return
        code, written = self.pick(self.currencies)
        magnitude = self.between(4, 9) + (2 if code in ("JPY", "UAH") else 0)
        units = int(Decimal(str(self.pick(ROUND_FIGURES))) * 10 ** (magnitude - 1))
        if self.random() < 0.25:
            amount = Decimal(f"{units + self.between(0, 999_999)}.{self.between(0, 99):02d}")
        else:
            amount = Decimal(units)
        row["amount"] = amount
        row["currency"] = code
        row["currency_as_written"] = written
        if code == "UAH" and self.random() < 0.5:
            row["equivalent_amount"] = (amount / 40).quantize(Decimal(1))
            row["equivalent_as_written"] = "US$"

    def deliveries(self, rows: _Rows, row: dict[str, Any]) -> None:
        status = row["status"]
        pledged: Decimal | None = row["amount"] if row["amount"] is not None else row["quantity"]
        if pledged is None or status not in (
            PledgeStatus.PARTIALLY_DELIVERED.value,
            PledgeStatus.DELIVERED.value,
        ):
            return
        delivered = status == PledgeStatus.DELIVERED.value
        if row["amount"] is not None:
            measure, quantum = "amount", Decimal("0.01")
        else:
            measure, quantum = "quantity", Decimal(1)
        total = pledged if delivered else (pledged * Decimal("0.6")).quantize(quantum)
        parts = min(self.between(1, 3), max(int(total / quantum), 1))
        day: date = row["announced_on"]
        remaining = total
        for part in range(parts):
            piece = remaining if part == parts - 1 else (total / parts).quantize(quantum)
            remaining -= piece
            day = min(day + timedelta(days=self.between(10, 300)), LAST_DAY)
            stamp = _stamp(day, self.below(480))
            delivery = {
                "pledge_id": row["id"],
                "delivered_on": day,
                "amount": None,
                "quantity": None,
                "note": self.pick(DELIVERY_NOTES),
                "source_id": None,
                "deleted_at": None,
                "created_at": stamp,
                "updated_at": stamp,
                "version": 1,
            }
            delivery[measure] = _plain(piece)
            rows.deliveries.append(delivery)

    def history(self, rows: _Rows, row: dict[str, Any]) -> None:
        """1-4 steps in life order ending at the record's status; sets its timestamps."""
        rng = self.rng
        final: str = row["status"]
        if row["kind"] == RecordKind.PLEDGE.value:
            order = PLEDGE_ORDER
        elif row["binding"] == Binding.NON_BINDING.value:
            order = NON_BINDING_ORDER
        else:
            order = DOCUMENT_ORDER
        earlier = order[: order.index(final)]
        steps = min(self.below(4), len(earlier))
        picked = sorted(rng.sample(range(len(earlier)), steps)) if steps else ()
        path = [*(earlier[i] for i in picked), final]
        day: date = row.pop("_day")
        stamp = _stamp(day, self.below(480))
        previous: str | None = None
        last = stamp
        for status in path:
            rows.history.append(
                {
                    "record_id": row["id"],
                    "from_status": previous,
                    "to_status": status,
                    "changed_at": stamp,
                    "changed_by": GENERATOR if previous is None else self.pick(ANALYSTS),
                    "comment": "Generated" if previous is None else f"Moved to {status}",
                    "evidence": "",
                    "evidence_source_id": None,
                }
            )
            if previous is None:
                row["created_at"] = stamp
            previous = status
            last = stamp
            stamp = min(stamp + timedelta(minutes=1440 + self.below(574_560)), END_TIME)
        row["status_since"] = last
        row["updated_at"] = min(last + timedelta(minutes=self.below(5000)), END_TIME)

    def notes(self, rows: _Rows, row: dict[str, Any], next_ids: dict[str, int]) -> list[str]:
        if self.random() >= 0.4:
            return []
        bodies: list[str] = []
        names = tuple(self.parties)
        for _ in range(self.between(1, 2)):
            bank = self.pick(NOTE_BANKS)
            body = " ".join(
                self.pick(bank).format(
                    party=self.pick(names),
                    year=self.between(1990, 2026),
                    month=MONTHS[self.below(12)],
                    n=self.between(2, 500),
                )
                for _ in range(self.between(1, 3))
            )
            note_id = next_ids["note"]
            next_ids["note"] += 1
            created: datetime = row["created_at"]
            updated = min(created + timedelta(days=self.between(0, 300)), END_TIME)
            revisions = self.pick(REVISION_COUNTS)
            for revision in range(revisions):
                rows.revisions.append(
                    {
                        "note_id": note_id,
                        "body": f"{body.split('.')[0]} (draft {revision + 1})",
                        "saved_at": updated,
                    }
                )
            rows.notes.append(
                {
                    "id": note_id,
                    "record_id": row["id"],
                    "body": body,
                    "author": self.pick(ANALYSTS),
                    "created_at": created,
                    "updated_at": updated,
                    "version": 1 + revisions,
                }
            )
            row["updated_at"] = max(row["updated_at"], updated)
            bodies.append(body)
        return bodies

    def annotations(self, rows: _Rows, row: dict[str, Any]) -> list[str]:
        """Quotes of a generated source for about a quarter of the records."""
        self.position += 1
        if self.random() >= 0.25 or not self.sources.sentences:
            return []
        article = self.sources.sentences[
            min((self.position - 1) // RECORDS_PER_SOURCE, len(self.sources.sentences) - 1)
        ]
        quotes: list[str] = []
        fields: tuple[str | None, ...] = (None,) if self.random() < 0.7 else (None, "title")
        for name in fields:
            sentence = self.pick(article)
            body = self.sources.text[sentence.source_id]
            start, end = sentence.start, sentence.end
            if name is not None:
                # A field quote is a few words inside the sentence.
                cut = body.find(" ", start + (end - start) // 3)
                if start < cut < end:
                    end = cut
            comment = self.pick(ANNOTATION_COMMENTS)
            quote = body[start:end]
            stamp: datetime = row["created_at"]
            rows.annotations.append(
                {
                    "source_id": sentence.source_id,
                    "record_id": row["id"],
                    "field": name,
                    "start_offset": start,
                    "end_offset": end,
                    "quote": quote,
                    "prefix": body[max(0, start - ANCHOR_CONTEXT_CHARS) : start],
                    "suffix": body[end : end + ANCHOR_CONTEXT_CHARS],
                    "comment": comment,
                    "deleted_at": None,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "version": 1,
                }
            )
            quotes.append(f"{quote} {comment}".strip())
        return quotes


def _weighted(weights: dict[T, int]) -> tuple[T, ...]:
    return tuple(value for value, weight in weights.items() for _ in range(weight))


def _plain(value: Decimal) -> Decimal:
    """``5000.00`` as ``5000``; other values unchanged."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _stamp(day: date, minutes: int) -> datetime:
    return min(
        datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes),
        END_TIME,
    )


def _period_start(day: date, precision: Precision) -> date:
    if precision is Precision.DAY:
        return day
    if precision is Precision.MONTH:
        return day.replace(day=1)
    if precision is Precision.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def _tracked(values: dict[str, Any], stamp: datetime) -> dict[str, Any]:
    return {**values, "created_at": stamp, "updated_at": stamp, "version": 1}


def _free_slug(base: str, taken: set[str]) -> str:
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    taken.add(candidate)
    return candidate


def _scalar_int(session: Session, statement: Any) -> int:
    value = session.scalar(statement)
    return int(value or 0)


def _batches(
    rows: Sequence[dict[str, Any]], size: int = BATCH_ROWS
) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def _write(session: Session, rows: _Rows, *, fts: bool) -> None:
    for table, table_rows in rows.tables():
        for batch in _batches(table_rows):
            session.execute(insert(table), batch)
    if fts:
        add_search_rows(session.connection(), _batches(rows.fts))


def generate(
    service: AccordsService,
    records: int,
    *,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``records`` synthetic documents, provisions and pledges; returns how many were added.

    About 30% documents (every document kind), 18% provisions under them and 52% pledges,
    with parties, statuses and their histories, notes in English, French and Ukrainian,
    quotes of generated source texts, tags, categories and deliveries. Deterministic for a
    given ``seed`` and starting database; ids continue after what the database already has.
    """
    if records < 0:
        raise ValueError("records must not be negative")
    rng = random.Random(seed)
    generator = _Generator(rng, seed)
    fts = service.db.engine.dialect.name == "sqlite"
    done = 0
    first = True
    while done < records or first:
        count = min(RECORDS_PER_TRANSACTION, records - done)
        with service.db.writing() as session:
            next_ids = {
                "record": _scalar_int(session, select(func.max(Record.id))) + 1,
                "note": _scalar_int(session, select(func.max(Note.id))) + 1,
            }
            if first:
                generator.ensure_reference_data(session)
                first = False
            generator.add_sources(session, next_ids["record"], count)
            rows = _Rows()
            generator.build(rows, count, next_ids)
            _write(session, rows, fts=fts)
        done += count
        if progress is not None:
            progress(done)
        if records == 0:
            break
    return done


# -- command line -----------------------------------------------------------------------


def cmd_generate(args: argparse.Namespace) -> int:
    """Fill the database ``args.db`` names with ``args.records`` synthetic records."""
    from storage.cli import open_service

    service = open_service(args.db, writes=True)
    try:
        started = time.perf_counter()

        def report(done: int) -> None:
            print(f"  {done:,} of {plural(args.records, 'record', 'records')}", file=sys.stderr)

        added = generate(service, args.records, seed=args.seed, progress=report)
        elapsed = time.perf_counter() - started
        generated = plural(added, "record", "records")
        print(f"Generated {generated} in {service.db.location} in {elapsed:.1f} s.")
    finally:
        service.close()
    return 0
