"""argparse's help laid out by terminal cells, so Korean and Japanese help fits too.

argparse wraps help with ``textwrap``, which counts characters: a Korean or Japanese
character takes two cells, so its lines came out up to twice the terminal's width, and
the usage's second line was indented by the characters of "사용법: ", not its cells.
Korean breaks lines between words, as English does; Japanese writes no spaces, so a
line may break between any two of its characters, but not before a closing mark
(``、`` ``。`` ``)``): the rule of 禁則処理 that matters most in help text.
"""

from __future__ import annotations

import argparse
import unicodedata

from tui.i18n import _

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


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells (a unit wider than that alone on its
    line, cut by cells); runs of spaces become one."""
    from rich.cells import cell_len, chop_cells

    lines: list[str] = []
    line = ""
    for space, unit in _units(text):
        joined = f"{line} {unit}" if line and space else line + unit
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        *full, line = chop_cells(unit, max(1, width)) if cell_len(unit) > width else [unit]
        lines += full
    if line:
        lines.append(line)
    return lines


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" for char in text)


class CellFormatter(argparse.HelpFormatter):
    """argparse's help formatter, measuring in cells (see the module's text). Text with
    no wide character is left to argparse, so English help is argparse's own."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_cells(text, width) if _wide(text) else super()._split_lines(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_cells(text, width - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        if prefix is None:
            prefix = _("usage: ")
        if not _wide(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        from rich.cells import cell_len

        # argparse indents the usage's next lines by len(prefix): add what the prefix
        # takes beyond that in cells, and wrap that much narrower.
        extra = cell_len(prefix) - len(prefix)
        self._width -= extra
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line else line for line in rest)])
