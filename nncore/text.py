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
