"""Small maps, one per hidden unit, of its output over the unit square."""

from __future__ import annotations

import numpy as np
from rich.text import Text

from tui.render.colors import ColorLike, to_rgb
from tui.render.halfblock import render_halfblock

MAX_UNITS = 8
GAP = 2


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
    per_row = max(1, (width + GAP) // (n + GAP))
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
        text.append(f"+{hidden} more hidden units not shown\n", label_style)
    text.rstrip()
    return text
