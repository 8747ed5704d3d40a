"""Forward pass page: the book's 3-layer network, one step at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from nncore import Affine, identity_function, sigmoid
from tui.concepts.base import ConceptPage

X = np.array([1.0, 0.5])
PARAMS = {
    "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
    "b1": np.array([0.1, 0.2, 0.3]),
    "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
    "b2": np.array([0.1, 0.2]),
    "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
    "b3": np.array([0.1, 0.2]),
}
"""The book's ``init_network()`` (section 3.4.3)."""


@dataclass(frozen=True)
class Step:
    """One line of the walkthrough: ``name = formula``, the value (shape (n,)), and what
    the step multiplied (W, b keys) if it was an affine step."""

    name: str
    formula: str
    value: np.ndarray
    weights: tuple[str, str] | None = None


def forward_steps() -> list[Step]:
    """x, then a = z·W + b and z = h(a) per layer, ending with the identity output y."""
    steps = [Step("x", "input", X)]
    z = X
    for i in (1, 2, 3):
        w, b = f"W{i}", f"b{i}"
        a = Affine(PARAMS[w], PARAMS[b]).forward(z)
        steps.append(Step(f"a{i}", f"{steps[-1].name}·{w} + {b}", a, (w, b)))
        if i < 3:
            z = sigmoid(a)
            steps.append(Step(f"z{i}", f"sigmoid(a{i})", z))
    steps.append(Step("y", "identity(a3)", identity_function(a)))
    return steps


def fmt(values: np.ndarray) -> str:
    return "[" + " ".join(f"{v:.8g}" for v in np.atleast_1d(values)) + "]"


def shape(a: np.ndarray) -> str:
    return str(tuple(a.shape))


class ForwardPage(ConceptPage):
    """Reveal the forward pass one step per key, with the shapes and the weights used."""

    TITLE = "Forward pass: the book's 3-layer network"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", "Next step", key_display="→"),
        Binding("left,p", "step(-1)", "Back", key_display="←"),
        Binding("home", "jump(0)", "Start"),
        Binding("end", "jump(-1)", "End"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = forward_steps()
        self.current = 0

    def compose_body(self) -> ComposeResult:
        yield Static("", id="fw-steps", classes="concept-text")
        yield Static("", id="fw-detail", classes="concept-text concept-gap")

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        lines = Text(no_wrap=True, overflow="ellipsis")
        for i, step in enumerate(self.steps):
            head = f"{'▶' if i == self.current else ' '} {step.name} = {step.formula}"
            if i <= self.current:
                line = f"{head:<19}{shape(step.value):<6} {fmt(step.value)}"
                lines.append(line, "bold" if i == self.current else "")
            else:
                lines.append(head, "dim")
            lines.append("\n")
        lines.rstrip()
        self.query_one("#fw-steps", Static).update(lines)
        self.query_one("#fw-detail", Static).update(self.detail(self.steps[self.current]))
        where = f"step {self.current} of {len(self.steps) - 1}"
        self.say(f"{where} · → next, ← back" if self.current else f"{where} · press → to start")

    def detail(self, step: Step) -> str:
        """What the current step did, in shapes and numbers."""
        if step.weights is None:
            if step.name == "x":
                return "x: the input, two numbers"
            rule = "1/(1+exp(−a))" if step.formula.startswith("sigmoid") else "y = a"
            return f"{step.formula}: {rule} per element; the shape stays {shape(step.value)}"
        w, b = step.weights
        previous = self.steps[self.current - 1]
        lines = [
            f"{previous.name} {shape(previous.value)} · {w} {shape(PARAMS[w])} + {b} "
            f"{shape(PARAMS[b])} → {step.name} {shape(step.value)}",
            f"{w} = " + "\n     ".join(fmt(row) for row in PARAMS[w]),
            f"{b} = {fmt(PARAMS[b])}",
        ]
        return "\n".join(lines)

    def action_step(self, direction: int) -> None:
        self.current = min(max(self.current + direction, 0), len(self.steps) - 1)
        self.refresh_view()

    def action_jump(self, index: int) -> None:
        self.current = index % len(self.steps)
        self.refresh_view()
