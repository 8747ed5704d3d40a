"""Axis ticks at round numbers, for plots whose axes we label ourselves.

Plotext's own ticks land on values like 8.2 epochs, and its log scale
re-applies log10 on every build, so the plot widgets plot log10(y) and label
the ticks in data units instead.
"""

from __future__ import annotations

import math

import numpy as np

NICE_STEPS = (1, 2, 5, 10)
"""Linear tick steps tried, times a power of ten."""

MANTISSAS = ((1, 2, 5), (1,))
"""Tick sets tried densest first: 1-2-5 per decade, then decades only."""


def linear_ticks(lo: float, hi: float, max_ticks: int = 5) -> tuple[list[float], list[str]]:
    """At most ``max_ticks`` round-numbered ticks inside [lo, hi], as (positions, labels)."""
    if hi <= lo:
        return [lo], [f"{lo:g}"]
    raw_step = (hi - lo) / max(max_ticks - 1, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw_step))
    step = next(n * magnitude for n in NICE_STEPS if n * magnitude >= raw_step)
    # The 1e-9 slack keeps an end such as 0.3 / 0.1 = 2.9999999999999996 inside.
    ticks = np.arange(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1) * step
    # round() strips float noise such as 0.30000000000000004 from the labels.
    return ticks.tolist(), [f"{round(t, 12):g}" for t in ticks]


def log_ticks(lo: float, hi: float, max_ticks: int = 6) -> tuple[list[float], list[str]]:
    """Ticks for positive data spanning [lo, hi], as (log10 positions, labels).

    Uses 1-2-5 or whole decades when at least two fall inside the range, thinning
    decades to at most ``max_ticks``; a range too narrow for that gets three
    evenly spaced ticks.
    """
    if not 0 < lo <= hi:
        raise ValueError(f"log ticks need 0 < lo <= hi, got {lo}, {hi}")
    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    ticks: list[float] = []
    for mantissas in MANTISSAS:
        ticks = [
            m * 10.0**e
            for e in range(first, last + 1)
            for m in mantissas
            if lo <= m * 10.0**e <= hi
        ]
        if len(ticks) <= max_ticks:
            break
    if len(ticks) > max_ticks:
        ticks = ticks[:: math.ceil(len(ticks) / max_ticks)]
    if len(ticks) < 2:
        ticks = np.geomspace(lo, hi, 3).tolist() if hi > lo else [lo]
        return [math.log10(t) for t in ticks], [f"{t:.3g}" for t in ticks]
    return [math.log10(t) for t in ticks], [f"{t:g}" for t in ticks]
