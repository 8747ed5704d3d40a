"""The gradient descent map: f shaded over a square, the negative gradient as arrows at
grid points (the book's Fig. 4-9), a descent path on top (Fig. 4-10), labelled axes."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text

from tui.render.colors import ColorLike, blend, ladder16, ramp, standard, to_rgb
from tui.render.ticks import linear_ticks

ARROWS = "→↗↑↖←↙↓↘"
"""The eight compass arrows, counter-clockwise from east, 45° apart."""
FLAT = "·"
"""Drawn where the gradient is too small for its direction to matter."""
FLAT_BELOW = 0.08
"""An arrow shorter than this fraction of the longest one on the map is FLAT."""
CELL_ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide."""
FIELD_INTERVALS = (20, 10, 8, 4)
"""Grids tried for the arrows: this many equal steps across each axis (an arrow at each
step inside the border), densest first. Even, so that one row and column pass through 0."""
ROWS_APART = (2, 3, 4, 5)
"""How many rows (and CELL_ASPECT times as many columns) apart the arrows may be: close
enough to read as a field, far enough apart to read one by one."""
STRENGTHS = 4
"""Brightness steps an arrow's length is shown in."""
AXIS_ROWS = 3
"""Rows that are not plot: the x1 label above, the x axis and its labels below."""
X_LABEL_ROOM = 3
"""Columns right of the plot, for " x0" after the last x tick label."""

Cell = tuple[int, int]
"""(row, col) inside the plot."""
Marker = tuple[str, Style]


@dataclass(frozen=True)
class Arrow:
    """The negative gradient at one grid point: its glyph and its length relative to the
    longest on the map, in [0, 1]."""

    glyph: str
    strength: float


@dataclass(frozen=True)
class MapColours:
    """low/high: f's shades (minimum to maximum); arrow: the gradient field; axis: ticks
    and axis names."""

    low: ColorLike
    high: ColorLike
    arrow: ColorLike
    axis: ColorLike


def y_tick_count(plot_rows: int) -> int:
    """At most this many y ticks on a plot ``plot_rows`` tall: one every 3 rows or so."""
    return max(2, plot_rows // 3 + 2)


def arrow_glyph(dx: float, dy: float) -> str:
    """The compass arrow nearest the direction (dx, dy), with dy pointing up."""
    if dx == 0 and dy == 0:
        return FLAT
    return ARROWS[round(math.atan2(dy, dx) / (math.pi / 4)) % 8]


@dataclass(frozen=True)
class MapGeometry:
    """A map of [-limit, limit]² in a widget of ``cols`` × ``rows`` cells: the y tick
    labels in a gutter on the left, then the plot, then the x axis and its labels.

    The plot is square on screen and cut into ``intervals`` equal parts per axis, each
    ``rows_per_interval`` rows tall and CELL_ASPECT times as many columns wide, so that
    the arrows of the gradient field sit on exact cells, evenly spaced.
    """

    cols: int
    rows: int
    limit: float

    @cached_property
    def gutter(self) -> int:
        """Columns left of the plot: the widest y label, then the axis line."""
        ticks = linear_ticks(-self.limit, self.limit, y_tick_count(self.rows - AXIS_ROWS))
        return max(len(label) for label in (*ticks[1], "x1")) + 1

    @cached_property
    def _grid(self) -> tuple[int, int]:
        """(intervals, rows_per_interval) of the plot that fits best: large, with its
        arrows close together (two rows of plot are worth one row less between arrows),
        the denser grid among equals; (0, 0) when none fits."""
        room_rows = self.rows - AXIS_ROWS
        room_cols = self.cols - self.gutter - X_LABEL_ROOM
        best = (-1, 0, 0)  # score, intervals, rows per interval
        for intervals in FIELD_INTERVALS:
            for per in ROWS_APART:
                rows, cols = intervals * per + 1, intervals * per * CELL_ASPECT + 1
                if rows <= room_rows and cols <= room_cols:
                    best = max(best, (rows - 2 * per, intervals, per))
        return best[1], best[2]

    @property
    def plot_rows(self) -> int:
        intervals, per = self._grid
        return intervals * per + 1 if intervals else 0

    @property
    def plot_cols(self) -> int:
        intervals, per = self._grid
        return round(intervals * per * CELL_ASPECT) + 1 if intervals else 0

    @property
    def width(self) -> int:
        """Columns the map uses: the gutter, the plot, the last x label and "x0"."""
        return self.gutter + self.plot_cols + X_LABEL_ROOM

    def drawable(self) -> bool:
        return self.plot_rows > 0

    def y_ticks(self) -> tuple[list[float], list[str]]:
        return linear_ticks(-self.limit, self.limit, y_tick_count(self.plot_rows))

    def x_ticks(self) -> tuple[list[float], list[str]]:
        return linear_ticks(-self.limit, self.limit, max(2, self.plot_cols // 5))

    def cell(self, x0: float, x1: float) -> Cell | None:
        """The plot cell of the point (x0, x1), or None when it is off the map."""
        if not (abs(x0) <= self.limit and abs(x1) <= self.limit):  # also catches nan
            return None
        span = 2 * self.limit
        col = round((x0 + self.limit) / span * (self.plot_cols - 1))
        row = round((self.limit - x1) / span * (self.plot_rows - 1))
        return row, col

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """x0 at each plot column (plot_cols,) and x1 at each plot row (plot_rows,)."""
        return (
            np.linspace(-self.limit, self.limit, self.plot_cols),
            np.linspace(self.limit, -self.limit, self.plot_rows),
        )

    def field_points(self) -> list[tuple[float, float]]:
        """The grid points inside the border, where the arrows go, row by row."""
        intervals = self._grid[0]
        spacing = 2 * self.limit / intervals if intervals else 0.0
        values = [round(k * spacing, 12) for k in range(1 - intervals // 2, intervals // 2)]
        return [(x0, x1) for x1 in reversed(values) for x0 in values]


def field_arrows(
    geometry: MapGeometry, gradient: Callable[[np.ndarray], np.ndarray]
) -> dict[Cell, Arrow]:
    """−∇f at each of the geometry's field points, keyed by plot cell. ``gradient`` maps
    (N, 2) points to their (N, 2) gradients. A glyph points as −∇f does on screen, where
    a cell is CELL_ASPECT times as tall as wide (the plot is square, so as on paper)."""
    points = np.array(geometry.field_points(), dtype=float).reshape(-1, 2)
    steps = -np.asarray(gradient(points.copy()), dtype=float).reshape(-1, 2)
    lengths = np.hypot(steps[:, 0], steps[:, 1])
    longest = float(lengths.max()) if lengths.size and lengths.max() > 0 else 1.0
    span = 2 * geometry.limit
    per_col = (geometry.plot_cols - 1) / span
    per_row = (geometry.plot_rows - 1) / span * CELL_ASPECT
    arrows = {}
    for (x0, x1), (d0, d1), length in zip(points, steps, lengths, strict=True):
        strength = float(length / longest)
        glyph = FLAT if strength < FLAT_BELOW else arrow_glyph(d0 * per_col, d1 * per_row)
        arrows[geometry.cell(x0, x1)] = Arrow(glyph, strength)
    return arrows


def arrow_styles(colours: MapColours, colors16: bool) -> list[Style]:
    """STRENGTHS styles from faint to full, over the ``low`` shade."""
    if colors16:
        steps = ladder16(colours.low, colours.arrow)[1:]
        picks = [steps[round(i * (len(steps) - 1) / (STRENGTHS - 1))] for i in range(STRENGTHS)]
        return [Style(color=standard(n), bold=i == STRENGTHS - 1) for i, n in enumerate(picks)]
    return [
        Style(color=blend(colours.low, colours.arrow, 0.5 + 0.5 * i / (STRENGTHS - 1)))
        for i in range(STRENGTHS)
    ]


def render_descent_map(
    geometry: MapGeometry,
    shade: np.ndarray,
    arrows: Mapping[Cell, Arrow],
    markers: Mapping[Cell, Marker],
    colours: MapColours,
    *,
    levels: int = 8,
    colors16: bool = False,
) -> Text:
    """The map as ``geometry.plot_rows + AXIS_ROWS`` lines of ``geometry.width`` cells:
    "x1", the plot rows with y ticks, the x axis and its labels with "x0".

    ``shade``: (plot_rows, plot_cols) values in [0, 1], low to high. ``markers`` (path
    points) are drawn over the arrows, each on the shade of its cell.
    """
    papers = [Style(bgcolor=c) for c in ramp(colours.low, colours.high, levels, colors16=colors16)]
    level = np.clip(np.rint(np.nan_to_num(shade) * (levels - 1)), 0, levels - 1).astype(int)
    strong = arrow_styles(colours, colors16)
    overlays: dict[Cell, Marker] = {
        cell: (arrow.glyph, strong[min(int(arrow.strength * STRENGTHS), STRENGTHS - 1)])
        for cell, arrow in arrows.items()
    }
    overlays.update(markers)  # the path over the arrows
    styles: dict[tuple[int, Marker | None], Style] = {}  # a few dozen, reused all over
    axis = Style(color=Color.from_rgb(*to_rgb(colours.axis)))
    gutter = geometry.gutter
    y_at = {geometry.cell(0.0, v)[0]: label for v, label in zip(*geometry.y_ticks(), strict=True)}
    text = Text(no_wrap=True, overflow="crop")
    text.append("x1".rjust(gutter - 1).ljust(geometry.width) + "\n", axis)
    for row, row_levels in enumerate(level.tolist()):
        text.append(y_at.get(row, "").rjust(gutter - 1) + ("┤" if row in y_at else "│"), axis)
        keys = [(tone, overlays.get((row, col))) for col, tone in enumerate(row_levels)]
        for key, run in groupby(keys):
            paper, overlay = key
            if key not in styles:
                styles[key] = papers[paper] + (overlay[1] if overlay else Style())
            glyph = overlay[0] if overlay else " "
            text.append(glyph * len(list(run)), styles[key])
        text.append(" " * X_LABEL_ROOM + "\n")
    text.append(" " * (gutter - 1) + "└", axis)
    ticks = [geometry.cell(v, 0.0)[1] for v in geometry.x_ticks()[0]]
    line = "".join("┬" if c in ticks else "─" for c in range(geometry.plot_cols))
    text.append(line + " " * X_LABEL_ROOM, axis)
    text.append("\n" + x_labels(geometry, ticks), axis)
    return text


def x_labels(geometry: MapGeometry, ticks: list[int]) -> str:
    """The x tick labels centred under their ticks, then "x0" where room is left."""
    line = [" "] * geometry.width
    for col, label in zip(ticks, geometry.x_ticks()[1], strict=True):
        start = geometry.gutter + col - len(label) // 2
        line[start : start + len(label)] = label
    labels = "".join(line).rstrip()
    return (labels + " x0"[: geometry.width - len(labels)]).ljust(geometry.width)
