"""AccuracyPlot: train and test accuracy per epoch on a fixed 0–100 % axis."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from tui.widgets.throttled_plot import SeriesPlot


class AccuracyPlot(SeriesPlot):
    """Train and optional test series with a colour key; y is fixed to [0, 1] so epochs
    compare at a glance. NaN/inf points are skipped."""

    SERIES: ClassVar[dict[str, str]] = {
        "train": "accuracy-plot--train",
        "test": "accuracy-plot--test",
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
        title: str = "accuracy",
        xlabel: str = "epoch",
    ) -> None:
        """Replace the data: (N,) epochs and (N,) accuracies in [0, 1].

        Cheap to call often; the plot redraws at most every ``interval`` seconds.
        """
        self._store(x, {"train": train, "test": test}, title, xlabel)

    def _draw(self) -> bool:
        drawn = self._drawn_series()
        if not drawn:
            return False
        legend = [
            (label, self._line(xs, np.clip(ys, 0.0, 1.0), component))
            for label, xs, ys, component in drawn
        ]
        self.plt.ylim(0.0, 1.0)
        ticks = np.linspace(0.0, 1.0, min(self._max_y_ticks(), 5)).tolist()
        self.plt.yticks(ticks, [f"{t:.0%}" for t in ticks])
        self._finish(np.concatenate([xs for _, xs, _, _ in drawn]), self._label, legend)
        return True
