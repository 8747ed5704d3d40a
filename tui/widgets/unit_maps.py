"""UnitMaps: each hidden unit's output over the unit square, one small map per unit."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from nncore.hidden_units import UNIT_RANGES, unit_shades
from tui.render.decision_map import to_grid
from tui.render.unit_maps import GAP, MAX_UNITS, render_unit_maps
from tui.widgets.styling import component_colors

RESOLUTION = 12


class UnitMaps(Widget):
    """``show(outputs, activation)`` with each hidden layer's (n*n, width) outputs over
    ``grid_inputs(RESOLUTION)``; draws up to MAX_UNITS maps labelled h1, h2, …"""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "unit-maps--low",
        "unit-maps--high",
        "unit-maps--label",
    }

    DEFAULT_CSS = """
    UnitMaps { width: 1fr; height: auto; text-wrap: nowrap; text-overflow: clip; }
    UnitMaps > .unit-maps--low { color: $error; }
    UnitMaps > .unit-maps--high { color: $success; }
    UnitMaps > .unit-maps--label { color: $foreground-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grids: list[tuple[str, np.ndarray]] = []
        """(label, (RESOLUTION, RESOLUTION) raw outputs) per drawn unit."""
        self.hidden = 0
        self._activation = "sigmoid"

    def show(self, outputs: list[np.ndarray], activation: str) -> None:
        layered = len(outputs) > 1
        units = [
            (f"h{number}" + (f" L{layer}" if layered else ""), column)
            for number, (layer, column) in enumerate(
                ((layer, z[:, k]) for layer, z in enumerate(outputs, 1) for k in range(z.shape[1])),
                start=1,
            )
        ]
        self.grids = [(label, to_grid(z, RESOLUTION)) for label, z in units[:MAX_UNITS]]
        self.hidden = max(0, len(units) - MAX_UNITS)
        self._activation = activation
        self.display = bool(units)
        self.refresh(layout=True)

    def _title(self) -> str:
        low, high = UNIT_RANGES.get(self._activation, (0, None))
        top = f"{high:g}" if high is not None else "its largest"
        return f"hidden units, {self._activation}: red {low:g} … green {top}"

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        per_row = max(1, (width + GAP) // (RESOLUTION + GAP))
        rows = -(-len(self.grids) // per_row)
        return 1 + rows * (1 + RESOLUTION // 2) + (1 if self.hidden else 0)

    def render(self) -> Text:
        low, _ = component_colors(self, "unit-maps--low")
        high, _ = component_colors(self, "unit-maps--high")
        label = self.get_component_rich_style("unit-maps--label")
        text = Text(self._title() + "\n", label, no_wrap=True, overflow="crop")
        shades = [(name, unit_shades(g, self._activation)) for name, g in self.grids]
        text.append_text(
            render_unit_maps(
                shades, self.size.width, hidden=self.hidden, low=low, high=high, label_style=label
            )
        )
        return text
