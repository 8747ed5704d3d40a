"""nnlab's words in English, Korean and Japanese.

Strings are written in English where they are used and marked ``_("…")`` (or
``ngettext("1 epoch", "{n} epochs", n)`` where a number is counted); the Korean and
Japanese catalogs (``ko.po``, ``ja.po`` beside this file, standard gettext) are read at
run time when that language is chosen, so English costs nothing at launch.
Placeholders are named (``{epoch}``) and filled after translation, so a translator may
move them.
"""

from __future__ import annotations

import gettext

LANGUAGES = {"en": "English", "ko": "한국어", "ja": "日本語"}
"""Each language nnlab speaks, by its code, named in itself."""
SOURCE_LANGUAGE = "en"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
"""The languages with a catalog: every one but the English the strings are written in."""

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """``message`` in the chosen language (itself when the catalog has no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that goes with the count ``n``, translated."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs where it is defined (a constant at import time)
    without translating it; the code that shows it calls ``_()`` on it then."""
    return message


def language() -> str:
    """The code of the language in use: ``"en"``, ``"ko"`` or ``"ja"``."""
    return _language


def use_language(code: str) -> None:
    """Speak ``code`` (a key of :data:`LANGUAGES`) from now on."""
    global _translations, _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}: choose one of {', '.join(LANGUAGES)}")
    if code == SOURCE_LANGUAGE:
        _translations = gettext.NullTranslations()
    else:
        from tui.i18n.catalogs import load_catalog

        _translations = load_catalog(code)
    _language = code
