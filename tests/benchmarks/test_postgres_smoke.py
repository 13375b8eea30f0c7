"""The PostgreSQL benchmarks and load test complete at a small size: no error, no lost write."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from storage.generate import generate
from storage.records.query import RecordQuery
from storage.service import AccordsService
from tests.benchmarks import load

HERE = Path(__file__).resolve().parent
FIGURES = ("P2. page of 256, sort title, start", "P2. page of 256, sort updated, end",
           "P3. search", "P6. save: raw UPDATE+COMMIT → change_status",
           "P7. CSV export")  # fmt: skip


@pytest.fixture(scope="module")
def bench_url(pg_admin: Engine, pg_templates: dict[bool, str]) -> Iterator[str]:
    """A seeded database with 300 generated records, for this module."""
    name = f"accords_bench_{os.getpid()}"
    with pg_admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {pg_templates[True]}")
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    service = AccordsService.open(url, seed=False)
    try:
        generate(service, 300, seed=20251128)
    finally:
        service.close()
    yield url
    with pg_admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _run(script: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, str(HERE / script), *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        check=False,
    )


def test_postgres_runner_reports_every_figure(bench_url: str) -> None:
    finished = _run("postgres.py", "--url", bench_url, "--records", "300", "--repeat", "1")
    assert finished.returncode == 0, finished.stderr[-3000:]
    for figure in FIGURES:
        assert f"| {figure}" in finished.stdout, figure
    # Only a missing psql may keep a figure from running (reported as skipped).
    failed = [line for line in finished.stdout.splitlines() if "error:" in line]
    assert all("skipped: psql is not installed" in line for line in failed), failed


def test_load_test_loses_nothing(bench_url: str) -> None:
    finished = _run(
        "load.py", "--url", bench_url, "--analysts", "3", "--seconds", "5", "--think", "0.1"
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr[-3000:]
    assert "- errors: 0" in finished.stdout, finished.stdout
    assert "; lost: 0" in finished.stdout, finished.stdout
    for operation in ("| page |", "| search |", "| status |", "| note add |"):
        assert operation in finished.stdout, finished.stdout
    assert "acknowledged writes: 0;" not in finished.stdout


def test_a_missing_write_is_reported_lost(bench_url: str) -> None:
    service = AccordsService.open(bench_url, seed=False)
    try:
        row = service.records.list_page(RecordQuery(), limit=1).rows[0]
        note = service.notes.add_note(row.id, "saved once")
    finally:
        service.close()
    claimed = load.Outcome(0, notes={note.id: "saved twice"}, statuses={row.id: (1, "x")})
    assert len(load.verify(bench_url, "no-such-run", [claimed])) == 2
    kept = load.Outcome(0, notes={note.id: "saved once"})
    assert load.verify(bench_url, "no-such-run", [kept]) == []
