"""Side-by-side benchmarks of Accords against the raw work each feature must at least do.

    python tests/benchmarks/run.py --records 250000 --repeat 3 --db /tmp/bench250k.sqlite3 \
        --reuse --markdown tests/benchmarks/README-table.md

Every figure times a reference (raw sqlite3, a bare Qt window, the sqlite3 shell; for
figure 9, the same edits with the dashboard closed) and the subject (Accords' own code
path) in the same run, interleaved ``ref, subject, ref, subject…`` ``--repeat`` times
after one untimed warm-up, and reports their medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from storage.generate import generate  # noqa: E402
from storage.records.data import RecordRow  # noqa: E402
from storage.records.query import RecordQuery, SortKey, fts_match_expression  # noqa: E402
from storage.records.search_index import SEARCH_TABLES  # noqa: E402
from storage.service import PAGE_SIZE, AccordsService, Page  # noqa: E402

CHILD = Path(__file__).resolve().parent / "startup_child.py"
SEED = 20251128
# Said to be likely, as the listing says it (storage.records.query.live_condition): with the
# statistics ANALYZE leaves, SQLite otherwise reads the (kind, status, deleted_at) index for
# it and sorts every record, 100-280 ms, where the order's own index takes a millisecond.
LIVE = "likely(deleted_at IS NULL) AND kind != 'provision'"
BURST = 5  # status changes in a row, for figure 9
# Figure 1 takes at least this many starts of each: one start varies by 15% and more on
# this shared machine, and three could not tell 1.25x from 1.35x (a start is 0.3-0.4 s).
START_SAMPLES = 11
# Rows on screen in a tall window. A page builds its rows when they are read, so the page
# and search subjects read this many, as the table does when it paints them.
SHOWN_ROWS = 40
# The raw twin of storage.records.query.sort_expression for each sort key.
RAW_SORT: dict[SortKey, str] = {
    SortKey.TITLE: "title",
    SortKey.KIND: "kind",
    SortKey.STATUS: "status",
    SortKey.DATE: "coalesce(signed_on, announced_on, '')",
    SortKey.AMOUNT: "coalesce(CAST(coalesce(amount, quantity) AS FLOAT), -1.0)",
    SortKey.DUE: "coalesce(due_end, '')",
    SortKey.UPDATED: "updated_at",
}
SEARCH_WORDS = ("drones", "обʼєкт")
KEYSTROKE_INTERVAL_S = 0.2  # between two keystrokes, for figure 4
KEYSTROKE_WORDS = ("drones", "обʼєкт", "sécurité", "budget", "Canada")
GENERATED_TABLES = (
    "parties",
    "persons",
    "roles",
    "sources",
    "records",
    "record_parties",
    "signatories",
    "record_tags",
    "pledge_categories",
    "relations",
    "status_changes",
    "notes",
    "note_revisions",
    "annotations",
    "deliveries",
)
EXPORT_SQL = f"""
SELECT r.slug AS id, r.kind, r.title, r.status, r.status_effective_on AS status_since,
  coalesce(r.signed_on, r.announced_on, '') AS date,
  CASE WHEN r.kind = 'pledge' THEN
    coalesce((SELECT name FROM parties WHERE id = r.donor_id), '?') || ' → ' ||
    coalesce((SELECT name FROM parties WHERE id = r.recipient_id), '?')
  ELSE coalesce((SELECT group_concat(p.name, '; ') FROM record_parties rp
                 JOIN parties p ON p.id = rp.party_id WHERE rp.record_id = r.id), '') END
    AS parties,
  coalesce((SELECT group_concat(pe.name || ' (' || ro.title || ', ' || pa.name || ')', '; ')
            FROM signatories s JOIN roles ro ON ro.id = s.role_id
            JOIN persons pe ON pe.id = ro.person_id JOIN parties pa ON pa.id = ro.party_id
            WHERE s.record_id = r.id), '') AS signatories,
  coalesce(r.amount, r.quantity, '') AS amount,
  coalesce(r.currency, r.currency_as_written, r.unit, '') AS currency,
  coalesce(r.qualifier, '') AS qualifier,
  coalesce(r.due_start, '') AS due,
  CASE WHEN r.kind = 'pledge' AND r.due_end < date('now')
       AND r.status NOT IN ('delivered', 'cancelled') THEN 'yes' ELSE 'no' END AS overdue,
  (SELECT sum(CAST(coalesce(d.amount, d.quantity) AS REAL)) FROM deliveries d
   WHERE d.pledge_id = r.id AND d.deleted_at IS NULL) AS delivered,
  coalesce((SELECT group_concat(t, '; ') FROM (
      SELECT tag AS t FROM record_tags WHERE record_id = r.id
      UNION ALL SELECT category FROM pledge_categories WHERE record_id = r.id ORDER BY 1)), '')
    AS areas_categories,
  coalesce((SELECT group_concat(body, char(10) || char(10)) FROM notes
            WHERE record_id = r.id), '') AS notes,
  coalesce((SELECT a.quote FROM annotations a WHERE a.record_id = r.id AND a.field IS NULL
            AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1), '') AS quote,
  coalesce((SELECT s.title FROM annotations a JOIN sources s ON s.id = a.source_id
            WHERE a.record_id = r.id AND a.field IS NULL AND a.deleted_at IS NULL
            ORDER BY a.id LIMIT 1), '') AS source
FROM records r WHERE {LIVE}
ORDER BY r.title, r.id;
"""


# -- results ------------------------------------------------------------------------------


@dataclass
class Result:
    """One line of the table: a reference and a subject, with the target for their ratio."""

    figure: str
    unit: str
    target: float
    mode: str = "ratio"  # ratio: subject/reference <= target; inverse: ref/subject >= target;
    # delta: subject - reference <= target (in the unit)
    reference: list[float] = field(default_factory=list)
    subject: list[float] = field(default_factory=list)
    error: str = ""
    note: str = ""

    @property
    def ref_median(self) -> float | None:
        return statistics.median(self.reference) if self.reference else None

    @property
    def subject_median(self) -> float | None:
        return statistics.median(self.subject) if self.subject else None

    @property
    def ratio(self) -> float | None:
        ref, sub = self.ref_median, self.subject_median
        if ref is None or sub is None:
            return None
        if self.mode == "delta":
            return sub - ref
        if self.mode == "inverse":
            return ref / sub if sub else None
        return sub / ref if ref else None

    @property
    def met(self) -> str:
        if self.error:
            return "error"
        value = self.ratio
        if value is None:
            return "n/a"
        ok = value >= self.target if self.mode == "inverse" else value <= self.target
        return "yes" if ok else "NO"

    def target_text(self) -> str:
        if self.mode == "delta":
            return f"≤ +{self.target:g} {self.unit}"
        if self.mode == "inverse":
            return f"≥ {self.target:g}x"
        return f"≤ {self.target:g}x"

    def ratio_text(self) -> str:
        value = self.ratio
        if value is None:
            return "—"
        if self.mode == "delta":
            return f"{value:+.1f} {self.unit}"
        return f"{value:.2f}x"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.1f} {unit}"


def markdown_table(results: Sequence[Result]) -> str:
    lines = [
        "| figure | reference median | subject median | ratio | target | met? |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        met = r.met if not r.error else f"error: {r.error}"
        lines.append(
            f"| {r.figure} | {fmt(r.ref_median, r.unit)} | {fmt(r.subject_median, r.unit)} "
            f"| {r.ratio_text()} | {r.target_text()} | {met} |"
        )
    notes = [f"- {r.figure}: {r.note}" for r in results if r.note]
    return "\n".join(lines + (["", *notes] if notes else [])) + "\n"


def timed(action: Callable[[], object], scale: float = 1000.0) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * scale


def paired(
    result: Result,
    repeat: int,
    reference: Callable[[], object],
    subject: Callable[[], object],
    *,
    warmup: bool = True,
    scale: float = 1000.0,
    before_reference: Callable[[], object] = lambda: None,
    before_subject: Callable[[], object] = lambda: None,
) -> Result:
    """Time ``reference`` and ``subject`` alternately; a failing subject is noted, not fatal.

    ``before_reference`` and ``before_subject`` run, untimed, before each timed call.
    """
    if warmup:
        before_reference()
        reference()
        try:
            before_subject()
            subject()
        except Exception as error:  # the table reports it; the other figures still run
            result.error = f"{type(error).__name__}: {error}"[:160]
    for _ in range(repeat):
        before_reference()
        result.reference.append(timed(reference, scale))
        if result.error:
            continue
        try:
            before_subject()
            result.subject.append(timed(subject, scale))
        except Exception as error:
            result.error = f"{type(error).__name__}: {error}"[:160]
    print(
        f"  {result.figure}: ref {fmt(result.ref_median, result.unit)}, "
        f"subject {fmt(result.subject_median, result.unit)}, {result.ratio_text()} "
        f"{result.met}{' ' + result.error if result.error else ''}",
        file=sys.stderr,
        flush=True,
    )
    return result


# -- the database ---------------------------------------------------------------------------


def prepare_database(path: Path, records: int, *, reuse: bool) -> float | None:
    """The seeded database plus ``records`` generated ones; returns the generation seconds."""
    if reuse and path.exists():
        service = AccordsService.open(str(path), seed=False)
        try:
            with service.db.reading() as session:
                from sqlalchemy import text

                count = session.scalar(text("SELECT count(*) FROM records WHERE slug LIKE 'gen-%'"))
        finally:
            service.close()
        if count and count >= records:
            print(f"Reusing {path} ({count:,} generated records)", file=sys.stderr)
            return None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    service = AccordsService.open(str(path))
    try:
        started = time.perf_counter()
        generate(
            service,
            records,
            seed=SEED,
            progress=lambda n: print(f"  generated {n:,}", file=sys.stderr),
        )
        elapsed = time.perf_counter() - started
    finally:
        service.close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("ANALYZE")
    print(f"Generated {records:,} records into {path} in {elapsed:.1f} s", file=sys.stderr)
    return elapsed


def raw_connection(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


# -- figure 1: start to first paint -------------------------------------------------------


def start_child(mode: str, database: Path, settings: Path) -> tuple[float, float]:
    """Seconds from Popen to the child's PAINTED line, and its peak RSS in MiB."""
    settings.unlink(missing_ok=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(database), str(settings)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("PAINTED"):
                elapsed = time.perf_counter() - started
                return elapsed, int(line.split()[2]) / 1024
        raise RuntimeError(f"the {mode} window never painted (exit {child.wait()})")
    finally:
        child.wait(timeout=120)


def compile_app() -> None:
    """Byte-compile Accords as an installation does, since the reference's libraries are.

    A checkout run with PYTHONDONTWRITEBYTECODE would otherwise recompile every module of
    the app at each start, which no installed copy does.
    """
    import compileall

    for package in ("storage", "gui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def figure_start(repeat: int, database: Path, work: Path) -> list[Result]:
    compile_app()
    seeded = work / "seeded.sqlite3"
    if not seeded.exists():
        AccordsService.open(str(seeded)).close()
    settings = work / "settings.ini"
    time_result = Result("1. start to first paint (bare Qt+SQLAlchemy window → app)", "s", 1.3)
    strict_result = Result(
        "1. start to first paint (bare window importing SQLAlchemy first → app)", "s", 1.3
    )
    rss_result = Result(
        "1. peak RSS at first paint (app on seeded db → app on this db)", "MiB", 25, mode="delta"
    )
    try:
        for mode in ("reference", "reference-sa-first", "app"):  # warm the file cache
            start_child(mode, database, settings)
        for _ in range(max(repeat, START_SAMPLES)):
            time_result.reference.append(start_child("reference", database, settings)[0])
            elapsed, rss = start_child("app", database, settings)
            time_result.subject.append(elapsed)
            strict_result.subject.append(elapsed)
            rss_result.subject.append(rss)
            strict_result.reference.append(start_child("reference-sa-first", database, settings)[0])
            rss_result.reference.append(start_child("app", seeded, settings)[1])
    except RuntimeError as error:  # the app crashed: say so in the table, go on
        time_result.error = strict_result.error = rss_result.error = str(error)
    results = [time_result, strict_result, rss_result]
    for r in results:
        print(f"  {r.figure}: {r.ratio_text()} {r.met}", file=sys.stderr, flush=True)
    return results


# -- figure 2: any page at any position and sort ---------------------------------------------


def service_cursor(key: SortKey, value: Any, record_id: int) -> tuple[Any, int]:
    """The cursor ``list_page`` would have handed back for a raw (sort value, id) pair: the
    same pair, since the service keeps sort values as the driver returns them."""
    return value, record_id


def raw_page(column: str, cursor: tuple[Any, int] | None) -> tuple[str, tuple[Any, ...]]:
    """The raw keyset query of a page of 256 in ``column`` order, after ``cursor``.

    As two ranges of the order's index, as the listing reads it: the rest of the records
    sharing the cursor's key, then those past it. A single (key, id) > (?, ?) has SQLite
    step through every record sharing the key (55 ms deep among those with no due period).
    """
    page = f"ORDER BY {column}, id LIMIT {PAGE_SIZE}"
    if cursor is None:
        return f"SELECT * FROM records WHERE {LIVE} {page}", ()
    rows = f"SELECT *, {column} AS sort_value FROM records WHERE {LIVE}"
    rest = f"{rows} AND {column} = ? AND id > ? ORDER BY id LIMIT {PAGE_SIZE}"
    past = f"{rows} AND {column} > ? {page}"
    both = f"SELECT * FROM ({rest}) UNION ALL SELECT * FROM ({past})"
    sql = f"SELECT * FROM ({both}) ORDER BY sort_value, id LIMIT {PAGE_SIZE}"
    return sql, (cursor[0], cursor[1], cursor[0])


def shown(page: Page) -> list[RecordRow]:
    """The rows of a page that a window shows at once, built as painting them builds them."""
    return page.rows[:SHOWN_ROWS]


def figure_pages(repeat: int, db: sqlite3.Connection, service: AccordsService) -> list[Result]:
    results = []
    live = db.execute(f"SELECT count(*) FROM records WHERE {LIVE}").fetchone()[0]
    for key, column in RAW_SORT.items():
        for position, offset in (("start", 0), ("middle", live // 2), ("end", max(live - 256, 0))):
            cursor: tuple[Any, int] | None = None
            if offset:
                value, record_id = db.execute(
                    f"SELECT {column}, id FROM records WHERE {LIVE} "
                    f"ORDER BY {column}, id LIMIT 1 OFFSET ?",
                    (offset - 1,),
                ).fetchone()
                cursor = (value, record_id)
            sql, params = raw_page(column, cursor)
            after = service_cursor(key, *cursor) if cursor else None
            query = RecordQuery(sort=key)

            def reference(sql: str = sql, params: Any = params) -> object:
                return db.execute(sql, params).fetchall()

            def subject(query: RecordQuery = query, after: Any = after) -> object:
                return shown(service.records.list_page(query, limit=PAGE_SIZE, after=after))

            result = Result(f"2. page of 256, sort {key.value}, {position}", "ms", 5)
            results.append(paired(result, repeat, reference, subject))
    return results


# -- figure 3: search ------------------------------------------------------------------------


def figure_search(repeat: int, db: sqlite3.Connection, service: AccordsService) -> list[Result]:
    results = []
    for word in SEARCH_WORDS:
        match = fts_match_expression(word)
        query = RecordQuery(text=word)

        def reference(match: str | None = match) -> object:
            rows = db.execute(
                "SELECT rowid FROM listed_fts WHERE listed_fts MATCH ? LIMIT 256", (match,)
            ).fetchall()
            count = db.execute(
                "SELECT count(*) FROM listed_fts WHERE listed_fts MATCH ?", (match,)
            ).fetchone()
            return rows, count

        def subject(query: RecordQuery = query) -> object:
            return shown(service.records.list_page(query)), service.records.count_records(query)

        result = Result(f"3. search '{word}': first page + count", "ms", 3)
        results.append(paired(result, repeat, reference, subject))
    word = SEARCH_WORDS[0]
    match = fts_match_expression(word)

    def like_scan() -> object:
        pattern = f"%{word}%"
        return db.execute(
            "SELECT id FROM records WHERE title LIKE ? OR summary LIKE ?", (pattern, pattern)
        ).fetchall()

    def fts_scan() -> object:
        return db.execute(
            "SELECT rowid FROM listed_fts WHERE listed_fts MATCH ?", (match,)
        ).fetchall()

    result = Result(f"3. '{word}': LIKE scan → FTS5 MATCH (speed-up)", "ms", 10, mode="inverse")
    results.append(paired(result, repeat, like_scan, fts_scan))
    return results


# -- figures 4 and 5: the window ---------------------------------------------------------------


@contextmanager
def qt_window(service: AccordsService, work: Path) -> Iterator[Any]:
    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    from gui.app import application
    from gui.mainwindow import MainWindow
    from gui.settings import Settings

    app = application([sys.argv[0]])

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

        def wait(self, before: int, timeout: float = 120.0) -> None:
            deadline = time.monotonic() + timeout
            while self.count == before:
                app.processEvents()
                if time.monotonic() > deadline:
                    raise TimeoutError("no repaint")

    class Plain(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[tuple[Any, ...]] = []

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else 9

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and index.isValid():
                value = self.rows[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

        def reset(self, rows: list[tuple[Any, ...]]) -> None:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()

    window = MainWindow(service, Settings(work / "bench-settings.ini"))
    window.resize(1280, 800)
    painted = Painted()
    window.table.viewport().installEventFilter(painted)
    window.show()
    painted.wait(0)
    plain = Plain()
    bare = QMainWindow()
    table = QTableView()
    table.setModel(plain)
    bare.setCentralWidget(table)
    bare.resize(1280, 800)
    bare_painted = Painted()
    table.viewport().installEventFilter(bare_painted)
    bare.show()
    bare_painted.wait(0)
    try:
        yield app, window, painted, plain, bare_painted
    finally:
        window.close()
        bare.close()
        app.processEvents()


def figure_keystroke(
    repeat: int, db: sqlite3.Connection, service: AccordsService, work: Path
) -> list[Result]:
    with qt_window(service, work) as (app, window, painted, plain, bare_painted):
        words = iter(KEYSTROKE_WORDS * (repeat + 2))
        raw_words = iter(KEYSTROKE_WORDS * (repeat + 2))

        def reference() -> object:
            match = fts_match_expression(next(raw_words))
            before = bare_painted.count
            rows = db.execute(
                "SELECT kind, records.title, status, '', coalesce(signed_on, announced_on), "
                "amount, due_start, '', '' FROM listed_fts JOIN records "
                "ON records.title_order = listed_fts.rowid WHERE listed_fts MATCH ? "
                f"ORDER BY listed_fts.rowid LIMIT {PAGE_SIZE}",
                (match,),
            ).fetchall()
            count = db.execute(
                "SELECT count(*) FROM listed_fts WHERE listed_fts MATCH ?", (match,)
            ).fetchone()
            plain.reset(rows)
            bare_painted.wait(before)
            return count

        def subject() -> object:
            before = painted.count
            window.filters.search.setText(next(words))
            window.apply_filters()
            painted.wait(before)
            return window.records.total

        def settle() -> None:
            """200 ms of the event loop, untimed, as between two keystrokes of a fast typist:
            what a keystroke leaves for after its paint (the details of the row it lands on)
            is not the next keystroke's."""
            end = time.perf_counter() + KEYSTROKE_INTERVAL_S
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.002)

        result = Result("4. keystroke in search box → repainted table", "ms", 2)
        result.note = (
            "the debounce delay (250 ms) is left out of both: apply_filters() is called; "
            "both windows are given 200 ms between keystrokes"
        )
        result = paired(
            result, repeat, reference, subject, before_reference=settle, before_subject=settle
        )
        window.filters.search.setText("")
        window.apply_filters()
    return [result]


def figure_sort(repeat: int, db: sqlite3.Connection, service: AccordsService) -> list[Result]:
    from PySide6.QtCore import Qt

    from gui.window.records_model import COLUMNS, RecordsModel

    results = []
    for key, column in RAW_SORT.items():
        # A fresh model per key: a failed reload leaves a model inside beginResetModel.
        model = RecordsModel(service)
        sql = f"SELECT * FROM records WHERE {LIVE} ORDER BY {column}, id LIMIT {PAGE_SIZE}"
        section = next((i for i, c in enumerate(COLUMNS) if c.sort is key), None)

        def reference(sql: str = sql) -> object:
            return db.execute(sql).fetchall()

        turn = {"descending": False}

        def subject(
            model: RecordsModel = model,
            section: int | None = section,
            key: SortKey = key,
            turn: dict[str, bool] = turn,
        ) -> object:
            # Alternate the direction so that every call really changes the order (the
            # model ignores a request for the order it already shows).
            turn["descending"] = not turn["descending"]
            if section is None:  # no column sorts by it; the model's own path
                model.set_query(RecordQuery(sort=key, descending=turn["descending"]))
            else:
                order = (
                    Qt.SortOrder.DescendingOrder
                    if turn["descending"]
                    else Qt.SortOrder.AscendingOrder
                )
                model.sort(section, order)
            return model.total

        how = "RecordsModel.sort" if section is not None else "RecordsModel.set_query"
        result = Result(f"5. sort change to {key.value} ({how})", "ms", 3)
        results.append(paired(result, repeat, reference, subject))
    return results


# -- figure 6: saving an edit ------------------------------------------------------------------


def figure_save(repeat: int, database: Path, service: AccordsService) -> list[Result]:
    from sqlalchemy import select

    from storage.schema.models import Note, Record

    writer = raw_connection(database)
    with service.db.reading() as session:
        pledge_id, status = session.execute(
            select(Record.id, Record.status)
            .where(Record.kind == "pledge", Record.status.in_(["announced", "committed"]))
            .where(Record.deleted_at.is_(None))
            .order_by(Record.id.desc())
            .limit(1)
        ).one()
        note_id = session.scalar(select(Note.id).order_by(Note.id.desc()).limit(1))
    state = {"status": status, "turn": 0}
    batch = 5

    def raw_update() -> None:
        for _ in range(batch):
            now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "UPDATE records SET summary = summary, updated_at = ?, version = version + 1 "
                "WHERE id = ?",
                (now, pledge_id),
            )
            writer.execute("COMMIT")

    def change_status() -> None:
        for _ in range(batch):
            new = "committed" if state["status"] == "announced" else "announced"
            service.records.change_status(pledge_id, new, comment="benchmark")
            state["status"] = new

    def edit_note() -> None:
        for _ in range(batch):
            note = service.notes.get_note(note_id)
            state["turn"] += 1
            service.notes.edit_note(
                note_id,
                f"{note.body.split(' #')[0]} #{state['turn']}",
                expected_version=note.version,
            )

    scale = 1000.0 / batch
    results = [
        paired(
            Result("6. save: raw UPDATE+COMMIT → change_status", "ms", 5),
            repeat,
            raw_update,
            change_status,
            scale=scale,
        ),
        paired(
            Result("6. save: raw UPDATE+COMMIT → edit_note (get_note + edit)", "ms", 5),
            repeat,
            raw_update,
            edit_note,
            scale=scale,
        ),
    ]
    writer.close()
    return results


# -- figure 7: CSV export ------------------------------------------------------------------------


def figure_export(repeat: int, database: Path, service: AccordsService, work: Path) -> list[Result]:
    from storage.transfer.export import ExportOptions, export_csv

    result = Result("7. CSV export of all records (sqlite3 -csv → export_csv)", "s", 2)
    shell = shutil.which("sqlite3")
    if shell is None:
        result.error = "skipped: the sqlite3 command-line shell is not installed"
        print(f"  {result.figure}: {result.error}", file=sys.stderr)
        return [result]
    raw_out, app_out = work / "raw.csv", work / "app.csv"

    def reference() -> object:
        with raw_out.open("w", encoding="utf-8") as out:
            return subprocess.run(
                [shell, "-csv", "-header", f"file:{database}?mode=ro", EXPORT_SQL],
                stdout=out,
                check=True,
            )

    def subject() -> object:
        return export_csv(service, app_out, ExportOptions())

    paired(result, repeat, reference, subject, warmup=False, scale=1.0)
    result.note = (
        f"sqlite3 wrote {raw_out.stat().st_size / 2**20:.1f} MiB, export_csv "
        f"{app_out.stat().st_size / 2**20:.1f} MiB"
        if app_out.exists()
        else ""
    )
    return [result]


# -- figure 9: edits with the dashboard open ---------------------------------------------------


def figure_burst(repeat: int, service: AccordsService, work: Path) -> list[Result]:
    from PySide6.QtCore import QThreadPool

    from gui.background import figures_pool
    from gui.operations.status import ChangeStatusCommand

    with qt_window(service, work) as (app, window, *_rest):
        query = RecordQuery(kinds=frozenset({"pledge"}), statuses=frozenset({"announced"}))
        pledges = [
            (row.id, row.version) for row in service.records.list_page(query, limit=BURST).rows
        ]
        versions = dict(pledges)
        turn = {"to": "committed"}
        pools = (QThreadPool.globalInstance(), figures_pool())

        def settle() -> None:
            """Let every count and figure in flight finish, the dashboard's included."""
            dashboard = window.dashboard
            while (
                window.counts.running
                or any(pool.activeThreadCount() for pool in pools)
                or (dashboard.isVisible() and (dashboard.busy or dashboard.waiting_for_quiet))
            ):
                app.processEvents()
                time.sleep(0.002)

        def with_dashboard(shown: bool) -> None:
            window.dashboard_dock.setVisible(shown)
            settle()

        def burst() -> object:
            """Five status changes in a row, until the navigation counts show them."""
            new = turn["to"]
            old = "announced" if new == "committed" else "committed"
            for record_id, _version in pledges:
                change = ChangeStatusCommand(
                    service, window.undo_stack, record_id, versions[record_id], old, new
                )
                window.undo_stack.perform(change)
                versions[record_id] = change.version
                app.processEvents()
            turn["to"] = old
            while window.counts.running:
                app.processEvents()
                time.sleep(0.002)
            return versions

        result = Result(
            f"9. {BURST} status changes until the navigation counts show them "
            "(dashboard closed → open)",
            "s",
            2,
        )
        result.note = "Accords' own target: the dashboard must not hold up the window's counts"
        paired(
            result,
            repeat,
            burst,
            burst,
            scale=1.0,
            before_reference=lambda: with_dashboard(False),
            before_subject=lambda: with_dashboard(True),
        )
        with_dashboard(False)
    return [result]


# -- figure 8: generation ------------------------------------------------------------------------


def figure_generate(repeat: int, records: int, work: Path) -> list[Result]:
    template = work / "template.sqlite3"
    if not template.exists():
        AccordsService.open(str(template), seed=False).close()
        with closing(sqlite3.connect(template)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = work / "generated.sqlite3"

    def fresh() -> Path:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(template, target)
        return target

    # The rows the reference writes: exactly those one generation produced (untimed).
    service = AccordsService.open(str(fresh()), seed=False)
    generate(service, records, seed=SEED)
    service.close()
    source = sqlite3.connect(target)
    tables: list[tuple[str, list[str], list[tuple[Any, ...]]]] = []
    for name in GENERATED_TABLES:
        cursor = source.execute(f"SELECT * FROM {name}")
        columns = [d[0] for d in cursor.description]
        tables.append((name, columns, cursor.fetchall()))
    search_rows = {
        name: source.execute(f"SELECT rowid, title, summary, notes, quotes FROM {name}").fetchall()
        for name in SEARCH_TABLES
    }
    source.close()
    total = sum(len(rows) for _, _, rows in tables) + sum(map(len, search_rows.values()))

    def reference() -> None:
        db = raw_connection(fresh())
        db.execute("BEGIN IMMEDIATE")
        for name, columns, rows in tables:
            marks = ", ".join("?" for _ in columns)
            db.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
        for name, rows in search_rows.items():
            db.executemany(
                f"INSERT INTO {name} (rowid, title, summary, notes, quotes) VALUES (?, ?, ?, ?, ?)",
                rows,
            )
        db.execute("COMMIT")
        db.close()

    state: dict[str, AccordsService] = {}

    def subject() -> None:
        generate(state["service"], records, seed=SEED)

    result = Result(f"8. generate {records:,} records (executemany → generate)", "s", 3)
    result.note = f"the reference writes the same {total:,} rows, prebuilt, in one transaction"
    for _ in range(repeat):
        result.reference.append(timed(reference, 1.0))
        state["service"] = AccordsService.open(str(fresh()), seed=False)
        try:
            result.subject.append(timed(subject, 1.0))
        finally:
            state["service"].close()
    print(f"  {result.figure}: {result.ratio_text()} {result.met}", file=sys.stderr, flush=True)
    return [result]


# -- main ---------------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = subprocess.run(
        ["free", "-h"], check=False, capture_output=True, text=True
    ).stdout.strip()
    import sqlalchemy

    return (
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n"
        f"- CPU: {model}; nproc: {os.cpu_count()}\n"
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"SQLAlchemy {sqlalchemy.__version__}\n"
        f"- free -h:\n\n```\n{memory}\n```\n"
    )


def service_figures(
    args: argparse.Namespace,
    database: Path,
    work: Path,
    service: AccordsService,
    db: sqlite3.Connection,
) -> list[Result]:
    """The figures that run on the benchmark database, those ``--only`` names, in order."""
    from tests.benchmarks.bench_imports import figure_import

    repeat = args.repeat
    figures: dict[str, Callable[[], list[Result]]] = {
        "1": lambda: figure_start(repeat, database, work),
        "2": lambda: figure_pages(repeat, db, service),
        "3": lambda: figure_search(repeat, db, service),
        "4": lambda: figure_keystroke(repeat, db, service, work),
        "5": lambda: figure_sort(repeat, db, service),
        "6": lambda: figure_save(repeat, database, service),
        "7": lambda: figure_export(repeat, database, service, work),
        "9": lambda: figure_burst(repeat, service, work),
        "0": lambda: figure_import(repeat, service, Result, paired),
    }
    results: list[Result] = []
    for digit, figure in figures.items():
        if digit in args.only:
            results += figure()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True, help="generated records")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions per figure")
    parser.add_argument("--db", type=Path, help="benchmark database (default: a temporary file)")
    parser.add_argument("--reuse", action="store_true", help="keep --db if it has the records")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument(
        "--generate-records", type=int, help="records for figure 8 (default: --records)"
    )
    parser.add_argument(
        "--only", default="1234567890", help="which figures to run, e.g. 237; 0 is 10"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="accords-bench-") as folder:
        work = Path(folder)
        os.environ["ACCORDS_DATA_DIR"] = str(work / "data")
        database = args.db or work / "bench.sqlite3"
        generation = prepare_database(database, args.records, reuse=args.reuse)
        results: list[Result] = []
        service = AccordsService.open(str(database))
        db = raw_connection(database)
        try:
            results += service_figures(args, database, work, service, db)
        finally:
            db.close()
            service.close()
        if "8" in args.only:
            results += figure_generate(args.repeat, args.generate_records or args.records, work)
        header = (
            f"Accords benchmarks: {args.records:,} generated records (+ the seed), "
            f"{args.repeat} interleaved repetitions, medians.\n\n{machine()}\n"
        )
        if generation is not None:
            header += f"Generating the benchmark database took {generation:.1f} s.\n\n"
        text = header + markdown_table(results)
        print(text)
        if args.markdown:
            args.markdown.write_text(text, encoding="utf-8")
        missed = [r.figure for r in results if r.met != "yes"]
        print(f"{len(results) - len(missed)} of {len(results)} targets met.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
