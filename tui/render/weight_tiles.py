"""First-layer weights as pictures: a column ``W1[:, j]`` (784,) drawn as a 28×28 tile.

Colour terminals get a diverging scale, symmetric around 0: negative weights shade from
the paper colour (0) towards ``negative`` (red), positive ones towards ``positive``
(blue), as the gate diagram colours its edges, each tile scaled to its own largest
``|w|``. Without colours to tell the sign (16 colours, where blends collapse into a few
entries, or NO_COLOR) each cell is a glyph:
shades ``░▒▓█`` for +, dashes ``·-=≡`` for −, darker for larger ``|w|``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text

from nncore.preprocess import MNIST_SIDE
from tui.i18n import _
from tui.render.colors import ColorLike, blend, to_rgb
from tui.render.halfblock import render_halfblock

STEPS = 8
"""Colour shades on each side of zero."""
POSITIVE_GLYPHS = "░▒▓█"
NEGATIVE_GLYPHS = "·-=≡"
"""Glyphs of growing ``|w|``, a blank standing for 0; the two sets differ in shape, so the
sign reads without colour."""


def tile_pixels(column: np.ndarray, pool: int = 1) -> np.ndarray:
    """(784,) weights → a (28/pool, 28/pool) image of ``pool``×``pool`` means."""
    image = np.asarray(column, dtype=np.float64).reshape(MNIST_SIDE, MNIST_SIDE)
    if pool == 1:
        return image
    side = MNIST_SIDE // pool
    return image.reshape(side, pool, side, pool).mean(axis=(1, 3))


def tile_scale(column: np.ndarray) -> float:
    """The largest finite ``|w|`` of a column: what the tile's strongest shade stands for."""
    magnitudes = np.abs(np.asarray(column, dtype=np.float64))
    return float(np.max(magnitudes[np.isfinite(magnitudes)], initial=0.0))


def signed_levels(pixels: np.ndarray, scale: float, steps: int = STEPS) -> np.ndarray:
    """Weights (any shape) → ints in -steps..steps: ``w / scale`` rounded to ``1/steps``.

    An all-zero tile (scale 0) is all level 0; NaN counts as 0, ±inf as ±scale."""
    if not scale > 0:
        return np.zeros(np.shape(pixels), dtype=np.intp)
    ratio = np.nan_to_num(np.asarray(pixels, dtype=np.float64) / scale, nan=0.0)
    return np.rint(np.clip(ratio, -1.0, 1.0) * steps).astype(np.intp)


@lru_cache(maxsize=16)
def diverging_shades(
    negative: ColorLike, zero: ColorLike, positive: ColorLike, steps: int = STEPS
) -> tuple[Color, ...]:
    """2*steps+1 colours: index ``steps + level`` is the colour of ``level`` (-steps..steps),
    blended from ``zero`` towards ``negative`` or ``positive``."""
    below = [blend(zero, negative, k / steps) for k in range(steps, 0, -1)]
    above = [blend(zero, positive, k / steps) for k in range(1, steps + 1)]
    return (*below, _color(zero), *above)


def render_tile_colour(
    pixels: np.ndarray,
    scale: float,
    *,
    negative: ColorLike,
    zero: ColorLike,
    positive: ColorLike,
) -> Text:
    """An (H, W) tile as ceil(H/2) rows × W cells of "▀", two pixels a cell."""
    shades = diverging_shades(negative, zero, positive)
    levels = signed_levels(pixels, scale) + STEPS
    # Exact in binary: render_halfblock rounds each value back to the same level.
    return render_halfblock(levels / (2 * STEPS), shades=shades)


def glyph_levels(pixels: np.ndarray, scale: float) -> np.ndarray:
    """(H, W) → (ceil(H/2), W) signed glyph levels, ±len(POSITIVE_GLYPHS) at most: each
    cell the mean of its two pixels (an odd last row pairs with 0)."""
    image = np.asarray(pixels, dtype=np.float64)
    if image.shape[0] % 2:
        image = np.vstack([image, np.zeros((1, image.shape[1]))])
    cells = 0.5 * (image[0::2] + image[1::2])
    return signed_levels(cells, scale, len(POSITIVE_GLYPHS))


def glyph(level: int) -> str:
    """The glyph of a signed level: a blank for 0."""
    if level > 0:
        return POSITIVE_GLYPHS[level - 1]
    if level < 0:
        return NEGATIVE_GLYPHS[-level - 1]
    return " "


def render_tile_glyphs(
    pixels: np.ndarray,
    scale: float,
    *,
    negative: ColorLike,
    zero: ColorLike,
    positive: ColorLike,
) -> Text:
    """An (H, W) tile as ceil(H/2) rows × W glyph cells (see ``glyph_levels``), coloured
    by sign on the paper colour where a terminal has colours at all (a 16-colour one
    shows the nearest entries: bright red and bright blue for the defaults)."""
    paper = _color(zero)
    styles = {
        -1: Style(color=_color(negative), bgcolor=paper),
        0: Style(bgcolor=paper),
        1: Style(color=_color(positive), bgcolor=paper),
    }
    text = Text(no_wrap=True, overflow="crop")
    for row_number, row in enumerate(glyph_levels(pixels, scale).tolist()):
        if row_number:
            text.append("\n")
        for level in row:
            text.append(glyph(level), styles[int(np.sign(level))])
    return text


def render_legend(
    glyphs: bool, *, negative: ColorLike, zero: ColorLike, positive: ColorLike
) -> Text:
    """How to read the tiles, one line: the scale from −max to +max (its shades, or its
    glyphs) and what max is."""
    text = Text("−max ", no_wrap=True, overflow="ellipsis")
    if glyphs:
        text.append(NEGATIVE_GLYPHS[::-1], Style(color=_color(negative)))
        text.append(" ")
        text.append(POSITIVE_GLYPHS, Style(color=_color(positive)))
    else:
        for shade in diverging_shades(negative, zero, positive):
            text.append(" ", Style(bgcolor=shade))
    text.append(" +max ")
    text.append(_("(max: the tile's largest |w|)"))
    return text


def unit_lines(
    unit: int, name: str, digit: tuple[int, int] | None, a: float, z: float, activation: str
) -> tuple[str, str]:
    """What unit ``unit`` (0-based column of W1, called ``name``) does with test digit
    ``digit`` (its index, its label): ``a = x·W1[:, unit] + b1[unit]`` and ``z =
    activation(a)``, in two lines; ``activation`` "" for an output unit (softmax follows)."""
    where = _("a = x·W1[:, {unit}] + b1[{unit}] ({name} is column {unit}, counting from 0)")
    where = where.format(unit=unit, name=name)
    if digit is None:
        return _("{name}: select a test digit in the Digits pane (2)").format(name=name), where
    index, label = digit
    fields = {"name": name, "index": f"{index:,}", "label": label, "a": f"{a:.2f}"}
    if not activation:
        head = _(
            "{name} on test #{index} (a {label}): a = {a}, "
            "a score the softmax turns into a probability"
        )
        return head.format(**fields), where
    head = _("{name} on test #{index} (a {label}): a = {a}, z = {activation}(a) = {z}")
    return head.format(**fields, activation=activation, z=f"{z:.2f}"), where


def _color(color: ColorLike) -> Color:
    return Color.from_rgb(*to_rgb(color))
