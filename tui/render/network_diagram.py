"""A fully connected network as box-drawing text, each connection drawn by its weight.

Layers are columns of nodes. Between two layers, every source node runs a wire to its own
vertical bus; each destination node's row taps every bus in turn, source order, and the
run of cells right after the tap on bus i is the edge from source i: a row reads like that
unit's incoming weights, the same order as a row of ``W1ᵀ`` in the weights view.

An edge's glyph says its sign — solid for +, dashed for − — so the sign survives 16 colours
and NO_COLOR; its weight class says its size relative to the layer's largest ``|w|``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.style import Style
from rich.text import Text

from tui.i18n import _

MAX_NODES = 6
"""Taller layers draw this many nodes, the last one as "⋮" standing for the rest."""
SEGMENTS = (4, 3, 2)
"""Cells of an edge's own run after its tap, longest first: the widest that has room."""
SEGMENT = SEGMENTS[-1]
THIN_BELOW = 1 / 3
THICK_FROM = 2 / 3
"""|w| / the layer's largest |w|: thin below THIN_BELOW, thick from THICK_FROM, else normal."""

NODE, ELIDED = "○", "⋮"
GLYPHS = {
    ("+", "thin"): "─",
    ("+", "normal"): "─",
    ("+", "thick"): "━",
    ("-", "thin"): "╌",
    ("-", "normal"): "╌",
    ("-", "thick"): "╍",
}
"""Sign by solid/dashed, thick by heavy; thin differs from normal by its dim style."""

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


@dataclass(frozen=True)
class Edge:
    """How one drawn connection looks: ``sign`` "+"/"-", ``strength`` thin/normal/thick."""

    sign: str
    strength: str

    @property
    def glyph(self) -> str:
        return GLYPHS[self.sign, self.strength]


Cell = tuple[str, "str | Edge"]
"""A character and what it is: "node", "wire" (neutral lines) or the Edge it draws."""


def edge_for(weight: float, largest: float) -> Edge:
    """The look of a connection of ``weight`` in a layer whose largest |w| is ``largest``."""
    ratio = abs(weight) / largest if largest > 0 else 0.0
    strength = "thin" if ratio < THIN_BELOW else "thick" if ratio >= THICK_FROM else "normal"
    return Edge("-" if weight < 0 else "+", strength)


def slots(count: int) -> list[np.ndarray]:
    """Real node indices behind each drawn node: one each, or the rest behind the last."""
    if count <= MAX_NODES:
        return [np.array([k]) for k in range(count)]
    return [np.array([k]) for k in range(MAX_NODES - 1)] + [np.arange(MAX_NODES - 1, count)]


def shown_weights(weights: np.ndarray) -> np.ndarray:
    """(n, m) weights → (shown n, shown m): a "⋮" node's edge is the strongest (largest
    |w|, its sign kept) of the edges of the nodes it stands for."""
    rows, cols = slots(weights.shape[0]), slots(weights.shape[1])
    out = np.empty((len(rows), len(cols)))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            block = weights[np.ix_(r, c)].ravel()
            out[i, j] = block[np.argmax(np.abs(block))]
    return out


def clean(weights: np.ndarray) -> np.ndarray:
    """(n, m) float weights; the book's single unit stores W as a (2,) vector; a diverged
    run's NaN draws as 0 and ±inf as the largest finite size."""
    w = np.asarray(weights, dtype=np.float64)
    w = w.reshape(-1, 1) if w.ndim == 1 else w
    biggest = np.finfo(np.float64).max
    return np.nan_to_num(w, nan=0.0, posinf=biggest, neginf=-biggest)


def layer_rows(counts: Sequence[int]) -> tuple[int, list[list[int]]]:
    """(height, rows of each layer's drawn nodes). Neighbouring layers sit on rows of
    opposite parity, so no wire row is also a tap row; each layer spread evenly."""
    best = None
    for first in (1, 0):
        parity = [(first + k) % 2 for k in range(len(counts))]
        height = max(2 * c - 1 + p for c, p in zip(counts, parity, strict=True))
        if best is None or height < best[0]:
            best = (height, parity)
    height, parity = best
    columns = []
    for count, p in zip(counts, parity, strict=True):
        free = list(range(p, height, 2))
        if count == 1:
            index = [(len(free) - 1) // 2]
        else:
            index = np.rint(np.linspace(0, len(free) - 1, count)).astype(int).tolist()
        columns.append([free[k] for k in index])
    return height, columns


def region_width(sources: int, segment: int = SEGMENT) -> int:
    """Cells between two layers whose first has ``sources`` drawn nodes."""
    return sources * (segment + 1) + 1


def diagram_width(sizes: Sequence[int], segment: int = SEGMENT) -> int:
    """Cells the diagram of layer widths ``sizes`` takes, edges ``segment`` cells long."""
    shown = [min(n, MAX_NODES) for n in sizes]
    return len(shown) + sum(region_width(n, segment) for n in shown[:-1])


def node_columns(sizes: Sequence[int], segment: int = SEGMENT) -> list[int]:
    """The column of each layer's nodes."""
    columns, col = [], 0
    for n in sizes:
        columns.append(col)
        col += 1 + region_width(min(n, MAX_NODES), segment)
    return columns


def draw_region(
    grid: list[list[Cell]],
    left: int,
    sources: list[int],
    targets: list[int],
    weights: np.ndarray,
    segment: int,
) -> None:
    """Draw into ``grid`` from column ``left``: wires from ``sources`` rows to their buses,
    a tap row per ``targets`` row; ``weights`` (len sources, len targets) as drawn."""
    largest = float(np.max(np.abs(weights), initial=0.0))
    buses = [left + 1 + i * (segment + 1) for i in range(len(sources))]
    spans = [(min(a, *targets), max(a, *targets)) for a in sources]
    for i, (row, bus) in enumerate(zip(sources, buses, strict=True)):
        for col in range(left, bus):
            grid[row][col] = ("─", "wire")  # passes over the earlier buses it crosses
        top, bottom = spans[i]
        for r in range(top, bottom + 1):
            if r in targets or r == row:
                continue
            if grid[r][bus][0] == " ":
                grid[r][bus] = ("│", "wire")
        grid[row][bus] = (JOINS[(row > top, row < bottom, True, False)], "wire")
    for j, row in enumerate(targets):
        for i, bus in enumerate(buses):
            top, bottom = spans[i]
            grid[row][bus] = (JOINS[(row > top, row < bottom, i > 0, True)], "wire")
            edge = edge_for(weights[i, j], largest)
            for col in range(bus + 1, bus + 1 + segment):
                grid[row][col] = (edge.glyph, edge)


def diagram_cells(weights: Sequence[np.ndarray], segment: int = SEGMENT) -> list[list[Cell]]:
    """Rows of cells for a network whose layer ``k`` has weights ``weights[k]`` (n_k, n_k+1),
    each edge a run of ``segment`` cells."""
    matrices = [clean(w) for w in weights]
    sizes = [matrices[0].shape[0], *(w.shape[1] for w in matrices)]
    counts = [min(n, MAX_NODES) for n in sizes]
    height, rows = layer_rows(counts)
    width = diagram_width(sizes, segment)
    grid: list[list[Cell]] = [[(" ", "wire")] * width for _row in range(height)]
    col = 0
    for k, layer in enumerate(rows):
        for index, row in enumerate(layer):
            elided = sizes[k] > MAX_NODES and index == len(layer) - 1
            grid[row][col] = (ELIDED if elided else NODE, "node")
        if k + 1 < len(rows):
            draw_region(grid, col + 1, layer, rows[k + 1], shown_weights(matrices[k]), segment)
            col += region_width(len(layer), segment)
        col += 1
    return grid


@dataclass(frozen=True)
class DiagramStyles:
    """Rich styles: nodes, neutral wires, and the colour of + and − edges."""

    node: Style
    wire: Style
    positive: Style
    negative: Style


STRENGTH_STYLES = {"thin": Style(dim=True), "normal": Style(), "thick": Style(bold=True)}


def render_diagram(cells: list[list[Cell]], styles: DiagramStyles) -> Text:
    """``diagram_cells`` as Text, one line per row, no trailing newline."""
    text = Text(no_wrap=True)
    for r, row in enumerate(cells):
        if r:
            text.append("\n")
        for char, kind in row:
            if isinstance(kind, Edge):
                colour = styles.positive if kind.sign == "+" else styles.negative
                text.append(char, colour + STRENGTH_STYLES[kind.strength])
            else:
                text.append(char, styles.node if kind == "node" else styles.wire)
    return text


def legend_lines(sizes: Sequence[int]) -> list[str]:
    """How to read the edges (and, with more than MAX_NODES in a layer, the "⋮"), narrow
    enough to leave the book's single unit beside its weights at 80 columns (a translation
    breaks its own lines where it has a line break)."""
    lines = [
        f"{GLYPHS['+', 'normal']} +w  {GLYPHS['-', 'normal']} −w",
        f"{GLYPHS['+', 'thick']}{GLYPHS['-', 'thick']} |w|≥⅔max",
        _("dim |w|<⅓max"),
    ]
    if any(n > MAX_NODES for n in sizes):
        lines += _("{elided}: the rest's\nstrongest w").format(elided=ELIDED).split("\n")
    return lines
