"""AccuracyPlot: train and test accuracy per epoch, the axis zoomed to the data."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from tui.i18n import N_, _
from tui.render.ticks import linear_ticks
from tui.widgets.throttled_plot import SeriesPlot


def accuracy_floor(accuracies: np.ndarray) -> float:
    """The y axis's lower end for (N,) accuracies in [0, 1]: the 10 % step at or below
    the lowest, so a run above 90 % is drawn on 90–100 %, not squashed at the top."""
    lowest = float(np.min(accuracies))
    return min(0.9, max(0.0, math.floor(lowest * 10 + 1e-9) / 10))


class AccuracyPlot(SeriesPlot):
    """Train and optional test series with a colour key; y runs from ``accuracy_floor``
    to 100 %, so the last points of a good run stay apart. NaN/inf points are skipped."""

    SERIES: ClassVar[dict[str, str]] = {
        N_("train"): "accuracy-plot--train",
        N_("test"): "accuracy-plot--test",
    }
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SERIES.values())

    DEFAULT_CSS = """
    AccuracyPlot > .accuracy-plot--train {
        color: $primary;
    }
    AccuracyPlot > .accuracy-plot--test {
        color: $success;
    }
    """

    def set_series(
        self,
        x: np.ndarray,
        train: np.ndarray,
        test: np.ndarray | None = None,
        *,
        title: str | None = None,
        xlabel: str | None = None,
    ) -> None:
        """Replace the data: (N,) epochs and (N,) accuracies in [0, 1]; ``title`` and
        ``xlabel`` as shown (None: "accuracy" and "epoch", translated).

        Cheap to call often; the plot redraws at most every ``interval`` seconds.
        """
        title = _("accuracy") if title is None else title
        self._store(x, {"train": train, "test": test}, title, xlabel or _("epoch"))

    def _draw(self) -> bool:
        drawn = self._drawn_series()
        if not drawn:
            return False
        legend = [
            (label, self._line(xs, np.clip(ys, 0.0, 1.0), component))
            for label, xs, ys, component in drawn
        ]
        lo = accuracy_floor(np.concatenate([series[2] for series in drawn]))
        self.plt.ylim(lo, 1.0)
        ticks = linear_ticks(lo, 1.0, min(self._max_y_ticks(), 6))[0]
        self.plt.yticks(ticks, [f"{round(t * 100, 6):g}%" for t in ticks])
        self._finish(np.concatenate([series[1] for series in drawn]), self._label, legend)
        return True
