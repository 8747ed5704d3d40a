"""Gradient descent page: the book's f(x0, x1) = x0² + x1², its gradient field as arrows
(Fig. 4-9) and a descent path from a start you move (Fig. 4-10), step by step."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from nncore.descent import gradient_descent
from nncore.gradient import numerical_gradient, numerical_gradient_rows
from tui.concepts.base import ConceptPage
from tui.i18n import N_, _
from tui.render.colors import SIXTEEN_COLOUR_SYSTEMS
from tui.render.descent_map import (
    Arrow,
    Cell,
    MapColours,
    MapGeometry,
    field_arrows,
    render_descent_map,
)
from tui.widgets.styling import component_colors

START = (-3.0, 4.0)
"""The book's init_x."""
START_STEP = 0.5
"""How far one arrow key moves the start, along x0 or x1."""
STEPS = 100
RATES = (1e-10, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.9, 1.0, 1.1, 10.0)
"""Learning rates [ and ] step through: the book's 0.1, its too-small 1e-10 and too-large 10."""
LIMIT = 5.0
"""The map shows [-LIMIT, LIMIT] on both axes; the start stays inside."""
LEVELS = 8
"""Shades of f on the map: few enough that their edges read as contour rings."""
RUN_INTERVAL = 0.05
MOVE_START = Binding.Group(N_("Start"), compact=True)
LEARNING_RATE = Binding.Group("lr", compact=True)


def function_2(x: np.ndarray) -> float:
    """The book's ``function_2``: sum of squares, minimum 0 at the origin. ``x``: (2,)."""
    return float(np.sum(x**2))


def verdict(path: np.ndarray) -> str:
    """What the (steps + 1, 2) path did, in a few words."""
    start, end = np.linalg.norm(path[0]), np.linalg.norm(path[-1])
    if not np.isfinite(end) or end > start * 1.01:
        return _("diverges: every step overshoots further")
    if end > start * 0.99:
        return _("stuck: lr too small, or bouncing")
    return _("converges to the minimum (0, 0)")


class DescentMap(Widget):
    """f shaded over [-5, 5]² with labelled axes, −∇f as arrows at grid points, the
    path's points and the current one on top."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "descent-map--low",
        "descent-map--high",
        "descent-map--arrow",
        "descent-map--axis",
        "descent-map--path",
        "descent-map--now",
    }
    DEFAULT_CSS = """
    DescentMap > .descent-map--low { color: $panel; }
    DescentMap > .descent-map--high { color: $primary; }
    DescentMap > .descent-map--arrow { color: $foreground; }
    DescentMap > .descent-map--axis { color: $text-muted; }
    DescentMap > .descent-map--path { color: $warning; }
    DescentMap > .descent-map--now { color: $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points = np.zeros((0, 2))
        self._field: tuple[MapGeometry, np.ndarray, dict[Cell, Arrow]] | None = None

    def show(self, points: np.ndarray) -> None:
        """Mark (k, 2) ``points``: the first is the start, the last the current position."""
        self.points = points
        self.refresh()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # As wide as the map drawn at this height, in the room the widgets beside it
        # leave, so that they sit next to it rather than across a gap.
        beside = sum(
            int(w.styles.width.value) + w.styles.margin.width
            for w in self.parent.children
            if w is not self and w.styles.width is not None
        )
        return MapGeometry(max(container.width - beside, 0), container.height, LIMIT).width

    def field(self) -> tuple[MapGeometry, np.ndarray, dict[Cell, Arrow]]:
        """The geometry for the widget's size, f's shade per plot cell and the arrows;
        computed once per size, since f never changes."""
        geometry = MapGeometry(self.size.width, self.size.height, LIMIT)
        if self._field is None or self._field[0] != geometry:
            x0, x1 = geometry.centres()
            f = x0[None, :] ** 2 + x1[:, None] ** 2
            shade = np.sqrt(f / f.max()) if f.size else f  # sqrt: rings evenly spaced
            arrows = field_arrows(geometry, lambda p: numerical_gradient_rows(function_2, p))
            self._field = geometry, shade, arrows
        return self._field

    def markers(self, geometry: MapGeometry) -> dict[Cell, tuple[str, Style]]:
        path, now = (
            Style(color=Color.from_rgb(*component_colors(self, name)[0]), bold=True)
            for name in ("descent-map--path", "descent-map--now")
        )
        cells = [geometry.cell(*point) for point in self.points]
        markers = {cell: ("•", path) for cell in cells[1:-1]}
        if cells:  # a path that bounces back to the start still shows where it began
            markers[cells[0]] = ("◆", path)
            markers[cells[-1]] = ("●", now)
        markers.pop(None, None)  # points off the map
        return markers

    def render(self) -> Text:
        geometry, shade, arrows = self.field()
        if not geometry.drawable():
            return Text(_("(too small for the map)"), style="dim")
        colours = MapColours(
            *(
                component_colors(self, f"descent-map--{name}")[0]
                for name in ("low", "high", "arrow", "axis")
            )
        )
        sixteen = self.app.console.color_system in SIXTEEN_COLOUR_SYSTEMS
        return render_descent_map(
            geometry,
            shade,
            arrows,
            self.markers(geometry),
            colours,
            levels=LEVELS,
            colors16=sixteen,
        )


class DescentPage(ConceptPage):
    """Step the book's gradient descent with a chosen learning rate and start, and watch
    the path follow the arrows of −∇f."""

    TITLE = N_("Gradient descent on f(x0, x1) = x0² + x1²")
    # The tooltips say START_STEP and STEPS as numbers: a catalog holds literal text only
    # (tests/test_concept_descent.py checks that they agree).
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"move_start({d0}, {d1})", label, key_display=arrow,
                    group=MOVE_START, tooltip=tooltip)
            for key, arrow, label, tooltip, d0, d1 in (
                ("left", "←", N_("Start ←"), N_("Move the start left by 0.5"), -1, 0),
                ("up", "↑", N_("Start ↑"), N_("Move the start up by 0.5"), 0, 1),
                ("right", "→", N_("Start →"), N_("Move the start right by 0.5"), 1, 0),
                ("down", "↓", N_("Start ↓"), N_("Move the start down by 0.5"), 0, -1),
            )
        ),
        Binding("n,space", "step(1)", N_("Step"), key_display="n",
                tooltip=N_("One step downhill")),
        Binding("p", "step(-1)", N_("Back"), tooltip=N_("Back one step")),
        Binding("r", "run", N_("Run"), tooltip=N_("Run the remaining steps")),
        Binding("left_square_bracket", "rate(-1)", "lr −", key_display="[",
                group=LEARNING_RATE, tooltip=N_("Smaller learning rate")),
        Binding("right_square_bracket", "rate(1)", "lr +", key_display="]",
                group=LEARNING_RATE, tooltip=N_("Larger learning rate")),
        Binding("home", "jump(0)", N_("First"), tooltip=N_("Back to the start")),
        Binding("end", "jump(-1)", N_("Last"), tooltip=N_("The last of the 100 steps")),
    ]  # fmt: skip

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lr = 0.1
        self.start = np.array(START)
        self.current = 0
        self.path = self._descend()
        self._runner: Timer | None = None

    def _descend(self) -> np.ndarray:
        return gradient_descent(function_2, self.start, self.lr, STEPS)

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="gd-body"):
            yield DescentMap(id="gd-map")
            yield Static("", id="gd-text", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        x = self.path[self.current]
        with np.errstate(over="ignore", invalid="ignore"):
            fx = function_2(x)
            grad = numerical_gradient(function_2, x.copy())
        lines = [
            f"lr = {self.lr:g}",
            _("start ({x0}, {x1})").format(x0=f"{self.start[0]:g}", x1=f"{self.start[1]:g}"),
            _("step {step}/{steps}").format(step=self.current, steps=STEPS),
            f"x0 = {x[0]:.4g}",
            f"x1 = {x[1]:.4g}",
            f"f(x) = {fx:.4g}",
            f"∇f = ({grad[0]:.3g}, {grad[1]:.3g})",
            "",
            "x ← x − lr·∇f(x)",
            _("∇f numerically,"),
            "h = 1e-4",
            "",
            verdict(self.path),
        ]
        if not np.all(np.abs(x) <= LIMIT):
            lines.append(_("x is off the map"))
        self.query_one("#gd-text", Static).update("\n".join(lines))
        self.query_one(DescentMap).show(self.path[: self.current + 1])
        self.say(_("arrows: −∇f, downhill · ←↑→↓ move the start · n step · [ ] lr"))

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

    def action_move_start(self, d0: int, d1: int) -> None:
        """Move the start START_STEP along x0 or x1, staying on the map; the path is
        descended anew and shown up to the same step."""
        moved = np.clip(self.start + START_STEP * np.array([d0, d1]), -LIMIT, LIMIT)
        self.start = moved
        self.path = self._descend()
        self.refresh_view()

    def action_rate(self, direction: int) -> None:
        """The next smaller or larger of RATES; the path is descended anew and shown up
        to the same step."""
        index = min(max(RATES.index(self.lr) + direction, 0), len(RATES) - 1)
        self.lr = RATES[index]
        self.path = self._descend()
        self.refresh_view()
