"""The findings part: a dismissal keeps its reason and hides its finding until taken back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.errors import NotFoundError, ValidationError
from storage.insight.quality import Finding, find_problems
from storage.schema.models import FindingDismissal
from storage.service import AccordsService


def keys(findings: list[Finding]) -> set[tuple[str, str, str]]:
    return {f.key for f in findings}


def test_dismissing_keeps_the_reason_and_hides_the_finding(service: AccordsService) -> None:
    overdue = next(f for f in find_problems(service) if f.rule == "overdue")
    before = len(find_problems(service))
    dismissal_id = service.findings.dismiss(
        overdue, "  Delivered per the ministry; source pending  "
    )
    assert dismissal_id > 0
    shown = find_problems(service)
    assert overdue.key not in keys(shown) and len(shown) == before - 1
    everything = {f.key: f for f in find_problems(service, include_dismissed=True)}
    kept = everything[overdue.key].dismissal
    assert kept is not None and everything[overdue.key].dismissed
    assert kept.reason == "Delivered per the ministry; source pending"
    assert kept.dismissed_by == "tester"
    assert kept.dismissed_at.tzinfo is not None
    assert "dismissed by tester" in str(everything[overdue.key])
    with service.db.reading() as session:
        stored = session.scalars(select(FindingDismissal)).one()
        assert (stored.rule, stored.record_slug, stored.field) == overdue.key
    # Dismissing again replaces the reason; undismiss brings the finding back.
    assert service.findings.dismiss(overdue, "Checked again") == dismissal_id
    service.findings.undismiss(overdue)
    assert overdue.key in keys(find_problems(service))
    with pytest.raises(NotFoundError):
        service.findings.undismiss(overdue)


def test_a_dismissal_needs_a_reason(service: AccordsService) -> None:
    finding = find_problems(service)[0]
    with pytest.raises(ValidationError):
        service.findings.dismiss(finding, "   ")
    assert len(find_problems(service)) == len(find_problems(service, include_dismissed=True))
