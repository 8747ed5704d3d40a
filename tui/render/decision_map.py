"""A 2-input network's output over the unit square, with the training points on top."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text

from tui.i18n import _
from tui.render.colors import ColorLike, to_rgb
from tui.render.halfblock import Marker, render_halfblock

GATE_POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
"""(4, 2) inputs of a logic gate, as (x1, x2)."""

GUTTER = 3  # left margin holding the x2 axis labels
LINE_GLYPH = "•"
GLYPHS = ("0", "1")
"""Marker characters of a target-0 and a target-1 point."""


def legend_words(glyphs: tuple[str, str] = GLYPHS) -> tuple[str, str, str]:
    """The legend's words in the chosen language: output 0, output 1, the points' key."""
    return (
        _("output {value}").format(value=0),
        _("output {value}").format(value=1),
        _("{zero} {one} = target").format(zero=glyphs[0], one=glyphs[1]),
    )


def legend_width(glyphs: tuple[str, str] = GLYPHS) -> int:
    """Cells the legend's widest line takes (22 in English)."""
    zero, one, points = legend_words(glyphs)
    return max(cell_len(f"█ {zero}  █ {one}"), cell_len(f"{points}  {LINE_GLYPH} = 0.5"))


def grid_inputs(n: int) -> np.ndarray:
    """(n*n, 2) inputs (x1, x2) on an n×n grid spanning [0, 1]² corners included.

    Row-major with x2 falling down the rows, so ``to_grid(network.predict(x), n)``
    is the (n, n) map with row 0 = x2 high, matching the screen.
    """
    if n < 2:
        raise ValueError("a grid needs n >= 2")
    steps = np.linspace(0.0, 1.0, n)
    x2, x1 = np.meshgrid(steps[::-1], steps, indexing="ij")
    return np.column_stack([x1.ravel(), x2.ravel()])


def to_grid(outputs: np.ndarray, n: int) -> np.ndarray:
    """Reshape (n*n,) or (n*n, 1) outputs for ``grid_inputs(n)`` into the (n, n) map.

    For a two-class softmax network pass the class-1 column, ``outputs[:, 1]``.
    """
    out = np.asarray(outputs, dtype=float)
    if out.size != n * n:
        raise ValueError(f"expected {n * n} outputs for a {n}×{n} grid, got shape {out.shape}")
    return out.reshape(n, n)


def point_cell(x1: float, x2: float, rows: int, cols: int) -> tuple[int, int]:
    """The (row, col) cell of an input in a rows×cols map of the unit square."""
    col = round(min(max(x1, 0.0), 1.0) * (cols - 1))
    row = round((1.0 - min(max(x2, 0.0), 1.0)) * (rows - 1))
    return row, col


def boundary_pixels(grid: np.ndarray) -> list[tuple[int, int]]:
    """Pixels (row, col) where the decision (output ≥ 0.5) flips: one per crossing.

    Follows the sign of ``output - 0.5`` rather than its size, so a network whose outputs
    all sit near 0.5 (single-layer XOR) still shows the one straight line it draws. A
    steep line is traced row by row and a flat one column by column, so it stays thin
    and unbroken either way.
    """
    decide = np.asarray(grid) >= 0.5
    across_rows = decide[:, :-1] != decide[:, 1:]
    across_cols = decide[:-1, :] != decide[1:, :]
    if across_rows.any(axis=1).sum() >= across_cols.any(axis=0).sum():
        flips = across_rows
    else:
        flips = across_cols
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(flips), strict=True)]


def render_decision_map(
    grid: np.ndarray,
    points: np.ndarray = GATE_POINTS,
    targets: Sequence[float] | np.ndarray = (),
    *,
    scale: int = 1,
    zero: ColorLike = "#c0392b",
    one: ColorLike = "#27ae60",
    marker_background: ColorLike = "#000000",
    line: ColorLike = "#ffffff",
    glyphs: tuple[str, str] = GLYPHS,
    label_style: Style | str = "",
) -> Text:
    """Render the map plus axes and a legend: n/2 + 3 lines, GUTTER + n*scale cells wide
    (at least GUTTER + ``legend_width(glyphs)``).

    Args:
        grid: (n, n) outputs in [0, 1] (clipped), n even, row 0 = x2 = 1,
            column 0 = x1 = 0; see ``grid_inputs``/``to_grid``.
        points: (P, 2) inputs (x1, x2) to mark, default the four gate corners.
        targets: (P,) target of each point, 0 or 1 (rounded); empty marks none.
        scale: Cells per grid column; 1 keeps the unit square square.
        zero: Colour of output 0 (and of target-0 markers).
        one: Colour of output 1 (and of target-1 markers).
        marker_background: Cell behind a marker, so its colour reads on any shade.
        line: Colour of the decision line, where the output crosses 0.5.
        glyphs: Marker characters for target 0 and target 1.
        label_style: Axis labels and legend text.
    """
    g = np.asarray(grid, dtype=float)
    if g.ndim != 2 or g.shape[0] != g.shape[1] or g.shape[0] % 2:
        raise ValueError(f"expected an (n, n) grid with n even, got shape {g.shape}")
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    tgt = np.asarray(targets, dtype=float).ravel()
    if tgt.size and tgt.size != len(pts):
        raise ValueError(f"{tgt.size} targets for {len(pts)} points")
    rows, cols = g.shape[0] // 2, g.shape[1] * scale
    colours = (Color.from_rgb(*to_rgb(zero)), Color.from_rgb(*to_rgb(one)))
    behind = Color.from_rgb(*to_rgb(marker_background))
    line_colour = Color.from_rgb(*to_rgb(line))
    # NaN (a diverged network) has no side, so it is drawn halfway between.
    filled = np.nan_to_num(g, nan=0.5)
    low, high = np.array(to_rgb(zero), float), np.array(to_rgb(one), float)
    markers: dict[tuple[int, int], Marker] = {}
    for i, j in boundary_pixels(filled):
        # The dot sits on the cell's own shade, so only the line itself stands out.
        value = filled[i - i % 2 : i - i % 2 + 2, j].mean()
        shade = Color.from_rgb(*(low + (high - low) * np.clip(value, 0, 1)).round())
        for k in range(scale):
            markers[(i // 2, j * scale + k)] = (
                LINE_GLYPH,
                Style(color=line_colour, bgcolor=shade, bold=True),
            )
    line_style = Style(color=line_colour, bold=True)
    for (x1, x2), target in zip(pts, tgt, strict=False):
        which = int(np.clip(round(target), 0, 1))
        style = Style(color=colours[which], bgcolor=behind, bold=True)
        markers[point_cell(x1, x2, rows, cols)] = (glyphs[which], style)
    body = render_halfblock(
        filled,
        scale=scale,
        paper=to_rgb(zero),
        ink=to_rgb(one),
        markers=markers,
    )

    gutter = {0: " 1 ", rows // 2: "x2 ", rows - 1: " 0 "}
    text = Text(no_wrap=True, overflow="crop")
    for r, line in enumerate(body.split("\n")):
        text.append(gutter.get(r, " " * GUTTER), label_style)
        text.append_text(line)
        text.append("\n")
    axis = "0" + "x1".center(cols - 2) + "1"
    text.append(" " * GUTTER + axis + "\n", label_style)
    zero_words, one_words, points_words = legend_words(glyphs)
    text.append(" " * GUTTER)
    text.append("█", Style(color=colours[0]))
    text.append(f" {zero_words}  ", label_style)
    text.append("█", Style(color=colours[1]))
    text.append(f" {one_words}\n", label_style)
    text.append(" " * GUTTER + f"{points_words}  ", label_style)
    text.append(LINE_GLYPH, line_style)
    text.append(" = 0.5", label_style)
    return text
