"""The search index: FTS5 tables whose row ids follow title order, split by what is listed.

A search in the records list must show its first page in title order and count its
matches. With the index's row ids in title order, the first page is the first rows of an
FTS5 scan; with the records the list shows (live, not provisions) in their own table, the
count is FTS5's own. Neither reads every match from the records table, which made a search
for a common word cost 20 to 30 times a raw FTS5 query at 250,000 records.

Each record's ``title_order`` is a number that increases with (title, id). New and renamed
records take a number between their neighbours'; when two neighbours leave no room, the
records around them are spread out again (``spread``), and FTS rows move with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, TableClause, column, table, text

from storage.records import pg_search

LISTED = "listed_fts"  # live records other than provisions: what the records list shows
UNLISTED = "unlisted_fts"  # provisions and everything in the trash
SEARCH_TABLES = (LISTED, UNLISTED)
TOKENIZER = pg_search.TOKENIZER

# Numbering leaves this much room between neighbours, so about forty records can be put
# between the same two before anything is renumbered; 2**62 holds four million such gaps.
TITLE_GAP = 1 << 40
LAST_ORDER = 1 << 62
# A local renumbering widens its window until neighbours are at least this far apart.
SPREAD_GAP = 1 << 20
FIRST_WINDOW = 8

listed_fts: TableClause = table(LISTED, column("rowid", Integer))
unlisted_fts: TableClause = table(UNLISTED, column("rowid", Integer))
FTS_TABLES = {LISTED: listed_fts, UNLISTED: unlisted_fts}
COLUMNS = "title, summary, notes, quotes"
# Which records each table holds, on the records table's columns (``table_for`` in Python).
LISTED_RECORDS = "deleted_at IS NULL AND kind != 'provision'"
HOLDS = {LISTED: LISTED_RECORDS, UNLISTED: f"NOT ({LISTED_RECORDS})"}

# A record's searchable text, computed inside SQLite: no note or quote travels through Python.
NOTES_OF = (
    "coalesce((SELECT group_concat(body, char(10)) FROM "
    "(SELECT body FROM notes WHERE record_id = {record} ORDER BY id)), '')"
)
SEARCH_TEXT = (
    f"title, summary, {NOTES_OF.format(record='records.id')}, "
    "coalesce((SELECT group_concat(trim(quote || ' ' || comment), char(10)) FROM "
    "(SELECT quote, comment FROM annotations WHERE record_id = records.id "
    "AND deleted_at IS NULL ORDER BY id)), '')"
)

RECORD_PLACE = text("SELECT title, kind, deleted_at, title_order FROM records WHERE id = :id")
BEFORE = text(
    "SELECT id, title_order FROM records WHERE title_order IS NOT NULL "
    "AND (title, id) < (:title, :id) ORDER BY title DESC, id DESC LIMIT :most"
)
AFTER = text(
    "SELECT id, title_order FROM records WHERE title_order IS NOT NULL "
    "AND (title, id) > (:title, :id) ORDER BY title, id LIMIT :most"
)
SET_ORDER = text("UPDATE records SET title_order = :order WHERE id = :id")
CLEAR_ORDER = text("UPDATE records SET title_order = NULL WHERE id = :id")
WRITE_ROW = {
    name: text(
        f"INSERT INTO {name} (rowid, {COLUMNS}) "
        f"SELECT title_order, {SEARCH_TEXT} FROM records WHERE id = :id"
    )
    for name in SEARCH_TABLES
}
DROP_ROW = {name: text(f"DELETE FROM {name} WHERE rowid = :order") for name in SEARCH_TABLES}
MOVE_ROW = {
    name: text(f"UPDATE {name} SET rowid = :new WHERE rowid = :old") for name in SEARCH_TABLES
}
# After a note edit only the notes column changes: one statement, no title or quotes read.
WRITE_NOTES = {
    name: text(
        f"UPDATE {name} SET notes = {NOTES_OF.format(record=':id')} "
        "WHERE rowid = (SELECT title_order FROM records WHERE id = :id)"
    )
    for name in SEARCH_TABLES
}


def create_table_sql(name: str) -> str:
    """The statement that creates one of the search tables."""
    return f"CREATE VIRTUAL TABLE {name} USING fts5({COLUMNS}, tokenize = '{TOKENIZER}')"


def is_postgresql(connection: Connection) -> bool:
    """Whether the search index is PostgreSQL's (``pg_search``) rather than FTS5's."""
    return connection.dialect.name == "postgresql"


def table_for(kind: str, deleted: bool) -> str:
    """The search table that holds a record of this kind, in or out of the trash."""
    return LISTED if kind != "provision" and not deleted else UNLISTED


def rewrite_search_row(connection: Connection, record_id: int) -> None:
    """Make a record's search row match its text, place in title order and trash state."""
    record = connection.execute(RECORD_PLACE, {"id": record_id}).one_or_none()
    if record is None:
        return
    title, kind, deleted_at, current = record
    if is_postgresql(connection):  # its search row is keyed by the record, not the order
        place_title(connection, record_id, title, current)
        pg_search.rewrite_row(connection, record_id)
        return
    if current is not None:
        drop_search_row(connection, current)
    place_title(connection, record_id, title, current)
    target = table_for(kind, deleted_at is not None)
    connection.execute(WRITE_ROW[target], {"id": record_id})


def rewrite_search_notes(connection: Connection, record_id: int) -> None:
    """Make the notes of a record's search row match its notes."""
    if is_postgresql(connection):
        pg_search.rewrite_row(connection, record_id)
        return
    for name in SEARCH_TABLES:
        if connection.execute(WRITE_NOTES[name], {"id": record_id}).rowcount:
            return
    rewrite_search_row(connection, record_id)  # no row yet: write the whole of it


def drop_search_row(connection: Connection, order: int) -> None:
    """Remove the search row at this place in title order, from whichever table holds it."""
    for name in SEARCH_TABLES:
        connection.execute(DROP_ROW[name], {"order": order})


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A placed record next to the one being placed."""

    id: int
    order: int


def place_title(connection: Connection, record_id: int, title: str, current: int | None) -> int:
    """Give a record a title order between its neighbours'; returns it.

    Keeps ``current`` when it is still in place, so that most edits (a status, a summary)
    move nothing. The caller has removed the record's search row, if it had one.
    """
    before = _neighbours(connection, BEFORE, record_id, title, 1)
    after = _neighbours(connection, AFTER, record_id, title, 1)
    low = before[0].order if before else 0
    high = after[0].order if after else LAST_ORDER
    if current is not None and low < current < high:
        return current
    if high - low < 2:
        return spread(connection, record_id, title)
    order = low + TITLE_GAP if not after and low + TITLE_GAP < high else (low + high) // 2
    connection.execute(SET_ORDER, {"id": record_id, "order": order})
    return order


def spread(connection: Connection, record_id: int, title: str) -> int:
    """Renumber the records around one with no room beside it, evenly, and place it.

    The window doubles until its records can be at least ``SPREAD_GAP`` apart, so that the
    next hundreds of records put there fit without renumbering again.
    """
    width = FIRST_WINDOW
    while True:
        before = _neighbours(connection, BEFORE, record_id, title, width + 1)
        after = _neighbours(connection, AFTER, record_id, title, width + 1)
        low = before.pop().order if len(before) > width else 0
        high = after.pop().order if len(after) > width else LAST_ORDER
        members = [*reversed(before), None, *after]
        step = (high - low) // (len(members) + 1)
        everything = len(before) < width and len(after) < width
        if step >= SPREAD_GAP or everything:
            break
        width *= 2
    _renumber(connection, record_id, members, low, step)
    return low + step * (len(before) + 1)


def _renumber(
    connection: Connection,
    record_id: int,
    members: Sequence[Neighbour | None],
    low: int,
    step: int,
) -> None:
    """Number ``members`` (None standing for the record being placed) ``step`` apart.

    Every old number goes negative first, so that no new number meets one not yet moved.
    """
    connection.execute(CLEAR_ORDER, {"id": record_id})
    for neighbour in members:
        if neighbour is not None:
            _move(connection, neighbour.id, neighbour.order, -neighbour.order)
    for position, member in enumerate(members, start=1):
        order = low + step * position
        if member is None:
            connection.execute(SET_ORDER, {"id": record_id, "order": order})
        else:
            _move(connection, member.id, -member.order, order)


def _move(connection: Connection, member_id: int, old: int, new: int) -> None:
    connection.execute(SET_ORDER, {"id": member_id, "order": new})
    if is_postgresql(connection):
        return  # PostgreSQL's search rows are keyed by record: nothing else moves
    for name in SEARCH_TABLES:
        connection.execute(MOVE_ROW[name], {"old": old, "new": new})


def _neighbours(
    connection: Connection, statement: Any, record_id: int, title: str, most: int
) -> list[Neighbour]:
    rows = connection.execute(statement, {"id": record_id, "title": title, "most": most})
    return [Neighbour(row_id, order) for row_id, order in rows]


# -- many records at once --------------------------------------------------------------------

# For each record without a title order: the orders of the nearest placed records before
# and after it, and its place among the new records that share that gap.
FRESH_PLACES = text(
    "INSERT INTO temp.fresh_places (id, low, step, place) "
    "SELECT id, low, CASE WHEN high = :last THEN min(:gap, (high - low) / (places + 1)) "
    "ELSE (high - low) / (places + 1) END, place FROM ("
    "  SELECT id, low, high,"
    "    row_number() OVER (PARTITION BY low ORDER BY title, id) AS place,"
    "    count(*) OVER (PARTITION BY low) AS places"
    "  FROM ("
    "    SELECT id, title, title_order,"
    "      coalesce(max(title_order) OVER (ORDER BY title, id ROWS UNBOUNDED PRECEDING), 0)"
    "        AS low,"
    "      coalesce(min(title_order) OVER (ORDER BY title DESC, id DESC"
    "        ROWS UNBOUNDED PRECEDING), :last) AS high"
    "    FROM records)"
    "  WHERE title_order IS NULL)"
)


def place_new_titles(connection: Connection) -> None:
    """Give every record without a title order one, in a few statements over the table.

    For generation, which adds records by the ten thousand: placing them one by one would
    cost two index searches each. Where a gap is too narrow for its new records, every
    record is renumbered instead (``renumber_titles``).
    """
    # What differs by engine: the temporary table's types and schema, and the query
    # filling it; the placing itself is the same.
    if is_postgresql(connection):
        columns, schema, places = (
            "integer PRIMARY KEY, low bigint, step bigint, place bigint",
            "pg_temp",
            FRESH_PLACES_POSTGRESQL,
        )
    else:
        columns, schema, places = "INTEGER PRIMARY KEY, low, step, place", "temp", FRESH_PLACES
    connection.execute(text(f"CREATE TEMP TABLE fresh_places (id {columns})"))
    try:
        connection.execute(places, {"last": LAST_ORDER, "gap": TITLE_GAP})
        narrowest = connection.execute(
            text(f"SELECT min(step) FROM {schema}.fresh_places")
        ).scalar()
        if narrowest is not None and narrowest < 1:
            renumber_titles(connection)
            return
        connection.execute(
            text(
                "UPDATE records SET title_order = fresh.low + fresh.step * fresh.place "
                f"FROM {schema}.fresh_places AS fresh WHERE records.id = fresh.id"
            )
        )
    finally:
        connection.execute(text(f"DROP TABLE {schema}.fresh_places"))


def renumber_titles(connection: Connection) -> None:
    """Number every record afresh, evenly spaced in title order, moving the search rows."""
    if is_postgresql(connection):
        _renumber_titles_postgresql(connection)
        return
    count = connection.execute(text("SELECT count(*) FROM records")).scalar() or 0
    step = min(TITLE_GAP, LAST_ORDER // (count + 1))
    connection.execute(
        text("CREATE TEMP TABLE renumbered (id INTEGER PRIMARY KEY, old INTEGER, new INTEGER)")
    )
    try:
        connection.execute(
            text(
                "INSERT INTO temp.renumbered SELECT id, title_order, "
                "row_number() OVER (ORDER BY title, id) * :step FROM records"
            ),
            {"step": step},
        )
        connection.execute(text("CREATE INDEX temp.ix_renumbered_old ON renumbered (old)"))
        for name in SEARCH_TABLES:
            _renumber_search_table(connection, name)
        connection.execute(text("UPDATE records SET title_order = NULL"))
        connection.execute(
            text(
                "UPDATE records SET title_order = renumbered.new "
                "FROM temp.renumbered WHERE records.id = renumbered.id"
            )
        )
    finally:
        connection.execute(text("DROP TABLE temp.renumbered"))


def _renumber_search_table(connection: Connection, name: str) -> None:
    connection.execute(
        text(
            f"CREATE TEMP TABLE moved AS SELECT renumbered.new AS place, {COLUMNS} "
            f"FROM {name} JOIN temp.renumbered ON renumbered.old = {name}.rowid"
        )
    )
    try:
        _recreate(connection, name)
        connection.execute(
            text(
                f"INSERT INTO {name} (rowid, {COLUMNS}) "
                f"SELECT place, {COLUMNS} FROM temp.moved ORDER BY place"
            )
        )
    finally:
        connection.execute(text("DROP TABLE temp.moved"))


def _recreate(connection: Connection, name: str) -> None:
    """Empty a search table; dropped rather than emptied, as FTS5 deletes row by row,
    reading each row's text."""
    connection.execute(text(f"DROP TABLE {name}"))
    connection.execute(text(create_table_sql(name)))


STAGE_TABLE = text(f"CREATE TEMP TABLE staged_search (id INTEGER PRIMARY KEY, {COLUMNS})")
STAGE_ROW = text(
    f"INSERT INTO temp.staged_search (id, {COLUMNS}) "
    "VALUES (:id, :title, :summary, :notes, :quotes)"
)


def add_search_rows(connection: Connection, batches: Iterable[list[dict[str, Any]]]) -> None:
    """Place records added without a title order and write their search rows, given in
    batches of dicts of id, title, summary, notes and quotes: generation, by the ten
    thousand. Rows wait in a temporary table until their records have title orders."""
    if is_postgresql(connection):
        for _batch in batches:
            pass  # written from the records themselves, as the search rows of an edit are
        place_new_titles(connection)
        pg_search.write_rows(
            connection, "records.id NOT IN (SELECT record_id FROM record_search)", {}
        )
        return
    connection.execute(STAGE_TABLE)
    try:
        for batch in batches:
            connection.execute(STAGE_ROW, batch)
        place_new_titles(connection)
        for name, condition in HOLDS.items():
            # The staged table has no deleted_at or kind: the condition reads the records'.
            connection.execute(
                text(
                    f"INSERT INTO {name} (rowid, {COLUMNS}) SELECT title_order, "
                    "staged.title, staged.summary, staged.notes, staged.quotes "
                    "FROM temp.staged_search AS staged JOIN records ON records.id = staged.id "
                    f"WHERE {condition} ORDER BY title_order"
                )
            )
    finally:
        connection.execute(text("DROP TABLE temp.staged_search"))


# FRESH_PLACES in PostgreSQL's words: least() for SQLite's two-argument min(), named
# subqueries, and its temporary schema.
FRESH_PLACES_POSTGRESQL = text(
    "INSERT INTO pg_temp.fresh_places (id, low, step, place) "
    "SELECT id, low, CASE WHEN high = :last THEN least(:gap, (high - low) / (places + 1)) "
    "ELSE (high - low) / (places + 1) END, place FROM ("
    "  SELECT id, low, high,"
    "    row_number() OVER (PARTITION BY low ORDER BY title, id) AS place,"
    "    count(*) OVER (PARTITION BY low) AS places"
    "  FROM ("
    "    SELECT id, title, title_order,"
    "      coalesce(max(title_order) OVER (ORDER BY title, id ROWS UNBOUNDED PRECEDING), 0)"
    "        AS low,"
    "      coalesce(min(title_order) OVER (ORDER BY title DESC, id DESC"
    "        ROWS UNBOUNDED PRECEDING), :last) AS high"
    "    FROM records) AS ordered"
    "  WHERE title_order IS NULL) AS gaps"
)


def _renumber_titles_postgresql(connection: Connection) -> None:
    """Number every record afresh, evenly spaced in title order (``renumber_titles``).

    Emptied first: PostgreSQL checks a unique index row by row, so numbers moving past each
    other in one UPDATE would collide on the way.
    """
    count = connection.execute(text("SELECT count(*) FROM records")).scalar() or 0
    step = min(TITLE_GAP, LAST_ORDER // (count + 1))
    connection.execute(text("UPDATE records SET title_order = NULL WHERE title_order IS NOT NULL"))
    connection.execute(
        text(
            "UPDATE records SET title_order = numbered.place FROM (SELECT id, "
            "row_number() OVER (ORDER BY title, id) * :step AS place FROM records) AS numbered "
            "WHERE records.id = numbered.id"
        ),
        {"step": step},
    )


def _title_order_problems(connection: Connection) -> list[str]:
    problems = []
    for problem, statement in list(INDEX_CHECKS.items())[:2]:  # the title-order checks
        count = connection.execute(text(statement)).scalar() or 0
        if count:
            problems.append(f"{count} {problem}")
    return problems


def rebuild(connection: Connection) -> None:
    """Number every record afresh and write every search row again from the records."""
    if is_postgresql(connection):
        renumber_titles(connection)
        pg_search.rebuild(connection)
        return
    connection.execute(text("UPDATE records SET title_order = NULL"))
    place_new_titles(connection)
    for name, condition in HOLDS.items():
        _recreate(connection, name)
        connection.execute(
            text(
                f"INSERT INTO {name} (rowid, {COLUMNS}) SELECT title_order, {SEARCH_TEXT} "
                f"FROM records WHERE {condition} ORDER BY title_order"
            )
        )


# -- checking --------------------------------------------------------------------------------
def _index_checks() -> dict[str, str]:
    """What could be out of step, and the statement that counts how often it is."""
    checks = {
        "records have no place in title order": (
            "SELECT count(*) FROM records WHERE title_order IS NULL"
        ),
        "records are out of title order": (
            "SELECT count(*) FROM (SELECT title_order, "
            "lag(title_order) OVER (ORDER BY title, id) AS previous FROM records) AS ordered "
            "WHERE title_order <= previous"
        ),
    }
    for name, condition in HOLDS.items():
        kind = name.removesuffix("_fts")
        checks[f"{kind} records have no row in the {kind} search table"] = (
            f"SELECT count(*) FROM records WHERE {condition} "
            f"AND title_order NOT IN (SELECT rowid FROM {name})"
        )
        checks[f"rows of the {kind} search table stand for no {kind} record"] = (
            f"SELECT count(*) FROM {name} WHERE rowid NOT IN "
            f"(SELECT title_order FROM records WHERE {condition})"
        )
    return checks


INDEX_CHECKS = _index_checks()


def search_index_problems(connection: Connection) -> list[str]:
    """What is out of step between the records and the search tables; empty when nothing."""
    if is_postgresql(connection):
        return _title_order_problems(connection) + pg_search.problems(connection)
    problems = []
    for problem, statement in INDEX_CHECKS.items():
        count = connection.execute(text(statement)).scalar() or 0
        if count:
            problems.append(f"{count} {problem}")
    return problems
