"""TruthTable: a gate's four rows with the network's output and whether it is right."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from nncore.gates import RULE, is_right, shown
from tui.i18n import N_, _, explain
from tui.render.cells import ljust

COLUMNS = (("x1", 1), ("x2", 1), (N_("target"), 1), (N_("output"), len(shown(0.0))))
"""(heading, width of its values): x1 and x2 are the book's names and stay as they are;
the headings are padded by cells, so a Korean or Japanese one keeps the columns in line."""
GAP = "  "


def columns() -> list[tuple[str, int, int]]:
    """(heading, column width, where its values start in it), headings translated."""
    found = []
    for heading, values in COLUMNS:
        shown_heading = _(heading)
        width = max(cell_len(shown_heading), values)
        found.append((shown_heading, width, (width - values + 1) // 2))
    return found


def rule() -> str:
    """The rule under the rows: nncore's ``RULE`` (``"✓: >0.5 if 1, <0.5 if 0"``, which
    ``nnlab train gate`` prints) in the chosen language."""
    return explain(RULE)


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
        _inputs, targets, outputs = self._rows
        return int(np.sum(is_right(outputs, targets)))

    def render(self) -> Text:
        text = Text(no_wrap=True)
        text.append(f"{self._title}\n", "bold")
        header = self.get_component_rich_style("truth-table--header")
        cols = columns()
        headings = GAP.join(ljust(heading, width) for heading, width, _start in cols)
        text.append(" " + headings.rstrip() + "\n", header)
        if self._rows is None:
            return text
        right = self.get_component_rich_style("truth-table--right")
        wrong = self.get_component_rich_style("truth-table--wrong")
        x, targets, outputs = self._rows
        for (x1, x2), target, y, ok in zip(
            x, targets, outputs, is_right(outputs, targets), strict=True
        ):
            values = (f"{x1:.0f}", f"{x2:.0f}", f"{target:.0f}", shown(y))
            cells = [
                ljust(" " * start + value, width)
                for value, (_heading, width, start) in zip(values, cols, strict=True)
            ]
            text.append(" " + GAP.join(cells) + GAP)
            text.append("✓" if ok else "✗", right if ok else wrong)
            text.append("\n")
        text.append(rule(), header)
        return text
