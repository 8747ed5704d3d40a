"""TruthTable: a gate's four rows with the network's output and whether it is right."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.widget import Widget

HEADER = " x1  x2  target  output"
THRESHOLD = 0.5
DECIMALS = 4
RULE = f"✓: >{THRESHOLD:g} if 1, <{THRESHOLD:g} if 0"
"""The note under the rows. An output shown as 0.5000 is a pass for neither class, even
when it is 0.49997: the verdict must agree with the number the reader sees."""


def shown(y: float) -> str:
    return "   nan" if not np.isfinite(y) else f"{y:.{DECIMALS}f}"


def is_right(outputs: np.ndarray, targets: np.ndarray) -> list[bool]:
    """Whether each output, as shown, is strictly on its target's side of THRESHOLD (nan
    never is); ``outputs`` and ``targets`` (4,) each."""
    verdicts = []
    for y, target in zip(np.ravel(outputs).tolist(), np.ravel(targets).tolist(), strict=True):
        value = float(shown(y))
        verdicts.append(value > THRESHOLD if target > THRESHOLD else value < THRESHOLD)
    return verdicts


class TruthTable(Widget):
    """Rows ``x1 x2 target output ✓/✗`` and the rule under them: an output is right when
    it is strictly on the target's side of 0.5 as shown, to four decimals. ``title``
    (e.g. ``"AND · epoch 120"``) heads the table."""

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
        """Rows whose output is strictly on the target's side of 0.5."""
        if self._rows is None:
            return 0
        _, targets, outputs = self._rows
        return int(np.sum(is_right(outputs, targets)))

    def render(self) -> Text:
        text = Text(no_wrap=True)
        text.append(f"{self._title}\n", "bold")
        text.append(HEADER + "\n", self.get_component_rich_style("truth-table--header"))
        if self._rows is None:
            return text
        right = self.get_component_rich_style("truth-table--right")
        wrong = self.get_component_rich_style("truth-table--wrong")
        x, targets, outputs = self._rows
        for (x1, x2), target, y, ok in zip(
            x, targets, outputs, is_right(outputs, targets), strict=True
        ):
            text.append(f"  {x1:.0f}   {x2:.0f}     {target:.0f}    {shown(y)}  ")
            text.append("✓" if ok else "✗", right if ok else wrong)
            text.append("\n")
        text.append(RULE, self.get_component_rich_style("truth-table--header"))
        return text
