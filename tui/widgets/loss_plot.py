"""LossPlot: loss against epochs or steps, on a log y axis when the data allows."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from tui.render.ticks import log_ticks
from tui.widgets.throttled_plot import REDRAW_INTERVAL, ThrottledPlot, finite_pairs


class LossPlot(ThrottledPlot):
    """A raw loss curve plus an optional smoothed one; NaN/inf points are skipped.

    The y axis is log10 (ticks labelled in loss units) while every value is
    positive, since losses shrink by orders of magnitude; otherwise linear.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"loss-plot--raw", "loss-plot--smoothed"}

    DEFAULT_CSS = """
    LossPlot > .loss-plot--raw {
        color: $primary;
    }
    LossPlot > .loss-plot--smoothed {
        color: $warning;
    }
    """

    def __init__(
        self,
        *,
        log_y: bool = True,
        interval: float = REDRAW_INTERVAL,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(interval=interval, name=name, id=id, classes=classes)
        self._log_y = log_y
        empty = (np.empty(0), np.empty(0))
        self._raw = empty
        self._smoothed = empty
        self._label = "loss"
        self._xlabel = "epoch"

    def set_series(
        self,
        x: np.ndarray,
        y: np.ndarray,
        *,
        smoothed: np.ndarray | None = None,
        title: str = "loss",
        xlabel: str = "epoch",
    ) -> None:
        """Replace the data: (N,) x and loss y, optional (N,) smoothed loss at the same x.

        Cheap to call often; the plot redraws at most every ``interval`` seconds.
        """
        self._raw = finite_pairs(x, y)
        self._smoothed = finite_pairs(x, smoothed) if smoothed is not None else (np.empty(0),) * 2
        self._label, self._xlabel = title, xlabel
        self._schedule()

    def _draw(self) -> bool:
        series = [
            (xs, ys, component, label)
            for (xs, ys), component, label in (
                (self._raw, "loss-plot--raw", "raw"),
                (self._smoothed, "loss-plot--smoothed", "smoothed"),
            )
            if ys.size
        ]
        if not series:
            return False
        every_x = np.concatenate([xs for xs, _, _, _ in series])
        every_y = np.concatenate([ys for _, ys, _, _ in series])
        use_log = self._log_y and bool(np.all(every_y > 0))
        legend = [
            (label, self._line(xs, np.log10(ys) if use_log else ys, component))
            for xs, ys, component, label in series
        ]
        if use_log:
            lo, hi = float(every_y.min()), float(every_y.max())
            self.plt.yticks(*log_ticks(lo, hi, self._max_y_ticks()))
        self._x_ticks(every_x)
        title = f"{self._label} (log scale)" if use_log else self._label
        self._title_with_legend(title, legend if len(legend) > 1 else [])
        self.plt.xlabel(self._xlabel)
        return True
