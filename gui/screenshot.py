"""Render the main window on a freshly seeded database: `python -m gui.screenshot OUT.png`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

WINDOW_SIZE = (1760, 920)


def render(
    out: Path, *, tab: int = 0, select: str = "september-2025-drones-ammunition-armored-vehicles"
) -> None:
    """Open a seeded temporary database, select a record, and save the window to ``out``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.app import application
    from gui.mainwindow import MainWindow
    from gui.settings import Settings
    from storage.service import AccordsService

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        service = AccordsService.open(str(Path(folder) / "accords.sqlite3"))
        window = MainWindow(service, Settings(Path(folder) / "settings.ini"))
        window.resize(*WINDOW_SIZE)
        window.show()
        app.processEvents()
        window.navigation.recount()
        window.select_record(service.resolve_id(select))
        window.detail.setCurrentIndex(tab)
        app.processEvents()
        window.grab().save(str(out))
        window.close()
        service.close()


def main() -> int:
    """Command-line entry: the output path, and optionally the detail tab number."""
    if len(sys.argv) < 2:
        print("usage: python -m gui.screenshot OUT.png [TAB]", file=sys.stderr)
        return 2
    render(Path(sys.argv[1]), tab=int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
