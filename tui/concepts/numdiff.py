"""Numerical differentiation page: forward vs central differences as h shrinks to 1e-50."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from nncore import numerical_diff
from nncore.expressions import Expression, ExpressionError, parse_expression
from tui.concepts.base import NEXT_FIELD, FieldsPage, field_hint
from tui.concepts.plot import ConceptPlot
from tui.i18n import N_, _
from tui.render.cells import ljust

PRESETS = {
    "0.01*x**2 + 0.1*x": "0.02*x + 0.1",
    "sin(x)": "cos(x)",
    "exp(x)": "exp(x)",
}
"""The book's function_1 and two classics, each with its derivative by the known formula."""
BUTTONS = ("0.01x²+0.1x", "sin x", "exp x")
EXPONENTS = np.arange(1, 51)
"""h = 10^-k for these k: from the too-large 0.1 to the book's 1e-50."""
TABLE_EXPONENTS = (1, 4, 12, 50)
ERROR_FLOOR = 1e-20
"""An error of exactly 0 is drawn here, since a log axis has no 0."""


def forward_difference(f, x: float, h: float) -> float:
    """The book's first, flawed ``(f(x + h) - f(x)) / h``: nncore ships only the central
    difference, so this one lives here, to show its O(h) and rounding errors."""
    return (f(x + h) - f(x)) / h


def differences(f: Expression, x: float) -> tuple[np.ndarray, np.ndarray]:
    """For every h = 10^-k, k in EXPONENTS: (forward, central), each (50,) float64."""
    hs = 10.0 ** -EXPONENTS.astype(np.float64)
    with np.errstate(all="ignore"):
        forward = np.array([forward_difference(f, x, h) for h in hs], dtype=np.float64)
        central = np.array([numerical_diff(f, x, h) for h in hs], dtype=np.float64)
    return forward, central


class NumdiffPage(FieldsPage):
    """Type f(x) (or pick a preset) and x; compare both differences with the exact f′(x)."""

    TITLE = N_("Numerical differentiation: choosing h")
    BINDINGS: ClassVar[list[BindingType]] = NEXT_FIELD

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="concept-row"):
            yield Static("f(x) =", classes="concept-label")
            yield Input(next(iter(PRESETS)), id="nd-f", compact=True)
        yield field_hint("nd-f")
        with Horizontal(classes="concept-row"):
            yield Static("x =", classes="concept-label")
            yield Input("5", id="nd-x", compact=True)
            for i, label in enumerate(BUTTONS):
                yield Button(label, id=f"nd-preset-{i}", compact=True)
        yield field_hint("nd-x")
        yield Static("", id="nd-text", classes="concept-text concept-gap", markup=False)
        yield ConceptPlot(id="nd-plot")

    def use_example(self, index: int) -> None:
        self.query_one("#nd-f", Input).value = list(PRESETS)[index]

    def read_inputs(self) -> tuple[Expression, float, str] | None:
        """f, x and f's text when both fields can be used and f(x) is a finite number;
        else None, with the field at fault marked."""
        text = self.query_one("#nd-f", Input).value.strip()
        try:
            f = parse_expression(text)
        except ExpressionError as exc:
            self.invalid("nd-f", f"f(x): {exc}")
            return None
        try:
            x = float(self.query_one("#nd-x", Input).value)
        except ValueError:
            self.invalid("nd-x", _("x: type a number, e.g. 5"))
            return None
        if not np.isfinite(x):
            self.invalid("nd-x", _("x: type a finite number, e.g. 5"))
            return None
        fx = float(f(np.float64(x)))
        if not np.isfinite(fx):
            if np.isnan(fx):
                why = _("x: f({x}) = {fx}: {f} is undefined there")
            else:
                why = _("x: f({x}) = {fx}: {f} overflows float64 there")
            self.invalid("nd-x", why.format(x=f"{x:g}", fx=fx, f=f.text))
            return None
        return f, x, text

    def show(self) -> None:
        inputs = self.read_inputs()
        if inputs is None:
            return
        f, x, text = inputs
        self.valid()
        if text in PRESETS:
            exact_f, source = parse_expression(PRESETS[text]), _("known formula")
        else:
            exact_f, source = f.derivative(), _("derived symbolically")
        exact = float(exact_f(np.float64(x)))
        forward, central = differences(f, x)
        if np.isfinite(exact):
            head = _("exact f′({x}) = {exact}  ({source}: {formula})").format(
                x=f"{x:g}", exact=f"{exact:.16g}", source=source, formula=exact_f.text
            )
        else:
            # abs(x) or sqrt(x) at 0: f is defined, its derivative's formula is not.
            head = _("no exact f′({x}): the formula {formula} gives {exact} there").format(
                x=f"{x:g}", formula=exact_f.text, exact=exact
            )
        forward_head = _("forward (f(x+h)−f(x))/h")
        lines = [head, f"{'h':>6}  {ljust(forward_head, 24)}  " + _("central (nncore)")]
        for k in TABLE_EXPONENTS:
            row = f"{'1e-' + str(k):>6}  {float(forward[k - 1])!r:<24}  {float(central[k - 1])!r}"
            lines.append(row)
        lines.append(
            _("np.float32(1e-50) = {value}: x + h rounds back to x").format(
                value=float(np.float32(1e-50))
            )
        )
        self.query_one("#nd-text", Static).update("\n".join(lines))
        ticks = [1, 10, 20, 30, 40, 50]
        x_ticks = (ticks, [f"1e-{k}" for k in ticks])
        plot = self.query_one(ConceptPlot)
        if not np.isfinite(exact):
            plot.set_series(
                [(_("forward"), EXPONENTS, forward), (_("central"), EXPONENTS, central)],
                title=_("f′ estimates vs h"),
                x_ticks=x_ticks,
            )
            self.say(
                _("f′ has no value at x = {x}: only the differences are shown").format(x=f"{x:g}")
            )
            return
        with np.errstate(invalid="ignore"):
            series = [
                (name, EXPONENTS, np.maximum(np.abs(values - exact), ERROR_FLOOR))
                for name, values in ((_("forward"), forward), (_("central"), central))
            ]
        plot.set_series(series, title=_("|error| vs h"), log_y=True, x_ticks=x_ticks)
        self.say(_("big h: truncation error · tiny h: rounding error (0 → 1e-20)"))
