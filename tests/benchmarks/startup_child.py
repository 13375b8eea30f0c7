"""A child process for figure 1: show a window, then report the first paint and peak memory.

    python tests/benchmarks/startup_child.py reference|reference-sa-first|app DB SETTINGS

"reference" shows an empty QMainWindow holding a QTableView, after importing PySide6 and
then SQLAlchemy; "reference-sa-first" does the same importing SQLAlchemy first, the cheaper
order (PySide6 reads the source of every module imported after it). "app" runs
`accords --db DB` as its script does (``gui.launch.main``: the garbage collector paused,
the command line's imports, SQLAlchemy and the Qt-free core among them, before Qt, then
``gui.app.run_app``), its window given fresh settings and the same size.
Each prints one line, ``PAINTED <monotonic> <VmHWM kB>``, after the table's viewport got its
first paint event and the event loop came round once more, then quits. Each mode imports
in its own order, so nothing is imported at the top of this file.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def peak_rss_kib() -> int:
    """VmHWM, the peak resident set size, of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def bare_window(*, sqlalchemy_first: bool) -> tuple[Any, Any, Any]:
    """The reference: the application, an empty window with a table, and its viewport."""
    if sqlalchemy_first:
        import sqlalchemy
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    if not sqlalchemy_first:
        import sqlalchemy
    assert sqlalchemy
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    window.setCentralWidget(table)
    return app, window, table.viewport()


def run_accords(database: str, settings_path: str) -> int:
    """The subject: `accords --db DATABASE` as its script runs it, with a watched window."""
    from gui.pacing import hold_collection

    hold_collection()  # gui.launch.main, the `accords` script's entry, begins so,
    importlib.import_module("storage.cli")  # then imports the command line, before Qt
    import gui.app
    import gui.launch
    from gui.mainwindow import MainWindow
    from gui.settings import Settings
    from storage.service import AccordsService

    class WatchedWindow(MainWindow):
        """Accords' window, with fresh settings and the first-paint report."""

        def __init__(self, service: AccordsService) -> None:
            super().__init__(service, Settings(Path(settings_path)))
            self.resize(1280, 800)
            self.watcher = report_first_paint(
                gui.app.QApplication.instance(), self.table.viewport()
            )

    gui.app.MainWindow = WatchedWindow  # type: ignore[misc]
    return int(gui.launch.main(["--db", database]))


def report_first_paint(app: Any, viewport: Any) -> Any:
    """An event filter that prints PAINTED one event-loop turn after the first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            print(f"PAINTED {time.monotonic():.6f} {peak_rss_kib()}", flush=True)
            app.quit()

    watcher = FirstPaint()
    viewport.installEventFilter(watcher)
    return watcher


def main() -> int:
    mode, database, settings_path = sys.argv[1:4]
    if mode == "app":
        return run_accords(database, settings_path)
    app, window, viewport = bare_window(sqlalchemy_first=mode == "reference-sa-first")
    watcher = report_first_paint(app, viewport)
    window.resize(1280, 800)
    window.show()
    status = app.exec()
    assert watcher.seen
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
