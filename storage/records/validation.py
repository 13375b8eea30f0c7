"""Checks on values a user or a file supplies, each failing with a message naming the field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from storage.errors import ValidationError
from storage.i18n import _
from storage.records.periods import Period
from storage.schema.enums import Binding, Category, DocumentKind, Qualifier, RecordKind
from storage.wording import field_label

E = TypeVar("E", bound=StrEnum)

MAX_TITLE_CHARS = 1_000
MAX_SHORT_CHARS = 200
MAX_LABEL_CHARS = 32  # a category: its column holds 32 characters
# An area: a navigation entry's name, which the navigation elides. Longer than a category's,
# as the seeded article's own areas reach 42 ("fight against terrorism and hybrid threats"):
# at 32, undoing a change that had replaced them was refused as a new, too long area.
MAX_AREA_CHARS = 48
MAX_TEXT_CHARS = 100_000
# A note may hold a long pasted report; 16 Mi characters keeps a save well under a second.
MAX_NOTE_CHARS = 16 * 1024 * 1024
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: a larger number names no row
# ASCII digits only: str.isdigit() also accepts "²" and "٢", which int() or a slug mistake for 2.
RECORD_NUMBER = re.compile(r"(#?)([0-9]+)")


def clean_text(value: object, field: str, *, limit: int, required: bool = False) -> str:
    """Any valid Unicode text; NUL, lone surrogates and oversize text are refused."""
    if not isinstance(value, str):
        raise ValidationError(
            _("{field_label} must be text, not {type}").format(
                field_label=field_label(field), type=type(value).__name__
            ),
            field=field,
        )
    if "\x00" in value:
        raise ValidationError(
            _("{field_label} contains a NUL character, which cannot be stored").format(
                field_label=field_label(field)
            ),
            field=field,
        )
    if SURROGATE.search(value):
        raise ValidationError(
            _("{field_label} contains a broken character (a lone UTF-16 surrogate)").format(
                field_label=field_label(field)
            ),
            field=field,
        )
    if len(value) > limit:
        raise ValidationError(
            _("{field_label} is {count:,} characters long; the limit is {limit:,}").format(
                field_label=field_label(field), count=len(value), limit=limit
            ),
            field=field,
        )
    if required and not value.strip():
        raise ValidationError(
            _("{field_label} must not be empty").format(field_label=field_label(field)), field=field
        )
    return value


def record_number(ref: str) -> tuple[int, bool] | None:
    """``(number, marked)`` when ``ref`` is a record number ("12", or "#12", marked), else None.

    A number too large for any row comes back as ``MAX_ROW_ID + 1``, so that it names no row.
    """
    match = RECORD_NUMBER.fullmatch(ref)
    if match is None:
        return None
    digits = match.group(2).lstrip("0") or "0"
    return (int(digits) if len(digits) <= 19 else MAX_ROW_ID + 1), bool(match.group(1))


def names_a_row(number: int) -> bool:
    """Whether ``number`` can be a row's id (SQLite raises on integers beyond 64 bits)."""
    return 0 < number <= MAX_ROW_ID


def optional_short_text(value: object, field: str) -> str | None:
    """A short label such as a unit or a currency as written, or nothing."""
    if value is None or value == "":
        return None
    return clean_text(value, field, limit=MAX_SHORT_CHARS)


def optional_date(value: object, field: str) -> date | None:
    """A calendar date, from a date or ISO text; empty means unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                _("{field_label} must be a date like 2025-08-24, not {value!r}").format(
                    field_label=field_label(field), value=value
                ),
                field=field,
            ) from None
    raise ValidationError(
        _("{field_label} must be a date, not {type}").format(
            field_label=field_label(field), type=type(value).__name__
        ),
        field=field,
    )


# Commas group thousands, three digits each, before any point: "1,500,000.5". A comma
# elsewhere ("1,5", a decimal comma) is not read as a grouping to drop, which made it 15.
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _ungrouped(text: str) -> str:
    """The number's text without its grouping commas; a misplaced comma is left to fail."""
    stripped = text.strip()
    return stripped.replace(",", "") if GROUPED.fullmatch(stripped) else stripped


def optional_decimal(value: object, field: str) -> Decimal | None:
    """An exact non-negative number; floats are refused because they are not exact."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | float):
        raise ValidationError(
            _("{field_label} must be an exact number, given as text").format(
                field_label=field_label(field)
            ),
            field=field,
        )
    if not isinstance(value, str | int | Decimal):
        raise ValidationError(
            _("{field_label} must be a number, not {type}").format(
                field_label=field_label(field), type=type(value).__name__
            ),
            field=field,
        )
    try:
        number = Decimal(_ungrouped(value) if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            _("{field_label} must be a number, not {value!r}").format(
                field_label=field_label(field), value=value
            ),
            field=field,
        ) from None
    if not number.is_finite():
        raise ValidationError(
            _("{field_label} must be a finite number, not {value!r}").format(
                field_label=field_label(field), value=value
            ),
            field=field,
        )
    if number < 0:
        raise ValidationError(
            _("{field_label} must not be negative").format(field_label=field_label(field)),
            field=field,
        )
    if abs(number.adjusted()) > 30:
        raise ValidationError(
            _("{field_label} is out of range: {value!r}").format(
                field_label=field_label(field), value=value
            ),
            field=field,
        )
    return number


def optional_currency(value: object, field: str = "currency") -> str | None:
    """An ISO 4217 code such as CAD; a symbol alone belongs in "currency as written"."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not CURRENCY_CODE.match(value.strip().upper()):
        raise ValidationError(
            _(
                "{field_label} must be a three-letter ISO code such as CAD or USD, not {value!r}"
            ).format(field_label=field_label(field), value=value),
            field=field,
        )
    return value.strip().upper()


def enum_value(enum: type[E], value: object, field: str) -> E:
    """One member of a closed vocabulary."""
    try:
        return enum(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValidationError(
            _("{field_label} must be one of {allowed}; not {value!r}").format(
                field_label=field_label(field), allowed=allowed, value=value
            ),
            field=field,
        ) from None


def optional_enum(enum: type[E], value: object, field: str) -> E | None:
    """A member of a vocabulary, or nothing."""
    if value is None or value == "":
        return None
    return enum_value(enum, value, field)


def optional_period(value: object, field: str = "due") -> Period | None:
    """A due period: a day, month, quarter or year."""
    if value is None or value == "":
        return None
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    raise ValidationError(
        _("{field_label} must be a period such as 2025-09").format(field_label=field_label(field)),
        field=field,
    )


def text_list(value: object, field: str) -> tuple[str, ...]:
    """A list of short labels, without duplicates, in the given order."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(
            _("{field_label} must be a list").format(field_label=field_label(field)), field=field
        )
    seen: dict[str, None] = {}
    for item in value:
        seen[clean_text(item, field, limit=MAX_SHORT_CHARS, required=True).strip()] = None
    return tuple(seen)


def free_labels(value: object, field: str, *, known: Iterable[str] = ()) -> tuple[str, ...]:
    """Free labels (categories, areas): trimmed, inner spaces collapsed, duplicates that
    differ only in case merged, each spelled as the ``known`` one it matches (one in use).

    A new label may be at most MAX_LABEL_CHARS long (an area MAX_AREA_CHARS); a known one
    is kept as it is.
    """
    limit = MAX_AREA_CHARS if field == "tags" else MAX_LABEL_CHARS
    spelled = {label.casefold(): label for label in known}
    merged: dict[str, str] = {}
    for item in text_list(value, field):
        text = " ".join(item.split())
        key = text.casefold()
        if key not in spelled and len(text) > limit:
            raise ValidationError(
                _("{field}: “{text}” is {count} characters long; the limit is {limit}").format(
                    field=field_label(field), text=text, count=len(text), limit=limit
                ),
                field=field,
            )
        merged.setdefault(key, spelled.get(key, text))
    return tuple(merged.values())


def categories(value: object, field: str = "categories") -> tuple[str, ...]:
    """Pledge categories: free labels, the closed list's members only suggestions."""
    return free_labels(value, field, known=[category.value for category in Category])


Coercer = Callable[[object, str], Any]

FIELD_COERCERS: dict[str, Coercer] = {
    "title": lambda v, f: clean_text(v, f, limit=MAX_TITLE_CHARS, required=True).strip(),
    "summary": lambda v, f: clean_text(v, f, limit=MAX_TEXT_CHARS),
    "document_kind": lambda v, f: enum_value(DocumentKind, v, f).value,
    "binding": lambda v, f: enum_value(Binding, v, f).value,
    "signed_on": optional_date,
    "announced_on": optional_date,
    "amount": optional_decimal,
    "quantity": optional_decimal,
    "equivalent_amount": optional_decimal,
    "currency": optional_currency,
    "currency_as_written": optional_short_text,
    "equivalent_as_written": optional_short_text,
    "unit": optional_short_text,
    "qualifier": lambda v, f: q.value if (q := optional_enum(Qualifier, v, f)) else None,
    "due": optional_period,
    "tags": text_list,
    "categories": categories,
    "parties": text_list,
    "donor": optional_short_text,
    "recipient": optional_short_text,
}

FIELDS_BY_KIND: dict[RecordKind, frozenset[str]] = {
    RecordKind.DOCUMENT: frozenset(
        {"title", "summary", "document_kind", "binding", "signed_on", "tags", "parties"}
    ),
    RecordKind.PROVISION: frozenset({"title", "summary"}),
    RecordKind.PLEDGE: frozenset(
        {
            "title",
            "summary",
            "amount",
            "quantity",
            "equivalent_amount",
            "currency",
            "currency_as_written",
            "equivalent_as_written",
            "unit",
            "qualifier",
            "announced_on",
            "due",
            "categories",
            "donor",
            "recipient",
        }
    ),
}


def coerce_changes(kind: RecordKind, changes: dict[str, object]) -> dict[str, Any]:
    """Validate every changed field of a record of ``kind``; unknown fields are refused."""
    allowed = FIELDS_BY_KIND[kind]
    result: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in allowed:
            raise ValidationError(
                _("a {value} has no field {field_label!r} to edit").format(
                    value=kind.value, field_label=field_label(name)
                ),
                field=name,
            )
        result[name] = FIELD_COERCERS[name](value, name)
    if result.get("amount") is not None and result.get("quantity") is not None:
        raise ValidationError(_("give an amount of money or a quantity, not both"), field="amount")
    return result
