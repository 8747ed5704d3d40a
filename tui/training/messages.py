"""The messages a ``TrainingRunner`` posts from its worker thread to its owner widget.

A worker posts ``TrainingStarted``, then throttled ``EpochsFinished`` and
``TrainingProgress``, then ``TrainingStopped``. Together they carry everything the
display needs, so the UI thread never reads the trainer's history lists while a worker
appends to them. Each carries the ``runner`` that sent it, so a workbench that has been
reset (new runner) ignores stragglers from the old one with
``if message.runner is not self.runner: return``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message

from nncore.trainer import EpochRecord


@dataclass
class TrainingStarted(Message):
    """A worker began; ``mode`` is ``"run"``, ``"epoch"`` or ``"batch"``.

    ``resumed_from`` is the epoch training went back to (later epochs dropped), or None.
    """

    runner: Any
    mode: str
    resumed_from: int | None = None


@dataclass
class TrainingProgress(Message):
    """Where the trainer is after ``step`` steps: epoch ``epoch`` done and
    ``epoch_progress`` (0 to 1) of the next. ``losses`` are the per-step losses of the
    steps since the previous such message, the first of them step number ``first_step``
    (0-based), so a listener can keep the whole curve without reading the trainer.

    Throttled (at most ``runner.progress_interval`` apart, 0.1 s by default) and always
    sent once more when a worker stops.
    """

    runner: Any
    step: int
    epoch: int
    epoch_progress: float
    first_step: int = 0
    losses: tuple[float, ...] = ()


@dataclass
class EpochsFinished(Message):
    """Epochs that ended since the previous such message, oldest first, none skipped.

    Sent with the throttled progress (just before it), so a fast run (a gate finishes
    hundreds of epochs a second) batches them. ``extras[i]`` is what the runner's
    ``epoch_hook`` returned for ``records[i]`` (computed in the worker thread), or None
    without a hook.
    """

    runner: Any
    records: tuple[EpochRecord, ...]
    extras: tuple[Any, ...] = field(default=())


@dataclass
class TrainingStopped(Message):
    """A worker ended. ``reason``: ``"finished"`` (reached the epoch target), ``"done"``
    (the one epoch / mini-batch asked for), ``"stop_at"`` (a run reached
    ``runner.stop_at``), ``"paused"`` (cancelled), ``"diverged"``
    (nan/inf loss; ``detail`` says what happened, parameters are as before that step)
    or ``"error"`` (``detail`` is the one-line exception). ``error`` is the exception
    itself (diverged or error), for the workbench to say in the chosen language."""

    runner: Any
    reason: str
    detail: str = ""
    error: BaseException | None = None
