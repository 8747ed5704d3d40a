"""Colour parsing and blending shared by the renderers, and their 16-colour stand-ins."""

from __future__ import annotations

from functools import lru_cache

from rich._palettes import STANDARD_PALETTE
from rich.color import Color, ColorSystem
from rich.style import Style

ColorLike = str | tuple[int, int, int]
"""Anything Rich can parse ("#1e90ff", "red") or an (r, g, b) triplet of 0..255 ints."""

SIXTEEN_COLOUR_SYSTEMS = ("standard", "windows")
"""Rich's names for a terminal of 16 colours (TERM=linux, screen, the Windows console)."""
GREYS = (0, 8, 7, 15)
"""The 16-colour palette's black, bright black, white and bright white, dark to light."""


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


def standard(number: int) -> Color:
    """Colour ``number`` (0..15) of the 16-colour palette, as the exact triplet a
    16-colour terminal maps back to that number."""
    return Color.from_rgb(*STANDARD_PALETTE[number])


def brightness(number: int) -> int:
    """Sum of the r, g, b of 16-colour palette entry ``number``: 0 (black) to 765."""
    return sum(STANDARD_PALETTE[number])


def contrast(number: int) -> int:
    """Black or bright white, whichever reads on palette colour ``number``."""
    return 0 if brightness(number) > 765 // 2 else 15


@lru_cache(maxsize=64)
def ladder16(start: ColorLike, end: ColorLike) -> tuple[int, ...]:
    """The 16-colour palette entries a ramp from ``start`` to ``end`` steps through.

    A 16-colour terminal maps each blend to its nearest palette entry on its own, so the
    blends between black and red come out yellow and a whole run of greys as one grey.
    Instead: ``start``'s entry, then the shades of ``end``'s family (the four greys, or
    a hue's dark and bright entries) on ``end``'s side of ``start``, nearest first.
    """
    paper = Color.from_rgb(*to_rgb(start)).downgrade(ColorSystem.STANDARD).number
    ink = Color.from_rgb(*to_rgb(end)).downgrade(ColorSystem.STANDARD).number
    if ink == paper:
        ink = contrast(paper)
    family = GREYS if ink in GREYS else (ink % 8, ink % 8 + 8)
    rising = brightness(ink) > brightness(paper)
    shades = sorted(
        (n for n in family if (brightness(n) > brightness(paper)) == rising and n != paper),
        key=lambda n: abs(brightness(n) - brightness(paper)),
    )
    return (paper, *(shades or [ink]))


@lru_cache(maxsize=64)
def ramp(
    start: ColorLike, end: ColorLike, levels: int, *, colors16: bool = False
) -> tuple[Color, ...]:
    """``levels`` evenly spaced colours from ``start`` to ``end`` inclusive; with
    ``colors16``, the nearest step of ``ladder16`` for each, so that grey stays grey."""
    if colors16:
        steps = ladder16(start, end)
        last = len(steps) - 1
        return tuple(standard(steps[round(i * last / (levels - 1))]) for i in range(levels))
    return tuple(blend(start, end, i / (levels - 1)) for i in range(levels))


@lru_cache(maxsize=4096)
def pair_style(
    start: ColorLike, end: ColorLike, levels: int, top: int, bottom: int, colors16: bool = False
) -> Style:
    """Style for one "▀" cell: foreground = top pixel's level, background = bottom's.

    Cached because a digit reuses the same few hundred (top, bottom) pairs every frame.
    """
    colours = ramp(start, end, levels, colors16=colors16)
    return Style(color=colours[top], bgcolor=colours[bottom])


@lru_cache(maxsize=4096)
def shade_pair(shades: tuple[Color, ...], top: int, bottom: int) -> Style:
    """Style for one "▀" cell from a list of level colours: ``shades[top]`` over
    ``shades[bottom]``."""
    return Style(color=shades[top], bgcolor=shades[bottom])
