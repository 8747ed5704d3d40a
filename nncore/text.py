"""Making text from files and servers safe to print: one line, no control characters."""

from __future__ import annotations

import unicodedata

# Long enough for any real message; a hostile file cannot flood the terminal.
MAX_CHARS = 1000


def one_line(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` as a single printable line of at most ``limit`` characters.

    Line breaks and tabs become spaces and runs of spaces collapse; every other control
    or format character (escape sequences, bidi overrides, zero-width marks) is
    dropped, so text read from a file or a server cannot move the cursor, recolour the
    terminal or hide what it says. Longer text is cut with ``…``.
    """
    kept = []
    for char in str(text):
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(char)
    line = " ".join("".join(kept).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe(exc: BaseException) -> str:
    """``exc``'s message on one line, or its type name when it has none."""
    return one_line(str(exc) or type(exc).__name__)


def N_(message: str) -> str:
    """Marks ``message`` for nnlab's translation catalogs (``tui/i18n`` reads nncore's
    marks too). nncore itself speaks English; the app translates a ``Phrase`` it shows."""
    return message


class Phrase:
    """Words to show a person: ``template`` (marked with ``N_``) filled with ``fields``.

    ``str()`` is the English; the app looks ``template`` up in its catalog and fills it
    the same way (``tui.i18n.explain``), so nncore carries words without knowing the
    language. A field may itself be a ``Phrase`` (a reason inside a sentence).
    """

    def __init__(self, template: str, **fields: object) -> None:
        self.template = template
        self.fields = fields

    def __str__(self) -> str:
        return self.template.format(**{k: str(v) for k, v in self.fields.items()})

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, **{self.fields!r})"


class Worded(Exception):
    """An exception whose message is a ``Phrase``: ``raise Worded(N_("… {path} …"),
    path=p)``. Mixed in before a built-in base (``class X(Worded, ValueError)``)."""

    def __init__(self, template: str | Phrase, **fields: object) -> None:
        self.phrase = template if isinstance(template, Phrase) else Phrase(template, **fields)
        super().__init__(str(self.phrase))
