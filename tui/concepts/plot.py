"""ConceptPlot: a few labelled curves on one plotext canvas, shared by the concept pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from tui.render.ticks import linear_ticks, log_ticks
from tui.widgets.throttled_plot import ThrottledPlot, finite_pairs, stand_in

Series = tuple[str, np.ndarray, np.ndarray]
"""(legend label, xs (N,), ys (N,))."""

COLOURS = 6


class ConceptPlot(ThrottledPlot):
    """Up to six curves in the theme's colours, a linear or log10 y axis, and optional
    vertical marker lines. Non-finite points are skipped (a diverging sequence ends)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"concept-plot--{i}" for i in range(COLOURS)}

    DEFAULT_CSS = """
    ConceptPlot > .concept-plot--0 { color: $primary; }
    ConceptPlot > .concept-plot--1 { color: $warning; }
    ConceptPlot > .concept-plot--2 { color: $success; }
    ConceptPlot > .concept-plot--3 { color: $error; }
    ConceptPlot > .concept-plot--4 { color: $accent; }
    ConceptPlot > .concept-plot--5 { color: $secondary; }
    """

    def __init__(self, *, interval: float = 0.1, id: str | None = None) -> None:
        super().__init__(interval=interval, id=id)
        self._series: list[Series] = []
        self._title_text = ""
        self._xlabel = ""
        self._log_y = False
        self._vlines: tuple[float, ...] = ()
        self._x_tick_labels: tuple[list[float], list[str]] | None = None
        self._ylim: tuple[float, float] | None = None

    def set_series(
        self,
        series: Sequence[Series],
        *,
        title: str = "",
        xlabel: str = "",
        log_y: bool = False,
        vlines: Sequence[float] = (),
        x_ticks: tuple[list[float], list[str]] | None = None,
        ylim: tuple[float, float] | None = None,
    ) -> None:
        """Replace every curve. ``log_y`` plots log10(y) of the positive points with ticks
        in data units; ``x_ticks`` overrides the round-number ticks (positions, labels);
        ``ylim`` clips the y axis (linear scale only)."""
        self._series = [(label, *finite_pairs(xs, ys)) for label, xs, ys in series]
        self._title_text, self._xlabel, self._log_y = title, xlabel, log_y
        self._vlines, self._x_tick_labels, self._ylim = tuple(vlines), x_ticks, ylim
        self._schedule()

    def _draw(self) -> bool:
        drawn = []
        for i, (label, xs, ys) in enumerate(self._series):
            if self._log_y:
                keep = ys > 0
                xs, ys = xs[keep], np.log10(ys[keep])
            if ys.size:
                drawn.append((label, self._line(xs, ys, f"concept-plot--{i % COLOURS}"), xs, ys))
        if not drawn:
            return False
        every_x = np.concatenate([xs for *_, xs, _ in drawn])
        every_y = np.concatenate([ys for *_, ys in drawn])
        for x in self._vlines:
            self.plt.vline(x, "gray")
        if self._x_tick_labels is not None:
            self.plt.xticks(*self._x_tick_labels)
        else:
            self._x_ticks(every_x)
        if self._log_y:
            lo, hi = 10.0 ** every_y.min(), 10.0 ** every_y.max()
            self.plt.yticks(*log_ticks(lo, hi, self._max_y_ticks()))
        else:
            lo, hi = self._ylim or (float(every_y.min()), float(every_y.max()))
            self.plt.ylim(lo, hi)
            self.plt.yticks(*linear_ticks(lo, hi, self._max_y_ticks()))
        self._title_with_legend(self._title_text, [(label, rgb) for label, rgb, *_ in drawn])
        if self._xlabel:
            self.plt.xlabel(stand_in(self._xlabel))
        return True
