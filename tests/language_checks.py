"""What a look at a screen in Korean or Japanese checks, beside ``cut_text``'s cuts: no
line wider than the terminal, no English sentence left (``english_left``; names and code
allowed), no marked string shown untranslated, and the gate truth table's and the
confusion matrix's columns in line. ``screens_in(app)`` gathers them for a walk."""

from __future__ import annotations

import re
from functools import cache

from cut_text import meant_text, own_lines, path_of, screen_lines
from english_left import english_left
from rich.cells import cell_len
from screen_walks import Screens, cut_problems
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, RichLog
from textual.widgets._footer import FooterKey

from tui.i18n import language, use_language
from tui.i18n.catalogs import read_po
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.truth_table import TruthTable

LANGUAGE_CODES = ("ko", "ja")
"""The languages the looks are for: nnlab's translated ones."""


def shown_lines(widget: Widget) -> list[str]:
    """The text ``widget`` shows, one string a line: what it was given when it renders
    plain text (all of it, also what is scrolled away), else its own rows as drawn."""
    if isinstance(widget, Input):
        return [widget.placeholder] if not widget.value else []
    if isinstance(widget, OptionList):
        return [str(getattr(o.prompt, "plain", o.prompt)) for o in widget.options]
    if isinstance(widget, RichLog):
        return [strip.text for strip in widget.lines]
    if isinstance(widget, FooterKey):
        return [widget.description]
    meant = meant_text(widget)
    if meant is not None:
        return meant.splitlines()
    kind = type(widget)
    if kind.render is Widget.render and kind.render_line is Widget.render_line:
        return []  # a container: its children show its text
    return own_lines(widget)


@cache
def translated_msgids(code: str) -> frozenset[str]:
    """The catalog's msgids that ``code`` says in other words (a name kept as it is is no
    sign of a missed ``_()``), without placeholders, so they can be shown as they are."""
    return frozenset(
        entry.msgid
        for entry in read_po(code)
        if entry.msgstr and entry.msgstr != entry.msgid and "{" not in entry.msgid
    )


def english_problems(screen: Screen) -> list[str]:
    """English runs, and lines that are a msgid of the catalog left in English (a label
    marked ``N_`` and shown without ``_()``), with the widget that shows them."""
    untranslated = translated_msgids(language()) if language() in LANGUAGE_CODES else set()
    problems = []
    for widget in screen._compositor.full_map:
        lines = shown_lines(widget)
        for line, run in english_left(lines):
            problems.append(f"{path_of(widget)}: English left {run!r} in {line.strip()!r}")
        for line in lines:
            if line.strip() in untranslated:
                problems.append(f"{path_of(widget)}: shown untranslated {line.strip()!r}")
    return problems


def too_wide(screen: Screen) -> list[str]:
    width = screen.size.width
    return [
        f"screen row {y}: {cell_len(line)} cells in a terminal of {width}: {line!r}"
        for y, line in enumerate(screen_lines(screen))
        if cell_len(line) > width
    ]


def token_spans(row: str) -> list[tuple[int, int]]:
    """The first and last cell of each whitespace-separated token of ``row``."""
    spans = []
    for match in re.finditer(r"\S+", row):
        start = cell_len(row[: match.start()])
        spans.append((start, start + cell_len(match.group()) - 1))
    return spans


def misaligned_column(rows: list[str]) -> str | None:
    """Where the columns of ``rows`` (a header, then its rows) are not in line, or None.

    A column is a run of cells that some row fills, between cells blank in every row. In
    line: each row has at most one token in a column; the rows' tokens of a column all
    start at one cell (left-aligned) or all end at one (right-aligned); and the header's
    token spans each of them or lies within it (a heading may be centred on its column,
    as ``target`` is over its 0s and 1s)."""
    spans = [token_spans(row) for row in rows]
    columns: list[list[int]] = []
    for first, last in sorted(span for row in spans for span in row):
        if columns and first <= columns[-1][1] + 1:
            columns[-1][1] = max(columns[-1][1], last)
        else:
            columns.append([first, last])
    for first, last in columns:
        inside = [[span for span in row if first <= span[0] <= last] for row in spans]
        crowded = [rows[i] for i, row in enumerate(inside) if len(row) > 1]
        if crowded:
            return f"cells {first}–{last} hold two tokens of {crowded[0]!r}"
        below = [row[0] for row in inside[1:] if row]
        shown = ", ".join(repr(rows[i]) for i, row in enumerate(inside) if row)
        if len({start for start, _ in below}) > 1 and len({end for _, end in below}) > 1:
            return f"cells {first}–{last} neither start nor end in line: {shown}"
        if inside[0]:
            (head_first, head_last), *_ = inside[0]
            for token_first, token_last in below:
                spans_it = head_first <= token_first and token_last <= head_last
                within = token_first <= head_first and head_last <= token_last
                if not (spans_it or within):
                    return f"cells {first}–{last}: the heading is not over its column: {shown}"
    return None


TRUTH_ROW = re.compile(r"\s*[01]\s+[01]\s+[01]\s")


def truth_table_rows(lines: list[str]) -> list[str]:
    """The header and the four rows of a truth table (x1 x2 target …), or []."""
    first = next((i for i, line in enumerate(lines) if TRUTH_ROW.match(line)), None)
    return lines[first - 1 : first + 4] if first else []


def confusion_rows(lines: list[str], k: int = 10) -> list[str]:
    """The header of class names and the ``k`` rows of counts under it, or []."""
    names = [str(i) for i in range(k)]
    header = next((i for i, line in enumerate(lines) if line.split() == names), None)
    return lines[header : header + 1 + k] if header is not None else []


def column_problems(screen: Screen) -> list[str]:
    problems = []
    for kind, rows_of in ((TruthTable, truth_table_rows), (ConfusionMatrix, confusion_rows)):
        for widget in screen.query(kind):
            rows = rows_of(own_lines(widget)) if widget.display else []
            where = misaligned_column(rows) if rows else None
            if where:
                problems.append(f"{path_of(widget)}: columns out of line: {where}")
    return problems


LANGUAGE_CHECKS = (cut_problems, too_wide, english_problems, column_problems)


def screens_in(app) -> Screens:
    return Screens(app, LANGUAGE_CHECKS)


def speak(lang: str, monkeypatch) -> None:
    """Speak ``lang`` from now on, and ask for it as ``NNLAB_LANG`` does, should the app
    choose its language itself (``conftest._english`` sets English there)."""
    monkeypatch.setenv("NNLAB_LANG", lang)
    use_language(lang)
