"""argparse's help laid out by terminal cells, so Korean and Japanese help fits too.

argparse wraps help with ``textwrap``, which counts characters: a Korean or Japanese
character takes two cells, so its lines came out up to twice the terminal's width, and
the usage's second line was indented by the characters of "사용법: ", not its cells.
Text with a wide character is wrapped by ``tui.render.line_breaks`` instead.
"""

from __future__ import annotations

import argparse
import unicodedata

from tui.i18n import _
from tui.render.line_breaks import wrap_cells


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
