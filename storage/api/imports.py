"""The imports part: bring in a source file, say what it proposes, apply and take back."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from storage.api.base import Part
from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.data import SourceView
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage.records import readers
    from storage.schema import models
    from storage.sources import applying, extract, importing, undoing
    from storage.sources.applying import Applied
    from storage.sources.extract import Extracted
    from storage.sources.proposals import Proposal
else:
    models = LazyModule("storage.schema.models")
    readers = LazyModule("storage.records.readers")
    # Extraction brings trafilatura and pypdf: imported when a file is, not at start-up.
    extract = LazyModule("storage.sources.extract")
    importing = LazyModule("storage.sources.importing")
    applying = LazyModule("storage.sources.applying")
    undoing = LazyModule("storage.sources.undoing")


class DuplicateSourceError(ValidationError):
    """The very file was imported before; nothing new is stored."""

    def __init__(self, name: str, source_id: int) -> None:
        super().__init__(
            _("{name} was already imported as source {id}; nothing new was stored.").format(
                name=name, id=source_id
            ),
            field="file",
        )
        self.source_id = source_id


@dataclass(frozen=True)
class Preview:
    """What a file would bring, nothing stored: its text, metadata and proposals."""

    extracted: Extracted
    sha256: str
    proposals: tuple[Proposal, ...]
    duplicate_of: int | None


@dataclass(frozen=True)
class Imported:
    """A source just stored and what its text proposes (nothing applied yet)."""

    source: SourceView
    proposals: tuple[Proposal, ...]


class Imports(Part):
    """Importing sources and applying what they propose; each call is one transaction."""

    def preview(
        self, file: Path | bytes, name: str | None = None, *, published_on: date | None = None
    ) -> Preview:
        """Extract ``file`` and propose from it, storing nothing."""
        content, label = read(file, name)
        found = extract.extract(content, label)
        digest = hashlib.sha256(content).hexdigest()
        with self._db.reading() as session:
            duplicate = duplicate_of(session, digest)
            context = importing.context_for(
                session.connection(), published_on or found.published_on, found.language
            )
        proposals = importing.proposals_for(found.text, context) if found.has_text else []
        return Preview(found, digest, tuple(proposals), duplicate)

    def import_source(
        self,
        file: Path | bytes,
        name: str | None = None,
        *,
        published_on: date | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> Imported:
        """Store ``file`` as a source with its original bytes; return what it proposes.

        The same bytes imported before raise DuplicateSourceError and store nothing.
        """
        content, label = read(file, name)
        found = extract.extract(content, label)
        digest = hashlib.sha256(content).hexdigest()
        day = published_on or found.published_on
        with self._db.writing() as session:
            duplicate = duplicate_of(session, digest)
            if duplicate is not None:
                raise DuplicateSourceError(label, duplicate)
            source = models.Source(
                slug=unique_source_slug(session, title or found.title),
                title=(title or found.title)[:500],
                publisher=found.publisher,
                url=url or found.url,
                published_on=day,
                language=found.language,
                text=found.text,
                sha256=digest,
                media_type=found.media_type,
                file_name=Path(label).name if name is not None or isinstance(file, Path) else None,
                has_text=found.has_text,
                imported_at=utc_now(),
            )
            session.add(source)
            session.flush()
            session.add(models.SourceFile(source_id=source.id, content=content))
            context = importing.context_for(session.connection(), day, found.language)
            proposals = importing.proposals_for(found.text, context) if found.has_text else []
            session.flush()
            return Imported(readers.source_view(source), tuple(proposals))

    def proposals_of(self, source_id: int) -> tuple[Proposal, ...]:
        """What a stored source proposes now, over the records held now: what an earlier
        apply made is matched as held, so applying these again duplicates nothing."""
        with self._db.reading() as session:
            source = session.get(models.Source, source_id)
            if source is None:
                raise NotFoundError(_("There is no source {id}.").format(id=source_id))
            text, has_text = source.text, source.has_text
            context = importing.context_for(
                session.connection(), source.published_on, source.language
            )
        return tuple(importing.proposals_for(text, context)) if has_text else ()

    def apply(self, source_id: int, proposals: Iterable[Proposal]) -> Applied:
        """Create and complete records as ``proposals`` say, quoting each value; one
        transaction, returning what changed so that ``unapply`` can take it back."""
        with self._db.writing() as session:
            source = session.get(models.Source, source_id)
            if source is None:
                raise NotFoundError(_("There is no source {id}.").format(id=source_id))
            done = applying.Applier(session, source, self._service.actor).apply(proposals)
            for record_id in sorted(done.touched):
                self._db.reindex(session, record_id)
            return done

    def unapply(self, applied: Applied) -> None:
        """Take back what ``apply`` did (undo)."""
        with self._db.writing() as session:
            touched = undoing.unapply(session, applied, search=self._db.fts)
            for record_id in sorted(touched):
                self._db.reindex(session, record_id)

    def original(self, source_id: int) -> bytes:
        """The bytes a source was imported from."""
        with self._db.reading() as session:
            kept = session.get(models.SourceFile, source_id)
            if kept is None:
                raise NotFoundError(_("Source {id} keeps no original file.").format(id=source_id))
            return kept.content


def read(file: Path | bytes, name: str | None) -> tuple[bytes, str]:
    """The bytes of ``file`` and the name to call it by; an unreadable file in one line."""
    if isinstance(file, bytes):
        return file, name or _("pasted text")
    try:
        return file.read_bytes(), name or str(file)
    except OSError as error:
        raise ValidationError(
            _("Cannot read {path}: {reason}; nothing was imported.").format(
                path=file, reason=error.strerror or error
            ),
            field="file",
        ) from error


def duplicate_of(session: orm.Session, digest: str) -> int | None:
    """The source imported from the same bytes, if any."""
    return session.scalars(
        select(models.Source.id).where(models.Source.sha256 == digest).order_by(models.Source.id)
    ).first()


def unique_source_slug(session: orm.Session, title: str) -> str:
    from storage.api.records import slugify

    base = slugify(title)
    taken = set(
        session.scalars(select(models.Source.slug).where(models.Source.slug.like(f"{base}%")))
    )
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate
