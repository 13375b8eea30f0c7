"""`accords team …`: set up a PostgreSQL database for a team, and add, list and remove members."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, exc
from sqlalchemy.engine import URL, make_url

from storage.db.dberrors import COMMAND_LINE, translated
from storage.db.engine import make_engine
from storage.db.paths import DB_ENVIRONMENT_VARIABLE
from storage.errors import DatabaseError, ValidationError
from storage.i18n import N_, _
from storage.team.access import Access

# storage.team.roles (and psycopg with it) is imported by the commands that need it: this
# module is imported whenever `accords` parses its arguments, the window's start included.

T = TypeVar("T")
LEVELS = {level.label: level for level in Access}
NEEDS_POSTGRESQL = N_(
    "teams need a PostgreSQL database (--db postgresql://USER@HOST/DATABASE); "
    "a SQLite file serves one person. Nothing was changed."
)


def add_team_parser(commands: Any) -> None:
    """Add `team` and its commands to the `accords` subcommands ``commands``."""
    team = commands.add_parser("team", help=_("roles of a team on a PostgreSQL database"))
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help=_("create the schema, the group roles and their grants (run it again safely)")
    )
    init.set_defaults(handler=cmd_team_init)
    add = actions.add_parser("add", help=_("make a login role a viewer, editor or admin"))
    add.add_argument("name", type=_role_name, help=_("role name (created if missing)"))
    add.add_argument("--role", choices=tuple(LEVELS), required=True, dest="level")
    add.set_defaults(handler=cmd_team_add)
    listing = actions.add_parser(
        "list", help=_("the team's roles, their level, and who can log in")
    )
    listing.set_defaults(handler=cmd_team_list)
    remove = actions.add_parser("remove", help=_("take a role off the team"))
    remove.add_argument("name", type=_role_name)
    remove.set_defaults(handler=cmd_team_remove)


def team_url(target: str | None) -> URL:
    """The PostgreSQL URL ``target`` (or $ACCORDS_DB) names, driven by psycopg 3.

    A SQLite file or URL is refused in one line: a team shares one server.
    """
    chosen = target or os.environ.get(DB_ENVIRONMENT_VARIABLE) or ""
    try:
        url = make_url(chosen) if "://" in chosen else None
    except (exc.ArgumentError, ValueError):
        url = None
    if url is None or url.get_backend_name() != "postgresql":
        raise DatabaseError(_(NEEDS_POSTGRESQL))
    return url.set(drivername="postgresql+psycopg")


def cmd_team_init(args: argparse.Namespace) -> int:
    """Bring the schema to this version and seed it (the usual open), then set up the roles."""
    from storage.db.database import Database
    from storage.team.roles import init_team

    url = team_url(args.db)
    Database.open(args.db, wording=COMMAND_LINE).close()
    for line in _managing(url, init_team):
        print(line)
    return 0


def cmd_team_add(args: argparse.Namespace) -> int:
    from storage.team.roles import add_member

    print(_managing(team_url(args.db), lambda c: add_member(c, args.name, LEVELS[args.level])))
    return 0


def cmd_team_list(args: argparse.Namespace) -> int:
    from storage.team.roles import list_members

    members = _connected(team_url(args.db), list_members)
    # The roles' levels stay as `--role` takes them (viewer, editor, admin).
    print(f"{_('NAME'):<32} {_('ROLE'):<7} {_('CAN LOG IN')}")
    for member in members:
        login = _("yes") if member.can_login else _("no")
        print(f"{member.name:<32} {member.access.label:<7} {login}")
    if not members:
        print(_("No one is on the team yet: `accords team add NAME --role viewer|editor|admin`."))
    return 0


def cmd_team_remove(args: argparse.Namespace) -> int:
    from storage.team.roles import remove_member

    print(_managing(team_url(args.db), lambda c: remove_member(c, args.name)))
    return 0


def _managing(url: URL, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction, if the connected user may manage roles."""

    from storage.team.roles import missing_right

    def checked(connection: Connection) -> T:
        if reason := missing_right(connection):
            raise DatabaseError(reason)
        return work(connection)

    return _connected(url, checked)


def _connected(url: URL, work: Callable[[Connection], T]) -> T:
    location = url.render_as_string(hide_password=True)
    engine = make_engine(url)
    try:
        with translated(location, COMMAND_LINE), engine.begin() as connection:
            return work(connection)
    finally:
        engine.dispose()


def _role_name(value: str) -> str:
    from storage.team.roles import check_name

    try:
        return check_name(value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
