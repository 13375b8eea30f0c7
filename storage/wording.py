"""The words a user reads for fields and counts, in one place so a translation can slot in."""

from __future__ import annotations

# Every field as the window labels it; messages name fields by these words, never by the
# stored name. Keys are the names the service and validation use.
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "summary": "Summary",
    "document_kind": "Document kind",
    "binding": "Binding",
    "signed_on": "Signing date",
    "tags": "Areas",
    "parties": "Parties",
    "amount": "Amount",
    "quantity": "Quantity",
    "equivalent_amount": "Stated equivalent",
    "currency": "Currency",
    "currency_as_written": "Currency as written",
    "equivalent_as_written": "Equivalent as written",
    "unit": "Unit",
    "qualifier": "Qualifier",
    "announced_on": "Announcement date",
    "due": "Due",
    "categories": "Categories",
    "donor": "Donor",
    "recipient": "Recipient",
    "signatories": "Signatories",
    "relations": "Relations",
    "provisions": "Provisions",
    "incoming": "Related from",  # other documents' relations to this one
    "parent": "Document",  # a provision's document
    "document": "From document",  # a pledge's document, as the seed names it
    "announced_by": "Announced by",
    "kind": "Kind",
    "status": "Status",
    "comment": "Comment",
    "evidence": "Evidence",
    "note": "Note",
    "delivered_on": "Delivery date",
    "reason": "Reason",
    "from_currency": "From currency",
    "to_currency": "To currency",
    "reporting_currency": "Reporting currency",
    "rate": "Rate",
    "rate_date": "Rate date",
    "rate_source": "Rate source",
}


def field_label(name: str) -> str:
    """A field's name as the window shows it ("signed_on" → "Signing date").

    A name without a label (a key of the seed file, say) is shown as written, spaced.
    """
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun in the right number: "1 page", "2 pages", "1,000 records".

    Every count a user reads goes through here, so that gettext's ngettext (which knows
    the plural rules of each language) can replace the choice below in one place.
    """
    return f"{count:,} {one if count == 1 else many}"
