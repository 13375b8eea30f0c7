"""Due periods with a precision ("in September" is the month 2025-09) and the overdue rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from storage.errors import ValidationError
from storage.i18n import _
from storage.schema.enums import CLOSED_PLEDGE_STATUSES, PledgeStatus, Precision
from storage.wording import field_label

_PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), Precision.QUARTER),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
)


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of calendar time known to a given precision: a day, month, quarter or year."""

    start: date
    precision: Precision

    @property
    def end(self) -> date:
        """The last day of the period, inclusive."""
        if self.precision is Precision.DAY:
            return self.start
        if self.precision is Precision.YEAR:
            return date(self.start.year, 12, 31)
        months = 1 if self.precision is Precision.MONTH else 3
        month_index = self.start.month - 1 + months
        first_after = date(self.start.year + month_index // 12, month_index % 12 + 1, 1)
        return first_after - timedelta(days=1)

    def __str__(self) -> str:
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision is Precision.QUARTER:
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year:04d}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2025-09-30``, ``2025-09``, ``2025-Q3`` or ``2025``."""
        cleaned = text.strip()
        for pattern, precision in _PATTERNS:
            match = pattern.match(cleaned)
            if match:
                return cls._from_match(match, precision, text)
        raise ValidationError(
            _(
                "{field_label} must be a period such as 2025-09-30, 2025-09, 2025-Q3 "
                "or 2025, not {text!r}"
            ).format(field_label=field_label("due"), text=text),
            field="due",
        )

    @classmethod
    def _from_match(cls, match: re.Match[str], precision: Precision, text: str) -> Period:
        year = int(match.group(1))
        try:
            if precision is Precision.DAY:
                start = date(year, int(match.group(2)), int(match.group(3)))
            elif precision is Precision.QUARTER:
                start = date(year, (int(match.group(2)) - 1) * 3 + 1, 1)
            elif precision is Precision.MONTH:
                start = date(year, int(match.group(2)), 1)
            else:
                start = date(year, 1, 1)
        except ValueError as error:
            raise ValidationError(
                _("{field_label} {text!r} is not a real date ({error})").format(
                    field_label=field_label("due"), text=text, error=error
                ),
                field="due",
            ) from None
        return cls(start, precision)


def is_overdue(
    *,
    status: str,
    due_end: date | None,
    pledged: Decimal | None,
    delivered: Decimal,
    delivery_count: int,
    today: date,
) -> bool:
    """A pledge is overdue once its due period has ended without full delivery.

    Without a pledged figure, any recorded delivery counts as full: there is nothing to
    measure the remainder against.
    """
    if due_end is None or due_end >= today:
        return False
    if PledgeStatus(status) in CLOSED_PLEDGE_STATUSES:
        return False
    if pledged is None:
        return delivery_count == 0
    return delivered < pledged
