"""What the `accords` command prints: records as a table, one record in full, JSON arrays.

The table and the record are for people, in the user's language; the JSON is for programs and
the same in every language (raw stored values, never labels).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from storage.i18n import _
from storage.records.data import RecordDetail, RecordRow
from storage.schema.enums import label
from storage.wording import field_label

__all__ = ["print_detail", "print_table", "row_json", "write_json_array"]


def write_json_array(items: Iterable[Any], out: TextIO) -> None:
    """Write ``items`` as an indented JSON array, one item at a time, then a newline.

    The same text as ``json.dump(list(items), out, ensure_ascii=False, indent=2)``, without
    holding every item at once: ``list --format json`` streams a quarter of a million rows.
    """
    out.write("[")
    separator = "\n  "
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        out.write(separator + text.replace("\n", "\n  "))
        separator = ",\n  "
    out.write("]\n" if separator == "\n  " else "\n]\n")


def row_json(row: RecordRow) -> dict[str, Any]:
    return {
        "id": row.slug,
        "kind": row.kind,
        "title": row.title,
        "status": row.status,
        "parties": row.parties,
        "date": row.key_date.isoformat() if row.key_date else None,
        "amount": None if row.amount is None else str(row.amount),
        "quantity": None if row.quantity is None else str(row.quantity),
        "unit": row.unit,
        "currency": row.currency,
        "currency_as_written": row.currency_as_written,
        "qualifier": row.qualifier,
        "due": str(row.due) if row.due else None,
        "overdue": row.overdue,
        "delivered": None if row.delivered is None else str(row.delivered),
    }


def print_table(rows: Any, out: TextIO) -> None:
    heads = (_("ID"), _("KIND"), _("STATUS"), _("AMOUNT"), _("DUE"))
    print(f"{heads[0]:<50} {heads[1]:<9} {heads[2]:<20} {heads[3]:<28} {heads[4]}", file=out)
    for row in rows:
        late = " " + _("OVERDUE") if row.overdue else ""
        due = f"{row.due}{late}" if row.due else ""
        print(
            f"{row.slug[:50]:<50} {row.kind:<9} {label(row.status):<20} "
            f"{row.amount_label[:28]:<28} {due}",
            file=out,
        )


def print_detail(detail: RecordDetail, out: TextIO) -> None:
    row = detail.row
    lines = [
        f"{row.title}",
        _("  id:        {slug} ({kind}{value})").format(
            slug=row.slug, kind=row.kind, value=_(", in the trash") if row.deleted else ""
        ),
        _("  status:    {label} since {status_since} (recorded {status_recorded:%Y-%m-%d})").format(
            label=label(row.status),
            status_since=detail.status_since,
            status_recorded=detail.status_recorded,
        ),
        _("  parties:   {parties}").format(parties=row.parties),
    ]
    if detail.parent_slug:
        lines.append(
            _("  document:  {parent_title} ({parent_slug})").format(
                parent_title=detail.parent_title, parent_slug=detail.parent_slug
            )
        )
    if detail.signed_on:
        lines.append(_("  signed:    {day}").format(day=detail.signed_on))
    if detail.announced_on:
        lines.append(
            _("  announced: {announced_on} by {value}").format(
                announced_on=detail.announced_on, value=detail.announced_by or "unknown"
            )
        )
    if row.amount_label:
        lines.append(_("  amount:    {amount}").format(amount=row.amount_label))
    if detail.equivalent_amount is not None:
        lines.append(
            _("  stated as: {value}{equivalent_amount:,f}").format(
                value=detail.equivalent_as_written or "", equivalent_amount=detail.equivalent_amount
            )
        )
    if row.due:
        late = "  (" + _("OVERDUE") + ")" if row.overdue else ""
        lines.append(_("  due:       {due}").format(due=row.due) + late)
    if detail.pledged is not None:
        delivered = row.delivered if row.delivered is not None else 0
        lines.append(
            _("  delivered: {delivered:,} (remaining {remainder:,})").format(
                delivered=delivered, remainder=detail.remainder
            )
        )
    lines += [
        _("  signatory: {person}, {title} ({party})").format(
            person=s.person, title=s.title, party=s.party
        )
        for s in detail.signatories
    ]
    if detail.tags or detail.categories:
        covers = ", ".join(detail.tags or [label(c).lower() for c in detail.categories])
        lines.append(_("  covers:    {areas}").format(areas=covers))
    lines += [
        _("  provision: {title} [{label}]").format(title=p.title, label=label(p.status))
        for p in detail.provisions
    ]
    lines += [
        _("  {relation}: {title}").format(relation=label(r.kind).lower(), title=r.other_title)
        if r.outgoing
        else _("  {relation} by: {title}").format(
            relation=label(r.kind).lower(), title=r.other_title
        )
        for r in detail.relations
    ]
    if detail.summary:
        lines += ["", f"  {detail.summary}"]
    lines += ["", _("  History:")]
    lines += [
        _("    {day} {old} -> {new} by {who} (recorded {when})").format(
            day=h.effective_on,
            old=label(h.from_status) if h.from_status else _("New"),
            new=label(h.to_status),
            who=h.changed_by,
            when=f"{h.changed_at:%Y-%m-%d %H:%M}",
        )
        + (": " + h.comment if h.comment else "")
        for h in detail.history
    ]
    if detail.notes:
        lines += ["", _("  Notes:")]
        lines += [f"    [{n.id}] {n.body}" for n in detail.notes]
    lines += ["", _("  Quotes:")]
    lines += [
        f"    {field_label(a.field) if a.field else _('Whole record')}: \u201c{a.quote}\u201d"
        for a in detail.annotations
    ]
    print("\n".join(lines), file=out)
