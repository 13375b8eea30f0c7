"""Integrity checks of an open database: SQLite's own, every foreign key, the search index."""

from __future__ import annotations

from sqlalchemy import text

from storage.i18n import _
from storage.records.search_index import search_index_problems
from storage.service import AccordsService

SEARCH_PROBLEM = "search index: "


def check_database(service: AccordsService) -> list[str]:
    """Problems SQLite finds in the file (on PostgreSQL, which keeps its own pages and keys,
    the search index's alone); an empty list means intact."""
    if service.db.engine.dialect.name != "sqlite":
        with service.db.reading() as session:
            search = search_index_problems(session.connection())
        return [f"{SEARCH_PROBLEM}{problem}" for problem in search]
    with service.db.reading() as session:
        integrity = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
        foreign = session.execute(text("PRAGMA foreign_key_check")).all()
        search = search_index_problems(session.connection())
    problems = [line for line in integrity if line != "ok"]
    problems += [
        _("row {value} of {value2} points at a missing {value3}").format(
            value=row[1], value2=row[0], value3=row[2]
        )
        for row in foreign
    ]
    return problems + [f"{SEARCH_PROBLEM}{problem}" for problem in search]
