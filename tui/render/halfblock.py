"""Grayscale images as terminal cells: one "▀" per cell shows two vertical pixels."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Span, Text

from tui.render.colors import ColorLike, pair_style, shade_pair

UPPER_HALF = "▀"

Marker = tuple[str, Style]
"""A one-character glyph and the style it is drawn with."""


def quantise(image: np.ndarray, levels: int) -> np.ndarray:
    """Map an (H, W) array of values in [0, 1] to ints in 0..levels-1.

    NaN is treated as 0 so a half-trained network's garbage still renders.
    """
    clean = np.nan_to_num(np.asarray(image, dtype=float), nan=0.0, posinf=1.0, neginf=0.0)
    return np.clip(np.rint(clean * (levels - 1)), 0, levels - 1).astype(np.intp)


def render_halfblock(
    image: np.ndarray,
    *,
    scale: int = 1,
    paper: ColorLike = "#000000",
    ink: ColorLike = "#ffffff",
    levels: int = 16,
    markers: Mapping[tuple[int, int], Marker] | None = None,
    colors16: bool = False,
    shades: tuple[Color, ...] | None = None,
) -> Text:
    """Render an (H, W) array of values in [0, 1] as ceil(H/2) rows × W*scale cells.

    Args:
        image: (H, W) grayscale, 0 = ``paper``, 1 = ``ink``. An odd last row is
            padded with paper.
        scale: Cells per pixel horizontally. A cell is about twice as tall as
            wide and holds two pixel rows, so 1 draws square pixels (28×28 →
            28×14 cells); 2 doubles the width only (56×14, pixels twice as wide
            as tall).
        paper: Colour for 0.
        ink: Colour for 1.
        levels: Grey levels; values are rounded to the nearest one.
        markers: Overlay glyphs keyed by (row, col) *cell* coordinates of the
            output; cells outside the output are ignored.
        colors16: Step through the few shades a 16-colour terminal has between
            ``paper`` and ``ink`` (see ``ladder16``) instead of blending them.
        shades: The colour of each level, lowest first, instead of the ramp from
            ``paper`` to ``ink`` (``levels`` is then ``len(shades)``): e.g. a
            diverging scale through a middle colour.

    Returns:
        Text with one line per cell row, no trailing newline.
    """
    if image.ndim != 2:
        raise ValueError(f"expected a 2-D (H, W) image, got shape {image.shape}")
    if shades is not None:
        levels = len(shades)
    if scale < 1 or levels < 2:
        raise ValueError("scale must be >= 1 and levels >= 2")
    q = quantise(image, levels)
    if q.shape[0] % 2:
        q = np.vstack([q, np.zeros((1, q.shape[1]), dtype=q.dtype)])
    # One int key per cell (top*levels + bottom) so runs of equal cells become one span.
    keys = np.repeat(q[0::2] * levels + q[1::2], scale, axis=1)
    rows, width = keys.shape
    marker_list = [
        (cell, marker)
        for cell, marker in (markers or {}).items()
        if 0 <= cell[0] < rows and 0 <= cell[1] < width
    ]
    pair_count = levels * levels
    for index, ((row, col), _) in enumerate(marker_list):
        keys[row, col] = pair_count + index

    lines: list[str] = []
    spans: list[Span] = []
    offset = 0
    for row_keys in keys:
        starts = np.flatnonzero(np.diff(row_keys, prepend=-1))
        ends = np.append(starts[1:], width)
        chars = [UPPER_HALF] * width if len(marker_list) else None
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            key = int(row_keys[start])
            if key < pair_count and shades is not None:
                style = shade_pair(shades, key // levels, key % levels)
            elif key < pair_count:
                style = pair_style(paper, ink, levels, key // levels, key % levels, colors16)
            else:
                glyph, style = marker_list[key - pair_count][1]
                chars[start:end] = [glyph] * (end - start)
            spans.append(Span(offset + start, offset + end, style))
        lines.append("".join(chars) if chars else UPPER_HALF * width)
        offset += width + 1
    return Text("\n".join(lines), spans=spans, no_wrap=True, overflow="crop")
