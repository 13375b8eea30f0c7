"""Exchange rates: the service's one API that reads and writes them, and conversion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import NotFoundError, ValidationError
from storage.i18n import _
from storage.records.validation import (
    MAX_TEXT_CHARS,
    clean_text,
    optional_currency,
    optional_date,
    optional_decimal,
)
from storage.schema.models import ExchangeRate, Record

if TYPE_CHECKING:
    from storage.service import AccordsService

# Converting with an inverse rate divides; the quotient is rounded to this many places.
INVERSE_PLACES = Decimal("0.01")
# Enough digits that multiplying any stored amount by any stored rate is exact.
EXACT_DIGITS = 80


@dataclass(frozen=True, slots=True)
class RateView:
    """One exchange rate: 1 ``from_currency`` = ``rate`` ``to_currency`` on ``on_date``."""

    id: int
    from_currency: str
    to_currency: str
    rate: Decimal
    on_date: date
    source: str
    version: int


class Rates:
    """The exchange rates of one database (``service.rates``): the one way they are written.

    A rate says what 1 ``from_currency`` was worth in ``to_currency`` on a day; currencies
    are ISO 4217 codes and a rate is an exact positive number (text, int or Decimal, never
    a float). Each call is one transaction.
    """

    def __init__(self, service: AccordsService) -> None:
        self.service = service

    def set(
        self, from_ccy: str, to_ccy: str, rate: object, on_date: date | str, source: str = ""
    ) -> int:
        """Store a rate for a pair and day, replacing one for the same pair and day; its id."""
        pair_from, pair_to = _pair(from_ccy, to_ccy)
        value = _rate(rate)
        day = _day(on_date)
        note = _source(source)
        with self.service.db.writing() as session:
            row = _rate_on(session, pair_from, pair_to, day)
            if row is None:
                row = ExchangeRate(from_currency=pair_from, to_currency=pair_to, on_date=day)
                session.add(row)
            row.rate = value
            row.source = note
            session.flush()
            return row.id

    def find(self, from_ccy: str, to_ccy: str, on_date: date | str) -> RateView | None:
        """The rate stored for a pair on exactly that day, if any (the one ``set`` replaces)."""
        pair_from, pair_to = _pair(from_ccy, to_ccy)
        with self.service.db.reading() as session:
            row = _rate_on(session, pair_from, pair_to, _day(on_date))
            return None if row is None else _rate_view(row)

    def restore(self, rate: RateView) -> None:
        """Put back a removed rate under its own id, as it was when removed (for Undo)."""
        with self.service.db.writing() as session:
            taken = _rate_on(session, rate.from_currency, rate.to_currency, rate.on_date)
            if taken is not None:
                raise ValidationError(
                    _(
                        "a rate for {from_currency} to {to_currency} on {isoformat} was stored "
                        "since; that one is kept."
                    ).format(
                        from_currency=rate.from_currency,
                        to_currency=rate.to_currency,
                        isoformat=rate.on_date.isoformat(),
                    )
                )
            session.add(
                ExchangeRate(
                    id=rate.id,
                    from_currency=rate.from_currency,
                    to_currency=rate.to_currency,
                    rate=rate.rate,
                    on_date=rate.on_date,
                    source=rate.source,
                )
            )

    def update(
        self,
        rate_id: int,
        *,
        rate: object = None,
        on_date: date | str | None = None,
        source: str | None = None,
    ) -> RateView:
        """Change the rate, day or source of a stored rate; returns it as stored now."""
        value = None if rate is None else _rate(rate)
        day = None if on_date is None else _day(on_date)
        note = None if source is None else _source(source)
        with self.service.db.writing() as session:
            row = _rate_row(session, rate_id)
            if value is not None:
                row.rate = value
            if day is not None:
                row.on_date = day
            if note is not None:
                row.source = note
            session.flush()
            return _rate_view(row)

    def put_back(self, rate: RateView) -> RateView:
        """Give a stored rate the value, day and source ``rate`` had (for Undo)."""
        return self.update(rate.id, rate=rate.rate, on_date=rate.on_date, source=rate.source)

    def all(self) -> list[RateView]:
        """Every stored rate, by pair and then newest first."""
        with self.service.db.reading() as session:
            rows = session.scalars(
                select(ExchangeRate).order_by(
                    ExchangeRate.from_currency,
                    ExchangeRate.to_currency,
                    ExchangeRate.on_date.desc(),
                    ExchangeRate.id,
                )
            )
            return [_rate_view(row) for row in rows]

    def get(self, rate_id: int) -> RateView:
        """One stored rate."""
        with self.service.db.reading() as session:
            return _rate_view(_rate_row(session, rate_id))

    def remove(self, rate_id: int) -> RateView:
        """Remove a stored rate; returns what it was, so that it can be restored."""
        with self.service.db.writing() as session:
            row = _rate_row(session, rate_id)
            view = _rate_view(row)
            session.delete(row)
            return view

    def currencies(self) -> list[str]:
        """Every ISO code used by a pledge or by a rate, alphabetically: the reporting choices."""
        with self.service.db.reading() as session:
            codes = set(
                session.scalars(
                    select(Record.currency)
                    .distinct()
                    .where(Record.currency.is_not(None), Record.deleted_at.is_(None))
                )
            )
            codes |= set(session.scalars(select(ExchangeRate.from_currency).distinct()))
            codes |= set(session.scalars(select(ExchangeRate.to_currency).distinct()))
        return sorted(code for code in codes if code)


class RatesOnDay:
    """The rates in force on a day, with the inverse of each pair as a fallback."""

    def __init__(self, session: Session, day: date) -> None:
        newest: dict[tuple[str, str], tuple[date, Decimal]] = {}
        for row in session.execute(
            select(
                ExchangeRate.from_currency,
                ExchangeRate.to_currency,
                ExchangeRate.on_date,
                ExchangeRate.rate,
            )
            .where(ExchangeRate.on_date <= day)
            .order_by(ExchangeRate.on_date, ExchangeRate.id)
        ):
            newest[(row.from_currency, row.to_currency)] = (row.on_date, row.rate)
        self.newest = newest

    def convert(self, amount: Decimal, from_ccy: str, to_ccy: str) -> Decimal | None:
        """``amount`` of ``from_ccy`` in ``to_ccy``, or None when no rate says.

        A direct rate multiplies exactly. An inverse rate divides, rounded half-even to
        ``INVERSE_PLACES``. When both exist the newer wins, the direct one on a tie.
        """
        if from_ccy == to_ccy:
            return amount
        direct = self.newest.get((from_ccy, to_ccy))
        inverse = self.newest.get((to_ccy, from_ccy))
        with localcontext() as context:
            context.prec = EXACT_DIGITS
            if direct is not None and (inverse is None or direct[0] >= inverse[0]):
                return _plain(amount * direct[1])
            if inverse is not None:
                return _plain((amount / inverse[1]).quantize(INVERSE_PLACES, ROUND_HALF_EVEN))
        return None


def _pair(from_ccy: str, to_ccy: str) -> tuple[str, str]:
    pair_from = optional_currency(from_ccy, "from_currency")
    pair_to = optional_currency(to_ccy, "to_currency")
    if pair_from is None or pair_to is None:
        raise ValidationError(
            _("a rate needs two currencies, such as CAD and USD"), field="currency"
        )
    if pair_from == pair_to:
        raise ValidationError(
            _("a rate converts between two currencies; both are {pair_from}").format(
                pair_from=pair_from
            ),
            field="currency",
        )
    return pair_from, pair_to


def _rate(value: object) -> Decimal:
    number = optional_decimal(value, "rate")
    if number is None or number == 0:
        raise ValidationError(_("a rate must be a number above zero, such as 0.7312"), field="rate")
    return number


def _source(text: str) -> str:
    return clean_text(text, "rate_source", limit=MAX_TEXT_CHARS).strip()


def _day(value: object) -> date:
    day = optional_date(value, "rate_date")
    if day is None:
        raise ValidationError(_("a rate needs the day it applies to"), field="on_date")
    return day


def _rate_on(session: Session, from_ccy: str, to_ccy: str, day: date) -> ExchangeRate | None:
    return session.scalars(
        select(ExchangeRate).where(
            ExchangeRate.from_currency == from_ccy,
            ExchangeRate.to_currency == to_ccy,
            ExchangeRate.on_date == day,
        )
    ).one_or_none()


def _rate_row(session: Session, rate_id: int) -> ExchangeRate:
    row = session.get(ExchangeRate, rate_id)
    if row is None:
        raise NotFoundError(_("There is no exchange rate {rate_id}.").format(rate_id=rate_id))
    return row


def _rate_view(row: ExchangeRate) -> RateView:
    return RateView(
        row.id, row.from_currency, row.to_currency, row.rate, row.on_date, row.source, row.version
    )


def _plain(value: Decimal) -> Decimal:
    """A Decimal without trailing zeros after the point, and never in exponent form."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
