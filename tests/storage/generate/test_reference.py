"""Reference data: added once, matched by name on later runs, never on a taken slug."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, insert, select

from storage.generate.days import BASE_TIME
from storage.generate.reference import ensure_reference_data
from storage.generate.vocabulary import INTERNATIONAL, NESTED, PEOPLE, STATES
from storage.schema.models import Party, Person, Role
from storage.service import AccordsService


def counts(service: AccordsService) -> tuple[int | None, ...]:
    with service.db.reading() as session:
        return tuple(session.scalar(select(func.count(m.id))) for m in (Party, Person, Role))


def test_a_second_run_reuses_what_the_first_added(tmp_path: Path) -> None:
    service = AccordsService.open(str(tmp_path / "r.sqlite3"), seed=False)
    try:
        with service.db.writing() as session:
            first = ensure_reference_data(session)
        added = counts(service)
        with service.db.writing() as session:
            second = ensure_reference_data(session)
        assert added == (len(STATES) + len(INTERNATIONAL) + len(NESTED), len(PEOPLE), len(PEOPLE))
        assert counts(service) == added
        assert first == second
        nested = first.parties[NESTED[0][0]]
        with service.db.reading() as session:
            parent = session.scalar(select(Party.parent_id).where(Party.id == nested.id))
        assert parent == first.parties[NESTED[0][1]].id
    finally:
        service.close()


def test_a_party_whose_slug_is_taken_gets_the_next_free_one(tmp_path: Path) -> None:
    service = AccordsService.open(str(tmp_path / "r.sqlite3"), seed=False)
    try:
        with service.db.writing() as session:
            session.execute(
                insert(Party),
                [{"slug": "gen-canada", "name": "Not Canada", "kind": "state",
                  "created_at": BASE_TIME, "updated_at": BASE_TIME, "version": 1}],
            )  # fmt: skip
            canada = ensure_reference_data(session).parties["Canada"]
            slug = session.scalar(select(Party.slug).where(Party.id == canada.id))
        assert slug == "gen-canada-2"
    finally:
        service.close()
