"""Loss page: sum of squares vs cross-entropy on the book's examples, and the delta."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from nncore import cross_entropy_error, sum_squares_error
from nncore.functions import DELTA
from tui.concepts.base import NEXT_FIELD, FieldsPage, field_hint
from tui.concepts.plot import ConceptPlot
from tui.concepts.softmax import parse_numbers
from tui.i18n import N_, _

EXAMPLES = (
    (N_("net says 2"), "0.1 0.05 0.6 0.0 0.05 0.1 0.0 0.1 0.0 0.0"),
    (N_("net says 7"), "0.1 0.05 0.1 0.0 0.05 0.1 0.0 0.6 0.0 0.0"),
    ("y[2] = 0", "0.1 0.05 0.0 0.0 0.05 0.1 0.0 0.7 0.0 0.0"),
)
"""The book's two predictions for a "2" (t = one-hot 2), and one that rules the 2 out."""
BOOK_T = "0 0 1 0 0 0 0 0 0 0"
CURVE_POINTS = 200


def parse_target(text: str, classes: int) -> np.ndarray:
    """A one-hot (classes,) target from a label ("2") or a one-hot vector; ValueError says why."""
    values = parse_numbers(text)
    if values.size == 1 and values[0].is_integer() and 0 <= values[0] < classes:
        t = np.zeros(classes)
        t[int(values[0])] = 1.0
        return t
    if values.size != classes:
        raise ValueError(
            _("{count} numbers, but y has {classes}").format(count=values.size, classes=classes)
        )
    if np.count_nonzero(values == 1) != 1 or np.count_nonzero(values) != 1:
        raise ValueError(_("one-hot (a single 1) or a class label, please"))
    return values


def loss_curves(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Both losses as the right class's probability p goes from 0 to 1 (the other classes
    share 1 - p evenly). ``t``: one-hot (K,). Returns (p, sse, cee), each (CURVE_POINTS,)."""
    label, k = int(np.argmax(t)), t.size
    ps = np.linspace(0.0, 1.0, CURVE_POINTS)
    sse, cee = np.empty_like(ps), np.empty_like(ps)
    for i, p in enumerate(ps):
        y = np.full(k, (1 - p) / (k - 1))
        y[label] = p
        sse[i], cee[i] = sum_squares_error(y, t), cross_entropy_error(y, t)
    return ps, sse, cee


class LossPage(FieldsPage):
    """Type a prediction ``y`` and a target ``t``; see both losses and the delta's role."""

    TITLE = N_("Loss: sum of squares vs cross-entropy")
    BINDINGS: ClassVar[list[BindingType]] = NEXT_FIELD

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="concept-row"):
            yield Static("y =", classes="concept-label")
            yield Input(EXAMPLES[0][1], id="loss-y", compact=True)
        yield field_hint("loss-y")
        with Horizontal(classes="concept-row"):
            yield Static("t =", classes="concept-label")
            yield Input(BOOK_T, id="loss-t", compact=True)
        yield field_hint("loss-t")
        with Horizontal(classes="concept-row"):
            yield Static(_("try"), classes="concept-label")
            for i, (name, _y) in enumerate(EXAMPLES):
                yield Button(_(name), id=f"loss-example-{i}", compact=True)
        yield Static("", id="loss-result", classes="concept-text concept-gap", markup=False)
        yield ConceptPlot(id="loss-plot")

    def use_example(self, index: int) -> None:
        self.query_one("#loss-y", Input).value = EXAMPLES[index][1]
        self.query_one("#loss-t", Input).value = BOOK_T

    def show(self) -> None:
        try:
            y = parse_numbers(self.query_one("#loss-y", Input).value)
            if y.size < 2:
                raise ValueError(_("two or more numbers, one per class"))
        except ValueError as exc:
            self.invalid("loss-y", f"y: {exc}")
            return
        try:
            t = parse_target(self.query_one("#loss-t", Input).value, y.size)
        except ValueError as exc:
            self.invalid("loss-t", f"t: {exc}")
            return
        self.valid()
        label = int(np.argmax(t))
        p = float(y[label])
        with np.errstate(divide="ignore"):
            # The book's formula without its delta: what nncore's DELTA protects against.
            bare = float(-np.log(p)) if p >= 0 else float("nan")
        zero = y.copy()
        zero[label] = 0.0
        lines = [
            _("sum of squares  0.5·Σ(y−t)²     = {loss}").format(
                loss=f"{sum_squares_error(y, t):.6f}"
            ),
            _("cross-entropy   −Σ t·log(y + δ) = {loss}").format(
                loss=f"{cross_entropy_error(y, t):.6f}"
            ),
            _("right class {label}: y = {p}; without δ, −log(y) = {bare}").format(
                label=label, p=f"{p:g}", bare=f"{bare:.6f}"
            ),
            _("at y[{label}] = 0: −log(0) = inf; with δ = {delta}: {loss}").format(
                label=label, delta=f"{DELTA:g}", loss=f"{cross_entropy_error(zero, t):.6f}"
            ),
        ]
        self.query_one("#loss-result", Static).update("\n".join(lines))
        ps, sse, cee = loss_curves(t)
        self.query_one(ConceptPlot).set_series(
            [(_("sum of squares"), ps, sse), (_("cross-entropy"), ps, cee)],
            title=_("loss vs y[{label}]").format(label=label),
            vlines=[p] if 0 <= p <= 1 else [],
            ylim=(0.0, 5.0),
        )
        total = float(np.sum(y))
        if abs(total - 1) < 1e-9:
            self.say(_("cross-entropy only looks at the right class's y"))
        else:
            self.say(
                _(
                    "cross-entropy only looks at the right class's y (y sums to {total}, not 1)"
                ).format(total=f"{total:g}")
            )
