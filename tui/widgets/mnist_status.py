"""MnistStatus: one line saying where training is and how fast it goes."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from nncore.trainer import EpochRecord
from tui.i18n import _
from tui.widgets.curve_readout import score_parts

WINDOW_SECONDS = 3.0
"""Images/s averages over this much recent time: steady, yet it follows a batch-size change."""
HIDDEN = "–"


@dataclass(frozen=True)
class TrainingFigures:
    """What the speed line shows; None where a figure is not known yet.

    ``epoch`` is the epoch in progress (1-based) and ``epoch_progress`` how much of it
    is done, 0 to 1; ``eta_seconds`` is None while training is not running.
    """

    step: int
    epoch: int
    epoch_progress: float
    grad_method: str
    images_per_second: float | None = None
    seconds_per_epoch: float | None = None
    eta_seconds: float | None = None
    viewing: bool = False
    """An earlier epoch is on show: the figures are the trainer's, so they say so."""


class ThroughputMeter:
    """Images per second over the last ``window`` seconds of (step, images) samples."""

    def __init__(
        self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._window = window
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()

    def reset(self) -> None:
        """Forget the samples, e.g. after a pause, so idle time is not counted."""
        self._samples.clear()

    def record(self, images_done: int) -> float | None:
        """Add a sample of the running image count; return images/s, None until two samples."""
        now = self._clock()
        self._samples.append((now, images_done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self._window:
            self._samples.popleft()
        (t0, n0), (t1, n1) = self._samples[0], self._samples[-1]
        if t1 <= t0 or n1 <= n0:
            return None
        return (n1 - n0) / (t1 - t0)


def clock_text(seconds: float) -> str:
    """``"0:07"``, ``"12:30"``, ``"1:02:03"``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def where_in_epochs(epoch: int, progress: float) -> str:
    """``"40% of epoch 3"`` inside an epoch; ``"epoch 2 done"`` at the boundary after
    epoch 2 (never ``"0% of epoch 3"``, which reads as if epoch 3 were under way, and
    after the last epoch names one that will never run)."""
    if progress == 0 and epoch > 1:
        return _("epoch {epoch} done").format(epoch=epoch - 1)
    return _("{percent} of epoch {epoch}").format(percent=f"{progress:.0%}", epoch=epoch)


def status_parts(figures: TrainingFigures, show_timings: bool = True) -> list[tuple[int, str]]:
    """The line's fields in display order, each with its rank (0 = keep longest when the
    line is too narrow); timings become "–" when ``show_timings`` is off."""
    f = figures
    rate = f"{f.images_per_second:,.0f}" if f.images_per_second else HIDDEN
    per_epoch = f"{f.seconds_per_epoch:.1f}" if f.seconds_per_epoch else None
    eta = clock_text(f.eta_seconds) if f.eta_seconds is not None else HIDDEN
    if not show_timings:
        rate, per_epoch, eta = HIDDEN, HIDDEN, HIDDEN
    # No time per epoch yet is a bare dash; hidden timings keep their unit, as the others.
    per_epoch = HIDDEN if per_epoch is None else _("{seconds} s/epoch").format(seconds=per_epoch)
    step = _("trained to step {step}") if f.viewing else _("step {step}")
    return [
        (0, step.format(step=f"{f.step:,}")),
        (1.5, where_in_epochs(f.epoch, f.epoch_progress)),
        (1, _("{rate} img/s").format(rate=rate)),
        (4, per_epoch),
        (2, _("ETA {time}").format(time=eta)),
        (3, f.grad_method),
    ]


def fit_parts(parts: list[tuple[int, str]], width: int, separator: str = " · ") -> list[str]:
    """The highest-ranked fields that fit in ``width`` cells, still in display order."""
    kept = list(parts)
    while len(kept) > 1 and cell_len(separator.join(text for _rank, text in kept)) > width:
        kept.remove(max(kept, key=lambda part: part[0]))
    return [text for _rank, text in kept]


class MnistStatus(Widget):
    """One line: step · how far into the epoch · images/s · s/epoch · ETA · gradient
    method; on a narrow terminal the least important fields give way.

    ``show_timings = False`` replaces every clock-dependent figure with "–" so
    screenshots of a run are reproducible.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"mnist-status--separator"}

    DEFAULT_CSS = """
    MnistStatus {
        height: 1;
    }
    MnistStatus > .mnist-status--separator {
        color: $foreground-muted;
    }
    """

    figures: reactive[TrainingFigures | None] = reactive(None)
    scores: reactive[EpochRecord | None] = reactive(None)
    """The shown epoch, whose accuracies and loss join the line."""
    show_timings: reactive[bool] = reactive(True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._meter = ThroughputMeter()

    def show_idle(self, step: int, epochs_done: int, epoch_progress: float, grad: str) -> None:
        """Where a trainer that is not running stands; the speed starts afresh."""
        self._meter.reset()
        self.figures = TrainingFigures(step, epochs_done + 1, epoch_progress, grad)

    def training_started(self) -> None:
        """Forget the speed samples, so the time spent paused is not counted."""
        self._meter.reset()

    def show_progress(
        self,
        step: int,
        epochs_done: int,
        epoch_progress: float,
        *,
        images_per_epoch: int,
        target_epochs: int,
        seconds_per_epoch: float | None,
        grad: str,
    ) -> None:
        """A progress report of a running trainer: ``epochs_done`` whole epochs and
        ``epoch_progress`` of the next after ``step`` steps, of ``target_epochs``."""
        done = epochs_done + epoch_progress
        rate = self._meter.record(round(done * images_per_epoch))
        remaining = (target_epochs - done) * images_per_epoch
        self.figures = TrainingFigures(
            step=step,
            epoch=epochs_done + 1,
            epoch_progress=epoch_progress,
            grad_method=grad,
            images_per_second=rate,
            seconds_per_epoch=seconds_per_epoch,
            eta_seconds=remaining / rate if rate and remaining > 0 else None,
        )

    def set_viewing(self, viewing: bool) -> None:
        """Whether an earlier epoch than the trainer's is on show."""
        if self.figures is not None and self.figures.viewing != viewing:
            self.figures = replace(self.figures, viewing=viewing)

    def training_stopped(self) -> None:
        """No time left to estimate once training stopped; the other figures stay."""
        if self.figures is not None:
            self.figures = replace(self.figures, eta_seconds=None)

    def render(self) -> Text:
        if self.figures is None:
            return Text("")
        separator = self.get_component_rich_style("mnist-status--separator")
        parts = status_parts(self.figures, self.show_timings)
        if self.scores is not None:
            # After where training stands, before the speed: what a learner watches for.
            parts[2:2] = [
                (rank, text)
                for rank, text in zip((0.5, 0.7, 4.5), score_parts(self.scores), strict=False)
            ]
        parts = fit_parts(parts, self.content_size.width)
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, part in enumerate(parts):
            if i:
                text.append(" · ", separator)
            text.append(part)
        return text
