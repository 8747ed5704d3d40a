"""Activations page: the six activation functions overlaid as the book's Fig. 3-8 does,
the chosen one's derivative, and every value at a chosen x."""

from __future__ import annotations

from collections.abc import Callable, Collection
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
from tui.i18n import N_, _

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
SOURCE = N_("f′: nncore layer.backward; step & identity: numerical_diff")
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


def value_table(x: float, selected: str, shown: Collection[str] = ()) -> str:
    """f(x) and f'(x) of every activation, as two side-by-side columns of text; ``▶``
    marks the chosen one, ``•`` the others in ``shown`` (those on the plot)."""
    marks = {name: "•" for name in shown} | {selected: "▶"}
    rows = [
        f"{marks.get(name, ' ')}{name:<9}{float(fn(np.float64(x))):>9.6f}"
        f"{float(derivative(name, np.array(x))):>10.6f}"
        for name, (fn, _layer) in FUNCTIONS.items()
    ]
    header = f" {'x = ' + format(x, 'g'):<9}{'f(x)':>9}{'f′(x)':>10}"
    half = len(rows) // 2
    lines = [f"{header}  {header}"]
    lines += [f"{a}  {b}" for a, b in zip(rows[:half], rows[half:], strict=True)]
    return "\n".join(lines)


class ActivationsPage(ConceptPage):
    """Plots the chosen activation over [-r, r] (and its derivative, on ``d``) over the
    others switched on with the digit keys (their order in the table), with a marker at
    the chosen x, and a table of every activation's values there."""

    TITLE = N_("Activation functions")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "choose(-1)", "f", key_display="↑"),
        Binding("down", "choose(1)", "f", key_display="↓"),
        Binding("left", "move(-1)", "x", key_display="←"),
        Binding("right", "move(1)", "x", key_display="→"),
        Binding("minus", "zoom(1)", N_("Wider"), key_display="-"),
        Binding("plus,equals_sign", "zoom(-1)", N_("Narrower"), key_display="+"),
        Binding("d", "toggle_derivatives", N_("Derivative")),
        Binding("1", "overlay(0)", N_("Overlay"), key_display="1-6"),
        *(Binding(str(i + 1), f"overlay({i})", "", show=False) for i in range(1, len(FUNCTIONS))),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected = "sigmoid"
        self.x = 1.0
        self.range_index = RANGES.index(5.0)
        self.derivatives = True
        self.overlaid = {"step"}
        """Names plotted beside the chosen one: the book's Fig. 3-8 sets step against
        sigmoid."""

    def compose_body(self) -> ComposeResult:
        yield ConceptPlot(id="act-plot")
        yield Static("", id="act-table", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        half = RANGES[self.range_index]
        xs = np.linspace(-half, half, POINTS)
        shown = [n for n in FUNCTIONS if n in self.overlaid or n == self.selected]
        series = [(f"{name}(x)", xs, FUNCTIONS[name][0](xs)) for name in shown]
        if self.derivatives:
            series.append((f"{self.selected}′(x)", xs, derivative(self.selected, xs)))
        values = np.concatenate([ys for _name, _xs, ys in series])
        # The step's derivative is a spike at 0 (numerically 1/2h): keep the axis readable.
        top = max(1.1, float(np.max(np.minimum(values, half))))
        self.query_one(ConceptPlot).set_series(
            series,
            vlines=[self.x] if -half <= self.x <= half else [],
            ylim=(min(-0.1, float(values.min())), top),
        )
        self.query_one("#act-table", Static).update(value_table(self.x, self.selected, shown))
        self.say(_(SOURCE))

    def action_choose(self, direction: int) -> None:
        names = list(FUNCTIONS)
        self.selected = names[(names.index(self.selected) + direction) % len(names)]
        self.refresh_view()

    def action_overlay(self, index: int) -> None:
        self.overlaid ^= {list(FUNCTIONS)[index]}
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
