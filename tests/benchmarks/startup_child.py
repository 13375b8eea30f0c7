"""A child process for figure 1: show a window, then report the first paint and peak memory.

    python tests/benchmarks/startup_child.py reference|app DB_PATH SETTINGS_PATH

"reference" shows an empty QMainWindow holding a QTableView, after importing PySide6 and
SQLAlchemy; "app" opens the database and shows Accords' MainWindow on it, as `accords`
does (the garbage collector paused until the first paint, see ``gui.startup``).
Both print one line, ``PAINTED <monotonic> <VmHWM kB>``, after the table's viewport got its
first paint event and the event loop came round once more, then quit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget


def peak_rss_kib() -> int:
    """VmHWM, the peak resident set size, of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    """Reports once, one event-loop turn after the first paint event it sees."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"PAINTED {time.monotonic():.6f} {peak_rss_kib()}", flush=True)
        QApplication.quit()


def main() -> int:
    mode, database, settings_path = sys.argv[1:4]
    keep: list[object] = []
    if mode == "reference":
        import sqlalchemy

        keep.append(sqlalchemy)
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        table = QTableView()
        window.setCentralWidget(table)
        viewport: QWidget = table.viewport()
    else:
        from gui.startup import hold_collection

        hold_collection()  # as `accords` does before importing the window
        from gui.app import application
        from gui.mainwindow import MainWindow
        from gui.settings import Settings
        from storage.service import AccordsService

        app = application(sys.argv[:1])
        service = AccordsService.open(database)
        window = MainWindow(service, Settings(Path(settings_path)))
        viewport = window.table.viewport()
    watcher = FirstPaint()
    viewport.installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
