"""RFC 4180 CSV export, written atomically and streamed row by row, with an Excel-safe profile."""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Protocol

from storage.db.partfiles import PART_SUFFIX, part_prefix, remove_stale_parts
from storage.errors import ExportError
from storage.i18n import _

__all__ = [
    "DELIMITERS",
    "FORMULA_TRIGGERS",
    "PROGRESS_EVERY",
    "CellValue",
    "ExportCancelled",
    "format_cell",
    "neutralise_formula",
    "write_csv",
    "write_csv_lines",
]

CellValue = str | int | Decimal | None

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

DELIMITERS: tuple[str, ...] = (",", ";", "\t")

PROGRESS_EVERY = 1000

_BOM = "\ufeff"
_STDOUT_NAME = "standard output"
# A plain decimal literal with nothing around it: safe to leave unneutralised in a number column.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


class _CsvWriter(Protocol):
    """The part of ``csv.writer`` used here (the module does not export the type)."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...


class ExportCancelled(ExportError):  # noqa: N818 - the name is part of the export API
    """The user cancelled an export through the progress callback; any earlier file is untouched."""


def neutralise_formula(text: str) -> str:
    """OWASP CSV injection: a text cell starting with = + - @ TAB or CR gets a leading apostrophe."""  # noqa: E501
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _is_plain_number(text: str) -> bool:
    if _PLAIN_NUMBER.fullmatch(text) is None:
        return False
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def format_cell(value: CellValue, *, excel: bool, numeric: bool) -> str:
    """Render one cell as text; the Excel profile neutralises all but true numbers."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Whether a text is a number matters only to the Excel profile: not asked otherwise
        # (3 million times in an export of 250,000 records).
        if excel and not (numeric and _is_plain_number(value)):
            return neutralise_formula(value)
        return value
    if isinstance(value, Decimal):
        text = format(value, "f")
        is_number = value.is_finite()
    elif isinstance(value, int):
        text = str(value)
        is_number = True
    else:
        raise TypeError(_("cannot write a {type} to a CSV cell").format(type=type(value).__name__))
    if excel and not (numeric and is_number):
        return neutralise_formula(text)
    return text


def _reason(exc: BaseException) -> str:
    """The one-line reason of an error, preferring the operating system's own wording."""
    if isinstance(exc, UnicodeEncodeError):
        return _("some text cannot be encoded as UTF-8")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    reason = " ".join(reason.split())
    return reason or type(exc).__name__


@dataclass(frozen=True)
class _Job:
    """What to write and how, shared by the three kinds of target.

    Records come either as ``rows`` of cells to format here, or as ``lines`` already
    formatted and quoted elsewhere (one record each, with its CRLF); the other is empty.
    """

    header: Sequence[str]
    rows: Iterable[Sequence[CellValue]]
    lines: Iterable[str]
    excel: bool
    delimiter: str
    numeric_columns: frozenset[int]
    progress: Callable[[int], bool] | None


def _write_rows(stream: IO[str], job: _Job, cancelled: Callable[[], ExportCancelled]) -> int:
    """Stream the header and records into stream one record at a time; return the record count."""
    if job.excel:
        stream.write(_BOM)
    writer = csv.writer(
        stream,
        delimiter=job.delimiter,
        quotechar='"',
        doublequote=True,
        quoting=csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow([format_cell(name, excel=job.excel, numeric=False) for name in job.header])
    progress = job.progress
    count = 0
    for _row in _records(stream, writer, job):
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0 and not progress(count):
            raise cancelled()
    return count


def _records(stream: IO[str], writer: _CsvWriter, job: _Job) -> Iterator[None]:
    """Write the job's records, pausing after each so the caller can count and cancel."""
    excel = job.excel
    numeric_columns = job.numeric_columns
    for row in job.rows:
        writer.writerow(
            [
                format_cell(value, excel=excel, numeric=index in numeric_columns)
                for index, value in enumerate(row)
            ]
        )
        yield
    write = stream.write
    for line in job.lines:
        write(line)
        yield


def _new_file_mode() -> int:
    """Permissions a plain new file would get here: 0o666 less the process umask."""
    # Reading the umask from Linux's /proc avoids briefly changing it under other threads.
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open("/proc/self/status", encoding="ascii") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable where the platform allows opening a directory."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_csv(
    target: Path | None,
    header: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    excel: bool = False,
    delimiter: str = ",",
    numeric_columns: frozenset[int] = frozenset(),
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write header and rows as CSV to target (standard output if None); return the data row count.

    A file target is replaced atomically: on any failure or cancellation an earlier file there
    is left byte-identical and no temporary file remains. OS failures become ExportError.
    """
    _check_delimiter(delimiter)
    return _write(target, _Job(header, rows, (), excel, delimiter, numeric_columns, progress))


def write_csv_lines(
    target: Path | None,
    header: Sequence[str],
    lines: Iterable[str],
    *,
    excel: bool = False,
    delimiter: str = ",",
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Like ``write_csv``, for records already rendered as CSV lines ending in CRLF.

    The caller has formatted, neutralised and quoted every field exactly as ``write_csv``
    would (for instance in SQL); the header, the BOM, progress, cancellation and the
    atomic replacement are done here, identically.
    """
    _check_delimiter(delimiter)
    return _write(target, _Job(header, (), lines, excel, delimiter, frozenset(), progress))


def _check_delimiter(delimiter: str) -> None:
    if delimiter not in DELIMITERS:
        raise ValueError(
            _("CSV delimiter must be one of {DELIMITERS!r}, not {delimiter!r}").format(
                DELIMITERS=DELIMITERS, delimiter=delimiter
            )
        )


def _write(target: Path | None, job: _Job) -> int:
    """Send the job to standard output, a device or pipe, or (atomically) a regular file."""
    if target is None:
        return _write_stdout(job)
    target = Path(target)
    if target.is_dir():
        raise ExportError(
            _("Could not write {target}: it is a folder; nothing was written.").format(
                target=target
            )
        )
    if os.path.exists(target) and not os.path.isfile(target):
        return _write_direct(target, job)
    return _write_atomic(target, job)


def _write_stdout(job: _Job) -> int:
    """Write to sys.stdout as text; a cancelled or failed export may leave partial output."""
    try:
        count = _write_rows(
            sys.stdout,
            job,
            lambda: ExportCancelled(
                _("Export to {STDOUT_NAME} was cancelled; the output is incomplete.").format(
                    STDOUT_NAME=_STDOUT_NAME
                )
            ),
        )
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away (`accords list --format csv | head`): not a failure
    except (OSError, UnicodeEncodeError) as exc:
        raise ExportError(
            _("Could not write {STDOUT_NAME}: {reason}.").format(
                STDOUT_NAME=_STDOUT_NAME, reason=_reason(exc)
            )
        ) from exc
    return count


def _write_direct(target: Path, job: _Job) -> int:
    """Write to a device or pipe (e.g. /dev/stdout, /dev/full), where no rename is possible."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            count = _write_rows(
                stream,
                job,
                lambda: ExportCancelled(
                    _("Export to {target} was cancelled; the output is incomplete.").format(
                        target=target
                    )
                ),
            )
            stream.flush()
    except (OSError, UnicodeEncodeError) as exc:
        raise ExportError(
            _("Could not write {target}: {reason}.").format(target=target, reason=_reason(exc))
        ) from exc
    return count


def _write_atomic(target: Path, job: _Job) -> int:
    """Write into a hidden sibling file, fsync it, then rename it over target."""
    # Through a symbolic link, replace the file it points to and keep the link itself.
    destination = Path(os.path.realpath(target)) if target.is_symlink() else target
    directory = destination.parent
    if not directory.is_dir():
        problem = _("is not a folder") if directory.exists() else _("does not exist")
        raise ExportError(
            _("Could not write {target}: {directory} {problem}; nothing was written.").format(
                target=target, directory=directory, problem=problem
            )
        )
    try:
        mode = stat.S_IMODE(os.stat(destination).st_mode)
    except OSError:
        mode = _new_file_mode()

    temp_name: str | None = None
    try:
        remove_stale_parts(directory)
        # The pid in the name lets a later export tell a killed run's file from a live one's.
        fd, temp_name = tempfile.mkstemp(
            prefix=part_prefix(destination), suffix=PART_SUFFIX, dir=directory
        )
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            count = _write_rows(
                stream,
                job,
                lambda: ExportCancelled(
                    _("Export to {target} was cancelled; nothing was written.").format(
                        target=target
                    )
                ),
            )
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            # Best effort: some file systems (FAT, network shares) refuse chmod.
            os.chmod(temp_name, mode)
        os.replace(temp_name, destination)
        temp_name = None
    except (OSError, UnicodeEncodeError) as exc:
        raise ExportError(
            _("Could not write {target}: {reason}; nothing was written.").format(
                target=target, reason=_reason(exc)
            )
        ) from exc
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
    _fsync_directory(directory)
    return count
