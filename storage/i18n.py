"""The application's own text in the user's language: gettext catalogues, one for core and window.

The core cannot use Qt's translation system (it never imports Qt), so both the core and the
window read gettext catalogues (``storage/locale/<lang>/LC_MESSAGES/accords.mo``, compiled
from ``.po`` files by the install step). With no catalogue for the language, text stays in
English. Every user-visible string is wrapped: ``_("Save")``, ``ngettext("{n} record",
"{n} records", n)``, ``pgettext("status", "signed")``; ``N_`` marks a string translated later.
"""

from __future__ import annotations

import gettext
from pathlib import Path

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
