"""What the service learns of the connected user's rights, and the server's refusals as one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from storage.db.database import Database
from storage.db.engine import make_engine
from storage.errors import DatabaseError, PermissionRefusedError
from storage.service import AccordsService
from storage.team.access import Access
from tests.storage.team.conftest import TeamDatabase

SLUG = "action-plan-security-cooperation"


@contextmanager
def service_as(team: TeamDatabase, name: str | None) -> Iterator[AccordsService]:
    """The service on the team database, logged in as ``name`` (None: the superuser)."""
    database = Database(make_engine(team.url if name is None else team.url_of(name)))
    database.learn_access()
    service = AccordsService(database, actor=name)
    try:
        yield service
    finally:
        service.close() if hasattr(service, "close") else database.close()


@pytest.mark.parametrize("level", list(Access))
def test_the_service_knows_the_users_level(team_db: TeamDatabase, level: Access) -> None:
    with service_as(team_db, team_db.login(level)) as service:
        assert service.db.access is level
        assert service.db.read_only is (level is Access.VIEWER)


def test_the_owner_is_an_admin(team_db: TeamDatabase) -> None:
    with service_as(team_db, None) as service:
        assert service.db.access is Access.ADMIN


def test_a_viewer_is_refused_before_the_server_is_asked(team_db: TeamDatabase) -> None:
    with service_as(team_db, team_db.login(Access.VIEWER)) as service:
        record_id = service.records.resolve_id(SLUG)
        with pytest.raises(DatabaseError, match="read-only"):
            service.notes.add_note(record_id, "A viewer's note")


def test_an_editor_notes_and_is_refused_a_rate_in_one_line(team_db: TeamDatabase) -> None:
    with service_as(team_db, team_db.login(Access.EDITOR)) as service:
        record_id = service.records.resolve_id(SLUG)
        assert service.notes.add_note(record_id, "An editor's note").id
        with pytest.raises(PermissionRefusedError) as refused:
            service.rates.set("EUR", "CAD", "1.5", date(2025, 1, 1))
    message = str(refused.value)
    assert "\n" not in message
    assert "permission denied for table exchange_rates" in message
    assert message.endswith("your edit is kept but was not saved.")


def test_an_admin_sets_a_rate_through_the_service(team_db: TeamDatabase) -> None:
    with service_as(team_db, team_db.login(Access.ADMIN)) as service:
        assert service.rates.set("EUR", "CAD", "1.5", date(2025, 1, 1))
