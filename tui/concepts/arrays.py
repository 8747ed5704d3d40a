"""Arrays page: which shapes ``np.dot(A, B)`` accepts, and why a mismatch is one."""

from __future__ import annotations

from itertools import zip_longest
from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from tui.concepts.base import NEXT_FIELD, FieldsPage, field_hint
from tui.i18n import N_, _

EXAMPLES = (("2 2", "2 2"), ("2 3", "3 2"), ("2 2", "3 2"), ("3 2", "2"))
"""The book's examples (section 3.3): square, rectangular, a mismatch, matrix·vector."""
MAX_DIMS = 3
MAX_SIZE = 12
SHOWN_ROWS = 5
SHOWN_WIDTH = 18


def parse_shape(text: str) -> tuple[int, ...]:
    """``"2 3"``, ``"(2, 3)"`` or ``"2x3"`` -> (2, 3); ValueError says why."""
    words = text.replace("(", " ").replace(")", " ").replace(",", " ").replace("x", " ").split()
    if not words:
        raise ValueError(_("type a shape, e.g. 2 3"))
    if len(words) > MAX_DIMS:
        raise ValueError(_("at most {count} dimensions here").format(count=MAX_DIMS))
    for w in words:
        if not (w.isdigit() and 1 <= int(w) <= MAX_SIZE):
            raise ValueError(
                _("{word}? sizes are whole numbers from 1 to {largest}").format(
                    word=w, largest=MAX_SIZE
                )
            )
    return tuple(int(w) for w in words)


def dot_shapes(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...] | None, str]:
    """The shape of ``np.dot`` of arrays shaped ``a`` and ``b`` (None if it fails), and a
    sentence saying why. The shape comes from NumPy itself, not from a rule of ours."""
    inner_b = 0 if len(b) == 1 else len(b) - 2
    try:
        result = np.dot(np.zeros(a), np.zeros(b)).shape
    except ValueError:
        if len(b) == 1:
            why = _(
                "{a} · {b}: inner sizes {left} and {right} differ — "
                "A's last axis must match B's only axis"
            )
        elif len(b) == 2:
            why = _(
                "{a} · {b}: inner sizes {left} and {right} differ — "
                "A's last axis must match B's first axis"
            )
        else:
            why = _(
                "{a} · {b}: inner sizes {left} and {right} differ — "
                "A's last axis must match B's axis -2"
            )
        return None, why.format(a=a, b=b, left=a[-1], right=b[inner_b])
    sentence = _("{a} · {b} → {result}: the inner {size}s pair up and are summed away")
    return result, sentence.format(a=a, b=b, result=result, size=a[-1])


def example_arrays(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """A = 1, 2, 3, ... and B continuing the count, as the book's [[1,2],[3,4]]·[[5,6],[7,8]]."""
    size_a = int(np.prod(a))
    return (
        np.arange(1, size_a + 1).reshape(a),
        np.arange(size_a + 1, size_a + 1 + int(np.prod(b))).reshape(b),
    )


def block(name: str, array: np.ndarray) -> list[str]:
    """The array as lines of text under its name, or a note when it is too big to show."""
    text = np.array2string(array, max_line_width=SHOWN_WIDTH + 10)
    lines = text.splitlines()
    if array.ndim > 2 or len(lines) > SHOWN_ROWS or max(map(len, lines)) > SHOWN_WIDTH:
        lines = [_("(too big to show)")]
    return [f"{name} {tuple(array.shape)}", *lines]


def side_by_side(*blocks: list[str]) -> str:
    widths = [max(map(len, b)) + 3 for b in blocks]
    rows = zip_longest(*blocks, fillvalue="")
    return "\n".join(
        "".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


class ArraysPage(FieldsPage):
    """Pick the shapes of A and B; see the shape of ``np.dot(A, B)`` or why it fails."""

    TITLE = N_("Multi-dimensional arrays: np.dot(A, B)")
    BINDINGS: ClassVar[list[BindingType]] = NEXT_FIELD

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="concept-row"):
            yield Static(_("A shape"), classes="concept-label")
            yield Input(EXAMPLES[0][0], id="arr-a", compact=True)
        yield field_hint("arr-a")
        with Horizontal(classes="concept-row"):
            yield Static(_("B shape"), classes="concept-label")
            yield Input(EXAMPLES[0][1], id="arr-b", compact=True)
        yield field_hint("arr-b")
        with Horizontal(classes="concept-row"):
            yield Static(_("try"), classes="concept-label")
            for i, (a, b) in enumerate(EXAMPLES):
                yield Button(f"{a} · {b}", id=f"arr-example-{i}", compact=True)
        yield Static("", id="arr-result", classes="concept-text concept-gap", markup=False)
        yield Static("", id="arr-values", classes="concept-text concept-gap", markup=False)

    def use_example(self, index: int) -> None:
        a, b = EXAMPLES[index]
        self.query_one("#arr-a", Input).value = a
        self.query_one("#arr-b", Input).value = b

    def show(self) -> None:
        shapes = []
        for label, field_id in (
            (N_("A shape: {reason}"), "arr-a"),
            (N_("B shape: {reason}"), "arr-b"),
        ):
            try:
                shapes.append(parse_shape(self.query_one(f"#{field_id}", Input).value))
            except ValueError as exc:
                self.invalid(field_id, _(label).format(reason=exc))
                return
        a, b = shapes
        self.valid()
        shape, sentence = dot_shapes(a, b)
        self.query_one("#arr-result", Static).update(sentence)
        arr_a, arr_b = example_arrays(a, b)
        blocks = [block("A", arr_a), block("B", arr_b)]
        if shape is not None:
            blocks.append(block("np.dot(A, B)", np.dot(arr_a, arr_b)))
        self.query_one("#arr-values", Static).update(side_by_side(*blocks))
        self.say(
            _("rows of A meet columns of B")
            if shape
            else _("np.dot raises ValueError: shapes not aligned")
        )
