"""Non-linearity page: two linear layers collapse into one; with a sigmoid between, no."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from nncore import Affine, Sigmoid
from tui.concepts.base import ConceptPage
from tui.concepts.plot import ConceptPlot
from tui.i18n import N_, _

HIDDEN = 3
POINTS = 81
X_RANGE = 4.0
WEIGHT_STD = 2.0
"""Large enough that the sigmoids bend visibly over [-4, 4]."""


def random_layers(seed: int) -> dict[str, np.ndarray]:
    """W1 (1, HIDDEN), b1 (HIDDEN,), W2 (HIDDEN, 1), b2 (1,), seeded."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, WEIGHT_STD, (1, HIDDEN)),
        "b1": rng.normal(0, WEIGHT_STD, HIDDEN),
        "W2": rng.normal(0, WEIGHT_STD / 2, (HIDDEN, 1)),
        "b2": rng.normal(0, 1, 1),
    }


def compare(p: dict[str, np.ndarray], x: np.ndarray) -> dict[str, np.ndarray]:
    """Outputs (N,) for inputs ``x`` (N, 1): the two stacked linear layers, the single
    layer with the composed W = W1·W2 (1, 1) and b = b1·W2 + b2 (1,), and the stack with a
    sigmoid between the layers; plus W and b themselves."""
    first, second = Affine(p["W1"], p["b1"]), Affine(p["W2"], p["b2"])
    stacked = second.forward(first.forward(x))
    w = p["W1"] @ p["W2"]
    b = p["b1"] @ p["W2"] + p["b2"]
    single = Affine(w, b).forward(x)
    curved = second.forward(Sigmoid().forward(first.forward(x)))
    return {
        "stacked": stacked.ravel(),
        "single": single.ravel(),
        "sigmoid": curved.ravel(),
        "W": w,
        "b": b,
    }


def best_line(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The least-squares straight line through (N,) ``y`` at (N,) ``x``: the closest any
    single linear layer can come to it."""
    slope, intercept = np.polyfit(x, y, 1)
    return slope * x + intercept


def fmt(a: np.ndarray) -> str:
    return "[" + " ".join(f"{v:.3f}" for v in np.ravel(a)) + "]"


class NonlinearPage(ConceptPage):
    """Random weights (``r`` for new ones); the numbers show the collapse, the plot both."""

    TITLE = N_("Why non-linear: stacked linear layers collapse")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("r", "reroll", N_("New weights"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seed = 1

    def compose_body(self) -> ComposeResult:
        yield Static("", id="nl-text", classes="concept-text", markup=False)
        with Horizontal(id="nl-plots"):
            yield ConceptPlot(id="nl-linear")
            yield ConceptPlot(id="nl-sigmoid")

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        p = random_layers(self.seed)
        x = np.linspace(-X_RANGE, X_RANGE, POINTS)
        out = compare(p, x.reshape(-1, 1))
        gap = float(np.max(np.abs(out["stacked"] - out["single"])))
        line = best_line(x, out["sigmoid"])
        lines = [
            f"W1 = {fmt(p['W1'])}  b1 = {fmt(p['b1'])}",
            f"W2 = {fmt(p['W2'])}ᵀ  b2 = {fmt(p['b2'])}",
            _("x·W1+b1, ·W2+b2  =  x·W + b with W = W1·W2 = {w},").format(w=fmt(out["W"])),
            _("b = b1·W2 + b2 = {b}: outputs differ by {gap} at most").format(
                b=fmt(out["b"]), gap=f"{gap:.1e}"
            ),
            _("sigmoid between them: the best straight line misses by {miss}").format(
                miss=f"{np.max(np.abs(out['sigmoid'] - line)):.3f}"
            ),
        ]
        self.query_one("#nl-text", Static).update("\n".join(lines))
        self.query_one("#nl-linear", ConceptPlot).set_series(
            [(_("1 layer"), x, out["single"]), (_("2 linear"), x, out["stacked"])]
        )
        self.query_one("#nl-sigmoid", ConceptPlot).set_series(
            [(_("best line"), x, line), ("sigmoid", x, out["sigmoid"])]
        )
        self.say(
            _("weights seed {seed} · left: the 2 linear layers hide the 1 layer").format(
                seed=self.seed
            )
        )

    def action_reroll(self) -> None:
        self.seed += 1
        self.refresh_view()
