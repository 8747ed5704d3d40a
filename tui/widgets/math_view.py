"""MathView: one truth-table row's forward and backward pass, the row chosen with ↑/↓."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from nncore.row_math import RowMath
from tui.i18n import N_, _
from tui.render.row_math import render_row_math

ROWS = 4


class MathView(VerticalScroll, can_focus=True):
    """Shows a ``RowMath``; ``↑``/``↓`` choose the row and post ``MathView.RowChanged``
    (the workbench computes the new row's numbers and calls ``show``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "row(-1)", N_("Row ↑"), show=False),
        Binding("down", "row(1)", N_("Row ↓"), show=False),
    ]

    DEFAULT_CSS = """
    MathView { height: 1fr; }
    MathView > Static { width: auto; }
    """

    class RowChanged(Message):
        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row = 0
        self._body = Static("", markup=False)

    def compose(self):
        yield self._body

    def show(self, math: RowMath, title: str) -> None:
        heading = _("{title} · ↑/↓ row {row}/{rows}").format(
            title=title, row=self.row + 1, rows=ROWS
        )
        text = render_row_math(math, heading, muted="dim")
        self._body.update(text)

    def action_row(self, delta: int) -> None:
        row = min(max(self.row + delta, 0), ROWS - 1)
        if row != self.row:
            self.row = row
            self.post_message(self.RowChanged(row))
