"""Applying a seed: the shipped records, re-seeding that keeps edits, refusals that add nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage.errors import SeedError
from storage.records.periods import Period
from storage.records.query import RecordQuery
from storage.schema.enums import Precision
from storage.schema.models import Annotation, Base, Source
from storage.service import AccordsService
from storage.transfer.seeding import default_seed_file
from tests.storage.transfer.seedtext import SEED_TEXT, replaced, write_seed

DOCUMENTS = {
    "agreement-on-security-cooperation",
    "action-plan-security-cooperation",
    "letter-of-intent-joint-defense-production",
    "customs-mutual-administrative-assistance",
}
PROVISIONS = {
    "customs-information-exchange",
    "customs-training",
    "customs-control-partnership",
    "customs-offenses",
    "customs-technical-assistance",
}
PLEDGES = {
    "canada-assistance-since-2022",
    "canada-ukrainian-refugees-accepted",
    "september-2025-drones-ammunition-armored-vehicles",
    "financing-joint-defense-production",
}
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
ALL_RECORDS = RecordQuery(include_provisions=True)
TODAY = date(2026, 11, 28)

NEW_PLEDGE = """
[[pledges]]
slug = "canada-customs-training-support"
title = "Support for customs training"
donor = "canada"
recipient = "ukraine"
status = "announced"

[pledges.quotes]
record = "the development of training and advanced training"
title = "the development of training and advanced training"
donor = "Canada has consistently supported Ukraine"
recipient = "Canada has consistently supported Ukraine"
status = "the development of training"
"""


def open_copy(template: Path, folder: Path) -> AccordsService:
    """A service on a copy of a closed template database (copying beats seeding per test)."""
    shutil.copy(template, folder / template.name)
    return AccordsService.open(
        str(folder / template.name), seed=False, clock=lambda: TODAY, actor="tester"
    )


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A seeded and an empty database, created once for the module."""
    folder = tmp_path_factory.mktemp("templates")
    seeded, blank = folder / "seeded" / "db.sqlite3", folder / "blank" / "db.sqlite3"
    seeded.parent.mkdir()  # a named database's folder is never made for it
    blank.parent.mkdir()
    AccordsService.open(str(seeded), clock=lambda: TODAY, actor="tester").close()
    AccordsService.open(str(blank), seed=False, clock=lambda: TODAY, actor="tester").close()
    return {"seeded": seeded, "blank": blank}


@pytest.fixture(scope="module")
def seeded_once(
    templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AccordsService]:
    """One seeded database shared by the tests that only read it."""
    service = open_copy(templates["seeded"], tmp_path_factory.mktemp("shared"))
    yield service
    service.close()


@pytest.fixture
def service(templates: dict[str, Path], tmp_path: Path) -> Iterator[AccordsService]:
    """A freshly seeded database of this test's own."""
    opened = open_copy(templates["seeded"], tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def empty_service(templates: dict[str, Path], tmp_path: Path) -> Iterator[AccordsService]:
    """A migrated, never seeded database of this test's own."""
    opened = open_copy(templates["blank"], tmp_path)
    yield opened
    opened.close()


def dump(service: AccordsService) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the model, in a stable order."""
    with service.db.reading() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def test_seeded_annotations_match_their_source_offsets(seeded_once: AccordsService) -> None:
    """Every seeded annotation's quote is exactly the source text between its offsets."""
    with seeded_once.db.reading() as session:
        rows = session.execute(select(Annotation, Source.text).join(Source)).all()
        assert len(rows) > 80
        for annotation, text in rows:
            assert annotation.quote == text[annotation.start_offset : annotation.end_offset]


def test_seeded_records_are_the_articles(seeded_once: AccordsService) -> None:
    """The seed gives the 4 documents, the customs agreement's 5 provisions and 4 pledges."""
    rows = seeded_once.records.list_records(ALL_RECORDS)
    by_kind = {kind: {r.slug for r in rows if r.kind == kind} for kind in {r.kind for r in rows}}
    assert by_kind == {"document": DOCUMENTS, "provision": PROVISIONS, "pledge": PLEDGES}
    customs = seeded_once.records.get_record("customs-mutual-administrative-assistance")
    assert {p.slug for p in customs.provisions} == PROVISIONS


def test_referenced_agreement_has_no_signing_date(seeded_once: AccordsService) -> None:
    """The agreement the article only mentions keeps an unknown signing date."""
    assert seeded_once.records.get_record("agreement-on-security-cooperation").signed_on is None


def test_action_plan_implements_the_agreement(seeded_once: AccordsService) -> None:
    """The action plan's relation points at the security agreement."""
    relations = seeded_once.records.get_record("action-plan-security-cooperation").relations
    assert [(r.kind, r.outgoing, r.other_slug) for r in relations] == [
        ("implements", True, "agreement-on-security-cooperation")
    ]


@pytest.mark.parametrize(
    ("slug", "signatories"),
    [
        ("action-plan-security-cooperation", {"Volodymyr Zelensky", "Mark Carney"}),
        ("letter-of-intent-joint-defense-production", {"Denys Shmyhal", "David McGuinty"}),
        ("customs-mutual-administrative-assistance", {"Serhiy Marchenko", "Natalka Tsmots"}),
        ("agreement-on-security-cooperation", set()),
    ],
)
def test_signatories_match_the_article(
    seeded_once: AccordsService, slug: str, signatories: set[str]
) -> None:
    """Each document is signed by the people the article names, and nobody else."""
    assert {s.person for s in seeded_once.records.get_record(slug).signatories} == signatories


def test_september_pledge_keeps_the_symbol_and_the_bound(seeded_once: AccordsService) -> None:
    """The $700 million pledge has no guessed currency, an "over" bound and a month due."""
    detail = seeded_once.records.get_record(SEPTEMBER)
    assert detail.row.amount == Decimal("700000000")
    assert detail.row.currency is None
    assert detail.row.currency_as_written == "$"
    assert detail.row.qualifier == "over"
    assert detail.row.due == Period(date(2025, 9, 1), Precision.MONTH)
    assert detail.announced_by is not None
    assert "Mark Carney" in detail.announced_by


def test_assistance_pledge_keeps_the_stated_equivalent(seeded_once: AccordsService) -> None:
    """The 22 billion CAD figure and its "$16 million" equivalent are kept as written."""
    detail = seeded_once.records.get_record("canada-assistance-since-2022")
    assert detail.row.amount == Decimal("22000000000")
    assert detail.row.currency == "CAD"
    assert detail.equivalent_amount == Decimal("16000000")
    assert len(detail.categories) == 7


# -- re-seeding ----------------------------------------------------------------------------


def test_seeding_twice_changes_nothing(service: AccordsService) -> None:
    """A second seed of the same file adds nothing and leaves every row as it was."""
    before = dump(service)
    assert service.db.seed(default_seed_file()) == 0
    assert dump(service) == before


def test_reseed_keeps_user_edits(service: AccordsService) -> None:
    """Titles, statuses, notes, deletions, cleared fields and removed tags survive a re-seed."""
    letter = service.records.resolve_id("letter-of-intent-joint-defense-production")
    agreement = service.records.resolve_id("agreement-on-security-cooperation")
    plan = service.records.resolve_id("action-plan-security-cooperation")
    customs = service.records.resolve_id("customs-mutual-administrative-assistance")
    september = service.records.resolve_id(SEPTEMBER)
    service.records.update_record(
        letter, service.records.get_record(letter).version, {"title": "My title"}
    )
    service.records.change_status(agreement, "in_force", comment="ratified")
    note = service.notes.add_note(customs, "checked by hand")
    service.records.delete_record(september)
    service.records.update_record(
        plan, service.records.get_record(plan).version, {"tags": [], "summary": ""}
    )

    assert service.db.seed(default_seed_file()) == 0

    assert service.records.get_record(letter).row.title == "My title"
    assert service.records.get_record(agreement).row.status == "in_force"
    assert [n.body for n in service.records.get_record(customs).notes] == [note.body]
    assert service.records.get_record(september).row.deleted
    assert SEPTEMBER not in {r.slug for r in service.records.list_records()}
    assert service.records.get_record(plan).tags == ()
    assert service.records.get_record(plan).summary == ""


def test_newer_seed_adds_what_is_missing(service: AccordsService, tmp_path: Path) -> None:
    """A seed with one more pledge adds it and keeps what the user changed."""
    letter = service.records.resolve_id("letter-of-intent-joint-defense-production")
    service.records.update_record(
        letter, service.records.get_record(letter).version, {"title": "My title"}
    )
    before = service.records.count_records(ALL_RECORDS)

    added = service.db.seed(write_seed(tmp_path / "newer", SEED_TEXT + NEW_PLEDGE))

    assert added > 0
    detail = service.records.get_record("canada-customs-training-support")
    assert detail.row.title == "Support for customs training"
    assert (detail.donor, detail.recipient) == ("Canada", "Ukraine")
    assert service.records.count_records(ALL_RECORDS) == before + 1
    assert service.records.get_record(letter).row.title == "My title"


def test_parties_may_come_before_the_party_they_are_inside(
    service: AccordsService, tmp_path: Path
) -> None:
    """A party listed before its parent seeds, since both are in the seed."""
    parties = (
        '[[parties]]\nslug = "border-agency"\nname = "Border Agency"\nkind = "organisation"\n'
        'inside = "government-of-canada"\nquote = "Canada"\n\n'
        '[[parties]]\nslug = "government-of-canada"\nname = "Government of Canada"\n'
        'kind = "organisation"\ninside = "canada"\nquote = "Canada"\n\n# -- People'
    )
    path = write_seed(tmp_path / "newer", replaced("# -- People", parties))
    assert service.db.seed(path) > 0
    names = {p.name: p.parent for p in service.records.list_parties()}
    assert names["Border Agency"] == "Government of Canada"


# -- refused seeds ---------------------------------------------------------------------


def test_quote_not_in_article_is_refused(empty_service: AccordsService, tmp_path: Path) -> None:
    """A quote the article does not contain names the record and the quote; nothing is added."""
    path = write_seed(
        tmp_path,
        replaced('amount = "worth over $700 million"', 'amount = "worth over $900 million"'),
    )
    with pytest.raises(SeedError) as raised:
        empty_service.db.seed(path)
    assert SEPTEMBER in str(raised.value)
    assert "worth over $900 million" in str(raised.value)
    assert empty_service.records.count_records(ALL_RECORDS) == 0
    assert empty_service.db.is_empty()


BAD_VALUES = [
    pytest.param(
        'status = "announced"\namount = 700000000',
        'status = "bogus"\namount = 700000000',
        SEPTEMBER,
        "status",
        id="status",
    ),
    pytest.param("amount = 700000000", 'amount = "abc"', SEPTEMBER, "amount", id="amount-text"),
    pytest.param("amount = 700000000", "amount = nan", SEPTEMBER, "amount", id="amount-nan"),
    pytest.param("amount = 700000000", "amount = -5", SEPTEMBER, "amount", id="amount-negative"),
    pytest.param('due = "2025-09"', 'due = "2025-13"', SEPTEMBER, "due", id="due"),
    pytest.param(
        'qualifier = "almost"',
        'qualifier = "roughly"',
        "canada-assistance-since-2022",
        "qualifier",
        id="qualifier",
    ),
    pytest.param(
        'kind = "action_plan"',
        'kind = "treaty"',
        "action-plan-security-cooperation",
        "kind",
        id="document-kind",
    ),
    pytest.param(
        'categories = ["immigration"]',
        # Categories are free labels now; one longer than a navigation entry's 32 is refused.
        'categories = ["immigration", "resettlement of families and their children"]',
        "canada-ukrainian-refugees-accepted",
        "categories",
        id="category",
    ),
    pytest.param(
        'kind = "agreement"\nstatus = "signed"\nparties = ["ukraine", "canada"]\n#',
        'kind = "agreement"\nbinding = "bogus"\nstatus = "signed"\n'
        'parties = ["ukraine", "canada"]\n#',
        "agreement-on-security-cooperation",
        "binding",
        id="binding",
    ),
]


@pytest.mark.parametrize(("old", "new", "slug", "field"), BAD_VALUES)
def test_bad_value_names_record_and_field(
    empty_service: AccordsService, tmp_path: Path, old: str, new: str, slug: str, field: str
) -> None:
    """A value outside its field's rules names the record and the field; nothing is imported."""
    text = replaced(old, new)
    if field == "binding":  # every seeded value needs its quote
        text = text.replace(
            'kind = "the Agreement on Security Cooperation"\n',
            'kind = "the Agreement on Security Cooperation"\n'
            'binding = "the Agreement on Security Cooperation"\n',
            1,
        )
    before = dump(empty_service)
    with pytest.raises(SeedError) as raised:
        empty_service.db.seed(write_seed(tmp_path, text))
    assert slug in str(raised.value)
    assert field in str(raised.value)
    assert dump(empty_service) == before


def test_duplicate_slug_is_refused(empty_service: AccordsService, tmp_path: Path) -> None:
    """Two records with one slug are refused and nothing is imported."""
    path = write_seed(tmp_path, replaced('slug = "customs-offenses"', 'slug = "customs-training"'))
    before = dump(empty_service)
    with pytest.raises(SeedError, match="customs-training"):
        empty_service.db.seed(path)
    assert dump(empty_service) == before


def test_a_digits_only_slug_is_refused(empty_service: AccordsService, tmp_path: Path) -> None:
    """A record slug of digits alone would read as a record number: refused, nothing imported."""
    path = write_seed(tmp_path, replaced('slug = "customs-offenses"', 'slug = "2025"'))
    before = dump(empty_service)
    with pytest.raises(SeedError, match="digits alone"):
        empty_service.db.seed(path)
    assert dump(empty_service) == before


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('unit = "people"', 'unit = "people"\ncolour = "red"', "colour"),
        ("schema = 1", "schema = 1\nextras = 2", "extras"),
        ('name = "Canada"', 'name = "Canada"\nflag = "maple"', "flag"),
    ],
)
def test_unknown_key_is_refused(
    empty_service: AccordsService, tmp_path: Path, old: str, new: str, named: str
) -> None:
    """A key the seed format does not know is named in the error; nothing is imported."""
    before = dump(empty_service)
    with pytest.raises(SeedError, match=named):
        empty_service.db.seed(write_seed(tmp_path, replaced(old, new)))
    assert dump(empty_service) == before


def test_record_without_title_is_a_seed_error(
    empty_service: AccordsService, tmp_path: Path
) -> None:
    """A record with no title is refused as a seed error naming it, and nothing is imported."""
    text = replaced(
        'title = "Drones, ammunition and armored vehicles to be received in September"\n', ""
    )
    before = dump(empty_service)
    with pytest.raises(SeedError, match=SEPTEMBER):
        empty_service.db.seed(write_seed(tmp_path, text))
    assert dump(empty_service) == before


def test_failure_while_applying_imports_nothing(
    empty_service: AccordsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed that fails after its records were written leaves the database as it was."""
    from storage.transfer import seeding

    def fail(self: object, item: object) -> None:
        raise SeedError("late failure")

    monkeypatch.setattr(seeding._Applier, "links", fail)
    before = dump(empty_service)
    with pytest.raises(SeedError, match="late failure"):
        empty_service.db.seed(default_seed_file())
    assert dump(empty_service) == before
    assert empty_service.records.list_records(RecordQuery(text="Canada")) == []
