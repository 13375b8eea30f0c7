"""The sources part: source texts and the annotations that highlight them for records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from storage.api.base import Part, find_record
from storage.errors import NotFoundError, ValidationError
from storage.i18n import N_, _
from storage.lazy import LazyModule
from storage.records.data import AliasView, AnnotationView, SourceView
from storage.records.validation import MAX_SHORT_CHARS, MAX_TEXT_CHARS, clean_text
from storage.schema import tables
from storage.schema.types import utc_now
from storage.sources.alias_keys import fold

if TYPE_CHECKING:
    from sqlalchemy import orm

    from storage.records import readers
    from storage.schema import models
else:
    models = LazyModule("storage.schema.models")
    readers = LazyModule("storage.records.readers")

ANCHOR_CONTEXT_CHARS = 32


class Sources(Part):
    """Source texts and their annotations; each call is one transaction."""

    def list_sources(self) -> list[SourceView]:
        """Every source text, oldest first."""
        with self._db.reading() as session:
            return [
                readers.source_view(s)
                for s in session.scalars(select(models.Source).order_by(models.Source.id))
            ]

    def source_titles(self) -> list[tuple[int, str]]:
        """(id, title) of every source, oldest first: what a list of them shows, without
        reading their texts."""
        with self._db.connected() as connection:
            source = tables.sources.c
            rows = connection.execute(select(source.id, source.title).order_by(source.id))
            return [(id_, title) for id_, title in rows]

    def get_source(self, ref: int | str) -> SourceView:
        """One source text by id or slug."""
        with self._db.reading() as session:
            column = models.Source.id if isinstance(ref, int) else models.Source.slug
            source = session.scalars(select(models.Source).where(column == ref)).one_or_none()
            if source is None:
                raise NotFoundError(_("There is no source {ref!r}.").format(ref=ref))
            return readers.source_view(source)

    def sources_of_record(self, record_id: int) -> list[SourceView]:
        """The sources a record rests on, oldest first."""
        with self._db.reading() as session:
            find_record(session, record_id)
            return [
                readers.source_view(s)
                for s in session.scalars(
                    select(models.Source)
                    .join(models.RecordSource, models.RecordSource.source_id == models.Source.id)
                    .where(models.RecordSource.record_id == record_id)
                    .order_by(models.Source.id)
                )
            ]

    def records_of_source(self, source_id: int) -> list[int]:
        """The ids of the live records resting on a source."""
        with self._db.reading() as session:
            return list(
                session.scalars(
                    select(models.RecordSource.record_id)
                    .join(models.Record, models.Record.id == models.RecordSource.record_id)
                    .where(
                        models.RecordSource.source_id == source_id,
                        models.Record.deleted_at.is_(None),
                    )
                    .order_by(models.RecordSource.record_id)
                )
            )

    def list_aliases(
        self, owner: str | None = None, owner_id: int | None = None
    ) -> list[AliasView]:
        """Every alias, or those of one person or party (``owner`` "person" or "party")."""
        with self._db.reading() as session:
            statement = select(models.Alias).order_by(models.Alias.id)
            if owner is not None:
                statement = statement.where(owner_column(owner) == owner_id)
            return [alias_view(session, alias) for alias in session.scalars(statement)]

    def add_alias(self, owner: str, owner_id: int, name: str) -> AliasView:
        """Give a person or a party another name, used by matching and search."""
        name = clean_text(name, "alias", limit=MAX_SHORT_CHARS, required=True).strip()
        with self._db.writing() as session:
            model = models.Person if owner == "person" else models.Party
            if session.get(model, owner_id) is None:
                raise NotFoundError(
                    _("There is no {owner} {id}.").format(owner=owner_word(owner), id=owner_id)
                )
            column = owner_column(owner)
            clash = session.scalars(
                select(models.Alias).where(column == owner_id, models.Alias.folded == fold(name))
            ).first()
            if clash is not None:
                raise ValidationError(
                    _("{name!r} is already a name of this {owner}.").format(
                        name=name, owner=owner_word(owner)
                    ),
                    field="alias",
                )
            alias = models.Alias(name=name, folded=fold(name), **{column.key: owner_id})
            session.add(alias)
            session.flush()
            return alias_view(session, alias)

    def find_named(self, name: str) -> tuple[str, int]:
        """The person or party ``name`` (a name, slug or alias) names: ("person", id) or
        ("party", id); NotFoundError when none does, ValidationError when both do."""
        folded = fold(name)
        found: set[tuple[str, int]] = set()
        with self._db.reading() as session:
            for owner, table in (("person", tables.persons), ("party", tables.parties)):
                rows = session.execute(select(table.c.id, table.c.name, table.c.slug))
                found |= {
                    (owner, id_) for id_, held, slug in rows if fold(held) == folded or slug == name
                }
            for alias in session.scalars(select(models.Alias).where(models.Alias.folded == folded)):
                owner = "person" if alias.person_id is not None else "party"
                found.add((owner, alias.person_id or alias.party_id or 0))
        if not found:
            raise NotFoundError(_("No person or party is called {name!r}.").format(name=name))
        if len(found) > 1:
            raise ValidationError(
                _("{name!r} names several people or parties; give a slug.").format(name=name),
                field="owner",
            )
        return found.pop()

    def remove_alias(self, alias_id: int) -> AliasView:
        """Remove an alias; returns it, so that undo can add it again."""
        with self._db.writing() as session:
            alias = session.get(models.Alias, alias_id)
            if alias is None:
                raise NotFoundError(_("There is no alias {id}.").format(id=alias_id))
            view = alias_view(session, alias)
            session.delete(alias)
            return view

    def annotations_for_source(self, source_id: int) -> list[AnnotationView]:
        """Every live annotation on a source, in text order."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(models.Annotation)
                .where(
                    models.Annotation.source_id == source_id, models.Annotation.deleted_at.is_(None)
                )
                .order_by(models.Annotation.start_offset, models.Annotation.id)
            )
            return [readers.annotation_view(a) for a in rows]

    def annotate(
        self,
        source_id: int,
        start: int,
        end: int,
        *,
        record_id: int | None,
        comment: str = "",
        field: str | None = None,
    ) -> AnnotationView:
        """Highlight ``source.text[start:end]``, linked to a record and optionally one field."""
        clean_text(comment, "comment", limit=MAX_TEXT_CHARS)
        with self._db.writing() as session:
            source = session.get(models.Source, source_id)
            if source is None:
                raise NotFoundError(
                    _("There is no source {source_id}.").format(source_id=source_id)
                )
            if record_id is not None:
                find_record(session, record_id)
                link_source(session, record_id, source_id)
            annotation = anchored(source, start, end)
            annotation.record_id = record_id
            annotation.comment = comment
            annotation.field = field
            session.add(annotation)
            session.flush()
            if record_id is not None:
                self._db.reindex(session, record_id)
            return readers.annotation_view(annotation)

    def remove_annotation(self, annotation_id: int) -> None:
        """Take an annotation away (it is kept, marked removed, so undo can bring it back)."""
        self._set_annotation_removed(annotation_id, removed=True)

    def restore_annotation(self, annotation_id: int) -> None:
        """Bring back a removed annotation."""
        self._set_annotation_removed(annotation_id, removed=False)

    def edit_annotation_comment(self, annotation_id: int, comment: str) -> AnnotationView:
        """Replace an annotation's comment; its quote and place in the source stay."""
        clean_text(comment, "comment", limit=MAX_TEXT_CHARS)
        with self._db.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None or annotation.deleted_at is not None:
                raise NotFoundError(
                    _("There is no annotation {annotation_id}.").format(annotation_id=annotation_id)
                )
            annotation.comment = comment
            session.flush()
            if annotation.record_id is not None:
                self._db.reindex(session, annotation.record_id)  # comments are searched
            return readers.annotation_view(annotation)

    def _set_annotation_removed(self, annotation_id: int, *, removed: bool) -> None:
        with self._db.writing() as session:
            annotation = session.get(models.Annotation, annotation_id)
            if annotation is None:
                raise NotFoundError(
                    _("There is no annotation {annotation_id}.").format(annotation_id=annotation_id)
                )
            annotation.deleted_at = utc_now() if removed else None
            session.flush()
            if annotation.record_id is not None:
                self._db.reindex(session, annotation.record_id)


# The owners of aliases as a message names them.
OWNER_WORDS = {"person": N_("person"), "party": N_("party")}


def owner_word(owner: str) -> str:
    """ "person" or "party" in the user's language (anything else as given)."""
    return _(OWNER_WORDS[owner]) if owner in OWNER_WORDS else owner


def owner_column(owner: str) -> Any:
    """The alias column naming its owner: "person" or "party"."""
    if owner not in ("person", "party"):
        raise ValidationError(
            _("An alias belongs to a person or a party, not a {owner}.").format(owner=owner),
            field="owner",
        )
    return models.Alias.person_id if owner == "person" else models.Alias.party_id


def alias_view(session: orm.Session, alias: models.Alias) -> AliasView:
    if alias.person_id is not None:
        person = session.get(models.Person, alias.person_id)
        return AliasView(
            alias.id, alias.name, "person", alias.person_id, person.name if person else ""
        )
    party = session.get(models.Party, alias.party_id)
    owner_id = alias.party_id or 0
    return AliasView(alias.id, alias.name, "party", owner_id, party.name if party else "")


def link_source(session: orm.Session, record_id: int, source_id: int) -> bool:
    """Note that a record rests on a source; False if it already did."""
    if session.get(models.RecordSource, (record_id, source_id)) is not None:
        return False
    session.add(models.RecordSource(record_id=record_id, source_id=source_id))
    return True


def anchored(source: models.Source, start: int, end: int) -> models.Annotation:
    """An annotation over ``source.text[start:end]`` with the context to re-anchor it."""
    if not 0 <= start < end <= len(source.text):
        raise ValidationError(
            _("the selection {start}-{end} is outside the source text (0-{count})").format(
                start=start, end=end, count=len(source.text)
            ),
            field="selection",
        )
    return models.Annotation(
        source_id=source.id,
        start_offset=start,
        end_offset=end,
        quote=source.text[start:end],
        prefix=source.text[max(0, start - ANCHOR_CONTEXT_CHARS) : start],
        suffix=source.text[end : end + ANCHOR_CONTEXT_CHARS],
    )
