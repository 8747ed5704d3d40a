"""WeightTiles: each first-layer weight column ``W1[:, j]`` as a 28×28 tile labelled
``h1``, ``h2``, …, as many as fit, a page at a time, with a cursor on one hidden unit.

A new epoch brings new weights while training runs, drawn in the UI thread, which holds
the GIL the training thread needs: so each tile is drawn once per set of weights and
kept as segments, which moving the cursor over the page only lays out anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from nncore.preprocess import MNIST_SIDE
from tui.i18n import N_, _
from tui.render.colors import SIXTEEN_COLOUR_SYSTEMS
from tui.render.weight_tiles import (
    render_tile_colour,
    render_tile_glyphs,
    tile_pixels,
    tile_scale,
)
from tui.widgets.styling import component_colors

UNIT_KEYS = Binding.Group(N_("Unit"), compact=True)
FULL_SIZE_TILES = 12
"""Tiles are drawn full size (one cell per pixel across) once this many fit; below that,
at half size (2×2 means), so that 80×24 still shows a few."""


def hidden_names(count: int) -> tuple[str, ...]:
    """``("h1", "h2", …)``: hidden units are counted from 1."""
    return tuple(f"h{number}" for number in range(1, count + 1))


def tile_label(name: str, scale: float) -> str:
    """``"h7 ±0.42"``: the unit's name and the ``|w|`` its strongest shade stands for."""
    return f"{name} ±{scale:.2g}"


@dataclass(frozen=True)
class Grid:
    """How the tiles are laid out: ``pool``×``pool`` pixels a cell-column, tiles of
    ``width`` × ``height`` cells (a blank column and the label line included)."""

    pool: int
    columns: int
    rows: int

    @property
    def side(self) -> int:
        return MNIST_SIDE // self.pool

    @property
    def width(self) -> int:
        return self.side + 1

    @property
    def height(self) -> int:
        return self.side // 2 + 1

    @property
    def page_size(self) -> int:
        return self.columns * self.rows


def fit_grid(width: int, height: int) -> Grid:
    """The grid for a content area of ``width`` × ``height`` cells, at least 1 × 1."""
    for pool in (1, 2):
        side = MNIST_SIDE // pool
        grid = Grid(pool, max(1, (width + 1) // (side + 1)), max(1, height // (side // 2 + 1)))
        if grid.page_size >= FULL_SIZE_TILES:
            return grid
    return grid


class WeightTiles(Widget, can_focus=True):
    """``show(W1)`` with the (784, H) first-layer weights; ``unit`` is the cursor's unit.

    Focused, the arrows move the cursor (pages follow it), PgUp/PgDn and ``[`` ``]``
    turn pages, ``escape`` gives the arrows back to the epochs. Posts ``Selected``."""

    @dataclass
    class Selected(Message):
        """The cursor moved to hidden unit ``unit`` (0-based)."""

        unit: int

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move_rows(-1)", N_("Unit"), key_display="↑", group=UNIT_KEYS),
        Binding("down", "move_rows(1)", N_("Unit"), key_display="↓", group=UNIT_KEYS),
        Binding("left", "move(-1)", N_("Unit"), key_display="←", group=UNIT_KEYS),
        Binding("right", "move(1)", N_("Unit"), key_display="→", group=UNIT_KEYS),
        Binding("pageup", "page(-1)", N_("Page"), show=False),
        Binding("pagedown", "page(1)", N_("Page"), show=False),
        Binding("home", "move(-1_000_000)", N_("first unit"), show=False),
        Binding("end", "move(1_000_000)", N_("last unit"), show=False),
        Binding("escape", "release", N_("Epoch keys")),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "weight-tiles--negative",
        "weight-tiles--positive",
        "weight-tiles--zero",
        "weight-tiles--label",
        "weight-tiles--selected",
    }
    """``--negative``/``--positive``: the colours of −max and +max (their ``color``);
    ``--zero``: the paper, the colour of 0 (its ``background``)."""

    DEFAULT_CSS = """
    WeightTiles {
        height: 1fr;
        min-height: 9;
    }
    WeightTiles > .weight-tiles--negative {
        color: #e5484d;
    }
    WeightTiles > .weight-tiles--positive {
        color: #3e7bfa;
    }
    WeightTiles > .weight-tiles--zero {
        background: $background-darken-1;
    }
    WeightTiles > .weight-tiles--label {
        color: $foreground-muted;
    }
    WeightTiles > .weight-tiles--selected {
        text-style: bold reverse;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weights = np.zeros((MNIST_SIDE * MNIST_SIDE, 0))
        """(784, H) first-layer weights on show."""
        self.unit = 0
        self.names: tuple[str, ...] = ()
        """The units' names, one per column of ``weights``."""
        self._tiles: dict[tuple[int, int], list[list[Segment]]] = {}  # (unit, pool) → rows
        self._strips: list[Strip] | None = None

    @property
    def units(self) -> int:
        return self.weights.shape[1]

    @property
    def glyphs(self) -> bool:
        """Whether the tiles are drawn as glyphs: no colours to show the sign with."""
        return self.app.no_color or self.app.console.color_system in SIXTEEN_COLOUR_SYSTEMS

    def show(self, weights: np.ndarray, names: tuple[str, ...] | None = None) -> None:
        """Draw (784, H) ``weights``, the units called ``names`` (``h1``… by default); the
        cursor stays on its unit while there is one."""
        self.weights = np.asarray(weights)
        self.names = names or hidden_names(self.units)
        self._tiles.clear()
        self._move_to(min(self.unit, max(self.units - 1, 0)))
        self._repaint()

    @property
    def grid(self) -> Grid:
        return fit_grid(self.content_size.width, self.content_size.height)

    def shown_units(self) -> range:
        """The 0-based units of the page with the cursor."""
        size = self.grid.page_size
        start = self.unit - self.unit % size
        return range(start, min(start + size, self.units))

    # --- the cursor ---

    def action_move(self, delta: int) -> None:
        if self.units:
            self._move_to(int(np.clip(self.unit + delta, 0, self.units - 1)))

    def action_move_rows(self, delta: int) -> None:
        self.action_move(delta * self.grid.columns)

    def action_page(self, delta: int) -> None:
        self.action_move(delta * self.grid.page_size)

    def action_release(self) -> None:
        self.screen.set_focus(None)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        grid = self.grid
        if offset is None or offset.x // grid.width >= grid.columns:
            return
        unit = self.shown_units().start + (offset.y // grid.height) * grid.columns
        unit += offset.x // grid.width
        if unit < self.units:
            self._move_to(unit)

    def _move_to(self, unit: int) -> None:
        if unit != self.unit:
            self.unit = unit
            self._repaint()
            self.post_message(self.Selected(unit))
        self._update_title()

    def _update_title(self) -> None:
        shown = self.shown_units()
        title = _("no units")
        if self.units:
            title = _("{first}–{last} of {total}").format(
                first=self.names[shown.start], last=self.names[shown.stop - 1], total=self.units
            )
        if title != self.border_title:  # setting the title repaints the widget
            self.border_title = title

    # --- drawing ---

    def on_resize(self) -> None:
        self._update_title()
        self._repaint()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._tiles.clear()  # the colours come from CSS: after a theme change, drawn anew
        self._strips = None

    def _repaint(self) -> None:
        self._strips = None
        self.refresh()

    def _tile(self, unit: int, pool: int) -> list[list[Segment]]:
        if (unit, pool) not in self._tiles:
            colours = {
                "negative": component_colors(self, "weight-tiles--negative")[0],
                "zero": component_colors(self, "weight-tiles--zero")[1],
                "positive": component_colors(self, "weight-tiles--positive")[0],
            }
            column = self.weights[:, unit]
            render = render_tile_glyphs if self.glyphs else render_tile_colour
            tile = render(tile_pixels(column, pool), tile_scale(column), **colours)
            console = self.app.console
            self._tiles[unit, pool] = [list(line.render(console)) for line in tile.split("\n")]
        return self._tiles[unit, pool]

    def _draw(self) -> list[Strip]:
        base = self.visual_style.rich_style
        if not self.units:
            return [Strip([Segment(_("no weights yet"), base + Style(dim=True))])]
        grid, shown = self.grid, self.shown_units()
        label_style = base + self.get_component_rich_style("weight-tiles--label")
        selected = label_style + self.get_component_rich_style("weight-tiles--selected")
        gap = Segment(" ", base)
        strips: list[Strip] = []
        for row_start in range(shown.start, shown.stop, grid.columns):
            lines: list[list[Segment]] = [[] for _row in range(grid.height)]
            for unit in range(row_start, min(row_start + grid.columns, shown.stop)):
                for line, pixels in zip(lines, self._tile(unit, grid.pool), strict=False):
                    line += [*pixels, gap]
                label = tile_label(self.names[unit], tile_scale(self.weights[:, unit]))
                style = selected if unit == self.unit else label_style
                # Cut and padded by cells: "숫자 3" takes six, not four.
                lines[-1] += [Segment(set_cell_size(label, grid.side), style), gap]
            strips += [Strip(line) for line in lines]
        # Only this page's tiles are kept: another page or size draws its own.
        kept = {(unit, grid.pool) for unit in shown}
        self._tiles = {key: rows for key, rows in self._tiles.items() if key in kept}
        return strips

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            self._strips = self._draw()
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.content_size.width, self.visual_style.rich_style)
