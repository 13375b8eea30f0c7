"""Tests for importing a source and applying proposals (hand-built here, as propose would)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.api.imports import DuplicateSourceError
from storage.errors import ValidationError
from storage.schema.enums import RecordKind
from storage.service import AccordsService
from storage.sources.proposals import Conflict, Proposal, ProposedValue, Quote

ARTICLE = (
    "Kyiv, September 15. Prime Minister of Canada Mark Carney and President Volodymyr "
    "Zelenskyy met in Kyiv on September 15.\n\n"
    "Canada will deliver the drones, ammunition and armored vehicles worth over $700 million "
    "in October, Carney said.\n\n"
    "Ukraine and Germany also signed a memorandum on the joint production of drones. It was "
    "signed by President Volodymyr Zelenskyy and Chancellor of Germany Friedrich Merz.\n\n"
    "Germany will allocate 500 million euros in 2026 for military assistance to Ukraine."
)
PLEDGE = "september-2025-drones-ammunition-armored-vehicles"
TABLES = (
    "records",
    "parties",
    "persons",
    "roles",
    "signatories",
    "record_parties",
    "pledge_categories",
    "annotations",
    "record_sources",
    "status_changes",
    "sources",
)


def quote(phrase: str) -> Quote:
    start = ARTICLE.index(phrase)
    return Quote(start, start + len(phrase), phrase)


def value(name: str, stored: str, phrase: str, **kwargs: object) -> ProposedValue:
    return ProposedValue(name, stored, quote(phrase), **kwargs)  # type: ignore[arg-type]


def sentence(phrase: str) -> Quote:
    return quote(phrase)


def proposals(service: AccordsService) -> list[Proposal]:
    """What the article states: a completion of the seeded drones pledge (with a conflict),
    a new memorandum and a new pledge, with new parties and a new signatory."""
    held = service.records.resolve_id(PLEDGE)
    memo = "Ukraine and Germany also signed a memorandum on the joint production of drones."
    euros = "Germany will allocate 500 million euros in 2026 for military assistance to Ukraine."
    drones = "Canada will deliver the drones, ammunition and armored vehicles worth over $700"
    return [
        Proposal(
            RecordKind.PLEDGE,
            sentence(drones),
            values=(
                value("currency", "CAD", "$700 million", doubt="$ may be US or Canadian dollars"),
            ),
            completes=held,
            supports=(value("amount", "700000000", "over $700 million"),),
            conflicts=(
                Conflict("due_start", "2025-09-01", value("due_start", "2025-10-01", "in October")),
            ),
        ),
        Proposal(
            RecordKind.DOCUMENT,
            sentence(memo),
            values=(
                value("title", "Memorandum on the joint production of drones", "a memorandum"),
                value("document_kind", "memorandum", "memorandum"),
                value("parties", "Ukraine; Germany", "Ukraine and Germany"),
                value(
                    "signatories",
                    "Volodymyr Zelenskyy | President | Ukraine; "
                    "Friedrich Merz | Chancellor | Germany",
                    "signed by President Volodymyr Zelenskyy and Chancellor of Germany "
                    "Friedrich Merz",
                ),
                value("signed_on", "2025-09-15", "September 15", stated=False),
            ),
        ),
        Proposal(
            RecordKind.PLEDGE,
            sentence(euros),
            values=(
                value("title", "Germany: 500 million euros for 2026", "500 million euros"),
                value("amount", "500000000", "500 million euros"),
                value("currency", "EUR", "euros"),
                value("due_start", "2026-01-01", "in 2026"),
                value("due_end", "2026-12-31", "in 2026"),
                value("due_precision", "year", "in 2026"),
                value("categories", "military", "military assistance"),
                value("donor", "Germany", "Germany will allocate"),
                value("recipient", "Ukraine", "to Ukraine"),
            ),
        ),
    ]


def counts(service: AccordsService) -> dict[str, int]:
    """Rows per table, read past the service's API, on whichever engine it runs."""
    with service.db.engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES
        }


@pytest.fixture
def imported(service: AccordsService) -> int:
    return service.imports.import_source(
        ARTICLE.encode("utf-8"), "carney-kyiv.txt", published_on=date(2025, 9, 15)
    ).source.id


def test_import_stores_the_source_and_its_bytes(service: AccordsService, imported: int) -> None:
    source = service.sources.get_source(imported)
    assert (source.text, source.media_type, source.file_name) == (
        ARTICLE,
        "text/plain",
        "carney-kyiv.txt",
    )
    assert source.published_on == date(2025, 9, 15) and source.language == "en"
    assert service.imports.original(imported) == ARTICLE.encode("utf-8")


def test_same_file_twice_stores_nothing_new(
    service: AccordsService, imported: int, db_path: Path
) -> None:
    before = counts(service)
    with pytest.raises(DuplicateSourceError, match=f"already imported as source {imported};"):
        service.imports.import_source(ARTICLE.encode("utf-8"), "again.txt")
    assert counts(service) == before
    assert service.imports.preview(ARTICLE.encode("utf-8"), "x.txt").duplicate_of == imported


def test_preview_stores_nothing(service: AccordsService, db_path: Path) -> None:
    before = counts(service)
    preview = service.imports.preview(ARTICLE.encode("utf-8"), "a.txt")
    assert preview.extracted.text == ARTICLE and preview.duplicate_of is None
    assert counts(service) == before


def test_apply_creates_completes_and_quotes(service: AccordsService, imported: int) -> None:
    done = service.imports.apply(imported, proposals(service))
    assert len(done.created) == 2 and done.conflicts == 1
    memo, euros = (service.records.get_record(i) for i in done.created)
    assert memo.parties == ("Ukraine", "Germany")
    assert memo.document_kind == "memorandum"
    assert memo.signed_on is None  # implied, not stated: quoted, not applied
    signed = {(s.person, s.title) for s in memo.signatories}
    assert signed == {
        ("Volodymyr Zelensky", "President of Ukraine"),
        ("Friedrich Merz", "Chancellor"),
    }
    assert (euros.donor, euros.recipient, euros.categories) == ("Germany", "Ukraine", ("military",))
    assert (euros.row.amount, euros.row.currency) == (Decimal(500000000), "EUR")
    assert {a.field for a in euros.annotations} >= {"amount", "currency", "donor", "categories"}
    assert all(ARTICLE[a.start : a.end] == a.quote for a in euros.annotations)
    unstated = [a for a in memo.annotations if a.field == "signed_on"]
    assert "not stated" in unstated[0].comment
    held = service.records.get_record(PLEDGE)
    assert held.row.currency == "CAD"  # was empty: filled, and quoted with its doubt
    assert [
        a.comment for a in held.annotations if a.field == "currency" and a.source_id == imported
    ] == ["$ may be US or Canadian dollars"]
    assert held.row.due is not None and held.row.due.start == date(2025, 9, 1)  # kept
    titles = [s.title for s in service.sources.sources_of_record(held.id)]
    assert len(titles) == 2
    germany = [p for p in service.records.list_parties() if p.name == "Germany"]
    assert len(germany) == 1


def test_conflict_is_quoted_with_its_value_and_listed_by_check(
    service: AccordsService, imported: int
) -> None:
    from storage.insight.quality import find_problems

    service.imports.apply(imported, proposals(service))
    found = [f for f in find_problems(service) if f.rule == "conflicting-source"]
    assert [(f.record, f.field, f.quote) for f in found] == [(PLEDGE, "due_start", "in October")]
    assert "2025-10-01" in found[0].message and "2025-09-01" in found[0].message


def test_unapply_takes_back_exactly_what_apply_did(
    service: AccordsService, imported: int, db_path: Path
) -> None:
    before = counts(service)
    held_before = service.records.get_record(PLEDGE)
    done = service.imports.apply(imported, proposals(service))
    service.imports.unapply(done)
    assert counts(service) == before
    held = service.records.get_record(PLEDGE)
    assert (held.row.currency, held.annotations) == (None, held_before.annotations)
    assert held.version > held_before.version  # changed twice since, so an open editor knows
    assert service.records.list_records() == service.records.list_records()
    assert not [p for p in service.records.list_parties() if p.name == "Germany"]
    again = service.imports.apply(imported, proposals(service))  # redo
    assert len(again.created) == 2


def test_a_quote_not_in_the_source_applies_nothing(
    service: AccordsService, imported: int, db_path: Path
) -> None:
    before = counts(service)
    good = proposals(service)
    bad = Proposal(RecordKind.PLEDGE, Quote(0, 5, "Paris"), values=())
    with pytest.raises(ValidationError, match="is not in source"):
        service.imports.apply(imported, [*good, bad])
    assert counts(service) == before


def test_a_fault_in_proposing_stores_nothing(
    service: AccordsService, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule that raises is one line for the user, and the import is not half done."""
    from storage.errors import AccordsError
    from storage.sources import importing

    def propose(_text: str, _context: object) -> list[Proposal]:
        raise ZeroDivisionError

    monkeypatch.setattr(importing, "propose", propose)
    before = counts(service)
    with pytest.raises(AccordsError, match=r"failed \(ZeroDivisionError\); nothing was imported"):
        service.imports.import_source(ARTICLE.encode("utf-8"), "a.txt")
    assert counts(service) == before


def test_a_ministry_not_held_is_proposed_as_named(service: AccordsService) -> None:
    """The seed holds one party ending in "of Canada", its defence department; another
    ministry of Canada is a new party, not that one."""
    text = (
        "date 2025-11-03\nToday, November 3, the Ministry of Veterans Affairs of Canada and the "
        "Ministry of Veterans of Ukraine signed a Memorandum of Understanding on veterans.\n"
    )
    (proposal,) = service.imports.preview(text.encode("utf-8"), "veterans.txt").proposals
    parties = {value.name: value.value for value in proposal.values}["parties"]
    assert parties == "Ministry of Veterans Affairs of Canada; Ministry of Veterans of Ukraine"
