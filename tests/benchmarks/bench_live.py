"""A change seen by another window: the median time from one service's commit of a status
change to an open window's table row showing it, on a SQLite file and on PostgreSQL.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_live.py [--changes 20] [--db URL]

Without ``--db`` it measures a fresh seeded SQLite file, and a PostgreSQL database on a
private cluster (tests/pgserver.py, loopback only) where PostgreSQL is installed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from gui.mainwindow import MainWindow
from gui.settings import Settings
from gui.window.records_model import STATUS
from storage.service import AccordsService

DRONES = "september-2025-drones-ammunition-armored-vehicles"
STATUSES = ("committed", "announced")
TIMEOUT_S = 10.0


def wait_until(condition: object, timeout: float = TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.002)
    return False


def measure(target: str, changes: int, folder: Path) -> list[float]:
    """Seconds from each commit elsewhere to the window's row showing it."""
    service = AccordsService.open(target, actor="window")
    window = MainWindow(service, Settings(folder / f"settings-{time.monotonic_ns()}.ini"))
    window.show()
    other = AccordsService.open(service.db.location, seed=False, actor="colleague")
    try:
        assert wait_until(lambda: window.first_paint.done and window.live._watcher is not None)
        wait_until(lambda: False, 0.5)  # listening
        record_id = other.records.resolve_id(DRONES)
        seen: list[float] = []
        for number in range(changes):
            status = STATUSES[number % 2]
            other.records.change_status(record_id, status)
            committed = time.monotonic()
            label = status.capitalize()

            def shown(label: str = label) -> bool:
                row = window.records.row_of(record_id)
                return row is not None and window.records.index(row, STATUS).data() == label

            if not wait_until(shown):
                raise SystemExit(f"change {number} not seen within {TIMEOUT_S} s")
            seen.append(time.monotonic() - committed)
            wait_until(lambda: False, 0.2)  # a person's pace, not a burst
        return seen
    finally:
        window.close()
        other.close()
        service.close()


def report(name: str, seen: list[float]) -> None:
    ms = sorted(s * 1000 for s in seen)
    print(
        f"{name}: {len(ms)} changes, median {statistics.median(ms):.0f} ms, "
        f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--db", help="a database to measure (else SQLite and PostgreSQL)")
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        if args.db:
            report(args.db, measure(args.db, args.changes, folder))
            return
        report("SQLite file", measure(str(folder / "live.sqlite3"), args.changes, folder))
        from tests import pgserver

        try:
            server = pgserver.start()
        except pgserver.UnavailableError as reason:
            print(f"PostgreSQL: skipped ({reason})")
            return
        try:
            from sqlalchemy import create_engine, make_url

            admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                connection.exec_driver_sql("CREATE DATABASE live_bench")
            admin.dispose()
            url = make_url(server.url).set(database="live_bench").render_as_string(False)
            report("PostgreSQL", measure(url, args.changes, folder))
        finally:
            server.shut()


if __name__ == "__main__":
    main()
