"""The application's own text in the user's language: gettext catalogues, one for core and window.

The core cannot use Qt's translation system (it never imports Qt), so both the core and the
window read gettext catalogues (``storage/locale/<lang>/LC_MESSAGES/accords.mo``, compiled
from ``.po`` files by the install step). With no catalogue for the language, text stays in
English. Every user-visible string is wrapped: ``_("Save")``, ``ngettext("{n} record",
"{n} records", n)``, ``pgettext("status", "signed")``; ``N_`` marks a string translated later.
"""

from __future__ import annotations

import configparser
import gettext
import os
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

from storage.dayforms import long_day
from storage.numberforms import whole_number

DOMAIN = "accords"
LOCALE_FOLDER = Path(__file__).parent / "locale"


class _Current:
    """The catalogue in use and its language; one per process."""

    translations: gettext.NullTranslations = gettext.NullTranslations()
    language = "en"


def install(language: str) -> str:
    """Use ``language`` (``"fr_CA"``, ``"uk"``, ``"en"``) from now on; return the one in use."""
    found = gettext.translation(DOMAIN, LOCALE_FOLDER, languages=[language], fallback=True)
    _Current.translations = found
    # A fallback is a bare NullTranslations: English, whatever was asked for.
    _Current.language = "en" if type(found) is gettext.NullTranslations else language
    return _Current.language


def in_language(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the current one (to say something in the language
    just chosen)."""
    found = gettext.translation(DOMAIN, LOCALE_FOLDER, languages=[language], fallback=True)
    return found.gettext(message)


def current_language() -> str:
    """The language the text is in now."""
    return _Current.language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _Current.translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name, which the extractor knows
    """Mark ``message`` for translation where it is defined; ``_()`` translates it where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message that fits ``n`` in the current language's plural rules."""
    return _Current.translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same words in another context."""
    return _Current.translations.pgettext(context, message)


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - like N_, with a context
    """Mark ``message`` in ``context`` for translation; ``pgettext(*pair)`` translates it."""
    return context, message


# The languages the window offers, by their own names; English is the text as written.
LANGUAGES: dict[str, str] = {"en": "English", "fr_CA": "Français (Canada)", "uk": "Українська"}
SETTINGS_FILENAME = "settings.ini"  # gui.settings keeps the window's settings in this file
LANGUAGE_SETTING = ("ui", "language")  # its section and key; "" follows the system


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The offered language the system asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, in gettext's order), or ``"en"``."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for wanted in env.get(variable, "").split(":"):
            found = offered(wanted)
            if found:
                return found
    return "en"


def offered(wanted: str) -> str:
    """The offered language ``wanted`` names (``fr_CA.UTF-8`` → ``fr_CA``, ``fr`` → ``fr_CA``,
    ``uk_UA`` → ``uk``), or ``""``."""
    code = wanted.split(".", maxsplit=1)[0].split("@", maxsplit=1)[0].replace("-", "_")
    if not code or code in ("C", "POSIX"):
        return ""
    if code in LANGUAGES:
        return code
    base = code.split("_")[0]
    return next((lang for lang in LANGUAGES if lang.split("_")[0] == base), "")


def chosen_language(settings_file: Path | None) -> str:
    """The language chosen under View > Language in ``settings_file``, or ``""`` for the
    system's. The file is the window's QSettings INI file, read here without Qt."""
    if settings_file is None or not settings_file.is_file():
        return ""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_file, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return ""  # a damaged settings file must not stop the program; the system decides
    return offered(parser.get(*LANGUAGE_SETTING, fallback=""))


def startup_language(settings_file: Path | None) -> str:
    """The language to start in: the one chosen in the window, else the system's."""
    return chosen_language(settings_file) or system_language()


def _babel_locale() -> str:
    return current_language()


def read_number(typed: str) -> str:
    """A number typed as the language writes it ("1 500 000,5" in French, "1,500,000.5" in
    English) in the service's own form ("1500000.5"). Other text comes back as typed, for the
    service to read its way (digits, commas grouping, a point) or to refuse with its message.

    In French and Ukrainian a comma is the decimal sign: "1,5" is one and a half, never 15.
    """
    text = typed.strip()
    if not text:
        return typed
    from babel import numbers

    locale = _babel_locale()
    group = numbers.get_group_symbol(locale)
    # A reader types any space between groups (SI style, common in Canadian English too);
    # Babel reads only the locale's own.
    spaced = group if group.isspace() else ""
    text = "".join(spaced if character.isspace() else character for character in text)
    try:
        value = numbers.parse_decimal(text, locale=locale, strict=True)
    except numbers.NumberFormatError:
        return typed
    return format(value, "f")


def format_number(value: int | float | Decimal) -> str:
    """``22000000000`` as the language writes it: "22,000,000,000", "22 000 000 000"."""
    if isinstance(value, int):
        said = whole_number(value, _babel_locale())
        if said is not None:
            return said
    from babel import numbers  # on first use: the window's start does not wait for Babel

    if isinstance(value, int):
        return numbers.format_decimal(value, locale=_babel_locale())
    return numbers.format_decimal(value, locale=_babel_locale(), decimal_quantization=False)


def format_exact(value: Decimal) -> str:
    """Every digit ``value`` holds, grouped as the language groups them: 700000000.50 is
    "700,000,000.50" in English, "700 000 000,50" in French (``format_number`` drops the 0)."""
    from babel import numbers

    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return numbers.format_decimal(value, format=pattern, locale=_babel_locale())


def format_amount(value: Decimal, unit: str) -> str:
    """An amount with its unit: "22 000 000 000 CAD"; a symbol as written leads: "$700,000"."""
    number = format_number(value)
    if unit and not unit[0].isalnum():
        return f"{unit}{number}"
    return f"{number} {unit}".strip()


def format_day(day: date) -> str:
    """A day as the language writes it in full: "August 24, 2025", "24 août 2025",
    "24 серпня 2025 р."."""
    said = long_day(day, _babel_locale())
    if said is None:
        from babel import dates

        said = dates.format_date(day, format="long", locale=_babel_locale())
    if day.day == 1 and current_language().startswith("fr") and said.startswith("1 "):
        return "1er " + said[2:]  # French writes the first of a month as an ordinal
    return said


def format_month(day: date) -> str:
    """The month of ``day`` as a heading writes it: "August 2025", "août 2025", "серпень 2025"."""
    from babel import dates

    return dates.format_date(day, format="LLLL y", locale=_babel_locale())


# Ukrainian letters in the alphabet's order; Unicode puts ґ, є, і, ї after я, and accent
# stripping would merge й with и and ї with і, which are letters of their own.
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_ALPHABET_PLACE = {
    letter: chr(0xF000 + place) for place, letter in enumerate(UKRAINIAN_ALPHABET)
}  # the private-use area: after every Latin letter, in the alphabet's order


def sort_key(text: str) -> tuple[str, str]:
    """A key that sorts titles as a reader of the language expects, without ICU (PyICU is
    not available): case and Latin accents are ignored first (é sorts with e) and only break
    ties; Cyrillic letters follow the Ukrainian alphabet (є after е, ї after і). Not full
    UCA collation; Russian-only letters (ё, ъ, ы, э) sort after the Ukrainian ones."""
    folded = text.casefold()
    base = "".join(_ALPHABET_PLACE.get(ch) or _without_accents(ch) for ch in folded)
    return base, folded


def _without_accents(character: str) -> str:
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
