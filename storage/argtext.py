"""argparse's own words (usage, options, its errors) in the user's language.

argparse asks gettext's default domain, which Accords does not install; ``translate()`` points
it at Accords' catalogue, where the messages below are marked so that the extractor finds them.
"""

from __future__ import annotations

import argparse

from storage import i18n
from storage.i18n import N_

# The messages a user meets, as argparse writes them (its placeholders are %-style).
MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def translate() -> None:
    """Make argparse speak the current language from now on."""
    # argparse looks its ``_`` and ``ngettext`` up at each call, so replacing them is enough.
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
