"""The `accords` program: the window when no command is given, else the command line's command.

It lives in `gui` because it reaches both: `storage` never imports `gui`, so the core and its
command line stay usable without Qt. The order of its imports is part of the start-up time:
the Qt-free core, SQLAlchemy and the SQLite dialect come in with `storage.cli`, before Qt
(PySide6 reads the source of every module imported after it), and the garbage collector is
paused first (``gui.pacing``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from gui.pacing import hold_collection, resume_collection


def main(argv: Sequence[str] | None = None) -> int:
    """Run `accords` with ``argv`` (default: the program's arguments); returns its status."""
    hold_collection()  # resumed by the window after its first paint, or below for a command
    from storage import cli

    cli.use_language()  # the window and the command line speak the same one
    options = cli.parse(cli.build_parser(), list(sys.argv[1:] if argv is None else argv))
    if isinstance(options, int):  # refused before parsing
        resume_collection()
        return options
    if options.command is None:
        from gui.app import run_app

        return run_app(database=options.db)
    resume_collection()  # only the window's start is paced
    return cli.run(options)


if __name__ == "__main__":
    sys.exit(main())
