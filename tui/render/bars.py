"""Horizontal probability bars for a classifier's output, one line per class."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.i18n import N_, _

FULL = "█"
PARTIALS = ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")
"""Index n is a block n/8 of a cell wide."""

POINTER = "▶ "
TRUE_TAGS = (N_("◀ true"), "◀")
"""Long form, and the short one used when the long one would squeeze the bars."""
MIN_BAR = 10
PERCENT_WIDTH = 6  # "100.0%"


def bar_string(fraction: float, width: int) -> str:
    """A bar ``fraction`` of ``width`` cells long, in eighth-cell steps, padded to ``width``."""
    eighths = round(min(max(fraction, 0.0), 1.0) * width * 8)
    full, rest = divmod(eighths, 8)
    return (FULL * full + PARTIALS[rest]).ljust(width)


def render_bars(
    probs: np.ndarray,
    *,
    true_label: int | None = None,
    width: int = 40,
    labels: Sequence[str] | None = None,
    bar_style: Style | str = "",
    best_style: Style | str = "bold",
    true_style: Style | str = "reverse",
) -> Text:
    """Render a (K,) probability vector as K lines ``"▶ 3 ████▍      42.0% ◀ true"``.

    Bars are absolute (a full bar is probability 1), so a hesitant network
    visibly has no long bar.

    Args:
        probs: (K,) probabilities in [0, 1]; NaN shows as "NaN" with no bar.
        true_label: Index of the correct class, tagged "◀ true" (just "◀" when
            space is short); None to omit.
        width: Total line width in cells; the bar gets what the label, pointer,
            percentage and tag leave (at least 1 cell).
        labels: K class names; defaults to "0".."K-1".
        bar_style: Style of ordinary bars.
        best_style: Style of the argmax line (the network's prediction).
        true_style: Style of the true label's name.
    """
    p = np.asarray(probs, dtype=float).ravel()
    names = [str(i) for i in range(p.size)] if labels is None else [str(s) for s in labels]
    if len(names) != p.size:
        raise ValueError(f"{len(names)} labels for {p.size} probabilities")
    finite = np.isfinite(p)
    best = int(np.argmax(np.where(finite, p, -np.inf))) if finite.any() else None
    name_width = max(map(len, names), default=1)
    fixed = len(POINTER) + name_width + 1 + 1 + PERCENT_WIDTH
    tag = ""
    if true_label is not None:
        tags = [_(t) for t in TRUE_TAGS]
        tag = next((t for t in tags if width - fixed - 1 - cell_len(t) >= MIN_BAR), tags[-1])
    bar_width = max(1, width - fixed - (cell_len(tag) + 1 if tag else 0))

    text = Text(no_wrap=True, overflow="crop")
    for i, (name, value) in enumerate(zip(names, p, strict=True)):
        is_best = i == best
        line_style = best_style if is_best else ""
        text.append(POINTER if is_best else " " * len(POINTER), line_style)
        text.append(name.rjust(name_width), true_style if i == true_label else line_style)
        text.append(" ")
        if finite[i]:
            text.append(bar_string(value, bar_width), best_style if is_best else bar_style)
            text.append(f" {value * 100:5.1f}%", line_style)
        else:
            text.append(" " * bar_width)
            text.append("    NaN")
        if i == true_label:
            text.append(" ")
            text.append(tag, true_style)
        if i < p.size - 1:
            text.append("\n")
    return text
