"""Colour parsing and blending shared by the renderers."""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color
from rich.style import Style

ColorLike = str | tuple[int, int, int]
"""Anything Rich can parse ("#1e90ff", "red") or an (r, g, b) triplet of 0..255 ints."""


def to_rgb(color: ColorLike) -> tuple[int, int, int]:
    """Resolve a colour to an (r, g, b) triplet."""
    if isinstance(color, tuple):
        r, g, b = color
        return (int(r), int(g), int(b))
    return tuple(Color.parse(color).get_truecolor())


def blend(start: ColorLike, end: ColorLike, t: float) -> Color:
    """Linear blend: ``t = 0`` gives ``start``, ``t = 1`` gives ``end``."""
    a, b = to_rgb(start), to_rgb(end)
    return Color.from_rgb(*(round(x + (y - x) * t) for x, y in zip(a, b, strict=True)))


@lru_cache(maxsize=64)
def ramp(start: ColorLike, end: ColorLike, levels: int) -> tuple[Color, ...]:
    """``levels`` evenly spaced colours from ``start`` to ``end`` inclusive."""
    return tuple(blend(start, end, i / (levels - 1)) for i in range(levels))


@lru_cache(maxsize=4096)
def pair_style(start: ColorLike, end: ColorLike, levels: int, top: int, bottom: int) -> Style:
    """Style for one "▀" cell: foreground = top pixel's level, background = bottom's.

    Cached because a digit reuses the same few hundred (top, bottom) pairs every frame.
    """
    colours = ramp(start, end, levels)
    return Style(color=colours[top], bgcolor=colours[bottom])
