"""NetworkDiagram: a small box-drawing picture of a fully connected network's layers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

MAX_NODES = 6
"""Taller layers draw this many nodes, the last one as "⋮" with the real count below."""

# (up, down, left, right) → the box-drawing character joining those sides.
JOINS = {
    (False, False, True, True): "─",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
    (False, True, True, False): "┐",
    (True, False, True, False): "┘",
    (True, True, True, False): "┤",
    (False, True, False, True): "┌",
    (True, False, False, True): "└",
    (True, True, False, True): "├",
    (True, True, False, False): "│",
}


def node_rows(count: int, height: int) -> list[int]:
    """Rows of ``count`` nodes spread over ``height`` rows, centred, two apart if room."""
    gap = 2 if count * 2 - 1 <= height else 1
    top = (height - (count - 1) * gap - 1) // 2
    return [top + i * gap for i in range(count)]


def render_network(sizes: Sequence[int]) -> list[str]:
    """Lines of the diagram: one column of nodes per layer, three cells of edges between."""
    shown = [min(n, MAX_NODES) for n in sizes]
    height = max(shown) * 2 - 1 if max(shown) * 2 - 1 <= 11 else max(shown)
    columns = [node_rows(n, height) for n in shown]
    lines: list[list[str]] = [[] for _ in range(height)]
    for index, rows in enumerate(columns):
        for row in range(height):
            if row in rows:
                last = rows.index(row) == len(rows) - 1
                glyph = "⋮" if last and sizes[index] > MAX_NODES else "○"
                lines[row].append(glyph)
            else:
                lines[row].append(" ")
        if index + 1 < len(columns):
            right = columns[index + 1]
            lo, hi = min(rows[0], right[0]), max(rows[-1], right[-1])
            for row in range(height):
                if lo <= row <= hi:
                    key = (row > lo, row < hi, row in rows, row in right)
                    mid = JOINS.get(key, "│")
                    lines[row].append("─" if row in rows else " ")
                    lines[row].append(mid)
                    lines[row].append("─" if row in right else " ")
                else:
                    lines[row].append("   ")
    return ["".join(parts) for parts in lines]


class NetworkDiagram(Widget):
    """Layers as columns of nodes joined by the full connection between them, with the
    layer widths and activations written underneath."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"network-diagram--node", "network-diagram--label"}

    DEFAULT_CSS = """
    NetworkDiagram {
        width: auto;
        height: auto;
    }
    NetworkDiagram > .network-diagram--node {
        color: $accent;
        text-style: bold;
    }
    NetworkDiagram > .network-diagram--label {
        color: $foreground-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sizes: tuple[int, ...] = (2, 1)
        self._activations: tuple[str, ...] = ("sigmoid",)

    def show(self, sizes: Sequence[int], activations: Sequence[str]) -> None:
        self._sizes, self._activations = tuple(sizes), tuple(activations)
        self.refresh(layout=True)

    def render(self) -> Text:
        node = self.get_component_rich_style("network-diagram--node")
        label = self.get_component_rich_style("network-diagram--label")
        text = Text(no_wrap=True)
        for line in render_network(self._sizes):
            for char in line:
                text.append(char, node if char in "○⋮" else "")
            text.append("\n")
        widths = "   ".join(str(n) for n in self._sizes)
        text.append(widths + "\n", label)
        text.append("in → " + " → ".join(self._activations), label)
        return text
