"""ThrottledPlot: a PlotextPlot that coalesces rapid data updates into a few redraws;
SeriesPlot: one of those drawing named (x, y) series, the base of the loss and accuracy plots."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual import events
from textual.timer import Timer
from textual_plotext import PlotextPlot

from tui.i18n import N_, _
from tui.render.ticks import linear_ticks
from tui.widgets.styling import RGB, component_colors

REDRAW_INTERVAL = 0.25
"""Seconds between redraws: a training loop may post 10+ updates a second."""

NO_DATA = N_("no data yet")
SWATCH = "━"
WIDE_FILL = "¤"
"""Stands in for each cell of a wide (Korean, Japanese) character in what plotext lays
out: plotext counts characters, so it would centre a title as if each took one cell and
run the row past the plot's edge. ``render`` puts the real text back."""
MARKER = "hd"
"""Quadrant blocks: bolder than braille on a projector, and in every terminal font."""
CELLS_PER_X_TICK = 10
ROWS_OUTSIDE_CANVAS = 5  # title, two frame lines, x tick labels, x label


def stand_in(text: str) -> str:
    """``text`` with each wide character as WIDE_FILL cells, as wide as ``text`` is."""
    return "".join(char if cell_len(char) == 1 else WIDE_FILL * cell_len(char) for char in text)


def put_back(text: Text, shown: str, real: str, end: int | None = None) -> Text:
    """``text`` with the first ``shown`` (a ``stand_in``) before ``end`` made ``real``
    again, keeping its style."""
    start = text.plain.find(shown, 0, end)
    if start < 0 or shown == real:
        return text
    before, middle, after = text.divide([start, start + len(shown)])
    middle.plain = real
    return Text.assemble(before, middle, after, no_wrap=text.no_wrap, end=text.end)


def finite_pairs(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep only the (x, y) pairs where both are finite; x and y are (N,)."""
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    if xs.shape != ys.shape:
        raise ValueError(f"x has {xs.size} values but y has {ys.size}")
    keep = np.isfinite(xs) & np.isfinite(ys)
    return xs[keep], ys[keep]


class ThrottledPlot(PlotextPlot):
    """Base for plots fed by ``set_series``: stores data, redraws at most every ``interval`` s,
    and not at all while hidden (behind another tab): it catches up when shown.

    Subclasses implement ``_draw`` (configure ``self.plt`` from their stored
    series; return False when there is nothing to plot) and use ``_line`` and
    ``_title_with_legend`` so every plot looks alike.
    """

    def __init__(
        self,
        *,
        interval: float = REDRAW_INTERVAL,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._interval = interval
        self._timer: Timer | None = None
        self._shown = False  # by the last screen layout: Textual sends Show and Hide
        self._stale = False  # data or looks changed while hidden
        self._has_data = False
        self._title = ""
        self._xlabel = ""
        self._swatches: list[tuple[int, RGB]] = []

    def on_mount(self) -> None:
        # Series colours come from CSS, so a new theme needs a redraw, not just a repaint.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._schedule())
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        self._schedule()  # the number of ticks that fit depends on the size

    def on_show(self) -> None:
        self._shown = True
        if self._stale:
            self._redraw()

    def on_hide(self) -> None:
        self._shown = False

    def _schedule(self) -> None:
        """Ask for a redraw; calls within one interval share a single redraw."""
        if not self._shown:
            # Plotext draws in pure Python, holding the GIL a training thread needs.
            self._stale = True
        elif self.is_mounted and self._timer is None:
            self._timer = self.set_timer(self._interval, self._redraw_if_shown)

    def _redraw_if_shown(self) -> None:
        self._timer = None
        if self._shown:
            self._redraw()
        else:
            self._stale = True

    def _redraw(self) -> None:
        self._stale = False
        self.plt.clear_figure()
        self._has_data = self._draw()
        self.refresh()

    def _draw(self) -> bool:
        """Configure ``self.plt`` from the stored series; False if there is nothing to plot."""
        raise NotImplementedError

    def _line(self, xs: np.ndarray, ys: np.ndarray, component: str) -> RGB:
        """Plot (N,) ``ys`` against ``xs`` in a component class's colour; returns that colour."""
        rgb = component_colors(self, component)[0]
        self.plt.plot(xs.tolist(), ys.tolist(), marker=MARKER, color=rgb)
        return rgb

    def _x_ticks(self, xs: np.ndarray) -> None:
        """Round-numbered x ticks for (N,) ``xs``, as many as the width allows."""
        count = max(2, self.size.width // CELLS_PER_X_TICK)
        self.plt.xticks(*linear_ticks(float(xs.min()), float(xs.max()), count))

    def _max_y_ticks(self) -> int:
        """Ticks that fit on every other canvas row."""
        return max(2, (self.size.height - ROWS_OUTSIDE_CANVAS) // 2 + 1)

    def _title_with_legend(self, title: str, legend: Sequence[tuple[str, RGB]]) -> None:
        """Title the plot "title  ━ a  ━ b"; ``render`` colours each swatch.

        The key lives in the title row because plotext's own legend sits in the
        top-left corner, exactly where a falling loss curve starts.
        """
        self._swatches = []
        for label, rgb in legend:
            label = _(label)
            title += "  "
            self._swatches.append((len(title), rgb))
            title += f"{SWATCH} {label}"
        self._title = title
        self.plt.title(stand_in(title))

    def render(self) -> Text:
        if not self._has_data:
            padding = "\n" * (self.size.height // 2)
            words = _(NO_DATA)
            line = stand_in(words).center(self.size.width).rstrip()
            return put_back(Text(padding + line, style="dim"), stand_in(words), words)
        text = super().render()
        text = put_back(text, stand_in(self._title), self._title, text.plain.find("\n"))
        if self._xlabel:
            text = put_back(text, stand_in(self._xlabel), self._xlabel)
        title_row_end = text.plain.find("\n")
        start = text.plain.find(self._title, 0, title_row_end)
        if start >= 0:
            for offset, rgb in self._swatches:
                text.stylize(Style(color=Color.from_rgb(*rgb)), start + offset, start + offset + 1)
        return text


class SeriesPlot(ThrottledPlot):
    """A ThrottledPlot of the named series in ``SERIES`` (label, marked ``N_`` and
    translated in the key, -> the component class that colours it), each a pair of (N,)
    x and y arrays in ``series`` with NaN/inf points dropped. A subclass's ``set_series``
    calls ``_store``; its ``_draw`` plots ``_drawn_series()`` and ends with ``_finish``."""

    SERIES: ClassVar[dict[str, str]] = {}

    def __init__(self, **options) -> None:
        """``options`` are ThrottledPlot's (``interval``, ``name``, ``id``, ``classes``)."""
        super().__init__(**options)
        empty = (np.empty(0), np.empty(0))
        self.series: dict[str, tuple[np.ndarray, np.ndarray]] = dict.fromkeys(self.SERIES, empty)
        self._label = ""

    def _store(
        self, x: np.ndarray, ys: Mapping[str, np.ndarray | None], title: str, xlabel: str
    ) -> None:
        """Replace every series: ``ys[label]`` against the (N,) ``x``, None for none."""
        self.series = {
            label: finite_pairs(x, ys[label]) if ys.get(label) is not None else (np.empty(0),) * 2
            for label in self.SERIES
        }
        self._label, self._xlabel = title, xlabel
        self._schedule()

    def _drawn_series(self) -> list[tuple[str, np.ndarray, np.ndarray, str]]:
        """(label, xs, ys, component) of each series that has points, in ``SERIES`` order."""
        return [
            (label, xs, ys, self.SERIES[label])
            for label, (xs, ys) in self.series.items()
            if ys.size
        ]

    def _finish(self, xs: np.ndarray, title: str, legend: Sequence[tuple[str, RGB]]) -> None:
        """Ticks for the (N,) ``xs`` of every series, the title with its key, the x label."""
        self._x_ticks(xs)
        self._title_with_legend(title, legend)
        self.plt.xlabel(stand_in(self._xlabel))
