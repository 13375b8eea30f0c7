"""`accords import` and `accords sources`: bring in a source, see what it proposes, apply it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.errors import ValidationError
from storage.i18n import _, ngettext
from storage.schema.enums import label
from storage.sources.doubts import said

if TYPE_CHECKING:
    from storage.api.imports import Imported
    from storage.records.data import SourceView
    from storage.service import AccordsService
    from storage.sources.applying import Applied
    from storage.sources.proposals import Proposal, ProposedValue

EXCERPT_CHARS = 100


def add_sources_parser(commands: Any) -> None:
    """Add `import` and `sources` to the `accords` subcommands ``commands``."""
    from storage.cli import _day

    bring = commands.add_parser(
        "import", help=_("store a source (web page, PDF, text) and print what it proposes")
    )
    bring.add_argument("path", help=_("the file to import, or - for standard input"))
    bring.add_argument("--apply", action="store_true", help=_("apply every proposal"))
    bring.add_argument("--date", type=_day, help=_("the source's date, YYYY-MM-DD"))
    bring.add_argument("--format", choices=("table", "json"), default="table")
    bring.set_defaults(handler=cmd_import)
    listing = commands.add_parser("sources", help=_("list the sources, or show one"))
    listing.add_argument("--show", metavar="ID", type=int, help=_("show one source and its text"))
    listing.set_defaults(handler=cmd_sources)
    names = commands.add_parser("aliases", help=_("other names of people and parties"))
    names.add_argument("--add", nargs=2, metavar=("WHO", "NAME"), help=_("give WHO another NAME"))
    names.add_argument("--remove", metavar="ID", type=int, help=_("remove an alias"))
    names.set_defaults(handler=cmd_aliases)


def cmd_import(args: argparse.Namespace) -> int:
    from storage.api.imports import DuplicateSourceError
    from storage.cli import EXIT_OK, _with_service, confirm

    content, name = read_argument(args.path)

    def work(service: AccordsService) -> int:
        try:
            imported = service.imports.import_source(content, name, published_on=args.date)
        except DuplicateSourceError as duplicate:
            if not args.apply:
                raise
            # Imported before and only shown: --apply now applies what it proposes.
            imported = again(service, duplicate.source_id)
        applied = (
            service.imports.apply(imported.source.id, imported.proposals) if args.apply else None
        )
        if args.format == "json":
            json.dump(import_json(imported, applied), sys.stdout, ensure_ascii=False, indent=2)
            print()
            return EXIT_OK
        print_import(imported)
        if applied is not None:
            confirm(applied_line(applied))
        return EXIT_OK

    return _with_service(args, work, writes=True)


def again(service: AccordsService, source_id: int) -> Imported:
    """A source imported before, with what it proposes over the records held now."""
    from storage.api.imports import Imported

    source = service.sources.get_source(source_id)
    print(
        _("Source {id} was imported before; applying what it proposes now.").format(id=source_id),
        file=sys.stderr,
    )
    return Imported(source, service.imports.proposals_of(source_id))


def read_argument(path: str) -> tuple[bytes, str | None]:
    """The bytes to import: a file's, or standard input's for "-"."""
    if path != "-":
        try:
            return Path(path).read_bytes(), path
        except OSError as error:
            raise ValidationError(
                _("Cannot read {path}: {reason}; nothing was imported.").format(
                    path=path, reason=error.strerror or error
                ),
                field="file",
            ) from error
    content = sys.stdin.buffer.read()
    if not content.strip():
        raise ValidationError(_("Standard input is empty; nothing was imported."), field="file")
    return content, None  # pasted text: no file name


def print_import(imported: Imported) -> None:
    source = imported.source
    print(_("Source {id}: {title}").format(id=source.id, title=source.title))
    print("  " + describe(source))
    if not source.has_text:
        print(_("  It has no text (a scan?): stored, with nothing to propose."))
        return
    count = len(imported.proposals)
    print(ngettext("{n} proposal", "{n} proposals", count).format(n=count))
    for number, proposal in enumerate(imported.proposals, 1):
        print_proposal(number, proposal)
    if count:
        print(_("Nothing was changed in the records; run again with --apply to apply them."))


def describe(source: SourceView) -> str:
    parts = [source.media_type, source.language]
    if source.publisher:
        parts.append(source.publisher)
    if source.published_on:
        parts.append(source.published_on.isoformat())
    parts.append(
        ngettext("{n} character", "{n} characters", len(source.text)).format(n=len(source.text))
    )
    return ", ".join(parts)


def print_proposal(number: int, proposal: Proposal) -> None:
    if proposal.completes is None:
        head = _("new {kind}").format(kind=label(proposal.kind))
    else:
        head = _("completes record #{id}").format(id=proposal.completes)
    print(f"{number}. {head}: \u00ab{excerpt(proposal.sentence.text)}\u00bb")
    for value in proposal.values:
        print("     " + value_line(value))
    for value in proposal.supports:
        print("     " + _("supports {line}").format(line=value_line(value)))
    for conflict in proposal.conflicts:
        print(
            "     "
            + _("CONFLICT {name}: held {held}, source {value}").format(
                name=conflict.name, held=conflict.held, value=value_line(conflict.proposed)
            )
        )


def value_line(value: ProposedValue) -> str:
    stated = "" if value.stated else " " + _("(reported, not stated)")
    doubt = f" [{said(value.doubt)}]" if value.doubt else ""
    return f"{value.name} = {value.value}{stated}{doubt}  \u00ab{excerpt(value.quote.text)}\u00bb"


def excerpt(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= EXCERPT_CHARS else one_line[: EXCERPT_CHARS - 1] + "…"


def applied_line(applied: Applied) -> str:
    completed = len({r for r, _ in applied.record_sources} - set(applied.created))
    return _(
        "Applied: {created} new records, {completed} completed, {conflicts} conflicts "
        "(see `accords check`)."
    ).format(created=len(applied.created), completed=completed, conflicts=applied.conflicts)


def import_json(imported: Imported, applied: Applied | None) -> dict[str, Any]:
    source = imported.source
    result: dict[str, Any] = {
        "source": source_json(source),
        "proposals": [proposal_json(p) for p in imported.proposals],
    }
    if applied is not None:
        result["applied"] = {
            "created": applied.created,
            "completed": sorted({r for r, _ in applied.record_sources} - set(applied.created)),
            "conflicts": applied.conflicts,
            "skipped": applied.skipped,
        }
    return result


def source_json(source: SourceView) -> dict[str, Any]:
    day = source.published_on.isoformat() if isinstance(source.published_on, date) else None
    return {
        "id": source.id,
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": day,
        "language": source.language,
        "media_type": source.media_type,
        "file_name": source.file_name,
        "has_text": source.has_text,
    }


def proposal_json(proposal: Proposal) -> dict[str, Any]:
    def one(value: ProposedValue) -> dict[str, Any]:
        quote = value.quote
        return {
            "name": value.name,
            "value": value.value,
            "quote": {"start": quote.start, "end": quote.end, "text": quote.text},
            "stated": value.stated,
            "doubt": value.doubt,
        }

    sentence = proposal.sentence
    return {
        "kind": proposal.kind.value,
        "completes": proposal.completes,
        "sentence": {"start": sentence.start, "end": sentence.end, "text": sentence.text},
        "values": [one(v) for v in proposal.values],
        "supports": [one(v) for v in proposal.supports],
        "conflicts": [
            {"name": c.name, "held": c.held, "proposed": one(c.proposed)}
            for c in proposal.conflicts
        ],
    }


def cmd_sources(args: argparse.Namespace) -> int:
    from storage.cli import EXIT_OK, _with_service

    def work(service: AccordsService) -> int:
        if args.show is not None:
            show_source(service, args.show)
            return EXIT_OK
        for source in service.sources.list_sources():
            day = source.published_on.isoformat() if source.published_on else "-"
            outlet = source.publisher or "-"
            print(
                f"{source.id:>4}  {day:<10}  {source.media_type:<16}  {outlet:<20}  {source.title}"
            )
        return EXIT_OK

    return _with_service(args, work)


def show_source(service: AccordsService, source_id: int) -> None:
    source = service.sources.get_source(source_id)
    print(_("Source {id}: {title}").format(id=source.id, title=source.title))
    print("  " + describe(source))
    if source.file_name:
        print("  " + _("File: {name}").format(name=source.file_name))
    if source.url:
        print("  " + _("Address: {url}").format(url=source.url))
    records = service.sources.records_of_source(source.id)
    print(
        "  "
        + _("Records resting on it: {ids}").format(ids=", ".join(f"#{r}" for r in records) or "-")
    )
    print()
    print(source.text if source.has_text else _("(no text: a scan, stored as it came)"))


def cmd_aliases(args: argparse.Namespace) -> int:
    from storage.api.sources import owner_word
    from storage.cli import EXIT_OK, _with_service, confirm

    def work(service: AccordsService) -> int:
        if args.add is not None:
            who, name = args.add
            owner, owner_id = service.sources.find_named(who)
            alias = service.sources.add_alias(owner, owner_id, name)
            confirm(
                _("{owner} is now also {name} (alias {id}).").format(
                    owner=alias.owner_name, name=alias.name, id=alias.id
                )
            )
        elif args.remove is not None:
            alias = service.sources.remove_alias(args.remove)
            confirm(
                _("{owner} is no longer {name}.").format(owner=alias.owner_name, name=alias.name)
            )
        else:
            for alias in service.sources.list_aliases():
                owner = owner_word(alias.owner)
                print(f"{alias.id:>4}  {owner:<8}  {alias.owner_name:<30}  {alias.name}")
        return EXIT_OK

    return _with_service(args, work, writes=args.add is not None or args.remove is not None)
