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

from PySide6.QtCore import QEventLoop, Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

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
    font_scale: float = 1.0,
    high_contrast: bool = False,
    language: str | None = None,
    dashboard: bool = False,
    source: Path | None = None,
) -> None:
    """Open a seeded temporary database, select a record, and save the window to ``out``
    (at its first-start size, or resized to ``size``), its font ``font_scale`` times the
    usual, in a high-contrast palette if asked, in ``language``, the dashboard shown if
    asked (once its figures are in); or, given a ``source`` file, import it and save its
    proposals dialog instead."""
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
        follow_system(app, font_scale=font_scale, high_contrast=high_contrast)
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
        shown = window if source is None else _import_source(window, source)
        shown.grab().save(str(out))
        window.close()
        service.close()


def follow_system(app: QApplication, *, font_scale: float, high_contrast: bool) -> None:
    """Do as a system with a larger font, or a high-contrast theme, would."""
    from gui.contrast import high_contrast_palette
    from gui.highcontrast import frame_fields

    if font_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * font_scale)
        app.setFont(font)
    if high_contrast:
        app.setStyle("Fusion")  # a style that paints with the palette it is given
        app.setPalette(high_contrast_palette())
        frame_fields(app, True)  # as when the system asks for high contrast


def _import_source(window: MainWindow, source: Path) -> QWidget:
    """Import ``source`` as File > Import source… does, and wait for its proposals dialog."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer

    window.imports.import_file(str(source))
    deadline = QDeadlineTimer(60_000)
    while window.imports.dialog is None and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    dialog = window.imports.dialog
    if dialog is None:
        raise SystemExit(f"No proposals dialog for {source} within a minute.")
    for _round in range(20):  # its highlights and columns lay out over a few rounds
        QCoreApplication.processEvents()
    return dialog


def _show_dashboard(window: MainWindow) -> None:
    """Show the dashboard in its dock, and wait (up to a minute) for its figures."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer

    window.dashboard_dock.show()
    window.dashboard_dock.raise_()
    # The dashboard as one reads it, its charts and tables in view: most of the height.
    window.resizeDocks([window.dashboard_dock], [window.height() * 3 // 4], Qt.Orientation.Vertical)
    dashboard = window.dashboard
    deadline = QDeadlineTimer(60_000)
    app = QCoreApplication
    while (dashboard.busy or dashboard.figures is None) and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _round in range(20):  # the charts lay out over a few more event rounds
        app.processEvents()


def main() -> int:
    """Command-line entry: the output path, optionally the detail tab number and a size."""
    parser = argparse.ArgumentParser(prog="python -m gui.screenshot")
    parser.add_argument("out", type=Path)
    parser.add_argument("tab", type=int, nargs="?", default=0)
    parser.add_argument("--size", help="resize the window to WIDTHxHEIGHT, e.g. 1024x700")
    parser.add_argument(
        "--font-scale", type=float, default=1.0, help="the font this many times larger, e.g. 1.5"
    )
    parser.add_argument(
        "--high-contrast", action="store_true", help="in a high-contrast palette (white on black)"
    )
    parser.add_argument("--language", help="fr_CA, uk or en (default: the system's)")
    parser.add_argument("--dashboard", action="store_true", help="with the dashboard shown")
    parser.add_argument(
        "--import",
        dest="import_source",
        type=Path,
        metavar="FILE",
        help="import FILE and save its proposals dialog instead of the window",
    )
    args = parser.parse_args()
    if not 0.5 <= args.font_scale <= 4:
        parser.error("--font-scale is between 0.5 and 4, e.g. 1.5")
    size = None
    if args.size:
        width, _, height = args.size.partition("x")
        if not (width.isdigit() and height.isdigit()):
            parser.error("--size is WIDTHxHEIGHT, e.g. 1024x700")
        size = (int(width), int(height))
    render(
        args.out,
        tab=args.tab,
        size=size,
        font_scale=args.font_scale,
        high_contrast=args.high_contrast,
        language=args.language,
        dashboard=args.dashboard,
        source=args.import_source,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
