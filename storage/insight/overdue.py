"""What is late: pledges, provisions and documents past the end of their due period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, and_, case, func, or_, select

from storage.i18n import _
from storage.insight.amounts import PLEDGE, delivered_per_pledge
from storage.records.data import amount_text
from storage.records.query import untyped
from storage.schema.enums import CLOSED_PLEDGE_STATUSES, DocumentStatus, RecordKind
from storage.schema.models import Record
from storage.service import AccordsService

# Documents still waiting on what they promise; see ``overdue_list``.
AWAITING_FOLLOW_UP = frozenset({DocumentStatus.SIGNED, DocumentStatus.AWAITING_RATIFICATION})
CLOSED_PROVISION_STATUSES = frozenset(
    {
        DocumentStatus.COMPLETED,
        DocumentStatus.TERMINATED,
        DocumentStatus.SUPERSEDED,
        DocumentStatus.SUSPENDED,
    }
)
# Ids per IN list: well under SQLite's limit on bound parameters.
OWNERS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """A pledge or provision past its due period, or a document whose follow-up is late."""

    record_id: int
    slug: str
    kind: str
    title: str
    status: str
    due_end: date
    days_late: int
    reason: str
    pledged: Decimal | None = None
    delivered: Decimal | None = None
    unit: str = ""


class _Late(NamedTuple):
    """A late pledge or provision as read (a tuple: Row attributes cost a second at 50,000)."""

    id: int
    slug: str
    kind: str
    title: str
    status: str
    due_end: date
    amount: Decimal | None
    quantity: Decimal | None
    currency: str | None
    currency_as_written: str | None
    unit: str | None
    parent_id: int | None
    from_document_id: int | None
    delivered: str  # decimal text


def overdue_list(service: AccordsService) -> list[OverdueItem]:
    """What is late on the service's today, most days late first.

    - A pledge is overdue when its due period ended before today, it is neither delivered
      nor cancelled, and less than its figure is delivered (``periods.is_overdue``; a pledge
      without a figure is overdue until anything is delivered).
    - A provision is overdue when its due period ended and it is not completed,
      terminated, superseded or suspended.
    - A document's follow-up is past due when it is still only signed or awaiting
      ratification and one of its provisions, or a pledge made under it (a pledge whose
      "from document" is it), is overdue by the rules above. Its days late are those of
      its most overdue item.

    ``days_late`` counts days after the end of the due period: the day after it is one.
    """
    today = service.clock()
    items: list[OverdueItem] = []
    late_children: dict[int, list[OverdueItem]] = defaultdict(list)
    with service.db.reading() as session:
        connection = session.connection()
        for row in map(_Late._make, connection.execute(_late_records(today))):
            item = _late_item(row, today)
            items.append(item)
            owner = row.parent_id if row.kind != PLEDGE else row.from_document_id
            if owner is not None:
                late_children[owner].append(item)
        items.extend(_late_documents(connection, late_children))
    return sorted(items, key=lambda i: (-i.days_late, i.title.casefold(), i.record_id))


def _late_records(today: date) -> Select[Any]:
    """Late pledges and provisions by id, each pledge with what was delivered against it.

    The SQL twin of ``periods.is_overdue`` (as ``query.overdue_condition``), with the
    deliveries summed once per pledge rather than looked up per record.
    """
    delivered = delivered_per_pledge().subquery()
    done = func.coalesce(delivered.c.total, "0")
    pledged = func.coalesce(untyped(Record.amount.expression), untyped(Record.quantity.expression))
    unmet = case(
        (pledged.is_(None), func.coalesce(delivered.c.count, 0) == 0),
        else_=func.decimal_compare(done, pledged) < 0,
    )
    late_pledge = and_(
        Record.kind == PLEDGE,
        Record.status.not_in([s.value for s in CLOSED_PLEDGE_STATUSES]),
        unmet,
    )
    late_provision = and_(
        Record.kind == RecordKind.PROVISION.value,
        Record.status.not_in([s.value for s in CLOSED_PROVISION_STATUSES]),
    )
    return (
        select(
            *(getattr(Record, name) for name in _Late._fields[:-1]),
            done.label("delivered"),
        )
        .outerjoin(delivered, delivered.c.pledge_id == Record.id)
        .where(
            Record.deleted_at.is_(None),
            Record.due_end.is_not(None),
            Record.due_end < today,
            or_(late_pledge, late_provision),
        )
        .order_by(Record.id)
    )


def _late_documents(
    connection: Connection, late_children: Mapping[int, list[OverdueItem]]
) -> Iterator[OverdueItem]:
    """The documents still awaiting follow-up among the owners of late items."""
    owners = sorted(late_children)
    for start in range(0, len(owners), OWNERS_PER_QUERY):
        documents = connection.execute(
            select(Record.id, Record.slug, Record.kind, Record.title, Record.status).where(
                Record.id.in_(owners[start : start + OWNERS_PER_QUERY]),
                Record.kind == RecordKind.DOCUMENT.value,
                Record.deleted_at.is_(None),
                Record.status.in_([s.value for s in AWAITING_FOLLOW_UP]),
            )
        )
        for document in documents:
            late = sorted(late_children[document.id], key=lambda i: -i.days_late)
            worst = late[0]
            names = ", ".join(i.title for i in late)
            yield OverdueItem(
                record_id=document.id,
                slug=document.slug,
                kind=document.kind,
                title=document.title,
                status=document.status,
                due_end=worst.due_end,
                days_late=worst.days_late,
                reason=_("still {replace}; overdue: {names}").format(
                    replace=document.status.replace("_", " "), names=names
                ),
            )


def _late_item(row: _Late, today: date) -> OverdueItem:
    days = (today - row.due_end).days
    same = (row.id, row.slug, row.kind, row.title, row.status, row.due_end, days)
    if row.kind != PLEDGE:
        status = row.status.replace("_", " ")
        return OverdueItem(
            *same, _("due by {due_end}, still {status}").format(due_end=row.due_end, status=status)
        )
    pledged = row.amount if row.amount is not None else row.quantity
    delivered = Decimal(row.delivered)
    unit = (
        (row.currency or row.currency_as_written or "")
        if row.amount is not None
        else (row.unit or "")
    )
    if pledged is None:
        reason = _("due by {due_end}; nothing delivered").format(due_end=row.due_end)
    else:
        reason = _("due by {due_end}; {amount_text} of {amount_text2} delivered").format(
            due_end=row.due_end,
            amount_text=amount_text(delivered, unit),
            amount_text2=amount_text(pledged, unit),
        )
    return OverdueItem(*same, reason, pledged, delivered, unit)
