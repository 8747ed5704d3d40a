"""Forward pass page: the book's 3-layer network on an input x you type, step by step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from nncore import Affine, identity_function, sigmoid
from tui.concepts.base import NEXT_FIELD, ConceptPage, field_hint
from tui.i18n import N_, _
from tui.render.cells import ljust

BOOK_X = "1.0 0.5"
"""The book's input (section 3.4.3), whose output is [0.31682708 0.69627909]."""
PARAMS = {
    "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
    "b1": np.array([0.1, 0.2, 0.3]),
    "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
    "b2": np.array([0.1, 0.2]),
    "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
    "b3": np.array([0.1, 0.2]),
}
"""The book's ``init_network()`` (section 3.4.3)."""
INPUTS = PARAMS["W1"].shape[0]
INPUT = N_("input")
"""The formula of the first step, x: shown translated, unlike the formulas."""


@dataclass(frozen=True)
class Step:
    """One line of the walkthrough: ``name = formula``, the value (shape (n,)), and what
    the step multiplied (W, b keys) if it was an affine step."""

    name: str
    formula: str
    value: np.ndarray
    weights: tuple[str, str] | None = None


def parse_input(text: str) -> np.ndarray:
    """Exactly two finite numbers separated by spaces or commas, as a (2,) float64 array;
    ValueError says what is wrong."""
    words = text.replace(",", " ").split()
    if len(words) != INPUTS:
        wrong = (
            _("{count} numbers, e.g. {example} (got {got})")
            if words
            else _("{count} numbers, e.g. {example} (the field is empty)")
        )
        raise ValueError(wrong.format(count=INPUTS, example=BOOK_X, got=len(words)))
    values = []
    for word in words:
        try:
            value = float(word)
        except ValueError:
            raise ValueError(_("{word} is not a number").format(word=repr(word))) from None
        if not np.isfinite(value):
            raise ValueError(
                _("{word} is {value} in float64: only finite numbers (|x| < 1.8e308)").format(
                    word=word, value=value
                )
            )
        values.append(value)
    return np.array(values)


def forward_steps(x: np.ndarray) -> list[Step]:
    """x (2,), then a = z·W + b and z = h(a) per layer, ending with the identity output y."""
    steps = [Step("x", INPUT, x)]
    z = x
    # Inputs near 1e308 overflow a·W to ±inf: shown as inf, as NumPy computes it.
    with np.errstate(over="ignore", invalid="ignore"):
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
    """Type x; every step of the forward pass is recomputed at once. ←/→ pick the step
    whose shapes and weights are spelled out below."""

    TITLE = N_("Forward pass: the book's 3-layer network")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n", "step(1)", N_("Next step"), key_display="→"),
        Binding("left,p", "step(-1)", N_("Back"), key_display="←"),
        Binding("home", "jump(0)", N_("Start")),
        Binding("end", "jump(-1)", N_("End")),
        *NEXT_FIELD,
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.steps = forward_steps(parse_input(BOOK_X))
        self.current = 0

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="concept-row"):
            yield Static("x =", classes="concept-label")
            yield Input(BOOK_X, id="fw-x", compact=True)
        yield field_hint("fw-x")
        yield Static("", id="fw-steps", classes="concept-text concept-gap")
        yield Static("", id="fw-detail", classes="concept-text concept-gap")

    def first_focus(self) -> Widget:
        # The page, not the field: → and ← step through the pass at once; tab types x.
        return self

    def on_mount(self) -> None:
        self.refresh_view()

    def on_input_changed(self, event: Input.Changed) -> None:
        try:
            x = parse_input(event.value)
        except ValueError as exc:
            self.invalid("fw-x", f"x: {exc}")
            return
        self.valid()
        self.steps = forward_steps(x)
        self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus()

    def refresh_view(self) -> None:
        lines = Text(no_wrap=True, overflow="ellipsis")
        for i, step in enumerate(self.steps):
            formula = _(INPUT) if step.name == "x" else step.formula
            head = f"{'▶' if i == self.current else ' '} {step.name} = {formula}"
            line = f"{ljust(head, 19)}{shape(step.value):<6} {fmt(step.value)}"
            lines.append(line, "bold" if i == self.current else "")
            lines.append("\n")
        lines.rstrip()
        self.query_one("#fw-steps", Static).update(lines)
        self.query_one("#fw-detail", Static).update(self.detail(self.steps[self.current]))
        self.say(
            _("step {step} of {last} · → next, ← back · tab: type your own x").format(
                step=self.current, last=len(self.steps) - 1
            )
        )

    def detail(self, step: Step) -> str:
        """What the current step did, in shapes and numbers."""
        if step.weights is None:
            if step.name == "x":
                return _("x: the input, two numbers (tab to type your own)")
            rule = "1/(1+exp(−a))" if step.formula.startswith("sigmoid") else "y = a"
            return _("{formula}: {rule} per element; the shape stays {shape}").format(
                formula=step.formula, rule=rule, shape=shape(step.value)
            )
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

    def action_leave(self) -> None:
        if self.has_focus:
            super().action_leave()
        else:  # from the field: back to the page, whose keys step through the pass
            self.focus()
