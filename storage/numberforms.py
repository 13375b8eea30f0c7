"""A whole number written in each offered language, without loading Babel at the first frame."""

from __future__ import annotations

# The digit group separator of Babel's (CLDR's) decimal form for the languages of
# i18n.LANGUAGES: all three group by threes from the first thousand. The status bar says
# "250,001 records" at the first frame, and loading Babel and its locale data for that one
# number cost 20-30 ms of the start; tests/storage/test_numberforms.py keeps these equal to
# Babel's own output.
GROUP_SEPARATORS: dict[str, str] = {"en": ",", "fr_CA": "\u00a0", "uk": "\u00a0"}


def whole_number(value: int, language: str) -> str | None:
    """``value`` as Babel's ``format_decimal`` writes it in ``language``; None for another
    language."""
    separator = GROUP_SEPARATORS.get(language)
    if separator is None:
        return None
    return f"{value:,}".replace(",", separator)
