"""AccuracyPlot: train and test accuracy per epoch on a fixed 0–100 % axis."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from tui.widgets.throttled_plot import REDRAW_INTERVAL, ThrottledPlot, finite_pairs


class AccuracyPlot(ThrottledPlot):
    """Train and optional test series with a colour key; y is fixed to [0, 1] so epochs
    compare at a glance. NaN/inf points are skipped."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"accuracy-plot--train", "accuracy-plot--test"}

    DEFAULT_CSS = """
    AccuracyPlot > .accuracy-plot--train {
        color: $primary;
    }
    AccuracyPlot > .accuracy-plot--test {
        color: $success;
    }
    """

    def __init__(
        self,
        *,
        interval: float = REDRAW_INTERVAL,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(interval=interval, name=name, id=id, classes=classes)
        empty = (np.empty(0), np.empty(0))
        self._train = empty
        self._test = empty
        self._label = "accuracy"
        self._xlabel = "epoch"

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
        self._train = finite_pairs(x, train)
        self._test = finite_pairs(x, test) if test is not None else (np.empty(0),) * 2
        self._label, self._xlabel = title, xlabel
        self._schedule()

    def _draw(self) -> bool:
        legend = [
            (label, self._line(xs, np.clip(ys, 0.0, 1.0), component))
            for (xs, ys), component, label in (
                (self._train, "accuracy-plot--train", "train"),
                (self._test, "accuracy-plot--test", "test"),
            )
            if ys.size
        ]
        if not legend:
            return False
        self.plt.ylim(0.0, 1.0)
        ticks = np.linspace(0.0, 1.0, min(self._max_y_ticks(), 5)).tolist()
        self.plt.yticks(ticks, [f"{t:.0%}" for t in ticks])
        self._x_ticks(np.concatenate([self._train[0], self._test[0]]))
        self._title_with_legend(self._label, legend)
        self.plt.xlabel(self._xlabel)
        return True
