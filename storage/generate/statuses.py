"""Statuses: a document's drawn by weight, and each record's history of steps up to it."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.generate.days import END_TIME, stamp
from storage.generate.draws import Draws
from storage.generate.odds import DOCUMENT_STATUSES
from storage.generate.rows import Row, Rows
from storage.generate.vocabulary import ANALYSTS
from storage.schema.enums import Binding, DocumentStatus, PledgeStatus, RecordKind

GENERATOR = "generator"  # who made each record's first status change
PLEDGE_ORDER = tuple(s.value for s in PledgeStatus)
DOCUMENT_ORDER = tuple(s.value for s in DocumentStatus)
NON_BINDING_ORDER = tuple(
    s for s in DOCUMENT_ORDER if s != DocumentStatus.AWAITING_RATIFICATION.value
)


def document_status(draws: Draws, binding: str) -> str:
    """A weighted status; a non-binding document is never awaiting ratification."""
    while True:
        status = draws.pick(DOCUMENT_STATUSES)
        if not (
            status is DocumentStatus.AWAITING_RATIFICATION and binding == Binding.NON_BINDING.value
        ):
            return status.value


def add_history(draws: Draws, rows: Rows, row: Row) -> None:
    """1-4 steps in life order ending at the record's status, from its ``_day`` on; sets
    its created, updated and status-since times."""
    path = _path(draws, row)
    at = stamp(row.pop("_day"), draws.below(480))
    row["created_at"] = at
    previous: str | None = None
    last = at
    for status in path:
        rows.history.append(_change(draws, row["id"], previous, status, at))
        previous = status
        last = at
        at = min(at + timedelta(minutes=1440 + draws.below(574_560)), END_TIME)
    row["status_since"] = last
    row["updated_at"] = min(last + timedelta(minutes=draws.below(5000)), END_TIME)


def _path(draws: Draws, row: Row) -> list[str]:
    """Some earlier statuses of the record's life, in order, then its own."""
    final: str = row["status"]
    order = _life_order(row)
    earlier = order[: order.index(final)]
    steps = min(draws.below(4), len(earlier))
    picked = sorted(draws.sample(range(len(earlier)), steps)) if steps else ()
    return [*(earlier[i] for i in picked), final]


def _life_order(row: Row) -> tuple[str, ...]:
    if row["kind"] == RecordKind.PLEDGE.value:
        return PLEDGE_ORDER
    if row["binding"] == Binding.NON_BINDING.value:
        return NON_BINDING_ORDER
    return DOCUMENT_ORDER


def _change(draws: Draws, record_id: int, previous: str | None, status: str, at: datetime) -> Row:
    first = previous is None
    return {
        "record_id": record_id,
        "from_status": previous,
        "to_status": status,
        "changed_at": at,
        "changed_by": GENERATOR if first else draws.pick(ANALYSTS),
        "comment": "Generated" if first else f"Moved to {status}",
        "evidence": "",
        "evidence_source_id": None,
    }
