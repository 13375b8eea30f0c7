"""What every part of the service shares: its database and clock, and finding a record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.errors import ConflictError, NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.validation import names_a_row, record_number
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage.schema import models
    from storage.service import AccordsService
else:
    # The ORM is for detail views and structural edits; the first page, counts, status
    # changes and note edits are Core, so the window paints before these are imported.
    orm = LazyModule("sqlalchemy.orm")
    models = LazyModule("storage.schema.models")


class Part:
    """One part of the service's API, working through the service's database."""

    def __init__(self, service: AccordsService) -> None:
        self._service = service
        self._db = service.db


def find_record(session: orm.Session, ref: int | str) -> models.Record:
    """The record ``ref`` names: a number (12 or "#12") or a slug; see ``record_number``.

    A bare number whose digits are also another record's slug (an older database could
    hold one) is refused rather than guessed: "#12" always means the number.
    """
    if isinstance(ref, int):
        return _numbered(session, ref, str(ref))
    number = record_number(ref)
    by_slug = None if number is not None and number[1] else _slugged(session, ref)
    if number is None:
        if by_slug is None:
            raise NotFoundError(_("There is no record {ref!r}.").format(ref=ref))
        return by_slug
    numbered = session.get(models.Record, number[0]) if names_a_row(number[0]) else None
    if by_slug is not None and by_slug is not numbered:
        raise ValidationError(_ambiguous(ref, number[0], numbered, by_slug), field="id")
    return _numbered(session, number[0], ref)


def touch(record: models.Record) -> None:
    """Bump ``updated_at`` even when only related rows changed, so the version moves too."""
    record.updated_at = utc_now()


def conflict(what: str, expected: int, current: int) -> ConflictError:
    """The refusal of an edit made to ``what`` as it was at an older version."""
    return ConflictError(
        _(
            "{what} was changed elsewhere since you opened it (version {expected}, "
            "now {current}); nothing was overwritten."
        ).format(what=what, expected=expected, current=current),
        expected_version=expected,
        current_version=current,
    )


def _slugged(session: orm.Session, slug: str) -> models.Record | None:
    return session.scalars(select(models.Record).where(models.Record.slug == slug)).one_or_none()


def _numbered(session: orm.Session, number: int, ref: str) -> models.Record:
    record = session.get(models.Record, number) if names_a_row(number) else None
    if record is None:
        raise NotFoundError(_("There is no record {ref!r}.").format(ref=ref))
    return record


def _ambiguous(
    ref: str, number: int, numbered: models.Record | None, by_slug: models.Record
) -> str:
    other = _("the slug of record #{id} ({title})").format(id=by_slug.id, title=by_slug.title)
    if numbered is None:
        return _("There is no record #{number}, but {ref!r} is {other}; write #{id}.").format(
            number=number, ref=ref, other=other, id=by_slug.id
        )
    return _(
        "{ref!r} is both record #{number} ({title}) and {other}; write #{number} or #{id}."
    ).format(ref=ref, number=number, title=numbered.title, other=other, id=by_slug.id)
