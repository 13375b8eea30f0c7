"""The findings part: dismissals of data-quality findings (see `storage.insight.quality`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, delete, select

from storage.api.base import Part
from storage.errors import NotFoundError
from storage.i18n import _
from storage.lazy import LazyModule
from storage.records.validation import MAX_TEXT_CHARS, clean_text
from storage.schema.types import utc_now

if TYPE_CHECKING:
    from storage.insight.quality import Finding
    from storage.schema import models
else:
    models = LazyModule("storage.schema.models")


class Findings(Part):
    """Dismissing a finding and taking the dismissal back; each call is one transaction."""

    def dismiss(self, finding: Finding, reason: str) -> int:
        """Dismiss a finding, keeping the reason; returns the dismissal's id.

        Dismissing an already dismissed finding replaces its reason (and who and when).
        """
        text = clean_text(reason, "reason", limit=MAX_TEXT_CHARS, required=True).strip()
        rule, record, field = finding.key
        dismissal = models.FindingDismissal
        with self._db.writing() as session:
            row = session.scalars(select(dismissal).where(*_dismissal_of(finding))).one_or_none()
            if row is None:
                row = dismissal(rule=rule, record_slug=record, field=field, reason=text)
                session.add(row)
            row.reason = text
            row.dismissed_at = utc_now()
            row.dismissed_by = self._service.actor
            session.flush()
            return row.id

    def undismiss(self, finding: Finding) -> None:
        """Show a dismissed finding again (the undo of ``dismiss``); its dismissal is removed."""
        with self._db.writing() as session:
            result = session.execute(delete(models.FindingDismissal).where(*_dismissal_of(finding)))
            if not getattr(result, "rowcount", 0):
                rule, record, field = finding.key
                raise NotFoundError(
                    _("{rule} on {record} [{field}] is not dismissed.").format(
                        rule=rule, record=record, field=field
                    )
                )


def _dismissal_of(finding: Finding) -> tuple[ColumnElement[bool], ...]:
    """The conditions that pick a finding's dismissal: its rule, record and field."""
    rule, record, field = finding.key
    dismissal = models.FindingDismissal
    return (
        dismissal.rule == rule,
        dismissal.record_slug == record,
        dismissal.field == field,
    )
