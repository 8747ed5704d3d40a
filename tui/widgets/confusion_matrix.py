"""ConfusionMatrix: counts of true class × predicted class."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.render.confusion import render_confusion
from tui.widgets.styling import component_colors


class ConfusionMatrix(Widget):
    """Shows a (K, K) int array ``matrix[true, predicted]``; K + 3 lines, ~44 cells for K = 10."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "confusion-matrix--diagonal",
        "confusion-matrix--error",
        "confusion-matrix--zero",
        "confusion-matrix--header",
    }
    """``--error``'s ``background`` is the shade of the most frequent mistake."""

    DEFAULT_CSS = """
    ConfusionMatrix {
        width: auto;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    ConfusionMatrix > .confusion-matrix--diagonal {
        color: $success;
        text-style: bold;
    }
    ConfusionMatrix > .confusion-matrix--error {
        background: $error;
    }
    ConfusionMatrix > .confusion-matrix--zero {
        color: $foreground-muted;
    }
    ConfusionMatrix > .confusion-matrix--header {
        color: $foreground-muted;
        text-style: bold;
    }
    """

    # always_update: arrays can't be compared with !=, and callers may refill one in place.
    # Relayout (which costs the whole screen) only when the size can change: watch_matrix.
    matrix: reactive[np.ndarray | None] = reactive(None, always_update=True)

    def __init__(
        self,
        matrix: np.ndarray | None = None,
        *,
        labels: Sequence[str] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels = labels
        self.set_reactive(ConfusionMatrix.matrix, matrix)

    def watch_matrix(self, old: np.ndarray | None, new: np.ndarray | None) -> None:
        self.refresh(layout=_size_key(old) != _size_key(new))

    def _text(self) -> Text:
        k = len(self._labels) if self._labels is not None else 10
        matrix = np.zeros((k, k), dtype=int) if self.matrix is None else self.matrix
        _, paper = component_colors(self, "confusion-matrix--zero")
        _, error = component_colors(self, "confusion-matrix--error")
        return render_confusion(
            matrix,
            labels=self._labels,
            diagonal_style=self.get_component_rich_style("confusion-matrix--diagonal"),
            zero_style=self.get_component_rich_style("confusion-matrix--zero"),
            header_style=self.get_component_rich_style("confusion-matrix--header"),
            paper=paper,
            error=error,
        )

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(cell_len(line) for line in self._text().plain.split("\n"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._text().plain.count("\n") + 1

    def render(self) -> Text:
        return self._text()


def _size_key(matrix: np.ndarray | None) -> tuple:
    """What the rendered size depends on: the shape and the widest count's digits."""
    if matrix is None:
        return ()
    return np.shape(matrix), len(str(int(np.max(matrix, initial=0))))
