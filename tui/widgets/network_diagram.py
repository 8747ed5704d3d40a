"""NetworkDiagram: a small box-drawing picture of a network's layers, edges drawn by weight."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from tui.i18n import _
from tui.render.network_diagram import (
    SEGMENT,
    Cell,
    DiagramStyles,
    diagram_cells,
    diagram_width,
    legend_lines,
    node_columns,
    render_diagram,
)
from tui.widgets.styling import component_colors


class NetworkDiagram(Widget):
    """Layers as columns of nodes, each connection drawn by its weight (see
    ``tui.render.network_diagram``), with the layer widths, the activations and how to
    read the edges underneath — as many of those lines as the height allows."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "network-diagram--node",
        "network-diagram--wire",
        "network-diagram--positive",
        "network-diagram--negative",
        "network-diagram--label",
    }

    DEFAULT_CSS = """
    NetworkDiagram {
        width: auto;
        height: auto;
    }
    NetworkDiagram > .network-diagram--node {
        color: $accent;
        text-style: bold;
    }
    NetworkDiagram > .network-diagram--wire {
        color: $foreground 35%;  /* faint, so the weighted edges stand out */
    }
    NetworkDiagram > .network-diagram--positive {
        color: $primary;
    }
    NetworkDiagram > .network-diagram--negative {
        color: $error;
    }
    NetworkDiagram > .network-diagram--label {
        color: $foreground-muted;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weights: tuple[np.ndarray, ...] = (np.zeros((2, 1)),)
        """Each layer's (n_k, n_k+1) weights, as drawn."""
        self._activations: tuple[str, ...] = ("sigmoid",)
        self._cells: list[list[Cell]] | None = None  # on demand: a hidden one costs nothing
        self._segment = SEGMENT

    @property
    def sizes(self) -> tuple[int, ...]:
        first = np.asarray(self.weights[0])
        return (first.shape[0], *(np.asarray(w).reshape(len(w), -1).shape[1] for w in self.weights))

    def show(self, weights: Sequence[np.ndarray], activations: Sequence[str]) -> None:
        """``weights``: W1, W2, … of the network shown; ``activations``: one per layer."""
        self.weights, self._activations = tuple(weights), tuple(activations)
        self._cells = None
        self.refresh(layout=True)

    @property
    def segment(self) -> int:
        """Cells each edge's run takes (one of ``SEGMENTS``)."""
        return self._segment

    @segment.setter
    def segment(self, cells: int) -> None:
        if cells != self._segment:
            self._segment, self._cells = cells, None
            self.refresh(layout=True)

    def width_for(self, segment: int) -> int:
        """Cells wide the widget is with edges ``segment`` cells long."""
        labels = (cell_len(line) for line in self._labels())
        return max(diagram_width(self.sizes, segment), *labels)

    @property
    def cells(self) -> list[list[Cell]]:
        """``diagram_cells`` of the weights shown."""
        if self._cells is None:
            self._cells = diagram_cells(self.weights, self._segment)
        return self._cells

    def _labels(self) -> list[str]:
        sizes = self.sizes
        widths = [" "] * diagram_width(sizes, self._segment)
        for column, size in zip(node_columns(sizes, self._segment), sizes, strict=True):
            for offset, char in enumerate(str(size)):
                if column + offset < len(widths):
                    widths[column + offset] = char
        flow = _("in → {activations}").format(activations=" → ".join(self._activations))
        return ["".join(widths).rstrip(), flow, *legend_lines(sizes)]

    def _drawing_height(self) -> int:
        return len(self.cells)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.width_for(self._segment)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        full = self._drawing_height() + len(self._labels())
        # Labels go first when the pane is short: the drawing is what this widget is for.
        return max(self._drawing_height(), min(full, container.height or full))

    def render(self) -> Text:
        styles = DiagramStyles(
            node=self.get_component_rich_style("network-diagram--node"),
            wire=self.get_component_rich_style("network-diagram--wire"),
            positive=_colour_of(self, "network-diagram--positive"),
            negative=_colour_of(self, "network-diagram--negative"),
        )
        label = self.get_component_rich_style("network-diagram--label")
        text = render_diagram(self.cells, styles)
        room = self.content_size.height - self._drawing_height()
        for line in self._labels()[: max(0, room)]:
            text.append("\n")
            text.append(line, label)
        return text


def _colour_of(widget: Widget, component: str) -> Style:
    """The component's colour alone: an edge's dim/bold come from its weight class."""
    foreground = component_colors(widget, component)[0]
    return Style(color=Color.from_rgb(*foreground))
