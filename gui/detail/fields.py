"""Which fields the Overview shows for each kind of record, how they are edited and read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from storage.i18n import N_, _, format_exact, format_number, read_number
from storage.records.data import RecordDetail
from storage.records.validation import FIELDS_BY_KIND
from storage.schema.enums import Binding, DocumentKind, Qualifier, RecordKind, label
from storage.wording import field_label

# LINE: one-line entry; WRAP: one logical line shown wrapped; TEXT: paragraphs; LIST: wrapped,
# comma-separated values.
# PARTY: a party picked from those known or typed new.
LINE, WRAP, TEXT, COMBO, LIST, PARTY = "line", "wrap", "text", "combo", "list", "party"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """An editable field: its name in the service, its kind of editor (its label follows)."""

    name: str
    editor: str = LINE
    choices: tuple[tuple[str, str], ...] = ()  # (label, stored value) for combos
    hint: str = ""
    max_length: int = 0  # characters a one-line editor accepts; 0: no limit
    number: bool = False  # shown and typed as the language writes numbers

    @property
    def title(self) -> str:
        """The field's label, the words every message about it uses too."""
        return field_label(self.name)


def _choices(values: tuple[str, ...], *, empty: str | None = None) -> tuple[tuple[str, str], ...]:
    head = ((empty, ""),) if empty is not None else ()
    return head + tuple((label(value), value) for value in values)


TITLE = FieldSpec("title", WRAP)
SUMMARY = FieldSpec("summary", TEXT)
DATE_HINT = N_("YYYY-MM-DD, empty if unknown")

DOCUMENT_FIELDS = (
    TITLE,
    SUMMARY,
    FieldSpec("document_kind", COMBO, _choices(tuple(DocumentKind))),
    FieldSpec("binding", COMBO, _choices(tuple(Binding))),
    FieldSpec("signed_on", hint=DATE_HINT),
)
PLEDGE_FIELDS = (
    TITLE,
    SUMMARY,
    FieldSpec("donor", PARTY, hint=N_("a party, or type a new one")),
    FieldSpec("recipient", PARTY, hint=N_("a party, or type a new one")),
    FieldSpec("amount", hint=N_("money, e.g. 700,000,000"), number=True),
    FieldSpec("currency", hint=N_("ISO code such as CAD"), max_length=3),
    FieldSpec("currency_as_written", hint=N_("e.g. $ or Canadian dollars")),
    FieldSpec("qualifier", COMBO, _choices(tuple(Qualifier), empty=N_("(none)"))),
    FieldSpec("quantity", hint=N_("a count instead of money"), number=True),
    FieldSpec("unit", hint=N_("e.g. people")),
    FieldSpec("announced_on", hint=DATE_HINT),
    FieldSpec("due", hint=N_("2025-09-30, 2025-09, 2025-Q3 or 2025")),
)
EDITABLE: dict[RecordKind, tuple[FieldSpec, ...]] = {
    RecordKind.DOCUMENT: DOCUMENT_FIELDS,
    RecordKind.PROVISION: (TITLE, SUMMARY),
    RecordKind.PLEDGE: PLEDGE_FIELDS,
}
assert all(
    {spec.name for spec in specs} <= FIELDS_BY_KIND[kind] for kind, specs in EDITABLE.items()
)

# Read-only facts as (annotation field name, label); "document" is the seed's name for it.
FACTS: dict[RecordKind, tuple[tuple[str, str], ...]] = {
    kind: tuple((name, field_label(name)) for name in names)
    for kind, names in (
        (RecordKind.DOCUMENT, ("status", "incoming", "provisions")),
        (RecordKind.PROVISION, ("status", "parent")),
        (RecordKind.PLEDGE, ("status", "announced_by", "document", "equivalent_amount")),
    )
}


# The lists each kind of record holds, edited in the Overview by gui.detail.structure.
LISTS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.DOCUMENT: ("parties", "signatories", "relations", "tags"),
    RecordKind.PROVISION: (),
    RecordKind.PLEDGE: ("categories",),
}


def annotatable_fields(kind: RecordKind) -> tuple[tuple[str, str], ...]:
    """Every (name, label) a quote can support, editable fields first."""
    names = tuple((spec.name, spec.title) for spec in EDITABLE[kind])
    lists = tuple((name, field_label(name)) for name in LISTS[kind])
    facts = tuple(f for f in FACTS[kind] if f[0] not in ("provisions", "parent", "incoming"))
    return names + lists + facts


def number(value: Decimal | None) -> str:
    """An exact number as the language writes it ("700 000 000,5" in French), which its
    editor reads back (``read_number``)."""
    return "" if value is None else format_exact(value)


def display(detail: RecordDetail, name: str) -> str:
    """A field's stored value as the text its editor shows (and the service accepts)."""
    row = detail.row
    values: dict[str, Callable[[], str]] = {
        "title": lambda: row.title,
        "summary": lambda: detail.summary,
        "document_kind": lambda: detail.document_kind or "",
        "binding": lambda: detail.binding or "",
        "signed_on": lambda: detail.signed_on.isoformat() if detail.signed_on else "",
        "tags": lambda: ", ".join(detail.tags),
        "amount": lambda: number(row.amount),
        "currency": lambda: row.currency or "",
        "currency_as_written": lambda: row.currency_as_written or "",
        "qualifier": lambda: row.qualifier or "",
        "quantity": lambda: number(row.quantity),
        "unit": lambda: row.unit or "",
        "announced_on": lambda: detail.announced_on.isoformat() if detail.announced_on else "",
        "due": lambda: str(row.due) if row.due else "",
        "donor": lambda: detail.donor or "",
        "recipient": lambda: detail.recipient or "",
        "categories": lambda: ", ".join(detail.categories),
    }
    return values[name]()


def service_value(spec: FieldSpec, text: str) -> object:
    """What to hand the service for an editor's text: lists are split at commas."""
    if spec.editor == LIST:
        return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]
    if spec.editor == WRAP:
        return " ".join(text.splitlines())
    if spec.editor == PARTY:
        return " ".join(text.split())
    if spec.number:
        return read_number(text)
    return text


def fact(detail: RecordDetail, name: str) -> str:
    """The text of a read-only fact."""
    texts: dict[str, Callable[[], str]] = {
        "status": lambda: label(detail.row.status),
        "parties": lambda: ", ".join(detail.parties),
        "signatories": lambda: "\n".join(
            f"{s.person}, {s.title} ({s.party})" for s in detail.signatories
        ),
        "relations": lambda: "\n".join(
            f"{label(r.kind)}: {r.other_title}"
            if r.outgoing
            else _("{other_title} ({replace} this)").format(
                other_title=r.other_title, replace=r.kind.replace("_", " ")
            )
            for r in detail.relations
        ),
        "incoming": lambda: "\n".join(
            f"{r.other_title} ({r.kind.replace('_', ' ')} this)"
            for r in detail.relations
            if not r.outgoing
        ),
        "provisions": lambda: "\n".join(
            f"• {p.title} — {label(p.status).lower()}" for p in detail.provisions
        ),
        "donor": lambda: detail.donor or "",
        "recipient": lambda: detail.recipient or "",
        "announced_by": lambda: detail.announced_by or "",
        "document": lambda: detail.from_document or "",
        "parent": lambda: detail.parent_title or "",
        "equivalent_amount": lambda: equivalent(detail),
    }
    return texts[name]() or "—"


def equivalent(detail: RecordDetail) -> str:
    """The stated equivalent as the article gives it: "$16,000,000 as written"."""
    amount, written = detail.equivalent_amount, detail.equivalent_as_written or ""
    if amount is None:
        return ""
    # A symbol such as "$" goes before the number; words such as "US dollars" after it.
    # Read-only: the number as the language writes it (an editor keeps the service's form).
    shown = format_number(amount)
    if written and not any(char.isalpha() for char in written):
        return _("{written}{number} as written").format(written=written, number=shown)
    if not written:
        return shown
    return _("{number} {written} as written").format(number=shown, written=written)
