"""Small maps, one per hidden unit, of its output over the unit square."""

from __future__ import annotations

import numpy as np
from rich.text import Text

from tui.i18n import ngettext
from tui.render.colors import ColorLike, to_rgb
from tui.render.halfblock import render_halfblock

MAX_UNITS = 8
GAP = 2
MAP_SIZES = (24, 20, 16, 12, 10, 8, 6)
"""Map sizes (cells wide, twice the lines tall) tried largest first; 6 still holds "h8 L2"."""


def maps_per_row(n: int, width: int) -> int:
    """How many maps of size ``n`` fit side by side in ``width`` cells (at least one)."""
    return max(1, (width + GAP) // (n + GAP))


def maps_height(n: int, count: int, width: int, note: bool) -> int:
    """Lines that ``count`` maps of size ``n`` take: a label line and n/2 lines a row of
    them, plus the line saying how many are not shown if ``note``."""
    rows = -(-count // maps_per_row(n, width))
    return rows * (1 + n // 2) + (1 if note else 0)


def fit_maps(units: int, width: int, height: int) -> tuple[int, int]:
    """(map size, maps shown) for ``units`` hidden units in ``width`` × ``height`` cells:
    the largest MAP_SIZES size showing all of them (up to MAX_UNITS), else the smallest
    size and as many whole rows of maps as fit — never a map cut in half."""
    wanted = min(units, MAX_UNITS)
    for n in MAP_SIZES:
        if maps_height(n, wanted, width, wanted < units) <= height:
            return n, wanted
    n = MAP_SIZES[-1]
    rows = max(0, (height - 1) // (1 + n // 2))
    return n, min(wanted, rows * maps_per_row(n, width))


def render_unit_maps(
    grids: list[tuple[str, np.ndarray]],
    width: int,
    *,
    hidden: int = 0,
    low: ColorLike = "#c0392b",
    high: ColorLike = "#27ae60",
    label_style: str = "",
) -> Text:
    """Maps side by side in rows that fit ``width`` cells, each labelled (``h1``…) above.

    Args:
        grids: (label, (n, n) shades in [0, 1]) per unit, row 0 = x2 = 1; n even.
        width: Cells available; at least one map per row however narrow.
        hidden: Units not drawn (beyond MAX_UNITS), said in a line under the maps.
        low: Colour of a unit's lowest output; ``high`` of its highest.
    """
    text = Text(no_wrap=True, overflow="crop")
    if not grids:
        return text
    n = grids[0][1].shape[1]
    per_row = maps_per_row(n, width)
    for start in range(0, len(grids), per_row):
        chunk = grids[start : start + per_row]
        text.append("  ".join(label.ljust(n) for label, _ in chunk) + "\n", label_style)
        bodies = [
            render_halfblock(g, paper=to_rgb(low), ink=to_rgb(high)).split("\n") for _, g in chunk
        ]
        for r in range(len(bodies[0])):
            for k, body in enumerate(bodies):
                if k:
                    text.append(" " * GAP)
                text.append_text(body[r])
            text.append("\n")
    if hidden:
        more = ngettext(
            "+{n} more hidden unit not shown", "+{n} more hidden units not shown", hidden
        )
        text.append(more.format(n=hidden) + "\n", label_style)
    text.rstrip()
    return text
