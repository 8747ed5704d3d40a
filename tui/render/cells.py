"""Padding text to a width in terminal cells: a Korean or Japanese character takes two,
so ``str.ljust`` (which counts characters) would pull columns out of line."""

from __future__ import annotations

from rich.cells import cell_len


def ljust(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells."""
    return text + " " * max(0, width - cell_len(text))


def rjust(text: str, width: int) -> str:
    """``text`` after spaces up to ``width`` cells."""
    return " " * max(0, width - cell_len(text)) + text
