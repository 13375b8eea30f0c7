"""The `accords` command line: the same service API as the window, for scripts and the shell."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storage import argtext, i18n
from storage.cliprint import print_detail, print_table, row_json, write_json_array
from storage.db.backup import (
    Backup,
    damage,
    list_backups,
    newest_verified,
    restore_backup,
)
from storage.db.dberrors import COMMAND_LINE
from storage.db.dbfile import refuse_foreign
from storage.db.paths import (
    DB_ENVIRONMENT_VARIABLE,
    data_folder,
    resolve_database_url,
    sqlite_file,
)
from storage.errors import AccordsError, DatabaseError, NotFoundError, ValidationError
from storage.i18n import _, format_number, ngettext
from storage.records.query import RecordQuery, SortKey
from storage.records.validation import SURROGATE, names_a_row, record_number
from storage.schema.enums import DocumentStatus, PledgeStatus, RecordKind, label
from storage.service import AccordsService
from storage.sources.cli import add_sources_parser
from storage.team.cli import add_team_parser
from storage.wording import plural

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
ALL_STATUSES = sorted({*DocumentStatus, *PledgeStatus})
# Ten million records is forty times the largest size Accords is measured at.
MAX_GENERATED = 10_000_000


def record_range() -> str:
    """What ``--records`` accepts, in words."""
    return _("a whole number from 1 to {most}").format(most=format_number(MAX_GENERATED))


RECORD_RANGE_HELP = "(record range)"  # stands for record_range() until the help is shown


class _GenerateHelp(argparse.HelpFormatter):
    """Writes ``--records``' range only when the help is shown: Babel writes its number,
    and the window, which builds this parser at every start, does not wait for Babel."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.help == RECORD_RANGE_HELP:
            return record_range().replace("%", "%%")
        return super()._get_help_string(action)


def use_language() -> str:
    """Speak the language chosen under View > Language, else the system's (``LANG``...);
    before the parser is built, so that its help is in that language too."""
    language = i18n.install(i18n.startup_language(data_folder() / i18n.SETTINGS_FILENAME))
    argtext.translate()
    return language


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. The window, `accords` with no command, is opened by ``gui.launch``:
    the core does not import Qt."""
    use_language()
    parser = build_parser()
    args = parse(parser, sys.argv[1:] if argv is None else list(argv))
    if isinstance(args, int):
        return args
    if args.command is None:
        parser.error(_("a command is needed here; `accords` with no command opens the window"))
    return run(args)


def parse(parser: argparse.ArgumentParser, arguments: list[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status of arguments refused before parsing."""
    if undecodable := next((a for a in arguments if SURROGATE.search(a)), None):
        # Bytes that are not UTF-8 reach Python as lone surrogates, which no database,
        # file name or output could take: refuse them before anything is opened.
        print(
            _("accords: the argument {as_bytes} is not valid UTF-8").format(
                as_bytes=_as_bytes(undecodable)
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return parser.parse_args(arguments)


def run(args: argparse.Namespace) -> int:
    """Run the command ``args`` names; one line on standard error for what went wrong."""
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        return _fail(_("standard output is closed; nothing was done"))
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a full disk shows here, not at exit
        return code
    except AccordsError as error:
        return _fail(str(error))
    except BrokenPipeError:
        # The reader of our output (``accords list | head``) went away: not an error.
        sys.stderr.close()
        return EXIT_OK
    except (OSError, UnicodeEncodeError) as error:
        return _output_failed(error)
    except KeyboardInterrupt:
        return 130


def _as_bytes(argument: str) -> str:
    """The bytes an argument came as (Python keeps undecodable bytes as lone surrogates)."""
    try:
        return repr(argument.encode("utf-8", "surrogateescape"))
    except UnicodeEncodeError:  # a surrogate that no byte turns into (from Windows, say)
        return ascii(argument)


def _fail(message: str) -> int:
    print(f"accords: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


def _output_failed(error: OSError | UnicodeEncodeError) -> int:
    """One line for a failure outside the database: most often the output cannot be written.

    A command that saved a change has said so already (``confirm``), so this is a read's.
    """
    _silence_stdout()
    if isinstance(error, UnicodeEncodeError):
        return _fail(
            _("the output cannot hold {value!r}").format(
                value=error.object[error.start : error.end]
            )
        )
    if error.filename is None:
        return _fail(_("could not write the output: {value}").format(value=error.strerror or error))
    return _fail(f"{error.filename}: {error.strerror or error}")


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit fails no more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with a --help for each command."""
    parser = argparse.ArgumentParser(
        prog="accords",
        description=_("Track signed agreements and pledges. With no command, opens the window."),
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        type=_database_argument,
        help=_(
            "SQLite database file or sqlite:/// URL (default: ${variable}, "
            "else accords.sqlite3 in your data folder)"
        ).format(variable=DB_ENVIRONMENT_VARIABLE),
    )
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    seed = commands.add_parser("seed", help=_("add the seeded article's records that are missing"))
    seed.add_argument("--file", type=Path, help=_("seed file (default: the one shipped)"))
    seed.set_defaults(handler=cmd_seed)

    listing = commands.add_parser("list", help=_("list records"))
    _add_filters(listing)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help=_("show one record in full"))
    show.add_argument("id", help=_("record id or slug"))
    show.set_defaults(handler=cmd_show)

    status = commands.add_parser("status", help=_("change a record's status"))
    status.add_argument("id", help=_("record id or slug"))
    status.add_argument("new_status", metavar="NEW_STATUS", help=", ".join(ALL_STATUSES))
    status.add_argument("--comment", default="", help=_("why the status changed"))
    status.add_argument("--evidence", default="", help=_("where the change is documented"))
    status.add_argument(
        "--on",
        type=_day,
        metavar="YYYY-MM-DD",
        help=_("the day the status took effect (default: today)"),
    )
    status.set_defaults(handler=cmd_status)

    note = commands.add_parser("note", help=_("add or edit a note on a record"))
    note.add_argument("id", help=_("record id or slug"))
    action = note.add_mutually_exclusive_group(required=True)
    action.add_argument("--add", metavar="TEXT", help=_("add a note (- reads standard input)"))
    action.add_argument(
        "--edit",
        nargs=2,
        metavar=("NOTE_ID", "TEXT"),
        help=_("replace a note's text (- for stdin)"),
    )
    note.set_defaults(handler=cmd_note)

    export = commands.add_parser("export", help=_("export records to CSV"))
    export.add_argument("file", metavar="FILE_OR_-", help=_("CSV file to write, or - for stdout"))
    _add_filters(export)
    export.add_argument("--excel", action="store_true", help=_("UTF-8 BOM and formula-safe cells"))
    export.add_argument("--delimiter", choices=(",", ";", "tab"), default=",")
    export.add_argument("--no-notes", action="store_true", help=_("leave out the notes column"))
    export.set_defaults(handler=cmd_export)

    check = commands.add_parser("check", help=_("check the database and the data's quality"))
    check.add_argument(
        "--rebuild-search",
        action="store_true",
        help=_("first write the search index again from the records"),
    )
    check.set_defaults(handler=cmd_check)

    generate = commands.add_parser(
        "generate",
        help=_("add synthetic records, e.g. to try the app at a large size"),
        formatter_class=_GenerateHelp,
    )
    generate.add_argument(
        "--records", type=_record_count, required=True, metavar="N", help=RECORD_RANGE_HELP
    )
    generate.add_argument("--seed", type=int, default=0, metavar="S", help=_("default: 0"))
    generate.set_defaults(handler=cmd_generate)

    backup = commands.add_parser("backup", help=_("take a verified backup now, or list backups"))
    backup.add_argument("--list", action="store_true", help=_("list the backups, newest first"))
    backup.set_defaults(handler=cmd_backup)

    _add_restore_and_copy_parsers(commands)

    add_sources_parser(commands)
    add_team_parser(commands)
    return parser


def _add_restore_and_copy_parsers(commands: Any) -> None:
    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup (the newest verified by default)")
    )
    restore.add_argument("backup", nargs="?", type=Path, help=_("backup file to restore"))
    restore.set_defaults(handler=cmd_restore)
    copy = commands.add_parser(
        "copy", help=_("copy a whole database (SQLite file or PostgreSQL URL) into an empty one")
    )
    copy.add_argument("source", metavar="FROM", help=_("a SQLite file or postgresql:// URL"))
    copy.add_argument(
        "target", metavar="TO", help=_("an empty (or new) database; never overwritten")
    )
    copy.set_defaults(handler=cmd_copy)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", choices=[k.value for k in RecordKind], action="append")
    parser.add_argument("--status", choices=ALL_STATUSES, action="append")
    parser.add_argument("--party", help=_("party slug or name"))
    parser.add_argument("--tag", help=_("area or category"))
    parser.add_argument("--search", default="", help=_("free text"))
    parser.add_argument("--overdue", action="store_true", help=_("only overdue pledges"))
    parser.add_argument("--trash", action="store_true", help=_("only deleted records"))
    parser.add_argument("--sort", choices=[k.value for k in SortKey], default="title")
    parser.add_argument("--descending", action="store_true")


def _query(args: argparse.Namespace) -> RecordQuery:
    return RecordQuery(
        kinds=frozenset(args.kind or ()),
        statuses=frozenset(args.status or ()),
        party=args.party,
        tag=args.tag,
        overdue=args.overdue,
        text=args.search,
        trash=args.trash,
        sort=SortKey(args.sort),
        descending=args.descending,
    )


def open_service(target: str | None, *, writes: bool) -> AccordsService:
    """Open the database for one command.

    A database this user may not write is opened read-only: a reading command says so once
    on stderr, and a writing command is refused before it starts.
    """
    service = AccordsService.open(target, wording=COMMAND_LINE)
    if service.db.read_only and writes:
        service.close()
        if service.db.path is None:  # a server's database: its grants make this user a viewer
            raise DatabaseError(
                _(
                    "{location}: your database user is a viewer and may only read; nothing "
                    "was changed."
                ).format(location=service.db.location)
            )
        raise DatabaseError(
            _(
                "{location} is read-only for this user (the file or its folder); "
                "nothing was changed."
            ).format(location=service.db.location)
        )
    if service.db.read_only:
        print(
            _("accords: opened read-only: {location}").format(location=service.db.location),
            file=sys.stderr,
        )
    return service


def _with_service(
    args: argparse.Namespace, work: Callable[[AccordsService], int], *, writes: bool = False
) -> int:
    service = open_service(args.db, writes=writes)
    try:
        return work(service)
    finally:
        service.close()


def cmd_seed(args: argparse.Namespace) -> int:
    from storage.transfer.seeding import default_seed_file

    def work(service: AccordsService) -> int:
        added = service.db.seed(args.file or default_seed_file()) + service.db.report.seeded_items
        confirm(
            _("Added {plural}.").format(plural=plural(added, "seed item", "seed items"))
            if added
            else _("Nothing to add; the seed is in place.")
        )
        return EXIT_OK

    return _with_service(args, work, writes=True)


def cmd_list(args: argparse.Namespace) -> int:
    def work(service: AccordsService) -> int:
        query = _query(args)
        if args.format == "csv":
            from storage.transfer.export import ExportOptions, export_csv

            export_csv(service, None, ExportOptions(query=query))
        elif args.format == "json":
            write_json_array(
                (row_json(row) for row in service.records.iter_records(query)), sys.stdout
            )
        else:
            print_table(service.records.iter_records(query), sys.stdout)
        return EXIT_OK

    return _with_service(args, work)


def cmd_show(args: argparse.Namespace) -> int:
    def work(service: AccordsService) -> int:
        print_detail(service.records.get_record(args.id), sys.stdout)
        return EXIT_OK

    return _with_service(args, work)


def cmd_status(args: argparse.Namespace) -> int:
    def work(service: AccordsService) -> int:
        record_id = service.records.resolve_id(args.id)
        service.db.backup_if_due()  # the daily backup, as the window takes on opening
        service.records.change_status(
            record_id,
            args.new_status,
            comment=args.comment,
            evidence=args.evidence,
            effective_on=args.on,
        )
        since = _(" since {day}").format(day=args.on) if args.on else ""
        confirm(
            _("{id} is now {lower}{since}.").format(
                id=args.id, lower=label(args.new_status).lower(), since=since
            )
        )
        return EXIT_OK

    return _with_service(args, work, writes=True)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a date as YYYY-MM-DD, not {value!r}").format(value=value)
        ) from None


def cmd_note(args: argparse.Namespace) -> int:
    def work(service: AccordsService) -> int:
        record_id = service.records.resolve_id(args.id)
        service.db.backup_if_due()  # the daily backup, as the window takes on opening
        if args.add is not None:
            note = service.notes.add_note(record_id, _text_argument(args.add))
            confirm(_("Added note {id}.").format(id=note.id))
            return EXIT_OK
        note_id_text, body = args.edit
        number = record_number(note_id_text)
        if number is None or number[1]:
            print(
                _("accords: note id must be a number, not {note_id_text!r}").format(
                    note_id_text=note_id_text
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        if not names_a_row(number[0]):
            raise NotFoundError(
                _("There is no note {note_id_text}.").format(note_id_text=note_id_text)
            )
        current = service.notes.get_note(number[0])
        if current.record_id != record_id:
            print(
                _("accords: note {id} is not on {id2}").format(id=current.id, id2=args.id),
                file=sys.stderr,
            )
            return EXIT_USER_ERROR
        note = service.notes.edit_note(
            current.id, _text_argument(body), expected_version=current.version
        )
        kept = plural(note.revision_count, "earlier version", "earlier versions")
        confirm(_("Saved note {id}; {kept} kept.").format(id=note.id, kept=kept))
        return EXIT_OK

    return _with_service(args, work, writes=True)


def cmd_export(args: argparse.Namespace) -> int:
    from storage.transfer.export import ExportOptions, export_csv

    def work(service: AccordsService) -> int:
        target = None if args.file == "-" else Path(args.file)
        options = ExportOptions(
            query=_query(args),
            excel=args.excel,
            delimiter="\t" if args.delimiter == "tab" else args.delimiter,
            include_notes=not args.no_notes,
        )
        count = export_csv(service, target, options)
        if target is not None:
            confirm(
                _("Exported {plural} to {target}.").format(
                    plural=plural(count, "record", "records"), target=target
                )
            )
        return EXIT_OK

    return _with_service(args, work)


def cmd_check(args: argparse.Namespace) -> int:
    from storage.db.health import SEARCH_PROBLEM, check_database
    from storage.insight.quality import iter_problems

    path = sqlite_file(resolve_database_url(args.db))
    if path is not None:
        refuse_foreign(path)  # before reading it page by page, which creates its -shm
    if path is not None and path.exists() and (reason := damage(path, deep=True)):
        print(f"damage: {path} {reason}")
        # The finding is the report (stdout); the failure is one line on stderr, as for
        # every command that exits 1.
        message = _("Database {path} is damaged; it was left untouched. Run `accords restore`.")
        print(f"accords: {message.format(path=path)}", file=sys.stderr)
        return EXIT_USER_ERROR

    def work(service: AccordsService) -> int:
        if args.rebuild_search:
            service.db.rebuild_search_index()
            print(_("Rebuilt the search index from the records."))
        problems = check_database(service)
        for problem in problems:
            print(f"damage: {problem}")
        if any(problem.startswith(SEARCH_PROBLEM) for problem in problems):
            print(
                _(
                    "The search index is made from the records and can be written again: "
                    "run `accords check --rebuild-search`."
                )
            )
        found = 0
        for finding in iter_problems(service):  # printed as found: none is kept
            print(finding)
            found += 1
        verdict = "damaged" if problems else "intact"
        findings = plural(found, "data-quality finding", "data-quality findings")
        print(
            _("Database {location} is {verdict}; {findings}.").format(
                location=service.db.location, verdict=verdict, findings=findings
            )
        )
        return EXIT_USER_ERROR if problems else EXIT_OK

    return _with_service(args, work, writes=args.rebuild_search)


def cmd_generate(args: argparse.Namespace) -> int:
    # Imported here: the generator brings the ORM, which the window's start must not wait for.
    from storage.generate import cmd_generate as generate_records

    return generate_records(args)


def _record_count(value: str) -> int:
    """A count of records to generate, within what a database of this app is tried at."""
    number = record_number(value)
    if number is None or number[1] or not 1 <= number[0] <= MAX_GENERATED:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not {allowed}").format(value=value, allowed=record_range())
        )
    return number[0]


def _database_argument(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError(_("must name a database file"))
    return value


def cmd_backup(args: argparse.Namespace) -> int:
    url = resolve_database_url(args.db)
    if url.get_backend_name() == "postgresql" and not args.list:
        return _team_snapshot(url)
    path = _database_file(args)
    if args.list:
        backups = list_backups(path)
        for backup in backups:
            print(f"{backup.label}  {backup.path}")
        if not backups:
            print(_("There are no backups of {path} yet.").format(path=path))
        return EXIT_OK

    def work(service: AccordsService) -> int:
        made = service.db.backup("manual")
        assert made is not None  # a SQLite file, opened just now
        confirm(_("Backed up {path} to {path2} (verified).").format(path=path, path2=made.path))
        return EXIT_OK

    return _with_service(args, work)


def _team_snapshot(url: Any) -> int:
    """A team database's backup: a verified SQLite copy in the data folder."""
    from storage.db.paths import data_folder
    from storage.transfer.copy import copy_database

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = data_folder() / "team-snapshots"
    folder.mkdir(exist_ok=True)
    report = copy_database(url.render_as_string(), str(folder / f"{url.database}-{stamp}.sqlite3"))
    confirm(
        _(
            "Copied {source} to {target} (verified). For a team, the server's own backups "
            "(pg_dump, point-in-time recovery) are the real answer; see the README."
        ).format(source=report.source, target=report.target)
    )
    return EXIT_OK


def cmd_copy(args: argparse.Namespace) -> int:
    from storage.transfer.copy import copy_database

    report = copy_database(args.source, args.target)
    confirm(
        _(
            "Copied {records} ({rows} rows) from {source} to {target}; verified: every "
            "table's count and the CSV export are identical."
        ).format(
            records=ngettext("{n} record", "{n} records", report.records).format(n=report.records),
            rows=format_number(sum(report.rows.values())),
            source=report.source,
            target=report.target,
        )
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    path = _database_file(args)
    chosen = _backup_named(path, args.backup) if args.backup else newest_verified(path)
    if chosen is None:
        raise DatabaseError(
            _("There is no verified backup of {path} to restore.").format(path=path)
        )
    replaced = path.exists() and path.stat().st_size > 0
    kept = restore_backup(path, chosen)
    done = _("Restored {path} from the backup of {label}.").format(path=path, label=chosen.label)
    if kept is not None:
        done += _("\nThe damaged file was kept unchanged as {kept}.").format(kept=kept)
    elif replaced:
        done += _("\nThe state before restoring was backed up first.")
    confirm(done)
    return EXIT_OK


class SavedButNotPrintedError(AccordsError):
    """The change was committed, but its confirmation could not be printed."""


def confirm(text: str) -> None:
    """Print the confirmation of a committed change; if the output fails, say it was saved.

    Raises SavedButNotPrintedError (exit status 1, one line on standard error) naming what
    was saved, so a script never takes a saved change for a failed one, or the reverse.
    """
    try:
        print(text, flush=True)
    except OSError as error:
        _silence_stdout()
        raise SavedButNotPrintedError(
            _(
                "the change was saved, but printing its confirmation failed ({value}): {join}"
            ).format(value=error.strerror or error, join=" ".join(text.split()))
        ) from None


def _database_file(args: argparse.Namespace) -> Path:
    path = sqlite_file(resolve_database_url(args.db))
    if path is None:
        raise DatabaseError(_("Backups are made of SQLite database files only."))
    return path


def _backup_named(database: Path, given: Path) -> Backup:
    for backup in list_backups(database):
        if backup.path.resolve() == given.resolve() or backup.path.name == given.name:
            return backup
    if given.exists():
        return Backup(given.resolve(), datetime.fromtimestamp(given.stat().st_mtime, UTC), "file")
    raise DatabaseError(
        _("There is no backup {given}; `accords backup --list` shows them.").format(given=given)
    )


def _text_argument(value: str) -> str:
    if value != "-":
        return value
    if sys.stdin is None:
        raise ValidationError(_("standard input is closed; nothing was saved"), field="note")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "standard input is not valid UTF-8 (byte {value:#04x} at offset "
                "{start:,}); nothing was saved"
            ).format(value=data[error.start], start=error.start),
            field="note",
        ) from None


if __name__ == "__main__":
    sys.exit(main())
