"""A day written in full in each offered language, without loading Babel at the first frame."""

from __future__ import annotations

from datetime import date

# Babel's (CLDR's) long date form and month names ("format" context: the genitive in
# Ukrainian) for the languages of i18n.LANGUAGES. The table's Date column shows one per
# row at the first frame, and loading Babel and its locale data costs 35 ms of a 0.4 s
# start; tests/storage/test_dayforms.py keeps these equal to Babel's own output.
LONG_FORMS: dict[str, str] = {
    "en": "{month} {day}, {year}",
    "fr_CA": "{day} {month} {year}",
    "uk": "{day} {month} {year}\u202fр.",
}
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "fr_CA": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "uk": (
        "січня", "лютого", "березня", "квітня", "травня", "червня",
        "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
    ),
}  # fmt: skip


def long_day(day: date, language: str) -> str | None:
    """``day`` as Babel's long form writes it in ``language``; None for another language."""
    form = LONG_FORMS.get(language)
    if form is None:
        return None
    return form.format(day=day.day, month=MONTHS[language][day.month - 1], year=day.year)
