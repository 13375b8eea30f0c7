"""The set-based data-quality rules give exactly what the record-by-record rules gave."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from storage.generate import generate
from storage.insight import quality
from storage.insight.quality import (
    IMPLAUSIBLE_RATE_FACTOR,
    Dismissal,
    Finding,
    find_problems,
    iter_problems,
)
from storage.records.query import overdue_condition
from storage.records.validation import CURRENCY_CODE
from storage.schema.enums import BOUND_QUALIFIERS, RecordKind
from storage.schema.models import (
    Annotation,
    FindingDismissal,
    Record,
    Relation,
    Signatory,
    Source,
)
from storage.service import AccordsService

RULES = {
    "contradictory-equivalent",
    "ambiguous-currency",
    "bound-not-value",
    "overdue",
    "no-signatory",
    "no-date",
    "missing-reference",
    "drifted-annotation",
}
# Cyrillic (2 bytes in UTF-8), an emoji (4 bytes, one code point) and a combining accent:
# character offsets into this text differ from byte offsets.
MIXED_TEXT = (
    "Київ, 2026 😀. Canada pledges worth over $700 million; "
    "cafe\u0301 talks follow — Україна welcomes “the pledge” of CAD 5 billion."
)


# -- the rules as they were, one record at a time: the oracle --------------------------


def old_find_problems(service: AccordsService, *, include_dismissed: bool = False) -> list[Finding]:
    today = service.clock()
    with service.db.reading() as session:
        quotes = _old_field_quotes(session)
        overdue = set(session.scalars(select(Record.id).where(overdue_condition(today))))
        findings: list[Finding] = []
        for record in session.scalars(
            select(Record).where(Record.deleted_at.is_(None)).order_by(Record.id)
        ):
            findings.extend(_old_record_findings(session, record, quotes, record.id in overdue))
        findings.extend(_old_drifted_annotations(session))
        dismissals = {
            (d.rule, d.record_slug, d.field): Dismissal(
                d.id, d.reason, d.dismissed_at, d.dismissed_by
            )
            for d in session.scalars(select(FindingDismissal))
        }
    marked = [replace(f, dismissal=dismissals.get(f.key)) for f in findings]
    return [f for f in marked if include_dismissed or f.dismissal is None]


def _old_field_quotes(session: Session) -> dict[tuple[int, str | None], str]:
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


def _old_record_findings(
    session: Session, record: Record, quotes: dict[tuple[int, str | None], str], overdue: bool
) -> Iterator[Finding]:
    def finding(rule: str, field: str, message: str) -> Finding:
        return Finding(rule, record.slug, field, quotes.get((record.id, field), ""), message)

    if record.kind == RecordKind.PLEDGE.value:
        yield from _old_pledge_findings(record, finding)
        if overdue:
            yield finding(
                "overdue",
                "due",
                f"due by the end of {record.due_end} and not fully delivered",
            )
    elif record.kind == RecordKind.DOCUMENT.value:
        yield from _old_document_findings(session, record, finding)


def _old_pledge_findings(record: Record, make: MakeFinding) -> Iterator[Finding]:
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


def _old_document_findings(
    session: Session, record: Record, make: MakeFinding
) -> Iterator[Finding]:
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


def _old_drifted_annotations(session: Session) -> Iterator[Finding]:
    rows = session.execute(
        select(Annotation, Source.text, Record.slug)
        .join(Source, Source.id == Annotation.source_id)
        .outerjoin(Record, Record.id == Annotation.record_id)
        .where(Annotation.deleted_at.is_(None))
        .order_by(Annotation.id)  # SQLite's order without it; PostgreSQL has none
    )
    for annotation, source_text, slug in rows:
        if source_text[annotation.start_offset : annotation.end_offset] != annotation.quote:
            yield Finding(
                "drifted-annotation",
                slug or "(no record)",
                annotation.field or "record",
                annotation.quote,
                f"the source no longer has this quote at {annotation.start_offset}-"
                f"{annotation.end_offset}",
            )


# -- a database where every rule fires, in awkward ways ---------------------------------


def pledge(service: AccordsService, title: str, **fields: object) -> int:
    return service.records.create_record("pledge", {"title": title, **fields})


def add_pledges(service: AccordsService) -> dict[str, int]:
    ids = {
        "misprint": pledge(
            service,
            "Misprinted equivalent",
            amount="22000000000",
            currency="CAD",
            equivalent_amount="16000000",
            equivalent_as_written="$",
        ),
        "nothing-worth": pledge(service, "Nothing", amount="0", equivalent_amount="5"),
        "zero-equivalent": pledge(service, "Zero equivalent", amount="5", equivalent_amount="0"),
        "euro-symbol": pledge(service, "Euro symbol", amount="10", currency_as_written="€"),
        "named": pledge(service, "Named currency", amount="10", currency_as_written="гривень"),
        "coded-symbol": pledge(
            service, "Coded and symbol", amount="10", currency="USD", currency_as_written="$"
        ),
        "up-to": pledge(service, "Up to", amount="1000", currency="EUR", qualifier="up_to"),
        "late": pledge(service, "Late", amount="900", currency="EUR", due="2020-03"),
        "part-paid": pledge(service, "Part paid", amount="900", currency="EUR", due="2021"),
        "paid": pledge(service, "Paid", quantity="3", unit="tanks", due="2021-Q2"),
        "trashed-late": pledge(service, "Trashed and late", amount="1", due="2020-01"),
    }
    service.deliveries.add_delivery(ids["part-paid"], delivered_on="2021-05-01", amount="100")
    service.deliveries.add_delivery(ids["paid"], delivered_on="2021-05-01", quantity="3")
    return ids


def add_documents(service: AccordsService) -> dict[str, int]:
    ids = {
        name: service.records.create_record("document", {"title": f"Document {name}", **fields})
        for name, fields in {
            "bare": {},
            "dated": {"signed_on": "2024-02-01"},
            "refers": {"signed_on": "2024-03-01"},
            "gone": {"signed_on": "2024-04-01"},
            "also-gone": {},
        }.items()
    }
    with service.db.writing() as session:
        # Two kinds of relation to one trashed record: two findings, as before.
        for kind, target in (
            ("amends", "gone"),
            ("refers_to", "gone"),
            ("implements", "also-gone"),
        ):
            session.add(Relation(from_id=ids["refers"], to_id=ids[target], kind=kind))
        session.add(Relation(from_id=ids["refers"], to_id=ids["dated"], kind="refers_to"))
        role_id = session.scalars(text("SELECT id FROM roles ORDER BY id LIMIT 1")).one()
        session.add(Signatory(record_id=ids["dated"], role_id=role_id))
    return ids


def add_mixed_source(service: AccordsService) -> int:
    with service.db.writing() as session:
        source = Source(
            slug="mixed-script-source",
            title="Mixed scripts",
            language="uk",
            text=MIXED_TEXT,
            sha256=hashlib.sha256(MIXED_TEXT.encode()).hexdigest(),
        )
        session.add(source)
        session.flush()
        return source.id


def annotate_phrase(
    service: AccordsService, source_id: int, phrase: str, record_id: int | None, field: str | None
) -> int:
    full = service.sources.get_source(source_id).text
    start = full.index(phrase)
    return service.sources.annotate(
        source_id, start, start + len(phrase), record_id=record_id, field=field
    ).id


def annotate(service: AccordsService, pledges: dict[str, int], docs: dict[str, int]) -> int:
    """Quotes on the fields findings name; returns the mixed-script source's id."""
    mixed = add_mixed_source(service)
    for phrase, record, field in (
        ("worth over $700 million", pledges["up-to"], "qualifier"),
        ("$700 million", pledges["up-to"], "qualifier"),  # a later quote: the first wins
        ("Canada pledges", pledges["misprint"], "equivalent_amount"),
        ("CAD 5 billion", pledges["misprint"], "amount"),
        ("“the pledge”", pledges["late"], "due"),
        ("Україна", docs["bare"], "signatories"),
        ("cafe\u0301", docs["bare"], "signed_on"),
        ("😀", docs["refers"], "relations"),
        ("Київ", None, "title"),
        ("talks follow", docs["bare"], None),
        ("2026", pledges["trashed-late"], "due"),
    ):
        annotate_phrase(service, mixed, phrase, record, field)
    removed = annotate_phrase(
        service, mixed, "Canada", pledges["euro-symbol"], "currency_as_written"
    )
    annotate_phrase(service, mixed, "pledges", pledges["euro-symbol"], "currency_as_written")
    service.sources.remove_annotation(removed)
    # Newer than the mixed source's quotes but on the first source: listed after them.
    annotate_phrase(service, 1, "over $700 million", None, "amount")
    return mixed


def drift(service: AccordsService, mixed: int) -> None:
    """Change source texts behind the application's back, as an outside edit would."""
    changed = (
        # Same number of characters, more bytes: quotes after these stay where they were.
        MIXED_TEXT.replace("2026 😀", "2026 🙂")
        .replace("Canada", "Канада")
        # ...and quotes whose words changed in place.
        .replace("welcomes", "welcomed")
        .replace("$700", "$900")
    )
    with service.db.writing() as session:
        session.execute(update(Source).where(Source.id == mixed).values(text=changed))
        others = session.scalars(select(Source).where(Source.id != mixed).order_by(Source.id))
        seed, *_, generated = others.all()
        seed.text = seed.text.replace("worth over $700 million", "worth over $900 million")
        generated.text = "Ї" + generated.text[1:-40]  # and its end is cut off
        raw_offsets(session, mixed, len(changed))


def raw_offsets(session: Session, source_id: int, length: int) -> None:
    """Offsets only raw SQL can write: negative ones count from the end, as in Python."""
    rows = session.execute(
        select(Annotation.quote, Annotation.id).where(Annotation.source_id == source_id)
    )
    by_quote = {quote: annotation_id for quote, annotation_id in rows}
    start = MIXED_TEXT.index("Україна")
    offsets = {
        "Україна": (start - length, start + len("Україна") - length),  # the same words
        "talks follow": (-3, MIXED_TEXT.index("talks") + 1),  # an empty slice
        "Київ": (length + 5, length + 9),  # past the end
    }
    for quote, (start_offset, end_offset) in offsets.items():
        session.execute(
            update(Annotation)
            .where(Annotation.id == by_quote[quote])
            .values(start_offset=start_offset, end_offset=end_offset)
        )


def trash_and_dismiss(
    service: AccordsService, pledges: dict[str, int], docs: dict[str, int]
) -> None:
    service.records.delete_record(docs["gone"])
    service.records.delete_record(docs["also-gone"])
    with service.db.reading() as session:
        generated_targets = session.scalars(
            select(Relation.to_id)
            .join(Record, Record.id == Relation.to_id)
            .where(Record.deleted_at.is_(None))
            .where(Relation.from_id.not_in(docs.values()))
            .order_by(Relation.id.desc())
            .limit(3)
        ).all()
    for target in generated_targets:
        service.records.delete_record(target)
    findings = old_find_problems(service)
    for rule in ("overdue", "drifted-annotation", "no-signatory", "missing-reference"):
        service.findings.dismiss(next(f for f in findings if f.rule == rule), f"checked {rule}")
    late = next(f for f in findings if f.rule == "overdue" and f.record.startswith("trashed"))
    service.findings.dismiss(late, "kept after its record went to the trash")
    service.records.delete_record(pledges["trashed-late"])


@pytest.fixture
def varied(service: AccordsService) -> AccordsService:
    """The seed, 400 generated records, and records made to trip every rule."""
    generate(service, 400, seed=7)
    pledges = add_pledges(service)
    docs = add_documents(service)
    mixed = annotate(service, pledges, docs)
    drift(service, mixed)
    trash_and_dismiss(service, pledges, docs)
    return service


# -- the tests --------------------------------------------------------------------------


def test_the_varied_database_trips_every_rule(varied: AccordsService) -> None:
    everything = old_find_problems(varied, include_dismissed=True)
    assert {f.rule for f in everything} == RULES
    assert sum(f.dismissed for f in everything) == 4  # the fifth is on a trashed record
    assert any(f.quote for f in everything if f.rule != "drifted-annotation")


@pytest.mark.parametrize("include_dismissed", [False, True])
@pytest.mark.parametrize("batch", [1, 7, quality.BATCH_RECORDS])
def test_the_findings_are_exactly_the_old_ones(
    varied: AccordsService, monkeypatch: pytest.MonkeyPatch, include_dismissed: bool, batch: int
) -> None:
    monkeypatch.setattr(quality, "BATCH_RECORDS", batch)
    expected = old_find_problems(varied, include_dismissed=include_dismissed)
    assert find_problems(varied, include_dismissed=include_dismissed) == expected


def test_drift_counts_characters_not_bytes(varied: AccordsService) -> None:
    drifted = {f.quote: f for f in find_problems(varied) if f.rule == "drifted-annotation"}
    assert {"Canada pledges", "$700 million", "worth over $700 million"} <= set(drifted)
    # Behind a changed emoji and Cyrillic letters of other byte lengths, still in place:
    for kept in ("Україна", "cafe\u0301", "CAD 5 billion", "“the pledge”"):
        assert kept not in drifted


def test_the_seed_alone_gives_the_old_findings(service: AccordsService) -> None:
    assert find_problems(service) == old_find_problems(service)


def test_an_empty_database_has_no_findings(empty_service: AccordsService) -> None:
    assert find_problems(empty_service, include_dismissed=True) == []


def test_the_clock_decides_what_is_overdue(varied: AccordsService) -> None:
    varied.clock = lambda: date(2020, 6, 1)
    assert find_problems(varied) == old_find_problems(varied)


def test_iterating_gives_the_same_findings_and_may_stop_early(varied: AccordsService) -> None:
    everything = find_problems(varied, include_dismissed=True)
    assert list(iter_problems(varied, include_dismissed=True)) == everything
    findings = iter_problems(varied)
    first = next(findings)
    assert varied.db.engine.pool.checkedout() == 1  # type: ignore[attr-defined]
    findings.close()
    assert varied.db.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    assert first == find_problems(varied)[0]
