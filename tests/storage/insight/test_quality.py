"""Each data-quality rule fires where the seed gives it cause, and stays silent on clean records."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sqlalchemy import select

from storage.insight.quality import Finding, find_problems
from storage.schema.models import Role, Signatory, Source
from storage.service import AccordsService

SINCE_2022 = "canada-assistance-since-2022"
SEPTEMBER = "september-2025-drones-ammunition-armored-vehicles"
CUSTOMS = "customs-mutual-administrative-assistance"
REFERENCED = "agreement-on-security-cooperation"
ACTION_PLAN = "action-plan-security-cooperation"
FIXED_TODAY = date(2026, 11, 28)


def keys(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {f.key for f in findings}


def test_the_seed_fires_each_rule_where_it_should(service: AccordsService) -> None:
    found = keys(find_problems(service))
    expected = {
        ("contradictory-equivalent", SINCE_2022, "equivalent_amount"),
        ("ambiguous-currency", SINCE_2022, "equivalent_as_written"),
        ("bound-not-value", SINCE_2022, "qualifier"),
        ("ambiguous-currency", SEPTEMBER, "currency_as_written"),
        ("overdue", SEPTEMBER, "due"),
        ("no-date", CUSTOMS, "signed_on"),
        ("no-signatory", REFERENCED, "signatories"),
    }
    assert expected <= found
    # ...and not where it should not.
    assert ("no-date", ACTION_PLAN, "signed_on") not in found
    assert ("no-signatory", CUSTOMS, "signatories") not in found
    assert ("ambiguous-currency", SINCE_2022, "currency_as_written") not in found
    assert not any(rule == "drifted-annotation" for rule, _, _ in found)
    assert not any(rule == "missing-reference" for rule, _, _ in found)


def test_findings_carry_the_quote_they_are_about(service: AccordsService) -> None:
    by_key = {f.key: f for f in find_problems(service)}
    assert by_key[("overdue", SEPTEMBER, "due")].quote == "from his country in September"
    contradiction = by_key[("contradictory-equivalent", SINCE_2022, "equivalent_amount")]
    assert contradiction.quote == "($16 million)"
    assert "22,000,000,000 CAD" in contradiction.message


def test_clean_records_raise_no_finding(service: AccordsService) -> None:
    pledge = service.records.create_record(
        "pledge",
        {
            "title": "Winter equipment",
            "amount": "150000000",
            "currency": "CAD",
            "qualifier": "exact",
            "due": "2027-03",
            "donor": "canada",
            "recipient": "ukraine",
        },
    )
    document = service.records.create_record(
        "document",
        {"title": "Memorandum on demining", "signed_on": "2026-10-01", "parties": ["canada"]},
    )
    # The service has no API for signatories; the test adds one in its own session.
    with service.db.writing() as session:
        role = session.scalars(select(Role).where(Role.slug == "prime-minister-of-canada")).one()
        session.add(Signatory(record_id=document, role_id=role.id))
    slugs = {
        service.records.get_record(pledge).row.slug,
        service.records.get_record(document).row.slug,
    }
    assert not [f for f in find_problems(service) if f.record in slugs]


def test_a_bound_and_a_missing_reference_are_found_on_new_data(service: AccordsService) -> None:
    pledge = service.records.create_record(
        "pledge", {"title": "Up to a billion", "amount": "1000000000", "currency": "EUR"}
    )
    service.records.update_record(
        pledge, service.records.get_record(pledge).version, {"qualifier": "up_to"}
    )
    service.records.delete_record(service.records.resolve_id(REFERENCED))
    found = keys(find_problems(service))
    slug = service.records.get_record(pledge).row.slug
    assert ("bound-not-value", slug, "qualifier") in found
    assert ("missing-reference", ACTION_PLAN, "relations") in found


def test_a_changed_source_text_makes_its_annotations_drift(service: AccordsService) -> None:
    with service.db.writing() as session:
        source = session.scalars(select(Source)).one()
        source.text = source.text.replace("worth over $700 million", "worth over $900 million")
    drifted = [f for f in find_problems(service) if f.rule == "drifted-annotation"]
    assert ("drifted-annotation", SEPTEMBER, "amount") in keys(drifted)
    assert any(f.quote == "worth over $700 million" for f in drifted)
    assert all(f.record == SEPTEMBER for f in drifted)


def test_the_overdue_rule_follows_the_clock(seeded_template: Path, tmp_path: Path) -> None:
    shutil.copyfile(seeded_template, tmp_path / "early.sqlite3")
    early = AccordsService.open(str(tmp_path / "early.sqlite3"), clock=lambda: date(2025, 9, 10))
    try:
        assert not [f for f in find_problems(early) if f.rule == "overdue"]
    finally:
        early.close()
