"""The benchmarks on PostgreSQL: Accords against raw psycopg and psql, interleaved, medians.

    python tests/benchmarks/postgres.py --url postgresql://postgres@127.0.0.1:54339/accords250k \
        --repeat 3 --markdown /tmp/pgbench.md

The database must exist; one holding no records is seeded and given ``--records`` generated
ones (``accords copy`` fills one from a SQLite file far faster than generating anew). Each
figure times a reference (the least work the feature needs: one psycopg statement, or
``psql``'s ``\\copy``) and Accords' own path in the same run, as tests/benchmarks/run.py does.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from storage.generate import generate  # noqa: E402
from storage.records import pg_search  # noqa: E402
from storage.records.query import FTS_TOKEN, RecordQuery, SortKey  # noqa: E402
from storage.service import PAGE_SIZE, AccordsService  # noqa: E402
from tests.benchmarks.run import (  # noqa: E402
    SEARCH_WORDS,
    SEED,
    Result,
    markdown_table,
    paired,
    shown,
)

LIVE = "deleted_at IS NULL AND kind != 'provision'"
MATCHING = "FROM record_search WHERE listed AND document @@ CAST(%s AS tsquery)"
# The raw twin of storage.records.query.sort_expression on PostgreSQL: each as its index
# (ix_records_sort_*) has it, so that the reference reads the same index the app does.
RAW_SORT: dict[SortKey, str] = {
    SortKey.TITLE: "title",
    SortKey.KIND: "kind",
    SortKey.STATUS: "status",
    SortKey.DATE: "COALESCE(signed_on, announced_on, '0001-01-01'::date)",
    SortKey.AMOUNT: (
        "COALESCE((COALESCE(amount, quantity))::double precision, "
        "('-1.0'::numeric)::double precision)"
    ),
    SortKey.DUE: "COALESCE(due_end, '0001-01-01'::date)",
    SortKey.UPDATED: "updated_at",
}
# The export's columns as storage.transfer.export.COLUMNS has them, in one SELECT: what
# psql's \copy writes as CSV (run.py's EXPORT_SQL, in PostgreSQL's words).
EXPORT_SQL = f"""
SELECT r.slug AS id, r.kind, r.title, r.status, r.status_effective_on AS status_since,
  coalesce(coalesce(r.signed_on, r.announced_on)::text, '') AS date,
  CASE WHEN r.kind = 'pledge' THEN
    coalesce((SELECT name FROM parties WHERE id = r.donor_id), '?') || ' → ' ||
    coalesce((SELECT name FROM parties WHERE id = r.recipient_id), '?')
  ELSE coalesce((SELECT string_agg(p.name, '; ') FROM record_parties rp
                 JOIN parties p ON p.id = rp.party_id WHERE rp.record_id = r.id), '') END
    AS parties,
  coalesce((SELECT string_agg(pe.name || ' (' || ro.title || ', ' || pa.name || ')', '; ')
            FROM signatories s JOIN roles ro ON ro.id = s.role_id
            JOIN persons pe ON pe.id = ro.person_id JOIN parties pa ON pa.id = ro.party_id
            WHERE s.record_id = r.id), '') AS signatories,
  coalesce(r.amount, r.quantity, '') AS amount,
  coalesce(r.currency, r.currency_as_written, r.unit, '') AS currency,
  coalesce(r.qualifier, '') AS qualifier,
  coalesce(r.due_start::text, '') AS due,
  CASE WHEN r.kind = 'pledge' AND r.due_end < current_date
       AND r.status NOT IN ('delivered', 'cancelled') THEN 'yes' ELSE 'no' END AS overdue,
  (SELECT sum(coalesce(d.amount, d.quantity)::float8) FROM deliveries d
   WHERE d.pledge_id = r.id AND d.deleted_at IS NULL) AS delivered,
  coalesce((SELECT string_agg(t, '; ' ORDER BY t) FROM (
      SELECT tag AS t FROM record_tags WHERE record_id = r.id
      UNION ALL SELECT category FROM pledge_categories WHERE record_id = r.id) AS areas), '')
    AS areas_categories,
  coalesce((SELECT string_agg(body, E'\\n\\n' ORDER BY id) FROM notes
            WHERE record_id = r.id), '') AS notes,
  coalesce((SELECT a.quote FROM annotations a WHERE a.record_id = r.id AND a.field IS NULL
            AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1), '') AS quote,
  coalesce((SELECT s.title FROM annotations a JOIN sources s ON s.id = a.source_id
            WHERE a.record_id = r.id AND a.field IS NULL AND a.deleted_at IS NULL
            ORDER BY a.id LIMIT 1), '') AS source
FROM records r WHERE r.{LIVE.replace(" AND kind", " AND r.kind")}
ORDER BY r.title, r.id
"""
BATCH = 5  # saves per timed call, as run.py's figure 6


def libpq_url(url: str) -> str:
    """The URL as libpq (psycopg, psql) takes it: no SQLAlchemy driver name."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# -- the database ------------------------------------------------------------------------------


def prepare_database(url: str, records: int) -> float | None:
    """Seed and generate ``records`` records into an empty database; seconds, or None if it
    already held records."""
    service = AccordsService.open(url, seed=False)
    try:
        if service.records.count_records(RecordQuery(include_provisions=True)):
            return None
    finally:
        service.close()
    service = AccordsService.open(url)
    try:
        started = datetime.now(UTC)
        generate(service, records, seed=SEED)
        return (datetime.now(UTC) - started).total_seconds()
    finally:
        service.close()


# -- figure 2: pages ---------------------------------------------------------------------------


def raw_page(column: str, cursor: tuple[Any, int] | None) -> tuple[str, tuple[Any, ...]]:
    """The plain keyset query of a page of 256 in ``column`` order, after ``cursor``."""
    order = f"ORDER BY {column}, id LIMIT {PAGE_SIZE}"
    if cursor is None:
        return f"SELECT * FROM records WHERE {LIVE} {order}", ()
    return f"SELECT * FROM records WHERE {LIVE} AND ({column}, id) > (%s, %s) {order}", cursor


def figure_pages(repeat: int, db: psycopg.Connection[Any], service: AccordsService) -> list[Result]:
    results = []
    live = db.execute(f"SELECT count(*) FROM records WHERE {LIVE}").fetchone()
    total = int(live[0]) if live else 0
    for key, column in RAW_SORT.items():
        for position, offset in (("start", 0), ("middle", total // 2), ("end", total - 256)):
            cursor: tuple[Any, int] | None = None
            if offset > 0:
                found = db.execute(
                    f"SELECT {column}, id FROM records WHERE {LIVE} "
                    f"ORDER BY {column}, id LIMIT 1 OFFSET %s",
                    (offset - 1,),
                ).fetchone()
                cursor = (found[0], found[1]) if found else None
            sql, params = raw_page(column, cursor)
            query = RecordQuery(sort=key)

            def reference(sql: str = sql, params: Any = params) -> object:
                return db.execute(sql, params).fetchall()

            def subject(query: RecordQuery = query, after: Any = cursor) -> object:
                return shown(service.records.list_page(query, limit=PAGE_SIZE, after=after))

            result = Result(f"P2. page of 256, sort {key.value}, {position}", "ms", 5)
            results.append(paired(result, repeat, reference, subject))
    return results


# -- figure 3: search --------------------------------------------------------------------------


def figure_search(
    repeat: int, db: psycopg.Connection[Any], service: AccordsService
) -> list[Result]:
    results = []
    for word in SEARCH_WORDS:
        wanted = pg_search.tsquery_text(FTS_TOKEN.findall(word))
        query = RecordQuery(text=word)

        def reference(wanted: str | None = wanted) -> object:
            rows = db.execute(f"SELECT record_id {MATCHING} LIMIT 256", (wanted,)).fetchall()
            return rows, db.execute(f"SELECT count(*) {MATCHING}", (wanted,)).fetchone()

        def subject(query: RecordQuery = query) -> object:
            return shown(service.records.list_page(query)), service.records.count_records(query)

        result = Result(f"P3. search '{word}': first page + count", "ms", 3)
        results.append(paired(result, repeat, reference, subject))
    return results


# -- figure 6: saves ---------------------------------------------------------------------------


def figure_save(repeat: int, url: str, service: AccordsService) -> list[Result]:
    writer = psycopg.connect(libpq_url(url))
    pledge = writer.execute(
        f"SELECT id, status FROM records WHERE {LIVE} AND kind = 'pledge' "
        "AND status IN ('announced', 'committed') ORDER BY id DESC LIMIT 1"
    ).fetchone()
    note = writer.execute("SELECT id FROM notes ORDER BY id DESC LIMIT 1").fetchone()
    writer.commit()
    if pledge is None or note is None:
        raise RuntimeError("the database holds no pledge to change or note to edit")
    pledge_id, note_id = int(pledge[0]), int(note[0])
    state: dict[str, Any] = {"status": pledge[1], "turn": 0}

    def raw_update() -> None:
        for _ in range(BATCH):
            writer.execute(
                "UPDATE records SET updated_at = now(), version = version + 1 WHERE id = %s",
                (pledge_id,),
            )
            writer.commit()

    def change_status() -> None:
        for _ in range(BATCH):
            new = "committed" if state["status"] == "announced" else "announced"
            service.records.change_status(pledge_id, new, comment="benchmark")
            state["status"] = new

    def edit_note() -> None:
        for _ in range(BATCH):
            current = service.notes.get_note(note_id)
            state["turn"] += 1
            body = f"{current.body.split(' #')[0]} #{state['turn']}"
            service.notes.edit_note(note_id, body, expected_version=current.version)

    scale = 1000.0 / BATCH
    results = [
        paired(
            Result("P6. save: raw UPDATE+COMMIT → change_status", "ms", 5),
            repeat,
            raw_update,
            change_status,
            scale=scale,
        ),
        paired(
            Result("P6. save: raw UPDATE+COMMIT → edit_note (get_note + edit)", "ms", 5),
            repeat,
            raw_update,
            edit_note,
            scale=scale,
        ),
    ]
    writer.close()
    return results


# -- figure 7: CSV export ----------------------------------------------------------------------


def figure_export(repeat: int, url: str, service: AccordsService, work: Path) -> list[Result]:
    from storage.transfer.export import ExportOptions, export_csv

    result = Result("P7. CSV export of all records (psql \\copy → export_csv)", "s", 2)
    psql = shutil.which("psql")
    if psql is None:
        result.error = "skipped: psql is not installed"
        return [result]
    raw_out, app_out = work / "raw.csv", work / "app.csv"
    one_line = re.sub(r"\s+", " ", EXPORT_SQL).strip()
    command = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", libpq_url(url), "-c"]
    command.append(f"\\copy ({one_line}) TO STDOUT WITH (FORMAT csv, HEADER)")

    def reference() -> object:
        with raw_out.open("wb") as out:
            return subprocess.run(command, stdout=out, check=True)

    def subject() -> object:
        return export_csv(service, app_out, ExportOptions())

    paired(result, repeat, reference, subject, warmup=False, scale=1.0)
    if app_out.exists() and raw_out.exists():
        result.note = (
            f"psql wrote {raw_out.stat().st_size / 2**20:.1f} MiB, export_csv "
            f"{app_out.stat().st_size / 2**20:.1f} MiB"
        )
    return [result]


# -- main --------------------------------------------------------------------------------------


def machine(db: psycopg.Connection[Any]) -> str:
    """Date, CPU, versions and the load average, for the README."""
    import sqlalchemy

    from tests.benchmarks.run import machine as sqlite_machine

    server = db.execute("SHOW server_version").fetchone()
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        sqlite_machine().split("- free -h")[0]
        + f"- PostgreSQL {server[0] if server else '?'}, psycopg {psycopg.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, {platform.system()} {platform.release()}\n"
        f"- load average at the start: {load}\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the benchmark database's URL")
    parser.add_argument(
        "--records", type=int, default=250_000, help="records to generate if it is empty"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions per figure")
    parser.add_argument("--only", default="2367", help="which figures to run, e.g. 23")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    generation = prepare_database(args.url, args.records)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="accords-pgbench-") as folder:
        os.environ["ACCORDS_DATA_DIR"] = str(Path(folder) / "data")
        db = psycopg.connect(libpq_url(args.url), autocommit=True)
        service = AccordsService.open(args.url, seed=False, actor="benchmark")
        try:
            db.execute("ANALYZE")  # the planner's statistics, as copy and generate leave them
            header = machine(db)
            records = db.execute(f"SELECT count(*) FROM records WHERE {LIVE}").fetchone()
            if "2" in args.only:
                results += figure_pages(args.repeat, db, service)
            if "3" in args.only:
                results += figure_search(args.repeat, db, service)
            if "6" in args.only:
                results += figure_save(args.repeat, args.url, service)
            if "7" in args.only:
                results += figure_export(args.repeat, args.url, service, Path(folder))
        finally:
            service.close()
            db.close()
    listed = int(records[0]) if records else 0
    text = (
        f"Accords on PostgreSQL: {listed:,} listed records, {args.repeat} interleaved "
        f"repetitions, medians.\n\n{header}\n"
    )
    if generation is not None:
        text += f"Generating the benchmark database took {generation:.1f} s.\n\n"
    text += markdown_table(results)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    missed = [r.figure for r in results if r.met != "yes"]
    print(f"{len(results) - len(missed)} of {len(results)} targets met.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
