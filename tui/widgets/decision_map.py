"""DecisionMap: what a two-input network outputs everywhere in the unit square."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.i18n import N_, _
from tui.render.decision_map import GATE_POINTS, GUTTER, legend_width, render_decision_map
from tui.widgets.styling import component_colors

PLACEHOLDER = N_("no network yet")
MIN_FILL = 8
"""The smallest grid a filling map draws, however small its pane."""


class DecisionMap(Widget):
    """Shows an (n, n) output grid (see ``tui.render.decision_map.grid_inputs``) with points.

    Size is GUTTER + n*scale columns (at least GUTTER + ``legend_width()``) × n/2 + 3
    lines: 27 × 15 for n = 24 at scale 1, 35 × 19 for n = 32.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "decision-map--zero",
        "decision-map--one",
        "decision-map--marker",
        "decision-map--line",
        "decision-map--label",
    }
    """``--zero``/``--one`` ``color`` shade outputs 0/1; ``--marker`` ``background`` sits
    behind each point's glyph; ``--line`` ``color`` draws where the output crosses 0.5."""

    DEFAULT_CSS = """
    DecisionMap {
        width: auto;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    DecisionMap > .decision-map--zero {
        color: $error;
    }
    DecisionMap > .decision-map--one {
        color: $success;
    }
    DecisionMap > .decision-map--marker {
        background: $background;
    }
    DecisionMap > .decision-map--line {
        color: $foreground;
    }
    DecisionMap > .decision-map--label {
        color: $foreground-muted;
    }
    """

    class Resized(Message):
        """A filling map's size now wants a grid of ``fitted_resolution``."""

        def __init__(self, decision_map: DecisionMap) -> None:
            super().__init__()
            self.decision_map = decision_map

    # always_update: arrays can't be compared with !=, and callers may refill one in place.
    grid: reactive[np.ndarray | None] = reactive(None, always_update=True, layout=True)
    targets: reactive[tuple[float, ...]] = reactive(())

    def __init__(
        self,
        grid: np.ndarray | None = None,
        *,
        targets: tuple[float, ...] = (),
        points: np.ndarray = GATE_POINTS,
        resolution: int = 24,
        scale: int = 1,
        fill: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``points`` is (P, 2) (x1, x2); ``targets`` gives each point's 0/1 target;
        ``resolution`` (n) sizes the widget before the first grid arrives;
        ``scale`` is cells per grid column; ``fill`` asks (``Resized``) for the grid
        that fills the widget's own size (give it ``1fr`` sides in CSS)."""
        super().__init__(name=name, id=id, classes=classes)
        self._points = np.asarray(points, dtype=float)
        self._resolution = resolution
        self._scale = scale
        self._fill = fill
        self.set_reactive(DecisionMap.grid, grid)
        self.set_reactive(DecisionMap.targets, tuple(targets))

    @property
    def fitted_resolution(self) -> int:
        """The grid size n to draw: the largest even n whose map (n/2 + 3 lines, GUTTER +
        n*scale cells) fits the widget when it fills, else the resolution given."""
        width, height = self.content_size
        if not self._fill or not width or not height:
            return self._resolution
        n = min((width - GUTTER) // self._scale, 2 * (height - 3))
        return max(MIN_FILL, n - n % 2)

    def on_resize(self, event: events.Resize) -> None:
        if self._fill and self._n() != self.fitted_resolution:
            self.post_message(self.Resized(self))

    def _n(self) -> int:
        return self._resolution if self.grid is None else int(np.asarray(self.grid).shape[0])

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return GUTTER + max(self._n() * self._scale, legend_width())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._n() // 2 + 3

    def render(self) -> Text:
        if self.grid is None:
            return Text(_(PLACEHOLDER), style="dim")
        zero = component_colors(self, "decision-map--zero")[0]
        one = component_colors(self, "decision-map--one")[0]
        behind = component_colors(self, "decision-map--marker")[1]
        line = component_colors(self, "decision-map--line")[0]
        return render_decision_map(
            self.grid,
            self._points,
            self.targets,
            scale=self._scale,
            zero=zero,
            one=one,
            marker_background=behind,
            line=line,
            label_style=self.get_component_rich_style("decision-map--label"),
        )
