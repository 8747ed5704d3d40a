"""The drawing pad's pixels as half-block text, with square pixels and a cursor."""

from __future__ import annotations

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Span, Text

from tui.render.colors import ColorLike, ramp
from tui.render.halfblock import UPPER_HALF, quantise

LEVELS = 16


def render_pad(
    image: np.ndarray,
    *,
    scale: int,
    paper: ColorLike,
    ink: ColorLike,
    cursor: tuple[int, int] | None = None,
    cursor_color: Color | None = None,
) -> Text:
    """Render ``image`` (H, W) in [0, 1] with square pixels: each pixel is ``scale``
    cells wide and ``scale`` half-cells tall ("▀": foreground top, background bottom),
    so the Text is ``ceil(H * scale / 2)`` lines of ``W * scale`` cells. The ``cursor``
    pixel (row, col) is drawn in ``cursor_color``."""
    palette = [*ramp(paper, ink, LEVELS), cursor_color or Color.from_rgb(255, 0, 0)]
    codes = quantise(image, LEVELS)
    if cursor is not None:
        codes[cursor] = LEVELS
    codes = np.repeat(np.repeat(codes, scale, axis=0), scale, axis=1)
    if codes.shape[0] % 2:
        codes = np.vstack([codes, np.zeros((1, codes.shape[1]), dtype=codes.dtype)])
    n = len(palette)
    keys = codes[0::2] * n + codes[1::2]
    width = keys.shape[1]
    spans: list[Span] = []
    for line, row_keys in enumerate(keys):
        offset = line * (width + 1)
        starts = np.flatnonzero(np.diff(row_keys, prepend=-1))
        ends = np.append(starts[1:], width)
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            top, bottom = divmod(int(row_keys[start]), n)
            style = Style(color=palette[top], bgcolor=palette[bottom])
            spans.append(Span(offset + start, offset + end, style))
    text = "\n".join([UPPER_HALF * width] * len(keys))
    return Text(text, spans=spans, no_wrap=True, overflow="crop")
