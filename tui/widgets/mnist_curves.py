"""MnistCurves: the loss of every training step with its moving average, beside the
train and test accuracy of every epoch."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal

from tui.i18n import _
from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.loss_plot import SMOOTHING, LossPlot, LossSmoother
from tui.widgets.throttled_plot import REDRAW_INTERVAL

POINTS_PER_CELL = 4
"""Longer loss histories are thinned to this many points per cell of the plot's width:
two per column of quadrant blocks (which split a cell in two). Plotext draws in pure
Python, and its time grows with the number of points."""


class MnistCurves(Horizontal):
    """Keeps the per-step losses it is fed (``add_losses``), so that drawing them never
    reads the trainer's history; ``show`` draws the curves up to a step and an epoch."""

    def __init__(self, *, interval: float = REDRAW_INTERVAL, id: str | None = None) -> None:
        super().__init__(id=id)
        self._interval = interval
        self._smoother = LossSmoother()
        self._generation = 0  # bumped whenever epochs go, so the accuracy redraws
        self._accuracy_shown: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield LossPlot(interval=self._interval, id="mnist-loss")
        yield AccuracyPlot(interval=self._interval, id="mnist-accuracy")

    def clear(self) -> None:
        """Forget every step (a new trainer)."""
        self._smoother = LossSmoother()
        self._generation += 1

    def add_losses(self, first_step: int, losses: Sequence[float]) -> None:
        """The losses of the steps from number ``first_step`` (0-based) on."""
        self._smoother.extend(first_step, losses)

    def cut(self, steps: int) -> None:
        """Forget the steps from ``steps`` on (training resumed from an earlier epoch)."""
        self._smoother.cut(steps)
        self._generation += 1

    def show(
        self, steps: int | None, epochs: np.ndarray, train: np.ndarray, test: np.ndarray
    ) -> None:
        """The loss of the first ``steps`` steps (None: all kept) and the (N,) train and
        test accuracies (NaN where unknown) of the (N,) ``epochs``."""
        losses, smoothed = self._smoother.series()
        if steps is not None:
            losses, smoothed = losses[:steps], smoothed[:steps]
        plot = self.query_one(LossPlot)
        # Not laid out yet (width 0): as if 100 cells wide.
        points = POINTS_PER_CELL * (plot.size.width or 100)
        stride = max(1, math.ceil(len(losses) / points))
        plot.set_series(
            np.arange(1, len(losses) + 1, stride),
            losses[::stride],
            smoothed=smoothed[::stride],
            title=_("cross-entropy/step, avg ~{steps}").format(steps=round(1 / (1 - SMOOTHING))),
            xlabel=_("step"),
        )
        key = (self._generation, len(epochs))
        if key == self._accuracy_shown:
            return  # unchanged; a redraw would cost the training thread time for nothing
        self._accuracy_shown = key
        self.query_one(AccuracyPlot).set_series(epochs, train, test)
