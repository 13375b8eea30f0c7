"""A load test on PostgreSQL: N analysts as processes, each its own AccordsService, D seconds.

    python tests/benchmarks/load.py --url postgresql://postgres@127.0.0.1:54339/accords250k \
        --analysts 20 --seconds 60 --markdown /tmp/load20.md

Each analyst reads pages (any order, sometimes scrolling on), opens records, searches (first
page and count, as the window does), changes the status of pledges of its own and adds and
edits notes, with a think time between actions. Every write an analyst saw commit is then
looked for in the database: a lost acknowledged write is one that is not there. Bounded in
time (``--seconds``) and count (``--analysts`` ≤ 200); the server must be on loopback.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import random
import statistics
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from storage.records.query import RecordQuery, SortKey  # noqa: E402
from storage.service import AccordsService  # noqa: E402

MOST_ANALYSTS = 200
LOOPBACK = ("127.0.0.1", "::1", "localhost")
PLEDGES_EACH = 20  # the pledges whose status one analyst changes: no one else touches them
NOTES_EACH = 5  # notes an analyst adds before editing its own
# What an analyst does, and how often: reading dominates, as in the window.
MIX = {"page": 40, "scroll": 10, "open": 20, "search": 15, "status": 8, "note": 7}
WORDS = ("drones", "обʼєкт", "sécurité", "budget", "Canada", "energy", "reconstruction", "Kyiv")
OPERATIONS = ("page", "scroll", "open", "search", "status", "note add", "note edit")


@dataclass
class Plan:
    """What one analyst may touch: its own pledges (id, status) and records to read."""

    number: int
    url: str
    run: str
    seconds: float
    think: float
    start_at: float
    pledges: list[tuple[int, str]]
    readable: list[int]


@dataclass
class Outcome:
    """What one analyst did: latencies per operation, errors, and the writes it saw commit."""

    number: int
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    statuses: dict[int, tuple[int, str]] = field(default_factory=dict)  # id: (changes, last)
    notes: dict[int, str] = field(default_factory=dict)  # note id: last body saved
    note_edits: dict[int, int] = field(default_factory=dict)  # note id: edits saved


class Analyst:
    """One simulated analyst's session, run inside its own process."""

    def __init__(self, plan: Plan, service: AccordsService) -> None:
        self.plan = plan
        self.service = service
        self.out = Outcome(plan.number)
        self.random = random.Random(f"{plan.run}-{plan.number}")
        self.statuses = dict(plan.pledges)
        self.versions: dict[int, int] = {}  # note id: version
        self.cursor: tuple[SortKey, bool, Any] | None = None
        self.serial = 0

    def run(self) -> Outcome:
        self.warm_up()
        time.sleep(max(0.0, self.plan.start_at - time.time()))
        deadline = self.plan.start_at + self.plan.seconds  # the same end for every analyst
        kinds = list(MIX)
        weights = list(MIX.values())
        while time.time() < deadline:
            kind = self.random.choices(kinds, weights)[0]
            self.act(kind)
            time.sleep(self.random.uniform(0, 2 * self.plan.think))
        return self.out

    def warm_up(self) -> None:
        """One read of each kind, untimed: the window's first use imports and prepares."""
        self.page()
        self.open_record()
        self.search()
        self.cursor = None

    def act(self, kind: str) -> None:
        name, action = self.choose(kind)
        started = time.perf_counter()
        try:
            action()
        except Exception as error:  # every failure counts; the run goes on
            self.out.errors.append(f"{name}: {type(error).__name__}: {error}"[:300])
            return
        elapsed = (time.perf_counter() - started) * 1000
        self.out.latencies.setdefault(name, []).append(elapsed)

    def choose(self, kind: str) -> tuple[str, Any]:
        if kind == "scroll" and self.cursor is not None:
            return "scroll", self.scroll
        if kind in ("page", "scroll"):
            return "page", self.page
        if kind == "open":
            return "open", self.open_record
        if kind == "search":
            return "search", self.search
        if kind == "status":
            return "status", self.change_status
        if len(self.out.notes) < NOTES_EACH or self.random.random() < 0.3:
            return "note add", self.add_note
        return "note edit", self.edit_note

    def page(self) -> None:
        key = self.random.choice(list(SortKey))
        descending = self.random.random() < 0.3
        page = self.service.records.list_page(RecordQuery(sort=key, descending=descending))
        _ = page.rows[:40]  # the rows a window paints
        self.cursor = (key, descending, page.cursor) if page.cursor else None

    def scroll(self) -> None:
        assert self.cursor is not None
        key, descending, after = self.cursor
        query = RecordQuery(sort=key, descending=descending)
        page = self.service.records.list_page(query, after=after)
        _ = page.rows[:40]
        self.cursor = (key, descending, page.cursor) if page.cursor else None

    def open_record(self) -> None:
        self.service.records.get_record(self.random.choice(self.plan.readable))

    def search(self) -> None:
        query = RecordQuery(text=self.random.choice(WORDS))
        _ = self.service.records.list_page(query).rows[:40]
        self.service.records.count_records(query)

    def change_status(self) -> None:
        record_id = self.random.choice(list(self.statuses))
        new = "committed" if self.statuses[record_id] == "announced" else "announced"
        self.service.records.change_status(record_id, new, comment=self.token())
        self.statuses[record_id] = new  # acknowledged: the call returned after COMMIT
        changes, _last = self.out.statuses.get(record_id, (0, new))
        self.out.statuses[record_id] = (changes + 1, new)

    def add_note(self) -> None:
        body = f"Load test note {self.token()}"
        note = self.service.notes.add_note(self.random.choice(self.plan.readable), body)
        self.versions[note.id] = note.version
        self.out.notes[note.id] = body

    def edit_note(self) -> None:
        note_id = self.random.choice(list(self.out.notes))
        body = f"Load test note {self.token()}, edited"
        note = self.service.notes.edit_note(note_id, body, expected_version=self.versions[note_id])
        self.versions[note_id] = note.version
        self.out.notes[note_id] = body
        self.out.note_edits[note_id] = self.out.note_edits.get(note_id, 0) + 1

    def token(self) -> str:
        self.serial += 1
        return f"{self.plan.run}-{self.plan.number}-{self.serial}"


def work(plan: Plan, results: Queue[Outcome]) -> None:
    """One analyst's process: its own service on the server, then its outcome."""
    try:
        service = AccordsService.open(plan.url, seed=False, actor=f"analyst{plan.number}")
    except Exception as error:
        results.put(Outcome(plan.number, errors=[f"open: {type(error).__name__}: {error}"]))
        return
    try:
        outcome = Analyst(plan, service).run()
    finally:
        service.close()
    results.put(outcome)


# -- the run -------------------------------------------------------------------------------------


def libpq_url(url: str) -> str:
    """The URL as psycopg takes it, refusing anything but a loopback server."""
    parsed = make_url(url)
    if (parsed.host or "localhost") not in LOOPBACK:
        raise SystemExit(f"the load test runs on loopback only, not on {parsed.host}")
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def plans(url: str, analysts: int, seconds: float, think: float) -> list[Plan]:
    """Each analyst's own pledges (never shared), and records anyone may read."""
    run = uuid.uuid4().hex[:8]
    with psycopg.connect(libpq_url(url), prepare_threshold=None) as db:
        pledges = db.execute(
            "SELECT id, status FROM records WHERE deleted_at IS NULL AND kind = 'pledge' "
            "AND status IN ('announced', 'committed') ORDER BY id LIMIT %s",
            (analysts * PLEDGES_EACH,),
        ).fetchall()
        readable = [
            row[0]
            for row in db.execute(
                "SELECT id FROM records WHERE deleted_at IS NULL AND kind != 'provision' "
                "ORDER BY random() LIMIT 2000"
            )
        ]
    each = len(pledges) // analysts
    if each == 0 or not readable:
        raise SystemExit(f"too few pledges ({len(pledges)}) for {analysts} analysts")
    start_at = time.time() + 5 + analysts * 0.6  # every analyst connects and warms up first
    return [
        Plan(n, url, run, seconds, think, start_at, pledges[n * each : (n + 1) * each], readable)
        for n in range(analysts)
    ]


def run_load(url: str, analysts: int, seconds: float, think: float) -> Report:
    """Run the analysts, wait for them all, and verify what they saw commit."""
    if not 1 <= analysts <= MOST_ANALYSTS:
        raise SystemExit(f"--analysts must be 1-{MOST_ANALYSTS}")
    # Forked before any engine or connection exists here: each analyst makes its own.
    context = multiprocessing.get_context("fork")
    results: Queue[Outcome] = context.Queue()
    made = plans(url, analysts, seconds, think)
    load_before = os.getloadavg()
    server_before, clients_before = server_cpu(url), _children_cpu()
    processes = [context.Process(target=work, args=(plan, results)) for plan in made]
    for process in processes:
        process.start()
    outcomes, connections = collect(url, results, len(processes), made[0].start_at + seconds)
    load_during = os.getloadavg()
    for process in processes:
        process.join(timeout=30)
    report = Report(analysts, seconds, think, outcomes, load_before, load_during)
    report.connections = connections
    server_after = server_cpu(url)
    if server_before is not None and server_after is not None:
        report.server_cpu = server_after - server_before
    report.analysts_cpu = _children_cpu() - clients_before
    report.lost = verify(url, made[0].run, outcomes)
    return report


def server_cpu(url: str) -> float | None:
    """CPU seconds the server's processes have used, those that ended included; None when the
    server is not a process of this machine that /proc shows."""
    with psycopg.connect(libpq_url(url), prepare_threshold=None, autocommit=True) as db:
        found = db.execute("SELECT pg_backend_pid()").fetchone()
        backend = _stat(int(found[0])) if found else None  # read while it still runs
    if backend is None:
        return None
    postmaster = int(backend[1])
    try:
        main = _stat(postmaster)
        if main is None:
            return None
        # utime, stime, and the children's it has waited for (every ended backend)
        total = sum(int(value) for value in main[11:15])
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != postmaster:
                fields = _stat(int(entry.name))
                if fields is not None and int(fields[1]) == postmaster:
                    total += int(fields[11]) + int(fields[12])
    except OSError:
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the command's name (state is [0], ppid [1])."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def collect(url: str, results: Queue[Outcome], count: int, end: float) -> tuple[list[Outcome], int]:
    """The analysts' outcomes as they come, and the most server connections seen meanwhile."""
    outcomes: list[Outcome] = []
    most = 0
    with psycopg.connect(libpq_url(url), prepare_threshold=None, autocommit=True) as db:
        while len(outcomes) < count:
            if time.time() > end + 120:
                raise SystemExit(f"only {len(outcomes)} of {count} analysts reported")
            seen = db.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid != pg_backend_pid()"
            ).fetchone()
            most = max(most, int(seen[0]) if seen else 0)
            try:
                outcomes.append(results.get(timeout=1))
            except queue.Empty:
                continue
    return outcomes, most


def verify(url: str, run: str, outcomes: Sequence[Outcome]) -> list[str]:
    """Every acknowledged write, looked for: what is missing or different."""
    lost = []
    with psycopg.connect(libpq_url(url), prepare_threshold=None) as db:
        for outcome in outcomes:
            for record_id, (changes, last) in outcome.statuses.items():
                found = db.execute(
                    "SELECT (SELECT status FROM records WHERE id = %s), count(*) "
                    "FROM status_changes WHERE record_id = %s AND comment LIKE %s",
                    (record_id, record_id, f"{run}-{outcome.number}-%"),
                ).fetchone()
                if found is None or found[0] != last or found[1] != changes:
                    lost.append(f"record {record_id}: {changes} changes to {last}, found {found}")
            for note_id, body in outcome.notes.items():
                found = db.execute(
                    "SELECT body, (SELECT count(*) FROM note_revisions WHERE note_id = %s) "
                    "FROM notes WHERE id = %s",
                    (note_id, note_id),
                ).fetchone()
                edits = outcome.note_edits.get(note_id, 0)
                if found is None or found[0] != body or found[1] != edits:
                    lost.append(f"note {note_id}: {edits} edits to {body!r}, found {found}")
    return lost


@dataclass
class Report:
    """The run's figures, as a Markdown table."""

    analysts: int
    seconds: float
    think: float
    outcomes: list[Outcome]
    load_before: tuple[float, float, float]
    load_during: tuple[float, float, float]
    lost: list[str] = field(default_factory=list)
    connections: int = 0  # the most server connections to the database at once
    server_cpu: float | None = None  # CPU seconds of the server's processes during the run
    analysts_cpu: float = 0.0  # CPU seconds of the analysts' processes, start-up included

    @property
    def errors(self) -> list[str]:
        return [error for outcome in self.outcomes for error in outcome.errors]

    @property
    def writes(self) -> int:
        return sum(
            len(o.notes) + sum(o.note_edits.values()) + sum(c for c, _ in o.statuses.values())
            for o in self.outcomes
        )

    def latencies(self, name: str) -> list[float]:
        return [value for o in self.outcomes for value in o.latencies.get(name, [])]

    def markdown(self) -> str:
        lines = [
            f"{self.analysts} analysts × {self.seconds:g} s, think time 0-{2 * self.think:g} s; "
            f"load average {self.load_before[0]:.2f} before, {self.load_during[0]:.2f} "
            "(1 min) at the end",
            "",
            "| operation | count | per second | p50 | p95 | max |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in OPERATIONS:
            values = sorted(self.latencies(name))
            if not values:
                continue
            p95 = values[0]
            if len(values) > 1:
                p95 = statistics.quantiles(values, n=20, method="inclusive")[-1]
            lines.append(
                f"| {name} | {len(values)} | {len(values) / self.seconds:.1f} "
                f"| {statistics.median(values):.1f} ms | {p95:.1f} ms | {values[-1]:.0f} ms |"
            )
        lines += [
            "",
            f"- errors: {len(self.errors)}",
            f"- server connections to the database, at most: {self.connections}",
            f"- CPU: analysts' processes {self.analysts_cpu:.1f} s, server "
            + ("not measured" if self.server_cpu is None else f"{self.server_cpu:.1f} s")
            + f", on {os.cpu_count()} cores",
            f"- acknowledged writes: {self.writes}; lost: {len(self.lost)}",
        ]
        lines += [f"  - {error}" for error in self.errors[:10]]
        lines += [f"  - lost {item}" for item in self.lost[:10]]
        return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="a loopback PostgreSQL database's URL")
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between actions")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    report = run_load(args.url, args.analysts, args.seconds, args.think)
    text = report.markdown()
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 1 if report.errors or report.lost else 0


if __name__ == "__main__":
    sys.exit(main())
