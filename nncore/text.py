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


class Phrase(str):
    """Words to show a person: ``template`` (marked with ``N_``) filled with ``fields``.

    The string itself is the English, so a Phrase goes wherever text goes (a
    ``*_problem`` function's answer, an argparse error); the app looks ``template`` up
    in its catalog and fills it the same way (``tui.i18n.explain``), so nncore carries
    words without knowing the language. A field may itself be a ``Phrase`` (a reason
    inside a sentence) or an exception (said as :func:`describe` says it). Without
    fields the template is the text as written, braces and all.
    """

    template: str
    fields: dict[str, object]

    def __new__(cls, template: str, **fields: object) -> Phrase:
        text = template.format(**{k: _said(v) for k, v in fields.items()}) if fields else template
        phrase = super().__new__(cls, text)
        phrase.template = template
        phrase.fields = fields
        return phrase

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, **{self.fields!r})"


VERBATIM = "{text}"
"""The template of ``verbatim``'s phrases."""

FOREIGN_WORDS = frozenset(
    {
        N_("Connection refused"),
        N_("Connection reset by peer"),
        N_("Connection timed out"),
        N_("Network is unreachable"),
        N_("No route to host"),
        N_("Name or service not known"),
        N_("Temporary failure in name resolution"),
        N_("No address associated with hostname"),
        N_("timed out"),
        N_("Permission denied"),
        N_("Operation not permitted"),
        N_("No such file or directory"),
        N_("No space left on device"),
        N_("Disk quota exceeded"),
        N_("Read-only file system"),
        N_("Is a directory"),
        N_("Not a directory"),
        N_("Too many open files"),
        N_("File is not a zip file"),
    }
)
"""The operating system's and libraries' messages a person meets in nnlab (a refused
connection, a missing file, a file that is no zip): nncore passes them on as they come
(``verbatim``, an exception's own message), and the app translates these ones."""


def verbatim(text: object) -> Phrase:
    """``text`` (the OS's or a server's own words) as a ``Phrase`` said as it is in every
    language: its template is no catalog's, so only the field is filled."""
    return Phrase(VERBATIM, text=text)


def listed(phrases: list[Phrase], separator: str = "; ") -> Phrase:
    """``phrases`` one after another, each said in the chosen language (their number
    varies, so the template is built here and is no catalog's)."""
    template = separator.join(f"{{p{i}}}" for i in range(len(phrases)))
    return Phrase(template, **{f"p{i}": phrase for i, phrase in enumerate(phrases)})


def _said(value: object) -> object:
    """A field as the English fills it: an exception described, numbers left for
    ``{n:,}``."""
    return describe(value) if isinstance(value, BaseException) else value


class Worded(Exception):
    """An exception whose message is a ``Phrase``: ``raise Worded(N_("… {path} …"),
    path=p)``. Mixed in before a built-in base (``class X(Worded, ValueError)``)."""

    def __init__(self, template: str | Phrase, **fields: object) -> None:
        self.phrase = template if isinstance(template, Phrase) else Phrase(template, **fields)
        super().__init__(str(self.phrase))


class Refusal(Worded, ValueError):
    """A value nncore refuses, in words: a setting a person chose (a layer width, a
    name, a rate) or one a model file holds."""


class PrintableWorded(Worded):
    """A ``Worded`` whose message quotes a file or a server: ``str()`` is made one
    printable line (see :func:`one_line`), as ``explain`` makes the translation."""

    def __init__(self, template: str | Phrase, **fields: object) -> None:
        super().__init__(template, **fields)
        self.args = (one_line(self.args[0]),)
