"""A K×K confusion matrix as text: rows are true classes, columns predictions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.i18n import N_, _
from tui.render.cells import rjust
from tui.render.colors import ColorLike, blend, contrast, ladder16, standard

ZERO = "·"
SIDE_LABEL = N_("true")
"""Written down the left margin, a character a row (a Korean or Japanese one two cells)."""
CAPTION = N_("predicted")
ERROR_LEVELS = 8
MIN_SHADE = 0.25
"""Lightest shade for a non-zero error, so a single mistake is still visible."""


def error_shade(count: int, worst: int) -> float:
    """Blend fraction in [MIN_SHADE, 1] for an off-diagonal count, quantised to few levels."""
    if count <= 0 or worst <= 0:
        return 0.0
    level = np.ceil(count / worst * ERROR_LEVELS) / ERROR_LEVELS
    return MIN_SHADE + (1 - MIN_SHADE) * float(level)


def error_styles16(paper: ColorLike, error: ColorLike) -> list[Style]:
    """Stand-ins for the error shades on a 16-colour terminal, which has only two or
    three shades of a hue: the count written in each shade of ``error``'s hue, then on
    each of them; the lightest first."""
    shades = ladder16(paper, error)[1:]
    written = [Style(color=standard(n), bold=True) for n in shades]
    filled = [Style(color=standard(contrast(n)), bgcolor=standard(n), bold=True) for n in shades]
    return written + filled


def _style(style: Style | str) -> Style:
    return Style.parse(style) if isinstance(style, str) else style


def render_confusion(
    matrix: np.ndarray,
    *,
    labels: Sequence[str] | None = None,
    diagonal_style: Style | str = "bold green",
    zero_style: Style | str = "dim",
    header_style: Style | str = "bold",
    paper: ColorLike = "#000000",
    error: ColorLike = "#c0392b",
    colors16: bool = False,
    cursor: tuple[int, int] | None = None,
) -> Text:
    """Render a (K, K) int array of counts, ``matrix[true, predicted]``.

    Layout for K = 10 with counts under 1000 is 4 + 10*4 = 44 cells wide (54
    with four-digit counts) and K + 3 lines: a "predicted" caption, the column
    header, K rows with "true" written down the left margin, and an accuracy
    footer.

    Args:
        matrix: (K, K) non-negative counts.
        labels: K short class names; default "0".."K-1".
        diagonal_style: Correct predictions.
        zero_style: Off-diagonal zeros, drawn as "·".
        header_style: Captions and class labels.
        paper: Background that error shading starts from.
        error: Background of the largest off-diagonal count.
        colors16: Mark the counts with ``error_styles16``: blends of paper and error
            would all be one grey, or another hue, on a 16-colour terminal.
        cursor: (true, predicted) of a cell drawn in reverse video, or None.
    """
    m = np.asarray(matrix)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise ValueError(f"expected a square (K, K) matrix, got shape {m.shape}")
    k = m.shape[0]
    names = [str(i) for i in range(k)] if labels is None else [str(s) for s in labels]
    cell = max(3, len(str(int(m.max(initial=0))))) + 1
    off_diagonal = m[~np.eye(k, dtype=bool)]
    worst = int(off_diagonal.max(initial=0))
    side_label = _(SIDE_LABEL)
    side_width = max(map(cell_len, side_label), default=1)
    label_width = max(map(cell_len, names), default=1)
    margin = side_width + 1 + label_width + 1  # "t " + row label + space
    styles16 = error_styles16(paper, error) if colors16 else []

    def error_style(count: int) -> Style:
        if styles16:
            level = int(np.ceil(count / worst * len(styles16)))
            return styles16[min(max(level, 1), len(styles16)) - 1]
        return Style(bgcolor=blend(paper, error, error_shade(count, worst)), bold=True)

    text = Text(no_wrap=True, overflow="crop")
    caption = _(CAPTION)
    # str.center counts characters: as many fewer as the caption has cells more.
    centred = caption.center(cell * k - (cell_len(caption) - len(caption)))
    text.append(" " * margin + centred.rstrip() + "\n", header_style)
    text.append(" " * margin)
    text.append("".join(rjust(name, cell) for name in names) + "\n", header_style)
    for t in range(k):
        side = side_label[t] if t < len(side_label) else ""
        side += " " * (side_width - cell_len(side))
        text.append(f"{side} {rjust(names[t], label_width)} ", header_style)
        for p in range(k):
            count = int(m[t, p])
            # Reverse video survives 16 colours and NO_COLOR, unlike a background.
            mark = Style(reverse=True) if (t, p) == cursor else Style()
            if t == p:
                text.append(str(count).rjust(cell), _style(diagonal_style) + mark)
            elif count == 0:
                text.append(ZERO.rjust(cell), _style(zero_style) + mark)
            else:
                # The unshaded leading space keeps neighbouring errors apart.
                text.append(" ")
                text.append(str(count).rjust(cell - 1), error_style(count) + mark)
        text.append("\n")
    total = int(m.sum())
    correct = int(np.trace(m))
    accuracy = f"{correct / total:.1%}" if total else "–"
    footer = _("accuracy {accuracy} ({correct}/{total})")
    text.append(footer.format(accuracy=accuracy, correct=correct, total=total), header_style)
    return text
