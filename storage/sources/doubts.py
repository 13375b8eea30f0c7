"""Why a proposed value needs a look: in English in the proposal (so `accords import --format
json` is the same bytes in every language), in the user's language where a person reads it."""

from __future__ import annotations

import re
from datetime import date

from storage.i18n import N_, _, format_day

AMBIGUOUS_DOLLAR = N_("$ may be US or Canadian dollars")
REPORTED_BY = N_("reported by {day}")
_REPORTED = re.compile(r"reported by (\d{4}-\d{2}-\d{2})")


def reported_by(day: date) -> str:
    """The doubt of a value the text implies by its report's ``day`` but does not state."""
    return REPORTED_BY.format(day=day.isoformat())


def said(doubt: str) -> str:
    """``doubt`` as the user reads it: "signalé au plus tard le 24 août 2025"."""
    if not doubt:
        return ""
    if match := _REPORTED.fullmatch(doubt):
        return _(REPORTED_BY).format(day=format_day(date.fromisoformat(match.group(1))))
    return _(doubt)
