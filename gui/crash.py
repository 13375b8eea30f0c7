"""Unexpected exceptions: logged with their traceback to a rotating file, shown, and survived."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from storage.db.paths import data_folder
from storage.i18n import _

LOG_FILENAME = "accords.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
logger = logging.getLogger("accords")


def log_path() -> Path:
    """The log file in the data folder."""
    return data_folder() / LOG_FILENAME


def start_logging() -> None:
    """Log warnings and errors to a rotating file in the data folder."""
    target = log_path()
    for existing in list(logger.handlers):
        if isinstance(existing, RotatingFileHandler):
            if Path(existing.baseFilename) == target:
                return
            # The data folder moved (another database folder, or a test): follow it.
            logger.removeHandler(existing)
            existing.close()
    handler = RotatingFileHandler(
        target, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def install_exception_hook(show: Callable[[str], None]) -> None:
    """Route exceptions escaping Qt slots to the log and to ``show``, instead of aborting."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        logger.error(
            _("Unexpected error:\n%s"), "".join(traceback.format_exception(kind, error, trace))
        )
        show(
            _(
                "Something unexpected went wrong: {error}\n\nYour saved work is safe and "
                "the app keeps running. The details were written to {log_path}."
            ).format(error=error, log_path=log_path())
        )

    sys.excepthook = hook
