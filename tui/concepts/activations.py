"""Activations page: the six activation functions, their derivatives, values at a chosen x."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from nncore import (
    LeakyRelu,
    Relu,
    Sigmoid,
    Tanh,
    identity_function,
    leaky_relu,
    numerical_diff,
    relu,
    sigmoid,
    step_function,
    tanh,
)
from tui.concepts.base import ConceptPage
from tui.concepts.plot import ConceptPlot

FUNCTIONS: dict[str, tuple[Callable, type | None]] = {
    "step": (step_function, None),
    "sigmoid": (sigmoid, Sigmoid),
    "relu": (relu, Relu),
    "leaky": (leaky_relu, LeakyRelu),
    "tanh": (tanh, Tanh),
    "identity": (identity_function, None),
}
"""Legend name -> (nncore function, nncore layer whose backward gives the derivative;
None where nncore has no layer, and the page takes ``numerical_diff`` instead)."""

RANGES = (1.0, 2.0, 3.0, 5.0, 8.0, 10.0)
"""Half-widths of the plotted x range that -/+ step through."""
X_STEP = 0.25
POINTS = 241
SOURCE = "f′: nncore layer.backward; step & identity: numerical_diff"
"""Where the derivatives come from (nncore has no step or identity layer)."""


def derivative(name: str, xs: np.ndarray) -> np.ndarray:
    """d/dx of the named activation at every point of ``xs`` (any shape), float64.

    A layer's ``backward(ones)`` is the local gradient itself, exactly as backprop uses it.
    """
    fn, layer_class = FUNCTIONS[name]
    xs = np.asarray(xs, dtype=np.float64)
    if layer_class is None:
        return np.asarray(numerical_diff(fn, xs), dtype=np.float64)
    layer = layer_class()
    layer.forward(xs)
    return layer.backward(np.ones_like(xs))


def value_table(x: float, selected: str) -> str:
    """f(x) and f'(x) of every activation, as two side-by-side columns of text; ``▶``
    marks the plotted one."""
    rows = [
        f"{'▶' if name == selected else ' '}{name:<9}{float(fn(np.float64(x))):>9.6f}"
        f"{float(derivative(name, np.array(x))):>10.6f}"
        for name, (fn, _) in FUNCTIONS.items()
    ]
    header = f" {'x = ' + format(x, 'g'):<9}{'f(x)':>9}{'f′(x)':>10}"
    half = len(rows) // 2
    lines = [f"{header}  {header}"]
    lines += [f"{a}  {b}" for a, b in zip(rows[:half], rows[half:], strict=True)]
    return "\n".join(lines)


class ActivationsPage(ConceptPage):
    """Plots one activation over [-r, r] (and its derivative, on ``d``) with a marker at
    the chosen x, and a table of every activation's values there."""

    TITLE = "Activation functions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "choose(-1)", "f", key_display="↑"),
        Binding("down", "choose(1)", "f", key_display="↓"),
        Binding("left", "move(-1)", "x", key_display="←"),
        Binding("right", "move(1)", "x", key_display="→"),
        Binding("minus", "zoom(1)", "Wider", key_display="-"),
        Binding("plus,equals_sign", "zoom(-1)", "Narrower", key_display="+"),
        Binding("d", "toggle_derivatives", "Derivative"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected = "sigmoid"
        self.x = 1.0
        self.range_index = RANGES.index(5.0)
        self.derivatives = True

    def compose_body(self) -> ComposeResult:
        yield ConceptPlot(id="act-plot")
        yield Static("", id="act-table", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        half = RANGES[self.range_index]
        xs = np.linspace(-half, half, POINTS)
        fn, _ = FUNCTIONS[self.selected]
        series = [(f"{self.selected}(x)", xs, fn(xs))]
        if self.derivatives:
            series.append(("derivative", xs, derivative(self.selected, xs)))
        values = np.concatenate([ys for _, _, ys in series])
        # The step's derivative is a spike at 0 (numerically 1/2h): keep the axis readable.
        top = max(1.1, float(np.max(np.minimum(values, half))))
        self.query_one(ConceptPlot).set_series(
            series,
            vlines=[self.x] if -half <= self.x <= half else [],
            ylim=(min(-0.1, float(values.min())), top),
        )
        self.query_one("#act-table", Static).update(value_table(self.x, self.selected))
        self.say(SOURCE)

    def action_choose(self, direction: int) -> None:
        names = list(FUNCTIONS)
        self.selected = names[(names.index(self.selected) + direction) % len(names)]
        self.refresh_view()

    def action_move(self, direction: int) -> None:
        self.x = round(self.x + direction * X_STEP, 10)
        self.refresh_view()

    def action_zoom(self, direction: int) -> None:
        self.range_index = min(max(self.range_index + direction, 0), len(RANGES) - 1)
        self.refresh_view()

    def action_toggle_derivatives(self) -> None:
        self.derivatives = not self.derivatives
        self.refresh_view()
