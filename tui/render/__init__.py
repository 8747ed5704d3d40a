"""Pure renderers: NumPy arrays in, Rich ``Text`` out (no Textual imports here)."""

from tui.render.bars import render_bars
from tui.render.confusion import render_confusion
from tui.render.decision_map import grid_inputs, render_decision_map, to_grid
from tui.render.halfblock import render_halfblock

__all__ = [
    "grid_inputs",
    "render_bars",
    "render_confusion",
    "render_decision_map",
    "render_halfblock",
    "to_grid",
]
