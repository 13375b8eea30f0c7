"""The team's group roles on PostgreSQL, their grants, and the login roles that belong to them.

Role names go into statements only as identifiers composed by ``psycopg.sql`` (quoted by
libpq), after ``check_name``; values go as bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from psycopg import sql
from sqlalchemy import Connection, exc, text

from storage.errors import DatabaseError, NotFoundError, ValidationError
from storage.i18n import _
from storage.schema import tables
from storage.team.access import Access

GROUPS = {
    Access.VIEWER: "accords_viewer",
    Access.EDITOR: "accords_editor",
    Access.ADMIN: "accords_admin",
}
# Tables only admins write; editors write every other table of the schema (including those a
# later migration adds, once `team init` runs again). Alembic's own table is the owner's.
ADMIN_TABLES = frozenset(
    {tables.exchange_rates.name, tables.finding_dismissals.name, tables.seed_items.name}
)
OWNER_TABLES = frozenset({"alembic_version"})
# Marks a login role made by `team add`: only such a role is ever dropped by `team remove`.
MADE_BY_US = "Accords team member, made by accords team add"
# Lower case, as psql and libpq users type it unquoted; '@', '.' and '-' for e-mail-like names.
NAME_PATTERN = re.compile(r"[a-z_][a-z0-9_.@-]{0,62}")


@dataclass(frozen=True, slots=True)
class Member:
    """A role on the team: its name, its level, and whether it can log in."""

    name: str
    access: Access
    can_login: bool


def check_name(name: str) -> str:
    """``name`` if it may name a team member's role; ValidationError saying why not."""
    if not NAME_PATTERN.fullmatch(name):
        raise ValidationError(
            _(
                "{name!r} is not a role name Accords uses: 1 to 63 characters, "
                "lower-case letters, digits, '_', '.', '@' or '-', not starting with a "
                "digit or punctuation."
            ).format(name=name),
            field="role",
        )
    if name.startswith("pg_") or name in GROUPS.values() or name == "public":
        raise ValidationError(
            _("{name!r} is reserved and cannot be a team member.").format(name=name), field="role"
        )
    return name


def missing_right(connection: Connection) -> str | None:
    """What the connected user lacks to manage roles, in one line, or None."""
    user, may = connection.execute(
        text(
            "SELECT current_user, rolsuper OR rolcreaterole FROM pg_roles"
            " WHERE rolname = current_user"
        )
    ).one()
    if may:
        return None
    return _(
        "managing the team needs a database role that may create roles "
        "(CREATEROLE); {user} may not, so nothing was changed."
    ).format(user=user)


def init_team(connection: Connection) -> list[str]:
    """Create the group roles if missing and grant each its rights on this database's schema.

    Idempotent: running it again (after an upgrade that added tables, say) grants what is
    missing and changes nothing else. Returns what it did, a line each.
    """
    done = []
    for group in GROUPS.values():
        if _role(connection, group) is None:
            _run(connection, sql.SQL("CREATE ROLE {} NOLOGIN").format(_ident(group)))
            done.append(_("Created the group role {group}.").format(group=group))
    viewer, editor, admin = (_ident(GROUPS[level]) for level in Access)
    _run(connection, sql.SQL("GRANT {} TO {}").format(viewer, editor))
    # Admins hand out every level: ADMIN OPTION on the lower groups (on accords_admin itself
    # each admin gets it directly from `team add`, as a role cannot be a member of itself).
    _run(connection, sql.SQL("GRANT {}, {} TO {} WITH ADMIN OPTION").format(viewer, editor, admin))
    schema_name, database, names = _schema(connection)
    schema = _ident(schema_name)
    _run(connection, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, viewer))
    _run(connection, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, viewer))
    _grant(connection, "SELECT", names, viewer)
    editable = [n for n in names if n not in ADMIN_TABLES | OWNER_TABLES]
    _grant(connection, "INSERT, UPDATE, DELETE", editable, editor)
    _run(
        connection,
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema, editor),
    )
    _grant(connection, "INSERT, UPDATE, DELETE", [n for n in names if n in ADMIN_TABLES], admin)
    done.append(
        _(
            "Granted {value} reading, {value2} editing and {value3} managing on "
            "the {count} tables of {schema_name}."
        ).format(
            value=GROUPS[Access.VIEWER],
            value2=GROUPS[Access.EDITOR],
            value3=GROUPS[Access.ADMIN],
            count=len(names),
            schema_name=schema_name,
        )
    )
    return done


def add_member(connection: Connection, name: str, access: Access) -> str:
    """Give ``name`` the level ``access`` (creating it as a login role if missing)."""
    check_name(name)
    _require_groups(connection)
    role = _ident(name)
    existing = _role(connection, name)
    if existing is None:
        _run(connection, sql.SQL("CREATE ROLE {} LOGIN").format(role))
        _run(connection, sql.SQL("COMMENT ON ROLE {} IS {}").format(role, sql.Literal(MADE_BY_US)))
    before = _level(connection, name)
    _leave_groups(connection, name, keep=access)
    group = _ident(GROUPS[access])
    if access is Access.ADMIN:
        _run(connection, sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(group, role))
        _run(connection, sql.SQL("ALTER ROLE {} CREATEROLE").format(role))
    else:
        _run(connection, sql.SQL("GRANT {} TO {}").format(group, role))
    manages = (
        _(" It may create roles (CREATEROLE), to manage the team.")
        if access is Access.ADMIN
        else ""
    )
    if existing is None:
        return _(
            "Created the login role {name} as {label}.{manages} It has no password "
            "yet: set one in psql with \\password {name}"
        ).format(name=name, label=access.word, manages=manages)
    was = (
        _(" (was {label})").format(label=before.word)
        if before is not None and before is not access
        else ""
    )
    login = "" if existing["rolcanlogin"] else _(" It cannot log in (NOLOGIN).")
    return _("{name} is now {label}{was}.{manages}{login}").format(
        name=name, label=access.word, was=was, manages=manages, login=login
    )


def list_members(connection: Connection) -> list[Member]:
    """Every role in a team group, at its highest level, by name."""
    rows = connection.execute(
        text(
            "SELECT r.rolname, g.rolname, r.rolcanlogin FROM pg_auth_members m"
            " JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid"
            " WHERE g.rolname = ANY(:groups) AND NOT r.rolname = ANY(:groups)"
        ),
        {"groups": list(GROUPS.values())},
    ).all()
    levels = {group: level for level, group in GROUPS.items()}
    members: dict[str, Member] = {}
    for name, group, can_login in rows:
        held = members.get(name)
        if held is None or levels[group] > held.access:
            members[name] = Member(name, levels[group], bool(can_login))
    return [members[name] for name in sorted(members)]


def remove_member(connection: Connection, name: str) -> str:
    """Take ``name`` off the team; drop its role only if `team add` made it and it owns nothing."""
    check_name(name)
    existing = _role(connection, name)
    before = _level(connection, name) if existing is not None else None
    if existing is None or before is None:
        raise NotFoundError(_("{name} is not on the team; nothing was changed.").format(name=name))
    _leave_groups(connection, name, keep=None)
    removed = _("Removed {name} from the team (was {label})").format(name=name, label=before.word)
    if existing["comment"] != MADE_BY_US:
        return _("{removed}; the role itself was kept, as `team add` did not create it.").format(
            removed=removed
        )
    if existing["owns"]:
        return _("{removed}; the role was kept, as it owns objects.").format(removed=removed)
    try:
        with connection.begin_nested():
            _run(connection, sql.SQL("DROP ROLE {}").format(_ident(name)))
    except exc.DBAPIError as error:  # privileges on objects elsewhere still name it
        reason = str(error.orig).splitlines()[0] if error.orig is not None else str(error)
        return _("{removed}; the role was kept ({reason}).").format(removed=removed, reason=reason)
    return _("{removed} and dropped its login role.").format(removed=removed)


# -- helpers -----------------------------------------------------------------------------


def _ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


def _run(connection: Connection, statement: sql.Composable) -> None:
    """Execute a composed statement on ``connection``'s transaction (errors as SQLAlchemy's)."""
    raw = cast(Any, connection.connection.dbapi_connection)
    connection.exec_driver_sql(statement.as_string(raw))


def _grant(
    connection: Connection, rights: LiteralString, names: list[str], group: sql.Identifier
) -> None:
    if names:
        targets = sql.SQL(", ").join(_ident(n) for n in names)
        statement = sql.SQL("GRANT {} ON TABLE {} TO {}")
        _run(connection, statement.format(sql.SQL(rights), targets, group))


def _schema(connection: Connection) -> tuple[str, sql.Identifier, list[str]]:
    schema, database = connection.execute(text("SELECT current_schema(), current_database()")).one()
    if schema is None:
        raise DatabaseError(_("The database has no schema to work in; nothing was changed."))
    names = connection.scalars(
        text("SELECT tablename FROM pg_tables WHERE schemaname = :schema ORDER BY tablename"),
        {"schema": schema},
    ).all()
    return str(schema), _ident(database), list(names)


def _role(connection: Connection, name: str) -> Any:
    """The role's login flag, comment and whether it owns anything, or None if missing."""
    return (
        connection.execute(
            text(
                "SELECT r.rolcanlogin, shobj_description(r.oid, 'pg_authid') AS comment,"
                " EXISTS (SELECT 1 FROM pg_shdepend d WHERE d.refobjid = r.oid"
                "  AND d.refclassid = 'pg_authid'::regclass AND d.deptype = 'o') AS owns"
                " FROM pg_roles r WHERE r.rolname = :name"
            ),
            {"name": name},
        )
        .mappings()
        .one_or_none()
    )


def _level(connection: Connection, name: str) -> Access | None:
    held = [m.access for m in list_members(connection) if m.name == name]
    return held[0] if held else None


def _leave_groups(connection: Connection, name: str, *, keep: Access | None) -> None:
    """Revoke every team group ``name`` holds directly, but ``keep``'s."""
    held = connection.scalars(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :name"
            " AND g.rolname = ANY(:groups)"
        ),
        {"name": name, "groups": list(GROUPS.values())},
    ).all()
    for group in held:
        if keep is None or group != GROUPS[keep]:
            _run(connection, sql.SQL("REVOKE {} FROM {}").format(_ident(group), _ident(name)))
    was_admin = GROUPS[Access.ADMIN] in held and keep is not Access.ADMIN
    role = _role(connection, name)
    if was_admin and role is not None and role["comment"] == MADE_BY_US:
        # CREATEROLE came with the admin level from `team add`; it leaves with it.
        _run(connection, sql.SQL("ALTER ROLE {} NOCREATEROLE").format(_ident(name)))


def _require_groups(connection: Connection) -> None:
    present = connection.scalar(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:groups)"),
        {"groups": list(GROUPS.values())},
    )
    if present != len(GROUPS):
        raise DatabaseError(
            _("This database has no team yet: run `accords team init` first; nothing was changed.")
        )
