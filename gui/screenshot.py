"""Render the main window on a freshly seeded database: `python -m gui.screenshot OUT.png`
(``--language uk``, ``--dashboard``, ``--size 1024x700``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop

if TYPE_CHECKING:
    from gui.mainwindow import MainWindow

# The screen of the offscreen platform, unless QT_QPA_PLATFORM names one: the window opens
# on it as on a first start (no saved settings), at the size it picks for that screen.
SCREEN_SIZE = (1600, 1000)


def render(
    out: Path,
    *,
    tab: int = 0,
    select: str = "september-2025-drones-ammunition-armored-vehicles",
    size: tuple[int, int] | None = None,
    language: str | None = None,
    dashboard: bool = False,
) -> None:
    """Open a seeded temporary database, select a record, and save the window to ``out``
    (at its first-start size, or resized to ``size``; in ``language``; with the dashboard
    shown, once its figures are in)."""
    from storage import i18n

    # Before the window's modules are imported, as at a real start.
    i18n.install(language or i18n.system_language())
    with tempfile.TemporaryDirectory() as folder:
        screen = Path(folder) / "screen.json"
        width, height = SCREEN_SIZE
        screen.write_text(json.dumps({"screens": [{"width": width, "height": height}]}))
        os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={screen}")
        from gui.app import application
        from gui.mainwindow import MainWindow
        from gui.settings import Settings
        from storage.service import AccordsService

        app = application()
        service = AccordsService.open(str(Path(folder) / "accords.sqlite3"))
        window = MainWindow(service, Settings(Path(folder) / "settings.ini"))
        if size is not None:
            window.resize(*size)
        window.show()
        app.processEvents()
        window.navigation.recount()
        window.select_record(service.records.resolve_id(select))
        window.detail.setCurrentIndex(tab)
        app.processEvents()
        if dashboard:
            _show_dashboard(window)
        window.grab().save(str(out))
        window.close()
        service.close()


def _show_dashboard(window: MainWindow) -> None:
    """Show the dashboard dock and wait (ten seconds at most) for its figures."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtWidgets import QApplication

    window.dashboard_dock.show()
    window.dashboard_dock.raise_()
    deadline = QDeadlineTimer(10_000)
    QApplication.processEvents()
    while (window.dashboard.busy or window.dashboard.waiting_for_quiet) and not (
        deadline.hasExpired()
    ):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _round in range(20):  # the charts lay out over a few more event rounds
        QApplication.processEvents()


def main() -> int:
    """Command-line entry: the output path, optionally the detail tab number and a size."""
    parser = argparse.ArgumentParser(prog="python -m gui.screenshot")
    parser.add_argument("out", type=Path)
    parser.add_argument("tab", type=int, nargs="?", default=0)
    parser.add_argument("--size", help="resize the window to WIDTHxHEIGHT, e.g. 1024x700")
    parser.add_argument("--language", help="fr_CA, uk or en (default: the system's)")
    parser.add_argument("--dashboard", action="store_true", help="show the dashboard dock")
    args = parser.parse_args()
    size = None
    if args.size:
        width, _, height = args.size.partition("x")
        if not (width.isdigit() and height.isdigit()):
            parser.error("--size is WIDTHxHEIGHT, e.g. 1024x700")
        size = (int(width), int(height))
    render(args.out, tab=args.tab, size=size, language=args.language, dashboard=args.dashboard)
    return 0


if __name__ == "__main__":
    sys.exit(main())
