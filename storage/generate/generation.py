"""``generate()``: a run of records in transactions of a bounded size, each written in bulk."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.generate.bulk import write_rows
from storage.generate.draws import Draws
from storage.generate.records import RecordBuilder
from storage.generate.reference import ensure_reference_data
from storage.generate.rows import Rows, scalar_int
from storage.generate.sources import add_sources
from storage.schema.models import Note, Record
from storage.service import AccordsService

RECORDS_PER_TRANSACTION = 50_000  # keeps the WAL file bounded on very large runs


def generate(
    service: AccordsService,
    records: int,
    *,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``records`` synthetic documents, provisions and pledges; returns how many were added.

    About 30% documents (every document kind), 18% provisions under them and 52% pledges,
    with parties, statuses and their histories, notes in English, French and Ukrainian,
    quotes of generated source texts, tags, categories and deliveries. Deterministic for a
    given ``seed`` and starting database; ids continue after what the database already has.
    """
    if records < 0:
        raise ValueError("records must not be negative")
    draws = Draws(random.Random(seed))
    search = service.db.engine.dialect.name in ("sqlite", "postgresql")  # both index search
    builder: RecordBuilder | None = None
    done = 0
    for count in transaction_sizes(records):
        with service.db.writing() as session:
            if builder is None:
                builder = RecordBuilder(draws, ensure_reference_data(session), seed)
            _add_records(session, builder, count, search=search)
        done += count
        if progress is not None:
            progress(done)
    if service.db.engine.dialect.name == "postgresql":
        # Fresh statistics: without them PostgreSQL's planner takes tens of thousands of new
        # records for a hundred and reads a page by sorting them all (20 ms instead of 2 ms).
        with service.db.writing_core() as connection:
            connection.exec_driver_sql("ANALYZE")
    return done


def transaction_sizes(records: int) -> list[int]:
    """At most RECORDS_PER_TRANSACTION records each; one empty one (reference data and a
    source) when there are no records."""
    step = RECORDS_PER_TRANSACTION
    return [min(step, records - start) for start in range(0, records, step)] or [0]


def _add_records(session: Session, builder: RecordBuilder, count: int, *, search: bool) -> None:
    """``count`` records and their sources, numbered after the database's last ids."""
    first_record = scalar_int(session, select(func.max(Record.id))) + 1
    first_note = scalar_int(session, select(func.max(Note.id))) + 1
    slug_prefix = f"gen-{builder.seed}-{first_record}"
    parties = builder.reference.parties
    sources = add_sources(session, builder.draws, parties, slug_prefix, count)
    rows = Rows()
    record_ids = range(first_record, first_record + count)
    builder.build(rows, sources, record_ids, itertools.count(first_note))
    write_rows(session, rows, search=search)
