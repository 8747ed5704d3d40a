"""TruthTable: a gate's four rows with the network's output and whether it is right."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.widget import Widget

HEADER = " x1  x2  target  output"


class TruthTable(Widget):
    """Rows ``x1 x2 target output ✓/✗``; an output is right when it is on the target's
    side of 0.5. ``title`` (e.g. ``"AND · epoch 120"``) heads the table."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "truth-table--right",
        "truth-table--wrong",
        "truth-table--header",
    }

    DEFAULT_CSS = """
    TruthTable {
        width: auto;
        height: auto;
    }
    TruthTable > .truth-table--right {
        color: $success;
        text-style: bold;
    }
    TruthTable > .truth-table--wrong {
        color: $error;
        text-style: bold;
    }
    TruthTable > .truth-table--header {
        color: $foreground-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._title = ""

    def show(self, x: np.ndarray, targets: np.ndarray, outputs: np.ndarray, title: str) -> None:
        """``x`` (4, 2) inputs, ``targets`` and ``outputs`` (4,) each."""
        self._rows = (np.asarray(x), np.ravel(targets), np.ravel(outputs))
        self._title = title
        self.refresh(layout=True)

    @property
    def right_count(self) -> int:
        """Rows whose output is on the target's side of 0.5."""
        if self._rows is None:
            return 0
        _, targets, outputs = self._rows
        return int(np.sum((outputs > 0.5) == (targets > 0.5)))

    def render(self) -> Text:
        text = Text(no_wrap=True)
        text.append(f"{self._title}\n", "bold")
        text.append(HEADER + "\n", self.get_component_rich_style("truth-table--header"))
        if self._rows is None:
            return text
        right = self.get_component_rich_style("truth-table--right")
        wrong = self.get_component_rich_style("truth-table--wrong")
        for (x1, x2), target, y in zip(*self._rows, strict=True):
            ok = bool((y > 0.5) == (target > 0.5))
            shown = "   nan" if not np.isfinite(y) else f"{y:.4f}"
            text.append(f"  {x1:.0f}   {x2:.0f}     {target:.0f}    {shown}  ")
            text.append("✓" if ok else "✗", right if ok else wrong)
            text.append("\n")
        text.rstrip()
        return text
