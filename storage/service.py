"""The one typed API over an Accords database, used by the desktop window and the command line.

The service is opened and closed; its database file's life is ``service.db``
(`storage.db.database`), and its queries and edits are its parts (`storage.api`):
``service.records``, ``service.notes``, ``service.parties``, ``service.sources``,
``service.deliveries``, ``service.findings``, ``service.figures``, ``service.imports`` and
``service.rates``.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from storage.api.deliveries import Deliveries
from storage.api.figures import Figures
from storage.api.findings import Findings
from storage.api.imports import Imports
from storage.api.notes import Notes
from storage.api.parties import Parties
from storage.api.records import PAGE_SIZE, Page, Records, slugify
from storage.api.sources import ANCHOR_CONTEXT_CHARS, Sources, anchored
from storage.db.database import Database, OpenReport
from storage.db.dberrors import WINDOW, Wording

if TYPE_CHECKING:
    from storage.insight.rates import Rates


class AccordsService:
    """Queries and edits over one database, in parts; each call is one transaction."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], date] = date.today,
        actor: str | None = None,
    ) -> None:
        self.db = db
        self.clock = clock  # read at each call: a test may set another
        # Who makes this service's changes: the database user on PostgreSQL (what its
        # grants know), the login name on SQLite; a caller may name someone else.
        self.actor = actor or db.database_user() or login_name()
        db.act_as(self.actor)
        self.records = Records(self)
        self.notes = Notes(self)
        self.parties = Parties(self)
        self.sources = Sources(self)
        self.deliveries = Deliveries(self)
        self.findings = Findings(self)
        self.figures = Figures(self)
        self.imports = Imports(self)

    @classmethod
    def open(
        cls,
        target: str | None = None,
        *,
        seed_file: Path | None = None,
        seed: bool = True,
        clock: Callable[[], date] = date.today,
        actor: str | None = None,
        recover: bool = False,
        before_migrating: Callable[[], None] | None = None,
        wording: Wording = WINDOW,
    ) -> AccordsService:
        """Open (creating, migrating and seeding as needed) the database ``target`` names;
        see ``Database.open`` for what is refused and recovered."""
        db = Database.open(
            target,
            seed_file=seed_file,
            seed=seed,
            recover=recover,
            before_migrating=before_migrating,
            wording=wording,
        )
        return cls(db, clock=clock, actor=actor)

    @cached_property
    def rates(self) -> Rates:
        """The exchange rates: the one way they are read and written. Imported on first
        use, as the figures that need them are: the window's first frame does without."""
        from storage.insight.rates import Rates

        return Rates(self)

    def close(self) -> None:
        """Release the database; the service must not be used afterwards."""
        self.db.close()


def login_name() -> str:
    """The operating system's name for the user, or "local" when it has none."""
    try:
        return getpass.getuser() or "local"
    except (OSError, KeyError):
        return "local"


__all__ = [
    "ANCHOR_CONTEXT_CHARS",
    "PAGE_SIZE",
    "AccordsService",
    "OpenReport",
    "Page",
    "anchored",
    "slugify",
]
