"""LossPlot: loss against epochs or steps, on a log y axis when the data allows; and
LossSmoother, the moving average it draws beside the raw per-step loss."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from tui.i18n import N_, _
from tui.render.ticks import log_ticks
from tui.widgets.throttled_plot import SeriesPlot

SMOOTHING = 0.95
"""Weight of the past in the loss curve's moving average (about 20 steps of memory)."""


class LossPlot(SeriesPlot):
    """A raw loss curve plus an optional smoothed one; NaN/inf points are skipped.

    The y axis is log10 (ticks labelled in loss units) while every value is
    positive, since losses shrink by orders of magnitude; otherwise linear.
    """

    SERIES: ClassVar[dict[str, str]] = {
        N_("raw"): "loss-plot--raw",
        N_("smoothed"): "loss-plot--smoothed",
    }
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SERIES.values())

    DEFAULT_CSS = """
    LossPlot > .loss-plot--raw {
        color: $primary;
    }
    LossPlot > .loss-plot--smoothed {
        color: $warning;
    }
    """

    def __init__(self, *, log_y: bool = True, **options) -> None:
        """``log_y=False`` keeps the y axis linear; ``options`` as for ThrottledPlot."""
        super().__init__(**options)
        self._log_y = log_y

    def set_series(
        self,
        x: np.ndarray,
        y: np.ndarray,
        *,
        smoothed: np.ndarray | None = None,
        title: str | None = None,
        xlabel: str | None = None,
    ) -> None:
        """Replace the data: (N,) x and loss y, optional (N,) smoothed loss at the same x;
        ``title`` and ``xlabel`` as shown (None: "loss" and "epoch", translated).

        Cheap to call often; the plot redraws at most every ``interval`` seconds.
        """
        title = _("loss") if title is None else title
        self._store(x, {"raw": y, "smoothed": smoothed}, title, xlabel or _("epoch"))

    def _draw(self) -> bool:
        drawn = self._drawn_series()
        if not drawn:
            return False
        every_x = np.concatenate([series[1] for series in drawn])
        every_y = np.concatenate([series[2] for series in drawn])
        use_log = self._log_y and bool(np.all(every_y > 0))
        legend = [
            (label, self._line(xs, np.log10(ys) if use_log else ys, component))
            for label, xs, ys, component in drawn
        ]
        if use_log:
            lo, hi = float(every_y.min()), float(every_y.max())
            self.plt.yticks(*log_ticks(lo, hi, self._max_y_ticks()))
        title = _("{title} (log scale)").format(title=self._label) if use_log else self._label
        self._finish(every_x, title, legend if len(legend) > 1 else [])
        return True


class LossSmoother:
    """The per-step losses and their bias-corrected exponential moving average, kept in
    growing arrays: each call converts and averages only the steps it has not seen, so a
    progress message costs the same after epoch 50 as after epoch 1."""

    def __init__(self, smoothing: float = SMOOTHING) -> None:
        self._beta = smoothing
        self._raw = np.empty(1024)
        self._smoothed = np.empty(1024)
        self._count = 0
        self._average = 0.0

    def cut(self, steps: int) -> None:
        """Forget every step from ``steps`` on (a resume from an earlier epoch drops them)."""
        if steps < self._count:
            self._count = steps
            # Rebuild the running average from the value kept at the cut.
            kept = float(self._smoothed[steps - 1]) if steps else 0.0
            self._average = kept * (1 - self._beta**steps)

    def series(self) -> tuple[np.ndarray, np.ndarray]:
        """The (N,) raw and smoothed losses kept, as views (see ``update``)."""
        return self._raw[: self._count], self._smoothed[: self._count]

    def update(self, losses: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """(N,) raw and (N,) smoothed losses for ``losses``, the whole history so far
        (possibly cut back by a rewind, which only drops the matching tail). Both are
        views into buffers that later calls overwrite."""
        self.cut(len(losses))
        return self.extend(self._count, losses[self._count :])

    def extend(self, first: int, new: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """Add the losses ``new`` of the steps from number ``first`` (0-based) on, dropping
        any kept from there; returns the whole series as ``update`` does."""
        self.cut(first)
        start = self._count
        end = start + len(new)
        if end > len(self._raw):
            size = max(end, 2 * len(self._raw))
            self._raw = np.resize(self._raw, size)
            self._smoothed = np.resize(self._smoothed, size)
        beta, average = self._beta, self._average
        for i, value in enumerate(new, start):
            # The trainer never records a nan/inf loss (it stops first), so no guard.
            loss = float(value)
            average = beta * average + (1 - beta) * loss
            self._raw[i] = loss
            self._smoothed[i] = average / (1 - beta ** (i + 1))
        self._average, self._count = average, end
        return self._raw[:end], self._smoothed[:end]
