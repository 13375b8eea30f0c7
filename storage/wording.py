"""The words a user reads for fields and counts, in the user's language."""

from __future__ import annotations

from storage.i18n import N_, NP_, _, format_number, ngettext, pgettext

# Every field as the window labels it; messages name fields by these words, never by the
# stored name. Keys are the names the service and validation use.
FIELD_LABELS: dict[str, str] = {
    "title": N_("Title"),
    "summary": N_("Summary"),
    "document_kind": N_("Document kind"),
    "binding": N_("Binding"),
    "signed_on": N_("Signing date"),
    "tags": N_("Areas"),
    "parties": N_("Parties"),
    "amount": N_("Amount"),
    "quantity": N_("Quantity"),
    "equivalent_amount": N_("Stated equivalent"),
    "currency": N_("Currency"),
    "currency_as_written": N_("Currency as written"),
    "equivalent_as_written": N_("Equivalent as written"),
    "unit": N_("Unit"),
    "qualifier": N_("Qualifier"),
    "announced_on": N_("Announcement date"),
    "due": N_("Due"),
    "due_start": N_("Due from"),
    "due_end": N_("Due by"),
    "due_precision": N_("Due precision"),
    "categories": N_("Categories"),
    "donor": N_("Donor"),
    "recipient": N_("Recipient"),
    "signatories": N_("Signatories"),
    "relations": N_("Relations"),
    "provisions": N_("Provisions"),
    "incoming": N_("Related from"),  # other documents' relations to this one
    "parent": N_("Document"),  # a provision's document
    "document": N_("From document"),  # a pledge's document, as the seed names it
    "announced_by": N_("Announced by"),
    "kind": N_("Kind"),
    "status": N_("Status"),
    "comment": N_("Comment"),
    "evidence": N_("Evidence"),
    "note": N_("Note"),
    "delivered_on": N_("Delivery date"),
    "reason": N_("Reason"),
    "from_currency": N_("From currency"),
    "to_currency": N_("To currency"),
    "reporting_currency": N_("Reporting currency"),
    "rate": N_("Rate"),
    "rate_date": N_("Rate date"),
    "rate_source": N_("Rate source"),
}


def field_label(name: str) -> str:
    """A field's name as the window shows it ("signed_on" → "Signing date").

    A name without a label (a key of the seed file, say) is shown as written, spaced.
    """
    known = FIELD_LABELS.get(name)
    return _(known) if known else name.replace("_", " ").capitalize()


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun in the language's plural form: "1 page", "1,000 records",
    "2 записи", "5 записів".

    Every count a user reads goes through here; the extractor reads ``plural(n, "one",
    "many")`` as an ngettext message (babel.cfg's keywords).
    """
    return f"{format_number(count)} {ngettext(one, many, count)}"


# The data-quality rules by the code a finding and its dismissal store.
RULE_LABELS: dict[str, tuple[str, str]] = {
    "ambiguous-currency": NP_("finding rule", "Ambiguous currency"),
    "bound-not-value": NP_("finding rule", "Bound, not a value"),
    "overdue": NP_("finding rule", "Overdue"),
    "contradictory-equivalent": NP_("finding rule", "Contradictory equivalent"),
    "no-signatory": NP_("finding rule", "No signatory"),
    "no-date": NP_("finding rule", "No signing date"),
    "missing-reference": NP_("finding rule", "Missing reference"),
    "drifted-annotation": NP_("finding rule", "Drifted annotation"),
}
# Why a backup was taken, by the code its file name carries.
BACKUP_REASONS: dict[str, tuple[str, str]] = {
    "manual": NP_("backup reason", "manual"),
    "daily": NP_("backup reason", "daily"),
    "before-seed": NP_("backup reason", "before seeding"),
    "before-migration": NP_("backup reason", "before an update"),
    "before-restore": NP_("backup reason", "before a restore"),
    "while-editing": NP_("backup reason", "while editing"),
}


def rule_label(code: str) -> str:
    """A data-quality rule's name as a reader sees it ("no-date" → "No signing date")."""
    known = RULE_LABELS.get(code)
    return pgettext(*known) if known else code


def backup_reason(code: str) -> str:
    """Why a backup was taken, in words ("before-migration" → "before an update")."""
    known = BACKUP_REASONS.get(code)
    return pgettext(*known) if known else code.replace("-", " ")
