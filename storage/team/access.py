"""What the connected database user may do: read, edit the records, or also manage the rest."""

from __future__ import annotations

import enum

from sqlalchemy import Connection, text

from storage.i18n import N_, _
from storage.schema import tables


class Access(enum.IntEnum):
    """What a database user may change; each level may also do all the lower ones do."""

    VIEWER = 0  # reads only
    EDITOR = 1  # also records, notes, status changes, annotations and deliveries
    ADMIN = 2  # also exchange rates, finding dismissals and the team

    @property
    def label(self) -> str:
        """The level's name, as `accords team` and the window say it."""
        return self.name.lower()

    @property
    def word(self) -> str:
        """The level as a message in the user's language names it: "lecteur", "редактор"."""
        return _(LEVEL_WORDS[self.name.lower()])


# Marked for the catalogues; `--role` keeps taking the English codes.
LEVEL_WORDS = {"viewer": N_("viewer"), "editor": N_("editor"), "admin": N_("admin")}


# The tables each level writes and the lower one does not: the server's grants decide, and
# these probes read them (has_table_privilege also answers for owners and superusers).
_PROBE = text(
    "SELECT coalesce(has_table_privilege(to_regclass(:notes), 'INSERT'), false)"
    " AND coalesce(has_table_privilege(to_regclass(:records), 'UPDATE'), false),"
    " coalesce(has_table_privilege(to_regclass(:rates), 'INSERT'), false)"
    " AND coalesce(has_table_privilege(to_regclass(:dismissals), 'INSERT'), false)"
)


def effective_access(connection: Connection) -> Access:
    """What the user ``connection`` logged in as may do on this PostgreSQL database."""
    edits, manages = connection.execute(
        _PROBE,
        {
            "notes": tables.notes.name,
            "records": tables.records.name,
            "rates": tables.exchange_rates.name,
            "dismissals": tables.finding_dismissals.name,
        },
    ).one()
    if edits and manages:
        return Access.ADMIN
    return Access.EDITOR if edits else Access.VIEWER
