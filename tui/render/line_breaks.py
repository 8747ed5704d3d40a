"""Text wrapped by terminal cells, for Korean and Japanese as much as for English.

``textwrap`` counts characters, but a Korean or Japanese character takes two cells, so
its lines came out up to twice as wide as asked. Korean breaks lines between words, as
English does; Japanese writes no spaces, so a line may break between any two of its
characters, but not before a closing mark (``、`` ``。`` ``)``): the rule of 禁則処理
that matters most in the app's and the command line's sentences.
"""

from __future__ import annotations

import unicodedata

_CLOSING = set("、。，．・：；？！ー）」』】〉》)]}")
"""Characters a Japanese line may not begin with: they stay on the line before."""


def _breaks_anywhere(char: str) -> bool:
    """A Japanese character (kana, kanji, full-width mark): a line may break beside it.
    Hangul is wide too, but Korean breaks only between words."""
    if unicodedata.east_asian_width(char) not in "WF":
        return False
    return not ("\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff")


def _units(text: str) -> list[tuple[bool, str]]:
    """``text`` as ``(space_before, unit)``: words, and each Japanese character on its
    own, a closing mark kept with the unit before it."""
    units: list[tuple[bool, str]] = []
    space, word = False, ""
    for char in text:
        if char.isspace():
            if word:
                units.append((space, word))
                word = ""
            space = bool(units)
        elif char in _CLOSING and not word and units and not space:
            before, last = units[-1]
            units[-1] = (before, last + char)
        elif _breaks_anywhere(char) and char not in _CLOSING:
            if word:
                units.append((space, word))
                space, word = False, ""
            units.append((space, char))
            space = False
        else:
            word += char
    if word:
        units.append((space, word))
    return units


def wrap_cells(text: str, width: int, *, first: str = "", rest: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, after ``first`` on the first line and
    ``rest`` on the others; a unit wider than its room goes alone on its lines, cut by
    cells. Runs of spaces become one."""
    # Imported here: the command line builds its parsers (and this module) on every run.
    from rich.cells import cell_len, chop_cells

    lines: list[str] = []

    def room() -> int:  # for the line being filled, lines[len(lines)]
        return max(1, width - cell_len(rest if lines else first))

    line = ""
    for space, unit in _units(text):
        joined = f"{line} {unit}" if line and space else line + unit
        if cell_len(joined) <= room():
            line = joined
            continue
        if line:
            lines.append(line)
        while cell_len(unit) > room():
            piece = chop_cells(unit, room())[0]
            lines.append(piece)
            unit = unit[len(piece) :]
        line = unit
    if line:
        lines.append(line)
    return [(rest if i else first) + line for i, line in enumerate(lines)]
