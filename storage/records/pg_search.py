"""The search index on PostgreSQL: a tsvector per record, tokenised exactly as SQLite's FTS5.

PostgreSQL's own parsers split and fold words by the server's locale, so the same text
could match differently on two servers, and differently from a SQLite file. Instead the
words are cut and folded here by SQLite's FTS5 tokenizer itself (``unicode61
remove_diacritics 2``, in an in-memory database), and PostgreSQL is given the finished
lexemes with their positions (``'word':3``) and, for a search, quoted prefix terms
(``'word':*``), which it takes as they are. So a search finds on PostgreSQL what it finds
in a SQLite file, in any script, with U+02BC inside words as FTS5 has it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    cast,
    literal,
    text,
)
from sqlalchemy.types import NullType

TOKENIZER = "unicode61 remove_diacritics 2"  # search_index.TOKENIZER, which imports this
COLUMN_COUNT = 4  # title, summary, notes, quotes
LAST_POSITION = 16383  # PostgreSQL keeps positions up to this; later ones are kept at it

record_search = Table(
    "record_search",
    MetaData(),
    Column("record_id", Integer, primary_key=True),
    Column("listed", Boolean, nullable=False),
    # The record's title (migration 0012): a search in title order sorts its matches alone.
    Column("title", String, nullable=False),
    # Written by UPSERT's own SQL and only compared here: its type (tsvector) is never
    # needed, and importing PostgreSQL's dialect would slow every start of the window.
    Column("document", NullType(), nullable=False),
)

# The same text as search_index.SEARCH_TEXT gives FTS5, one column each.
RECORD_TEXT = text(
    "SELECT records.id, records.deleted_at IS NULL AND records.kind != 'provision', "
    "title, coalesce(summary, ''), "
    "coalesce((SELECT string_agg(body, chr(10) ORDER BY id) FROM notes "
    "  WHERE record_id = records.id), ''), "
    "coalesce((SELECT string_agg(trim(quote || ' ' || comment), chr(10) ORDER BY id) "
    "  FROM annotations WHERE record_id = records.id AND deleted_at IS NULL), '') "
    "FROM records WHERE {where}"
)
UPSERT = text(
    "INSERT INTO record_search (record_id, listed, title, document) "
    "VALUES (:id, :listed, :title, CAST(:document AS tsvector)) "
    "ON CONFLICT (record_id) DO UPDATE SET listed = excluded.listed, "
    "title = excluded.title, document = excluded.document"
)


class _Tokenizer:
    """FTS5's tokenizer in a private in-memory SQLite database, one caller at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(f"CREATE VIRTUAL TABLE words USING fts5(body, tokenize = '{TOKENIZER}')")
        self._db.execute("CREATE VIRTUAL TABLE found USING fts5vocab(words, instance)")

    def split(self, texts: Sequence[str]) -> list[list[str]]:
        """Each text's tokens, in order, as FTS5 indexes them."""
        result: list[list[str]] = [[] for _ in texts]
        with self._lock:
            self._db.executemany(
                "INSERT INTO words (rowid, body) VALUES (?, ?)", enumerate(texts, start=1)
            )
            rows = self._db.execute('SELECT doc, term FROM found ORDER BY doc, "offset"')
            for doc, term in rows:
                result[doc - 1].append(term)
            self._db.execute("DELETE FROM words")
        return result


@lru_cache(maxsize=1)
def _the_tokenizer() -> _Tokenizer:
    return _Tokenizer()


def split_words(texts: Sequence[str]) -> list[list[str]]:
    """FTS5's tokens of each text."""
    return _the_tokenizer().split(texts)


def quoted(lexeme: str) -> str:
    """A lexeme as tsvector and tsquery input take it literally."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def document(columns: Sequence[str]) -> str:
    """The tsvector input for a record's columns; a skipped position between columns keeps
    a phrase from running from one column into the next, as in FTS5."""
    positions: dict[str, list[int]] = {}
    position = 0
    for words in split_words(columns):
        for word in words:
            position += 1
            positions.setdefault(word, []).append(min(position, LAST_POSITION))
        position += 1
    return " ".join(
        quoted(word) + ":" + ",".join(str(p) for p in sorted(set(places)))
        for word, places in positions.items()
    )


def tsquery_text(words: Sequence[str]) -> str | None:
    """Each word of the user's text (``query.FTS_TOKEN``'s) as a prefix phrase, all required:
    what ``query.fts_match_expression`` asks of FTS5. None if no word holds a token."""
    terms = []
    for tokens in split_words(words):
        if not tokens:
            continue
        phrase = [quoted(token) for token in tokens]
        phrase[-1] += ":*"
        terms.append(phrase[0] if len(phrase) == 1 else "(" + " <-> ".join(phrase) + ")")
    return " & ".join(terms) if terms else None


def matching(query_text: str) -> ColumnElement[bool]:
    """``document @@ query`` on the search table."""
    from sqlalchemy.dialects.postgresql import TSQUERY  # only ever on PostgreSQL

    return record_search.c.document.op("@@")(cast(literal(query_text), TSQUERY))


def write_rows(connection: Connection, where: str, parameters: dict[str, Any]) -> None:
    """Write the search rows of the records ``where`` selects, from their current text."""
    rows = connection.execute(text(RECORD_TEXT.text.format(where=where)), parameters).all()
    _upsert(connection, rows)


def _upsert(connection: Connection, rows: Iterable[Sequence[Any]]) -> None:
    batch = [
        {
            "id": row[0],
            "listed": bool(row[1]),
            "title": row[2],
            "document": document([str(c) for c in row[2:]]),
        }
        for row in rows
    ]
    if batch:
        connection.execute(UPSERT, batch)


def rewrite_row(connection: Connection, record_id: int) -> None:
    """Make one record's search row match its text and whether it is listed."""
    write_rows(connection, "records.id = :id", {"id": record_id})


def rebuild(connection: Connection, batch: int = 2000) -> None:
    """Write every search row again, a batch of records at a time."""
    connection.execute(text("DELETE FROM record_search"))
    last = 0
    while True:
        rows = connection.execute(
            text(RECORD_TEXT.text.format(where="records.id > :last ORDER BY id LIMIT :most")),
            {"last": last, "most": batch},
        ).all()
        if not rows:
            return
        _upsert(connection, rows)
        last = rows[-1][0]


PROBLEMS = {
    "records have no row in the search table": (
        "SELECT count(*) FROM records WHERE id NOT IN (SELECT record_id FROM record_search)"
    ),
    "search rows say a record is listed or not when it is the other": (
        "SELECT count(*) FROM record_search JOIN records ON records.id = record_id "
        "WHERE listed != (records.deleted_at IS NULL AND records.kind != 'provision')"
    ),
    "search rows hold another title than their record's": (
        "SELECT count(*) FROM record_search JOIN records ON records.id = record_id "
        "WHERE record_search.title != records.title"
    ),
}


def problems(connection: Connection) -> list[str]:
    """What is out of step between the records and the search table."""
    found = []
    for problem, statement in PROBLEMS.items():
        count = connection.execute(text(statement)).scalar() or 0
        if count:
            found.append(f"{count} {problem}")
    return found
