"""argparse's own words ("usage:", "options", its error messages) in nnlab's language.

argparse says them through its module's ``_`` (Python's global gettext domain, where
nnlab has no catalog) at the moment it uses them: building a parser (the group titles,
``-h``'s help), formatting help and usage, parsing (the errors). :func:`in_our_words`
wraps those methods of nnlab's parser so that, while one runs, argparse's ``_`` is
nnlab's, and argparse's English msgids are looked up in ko.po / ja.po; then the old
``_`` is put back, so no other parser in the process (pytest's, a script's under
``nnlab run``) is touched. In English nnlab's ``_`` returns the msgid itself, so the
output is argparse's unchanged.

The msgids are Python 3.11's, listed with ``N_`` so that extraction puts them in the
catalogs; a Python that words one differently shows that one in English. Their
``%s`` / ``%(name)r`` fields are argparse's: a translation keeps each of them
(``tests/test_cli_languages.py`` checks it).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from typing import TypeVar

from tui.i18n import N_, _

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""Every argparse phrase an nnlab command line can show (nnlab's parsers take no fixed
count of values, so argparse's one plural, "expected %s arguments", never shows)."""

F = TypeVar("F", bound=Callable)


def in_our_words(method: F) -> F:
    """``method`` of an argparse parser, run with argparse speaking nnlab's language."""

    @functools.wraps(method)
    def wrapped(*args, **kwargs):
        theirs = argparse._
        argparse._ = _
        try:
            return method(*args, **kwargs)
        finally:
            argparse._ = theirs

    return wrapped  # type: ignore[return-value]
