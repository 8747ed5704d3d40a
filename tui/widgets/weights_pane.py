"""WeightsPane: the first layer's weights as pictures (``WeightTiles``) under a legend,
and what the unit under the cursor does with the test digit selected in the Digits pane."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from nncore.hidden_units import first_layer_unit
from tui.i18n import _
from tui.render.weight_tiles import render_legend, unit_lines
from tui.widgets.styling import component_colors
from tui.widgets.weight_tiles import WeightTiles


class WeightsPane(Vertical):
    """``show(network)`` draws its ``W1`` (784, H); ``set_digit`` picks the input whose
    activation ``a`` and output ``z`` the cursor's unit reports."""

    DEFAULT_CSS = """
    WeightsPane > #weights-legend {
        height: 1;
        padding: 0 1;
        color: $foreground-muted;
    }
    WeightsPane > WeightTiles {
        border: round $panel;
        border-title-color: $foreground-muted;
    }
    WeightsPane > WeightTiles:focus {
        border: round $accent;
    }
    WeightsPane > #weights-unit {
        height: 2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._network = None
        self._digit: tuple[int, int] | None = None  # (test index, label)
        self._x: np.ndarray | None = None  # (784,) that digit's pixels
        self._lines: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="weights-legend", markup=False)
        yield WeightTiles(id="weights-tiles")
        yield Static("", id="weights-unit", markup=False)

    def show(self, network) -> None:
        """Draw ``network``'s first-layer weights: of its first hidden layer, or without
        one, of its outputs (a picture per digit)."""
        self._network = network
        names = None
        if not self._hidden:
            names = tuple(_("digit {digit}").format(digit=d) for d in range(network.sizes[-1]))
        self.query_one(WeightTiles).show(network.params["W1"], names)
        self._draw_legend()
        self._draw_unit()

    def set_digit(self, index: int | None, x: np.ndarray | None, label: int = 0) -> None:
        """Report on test digit ``index`` with (784,) pixels ``x``; None: no digit."""
        self._digit = None if index is None else (index, label)
        self._x = x
        self._draw_unit()

    @property
    def lines(self) -> tuple[str, str] | None:
        """The two lines about the cursor's unit, as shown (None before any weights)."""
        return self._lines

    def on_weight_tiles_selected(self, message: WeightTiles.Selected) -> None:
        message.stop()
        self._draw_unit()

    def on_mount(self) -> None:
        self._draw_legend()

    def _draw_legend(self) -> None:
        # With the tiles, as their colours may have changed with the theme.
        tiles = self.query_one(WeightTiles)
        legend = render_legend(
            tiles.glyphs,
            negative=component_colors(tiles, "weight-tiles--negative")[0],
            zero=component_colors(tiles, "weight-tiles--zero")[1],
            positive=component_colors(tiles, "weight-tiles--positive")[0],
        )
        self.query_one("#weights-legend", Static).update(legend, layout=False)

    @property
    def _hidden(self) -> bool:
        return len(self._network.sizes) > 2

    def _draw_unit(self) -> None:
        tiles = self.query_one(WeightTiles)
        if self._network is None or not tiles.units:
            return
        a = z = 0.0
        if self._digit is not None and self._x is not None:
            a, z = first_layer_unit(self._network, self._x, tiles.unit)
        activation = self._network.activation if self._hidden else ""
        name = tiles.names[tiles.unit]
        lines = unit_lines(tiles.unit, name, self._digit, a, z, activation)
        if lines != self._lines:  # a fixed two-row box: no relayout
            self._lines = lines
            self.query_one("#weights-unit", Static).update("\n".join(lines), layout=False)
