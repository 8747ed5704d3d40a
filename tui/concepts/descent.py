"""Gradient descent page: the book's f(x0, x1) = x0² + x1², step by step, on a map."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from nncore.descent import gradient_descent
from tui.concepts.base import ConceptPage
from tui.render.halfblock import render_halfblock
from tui.widgets.styling import component_colors

START = (-3.0, 4.0)
STEPS = 100
RATES = (1e-10, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.9, 1.0, 1.1, 10.0)
"""Learning rates ↑/↓ step through: the book's 0.1, its too-small 1e-10 and too-large 10."""
LIMIT = 5.0
"""The map shows [-LIMIT, LIMIT] on both axes."""
LEVELS = 8
"""Shades of f on the map: few enough that their edges read as contour rings."""
RUN_INTERVAL = 0.05


def function_2(x: np.ndarray) -> float:
    """The book's ``function_2``: sum of squares, minimum 0 at the origin. ``x``: (2,)."""
    return float(np.sum(x**2))


def cell_of(point: np.ndarray, cols: int, rows: int) -> tuple[int, int] | None:
    """The (row, col) map cell of a (2,) point, or None when it is off the map."""
    if not np.all(np.abs(point) <= LIMIT):
        return None
    col = round((point[0] + LIMIT) / (2 * LIMIT) * (cols - 1))
    pixel_row = round((LIMIT - point[1]) / (2 * LIMIT) * (2 * rows - 1))
    return pixel_row // 2, col


def verdict(path: np.ndarray) -> str:
    """What the (steps + 1, 2) path did, in a few words."""
    start, end = np.linalg.norm(path[0]), np.linalg.norm(path[-1])
    if not np.isfinite(end) or end > start * 1.01:
        return "diverges: every step overshoots further"
    if end > start * 0.99:
        return "stuck: lr too small, or bouncing"
    return "converges to the minimum (0, 0)"


class DescentMap(Widget):
    """f shaded over [-5, 5]², the path's points, and the current one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "descent-map--low",
        "descent-map--high",
        "descent-map--path",
        "descent-map--now",
    }
    DEFAULT_CSS = """
    DescentMap > .descent-map--low { color: $panel; }
    DescentMap > .descent-map--high { color: $primary; }
    DescentMap > .descent-map--path { color: $warning; }
    DescentMap > .descent-map--now { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points = np.zeros((0, 2))

    def show(self, points: np.ndarray) -> None:
        """Mark (k, 2) ``points``, the last one as the current position."""
        self.points = points
        self.refresh()

    def render(self) -> Text:
        cols, rows = self.size.width, self.size.height
        if cols < 2 or rows < 2:
            return Text()
        x0 = np.linspace(-LIMIT, LIMIT, cols)
        x1 = np.linspace(LIMIT, -LIMIT, 2 * rows)
        f = x0[None, :] ** 2 + x1[:, None] ** 2
        image = np.sqrt(f / f.max())  # sqrt: rings evenly spaced in distance
        low = component_colors(self, "descent-map--low")[0]
        high = component_colors(self, "descent-map--high")[0]
        paper = Color.from_rgb(*low)
        markers = {}
        for i, point in enumerate(self.points):
            cell = cell_of(point, cols, rows)
            if cell is not None:
                now = i == len(self.points) - 1
                name = "descent-map--now" if now else "descent-map--path"
                colour = Color.from_rgb(*component_colors(self, name)[0])
                markers[cell] = ("●" if now else "•", Style(color=colour, bgcolor=paper, bold=True))
        return render_halfblock(image, paper=low, ink=high, levels=LEVELS, markers=markers)


class DescentPage(ConceptPage):
    """Step the book's gradient descent with a chosen learning rate and watch the path."""

    TITLE = "Gradient descent on f(x0, x1) = x0² + x1²"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space", "step(1)", "Step", key_display="→"),
        Binding("left", "step(-1)", "Back", key_display="←"),
        Binding("r", "run", "Run"),
        Binding("end", "jump(-1)", "End"),
        Binding("home", "jump(0)", "Start"),
        Binding("up", "rate(1)", "lr", key_display="↑"),
        Binding("down", "rate(-1)", "lr", key_display="↓"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lr = 0.1
        self.current = 0
        self.path = gradient_descent(function_2, START, self.lr, STEPS)
        self._runner: Timer | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="gd-body"):
            yield DescentMap(id="gd-map")
            yield Static("", id="gd-text", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        x = self.path[self.current]
        with np.errstate(over="ignore"):
            fx = function_2(x)
        lines = [
            f"lr = {self.lr:g}",
            f"start ({START[0]:g}, {START[1]:g})",
            f"step {self.current}/{STEPS}",
            f"x0 = {x[0]:.4g}",
            f"x1 = {x[1]:.4g}",
            f"f(x) = {fx:.4g}",
            "",
            "gradient: nncore",
            "numerical_gradient",
            "",
            verdict(self.path),
        ]
        if cell_of(x, 10, 10) is None:
            lines.append("x is off the map")
        self.query_one("#gd-text", Static).update("\n".join(lines))
        self.query_one(DescentMap).show(self.path[: self.current + 1])
        self.say("x ← x − lr·∇f(x), ∇f by central differences, h = 1e-4")

    def _stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()
            self._runner = None

    def action_step(self, direction: int) -> None:
        self._stop()
        self.current = min(max(self.current + direction, 0), STEPS)
        self.refresh_view()

    def action_jump(self, index: int) -> None:
        self._stop()
        self.current = index % (STEPS + 1)
        self.refresh_view()

    def action_run(self) -> None:
        self._stop()
        if self.current == STEPS:
            self.current = 0
        self._runner = self.set_interval(RUN_INTERVAL, self._advance)

    def _advance(self) -> None:
        self.current += 1
        if self.current >= STEPS:
            self.current = STEPS
            self._stop()
        self.refresh_view()

    def action_rate(self, direction: int) -> None:
        index = min(max(RATES.index(self.lr) + direction, 0), len(RATES) - 1)
        self.lr = RATES[index]
        self.path = gradient_descent(function_2, START, self.lr, STEPS)
        self.action_jump(0)
