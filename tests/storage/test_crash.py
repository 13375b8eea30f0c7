"""Killing a writer at random moments never damages the database or loses an acknowledged change."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.storage.crash_writer import NOTE_COUNT, body

KILLS = 50
WRITER = Path(__file__).with_name("crash_writer.py")


def run_until_killed(database: Path, delay: float) -> list[str]:
    """Start the writer, let it work ``delay`` seconds after it is ready, SIGKILL it."""
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    errors = database.with_suffix(".stderr")
    with errors.open("w") as error_file:
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(database)],
            stdout=subprocess.PIPE,
            stderr=error_file,
            text=True,
            env=environment,
        )
    assert child.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append(line.strip())
            if line.startswith("ready"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(60), errors.read_text()
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        reader.join(10)
        child.stdout.close()
    return lines


def check_database(database: Path, acknowledged: dict[int, int], statuses: int) -> None:
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for note_id, text in connection.execute("SELECT id, body FROM notes"):
            first_line = text.split("\n", 1)[0]
            index, step = (int(part) for part in first_line.split()[1::2])
            # Wholly one version: the text is exactly what that step wrote, never a mix.
            assert text == body(index, step), f"note {note_id} is torn"
            assert step >= acknowledged.get(note_id, 0), f"note {note_id} lost step"
        history = connection.execute(
            "SELECT count(*) FROM status_changes WHERE changed_by = 'crash-test'"
        ).fetchone()[0]
        assert history >= statuses
    finally:
        connection.close()


@pytest.mark.slow
def test_fifty_kills_during_writes_lose_nothing_acknowledged(tmp_path: Path) -> None:
    """SIGKILL at random moments: integrity holds and every acknowledged change survives."""
    database = tmp_path / "crash.sqlite3"
    chance = random.Random(20251128)
    acknowledged: dict[int, int] = {}
    statuses = 0
    steps_seen = 0
    for _kill in range(KILLS):
        lines = run_until_killed(database, chance.uniform(0.05, 0.6))
        for line in lines:
            parts = line.split()
            if parts[0] == "note":
                acknowledged[int(parts[1])] = int(parts[3])
                steps_seen += 1
            elif parts[0] == "status":
                statuses += 1
        check_database(database, acknowledged, statuses)
    assert len(acknowledged) == NOTE_COUNT
    assert steps_seen > KILLS, "the writer should have committed work between kills"
