"""WeightsView: every layer's weight matrix and bias vector, four decimals."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.widget import Widget

MAX_COLUMNS = 6
"""Wider layers show their first columns and a count of the rest, to stay readable."""


def format_row(values: np.ndarray) -> str:
    shown = " ".join(f"{v:8.4f}" for v in values[:MAX_COLUMNS])
    extra = len(values) - MAX_COLUMNS
    return shown + (f"  …+{extra}" if extra > 0 else "")


class WeightsView(Widget):
    """Shows ``params`` (``W1, b1, W2, b2, …``) layer by layer."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"weights-view--name"}

    DEFAULT_CSS = """
    WeightsView {
        width: auto;
        height: auto;
    }
    WeightsView > .weights-view--name {
        color: $accent;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._params: dict[str, np.ndarray] = {}

    def show(self, params: dict[str, np.ndarray]) -> None:
        self._params = params
        self.refresh(layout=True)

    def render(self) -> Text:
        name_style = self.get_component_rich_style("weights-view--name")
        text = Text(no_wrap=True)
        layer = 1
        while f"W{layer}" in self._params:
            weights = np.asarray(self._params[f"W{layer}"])
            if weights.ndim == 1:  # the book's single unit keeps W as a (2,) vector
                weights = weights.reshape(-1, 1)
            bias = np.ravel(self._params[f"b{layer}"])
            rows, cols = weights.shape
            if cols > rows:
                # One row per unit (its incoming weights | its bias) stays narrow.
                text.append(f"W{layer}ᵀ", name_style)
                text.append(f" ({cols}×{rows}) │ ", "dim")
                text.append(f"b{layer}\n", name_style)
                for unit in range(cols):
                    text.append(format_row(weights[:, unit]) + " │ " + f"{bias[unit]:7.4f}\n")
            else:
                text.append(f"W{layer}", name_style)
                text.append(f" ({rows}×{cols})\n", "dim")
                for row in weights:
                    text.append(format_row(row) + "\n")
                text.append(f"b{layer} ", name_style)
                text.append(format_row(bias).lstrip() + "\n")
            layer += 1
        text.rstrip()
        return text
