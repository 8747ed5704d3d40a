"""UnitMaps: each hidden unit's output over the unit square, one small map per unit."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from nncore.hidden_units import UNIT_RANGES, unit_shades
from tui.i18n import _
from tui.render.decision_map import to_grid
from tui.render.unit_maps import MAX_UNITS, fit_maps, render_unit_maps
from tui.widgets.styling import component_colors

RESOLUTION = 12
"""Map size before the widget has a size to fit."""
TITLE_LINES = 1


class UnitMaps(Widget):
    """``show(outputs, activation)`` with each hidden layer's (n*n, width) outputs over
    ``grid_inputs(n)``, n = ``resolution_for(units)``; draws up to MAX_UNITS maps labelled
    h1, h2, …, as large as its size lets all of them fit (``fit_maps``), and says how
    many it leaves out. Give it a height (it fills, ``1fr``); it posts ``Resized`` when
    a new size wants a different fit."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "unit-maps--low",
        "unit-maps--high",
        "unit-maps--label",
    }

    DEFAULT_CSS = """
    UnitMaps { width: 1fr; height: 1fr; text-wrap: nowrap; text-overflow: clip; }
    UnitMaps > .unit-maps--low { color: $error; }
    UnitMaps > .unit-maps--high { color: $success; }
    UnitMaps > .unit-maps--label { color: $foreground-muted; }
    """

    class Resized(Message):
        """The widget's new size fits the maps differently: show them again."""

        def __init__(self, unit_maps: UnitMaps) -> None:
            super().__init__()
            self.unit_maps = unit_maps

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grids: list[tuple[str, np.ndarray]] = []
        """(label, (n, n) raw outputs) per drawn unit."""
        self.hidden = 0
        self._units = 0
        self._activation = "sigmoid"

    def _fit(self, units: int) -> tuple[int, int]:
        width, height = self.content_size
        if not width or not height:
            return RESOLUTION, min(units, MAX_UNITS)
        return fit_maps(units, width, height - TITLE_LINES)

    def resolution_for(self, units: int) -> int:
        """The map size n to compute ``units`` hidden units' outputs at."""
        return self._fit(units)[0]

    def show(self, outputs: list[np.ndarray], activation: str) -> None:
        layered = len(outputs) > 1
        units = [
            (f"h{number}" + (f" L{layer}" if layered else ""), column)
            for number, (layer, column) in enumerate(
                ((layer, z[:, k]) for layer, z in enumerate(outputs, 1) for k in range(z.shape[1])),
                start=1,
            )
        ]
        self._units = len(units)
        n = round(len(units[0][1]) ** 0.5) if units else RESOLUTION
        shown = self._fit(len(units))[1]
        self.grids = [(label, to_grid(z, n)) for label, z in units[:shown]]
        self.hidden = len(units) - len(self.grids)
        self._activation = activation
        self.display = bool(units)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        shown = (self.grids[0][1].shape[0], len(self.grids)) if self.grids else None
        if self._units and self._fit(self._units) != shown:
            self.post_message(self.Resized(self))

    def _title(self) -> str:
        low, high = UNIT_RANGES.get(self._activation, (0, None))
        if high is None:
            scale = _("{activation}: red {low} … green its largest")
        else:
            scale = _("{activation}: red {low} … green {high}")
        top = "" if high is None else f"{high:g}"
        scale = scale.format(activation=self._activation, low=f"{low:g}", high=top)
        title = _("hidden units, {scale}").format(scale=scale)
        return title if cell_len(title) <= self.content_size.width else scale

    def render(self) -> Text:
        low = component_colors(self, "unit-maps--low")[0]
        high = component_colors(self, "unit-maps--high")[0]
        label = self.get_component_rich_style("unit-maps--label")
        text = Text(self._title() + "\n", label, no_wrap=True, overflow="crop")
        shades = [(name, unit_shades(g, self._activation)) for name, g in self.grids]
        text.append_text(
            render_unit_maps(
                shades, self.size.width, hidden=self.hidden, low=low, high=high, label_style=label
            )
        )
        return text
