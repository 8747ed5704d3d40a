"""nnlab's words in English, Korean and Japanese.

Strings are written in English where they are used and marked ``_("…")`` (or
``ngettext("1 epoch", "{n} epochs", n)`` where a number is counted); the Korean and
Japanese catalogs (``ko.po``, ``ja.po`` beside this file, standard gettext) are read at
run time when that language is chosen, so English costs nothing at launch.
Placeholders are named (``{epoch}``) and filled after translation, so a translator may
move them.

Translate where the text is shown, never at import: the language can change while the
app runs (the screen is rebuilt then, so text made in ``compose`` follows). A constant
defined at import time (a class attribute, a command's label, a task's name) is marked
``N_("…")`` where it is written and passed through ``_()`` where it is shown. nncore
speaks English and carries its words as ``nncore.text.Phrase`` (in a ``Worded``
exception); ``explain`` says them in the chosen language.
"""

from __future__ import annotations

import gettext
import re

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


def explain(said: object) -> str:
    """``said`` (an exception, a ``Phrase`` or anything else) as one printable line in the
    chosen language: a ``Phrase``'s template is translated and its fields filled, each
    field explained in turn; anything else is its ``str`` (an exception without a
    message: its type's name), with the operating system's or a library's words
    translated when nnlab knows them (``nncore.text.FOREIGN_WORDS``)."""
    from nncore.text import VERBATIM, Phrase, one_line

    phrase = getattr(said, "phrase", said)
    if isinstance(phrase, Phrase):
        if phrase.template == VERBATIM:  # another's words, carried as they came
            return one_line(said_foreign(str(phrase.fields["text"])))
        text = _(phrase.template)
        if phrase.fields:  # without fields the template is the text, braces and all
            text = text.format(**{name: _filled(v) for name, v in phrase.fields.items()})
        return one_line(text)
    if isinstance(said, BaseException):
        said = str(said) or type(said).__name__
    return one_line(said_foreign(one_line(said)))


_FOREIGN_SHAPE = re.compile(r"(\[Errno -?\d+\] )?([^:]+)(.*)", re.S)
"""``[Errno 111] Connection refused``, ``No such file or directory: 'x.npz'``: the words
between an errno and a quoted name."""


def said_foreign(text: str) -> str:
    """``text``, another's message, with its words translated when nnlab knows them."""
    from nncore.text import FOREIGN_WORDS

    match = _FOREIGN_SHAPE.fullmatch(text)
    if match is None or match[2] not in FOREIGN_WORDS:
        return text
    return f"{match[1] or ''}{_(match[2])}{match[3]}"


def _filled(value: object) -> object:
    """A field as its template fills it: words explained, numbers left for ``{n:g}``."""
    if isinstance(value, BaseException) or hasattr(value, "template"):
        return explain(value)
    return value


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
