"""One bar per hidden unit, eighth blocks high, wrapped to a width: a layer at a glance."""

from __future__ import annotations

import numpy as np

LEVELS = " ▁▂▃▄▅▆▇█"
"""A blank for zero, then eighths of a cell: nine heights in one row."""


def activation_strip(values: np.ndarray, width: int) -> list[str]:
    """Rows of one glyph per unit for (H,) ``values``, at most ``width`` per row; each bar's
    height is the unit's value over the largest magnitude (negative values, e.g. of tanh,
    by their magnitude), so the strongest unit is a full block."""
    v = np.abs(np.asarray(values, dtype=float).ravel())
    peak = float(v.max(initial=0.0))
    levels = np.zeros(v.size, int) if peak == 0 else np.rint(v / peak * (len(LEVELS) - 1))
    glyphs = "".join(LEVELS[int(level)] for level in levels)
    width = max(1, width)
    return [glyphs[i : i + width] for i in range(0, len(glyphs), width)] or [""]
