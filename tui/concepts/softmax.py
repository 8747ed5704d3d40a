"""Softmax page: why the naive formula overflows and what the max shift fixes."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from nncore import softmax
from tui.concepts.base import NEXT_FIELD, ConceptPage, field_hint
from tui.i18n import N_, _
from tui.render.bars import render_bars

EXAMPLES = ("1000 1010 990", "0.3 2.9 4.0", "-1000 -1010 -990")
"""The book's overflow example, its gentle example, and underflow for contrast."""
MAX_VALUES = 10
EXP_LIMIT = float(np.log(np.finfo(np.float64).max))
"""exp(x) is inf above this (709.78...): float64's largest number is e^709.78."""


def parse_numbers(text: str) -> np.ndarray:
    """Numbers separated by spaces or commas, as a (K,) float64 array; ValueError says why."""
    words = text.replace(",", " ").split()
    if not words:
        raise ValueError(_("type some numbers, e.g. 1000 1010 990"))
    if len(words) > MAX_VALUES:
        raise ValueError(_("at most {count} numbers").format(count=MAX_VALUES))
    try:
        values = np.array([float(w) for w in words])
    except ValueError:
        raise ValueError(_("only numbers, separated by spaces")) from None
    for word, value in zip(words, values.tolist(), strict=True):
        if not np.isfinite(value):
            raise ValueError(
                _("{word} is {value} in float64: only finite numbers (|a| < 1.8e308)").format(
                    word=word, value=value
                )
            )
    return values


def naive_softmax(a: np.ndarray) -> np.ndarray:
    """The book's first ``exp(a) / sum(exp(a))``, without the max shift. nncore does not
    ship it because it is wrong for large inputs; it is here to show that failure."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(a)
        return e / np.sum(e)


def why_naive_fails(a: np.ndarray, naive: np.ndarray) -> str:
    """One sentence on what happened to the naive result for (K,) inputs ``a``."""
    if np.all(np.isfinite(naive)):
        return _("no overflow here: naive and stable agree")
    if np.max(a) > EXP_LIMIT:
        big = a[np.argmax(a)]
        return _("exp({big}) overflows to inf (max e^{limit}): inf/inf = nan").format(
            big=f"{big:g}", limit=f"{EXP_LIMIT:.2f}"
        )
    small = a[np.argmax(a)]
    return _("exp({small}) underflows to 0 for every input; 0/0 = nan").format(small=f"{small:g}")


def fmt(values: np.ndarray) -> str:
    return "[" + " ".join(f"{v:.6g}" for v in values) + "]"


class SoftmaxPage(ConceptPage):
    """Type inputs ``a``; see the naive and the stable (nncore) softmax side by side."""

    TITLE = N_("Softmax: overflow and the max shift")

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="concept-row"):
            yield Static("a =", classes="concept-label")
            yield Input(EXAMPLES[0], id="sm-input", compact=True)
        yield field_hint("sm-input")
        with Horizontal(classes="concept-row"):
            yield Static(_("try"), classes="concept-label")
            for i, example in enumerate(EXAMPLES):
                yield Button(example, id=f"sm-example-{i}", compact=True)
        yield Static("", id="sm-result", classes="concept-text concept-gap", markup=False)
        yield Static("", id="sm-bars", classes="concept-text concept-gap")

    BINDINGS: ClassVar[list[BindingType]] = NEXT_FIELD

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._y: np.ndarray | None = None

    def on_mount(self) -> None:
        self.show(EXAMPLES[0])

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.query_one(Input).value = str(event.button.label)

    def show(self, text: str) -> None:
        try:
            a = parse_numbers(text)
        except ValueError as exc:
            self.invalid("sm-input", f"a: {exc}")
            return
        self.valid()
        naive = naive_softmax(a)
        y = softmax(a)
        same = int(np.argmax(a)) == int(np.argmax(y))
        lines = [
            _("naive: exp(a) / sum(exp(a)) = {y}").format(y=fmt(naive)),
            f"  {why_naive_fails(a, naive)}",
            _("stable: nncore.softmax subtracts max(a) first"),
            f"  a - max(a) = {fmt(a - np.max(a))}",
            f"  y = {fmt(y)}",
            "  "
            + (
                _("sum(y) = {total} · argmax(a) = {a}, argmax(y) = {y}: unchanged")
                if same
                else _("sum(y) = {total} · argmax(a) = {a}, argmax(y) = {y}")
            ).format(total=f"{np.sum(y):.6f}", a=np.argmax(a), y=np.argmax(y)),
        ]
        self.query_one("#sm-result", Static).update("\n".join(lines))
        self._y = y
        self._draw_bars()
        self.say(_("subtracting a constant changes no output, only avoids inf"))

    def on_resize(self) -> None:
        self._draw_bars()

    def _draw_bars(self) -> None:
        """The stable softmax ``self._y`` (K,) as bars across the page's width."""
        bars = self.query_one("#sm-bars", Static)
        if self._y is not None:
            bars.update(render_bars(self._y, width=max(20, bars.content_size.width)))
