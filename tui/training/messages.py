"""Every custom Textual message of nnlab, as dataclasses, in sections per area.

Training messages are posted by ``tui.training.runner.TrainingRunner`` from its worker
thread to the widget that owns the runner (normally a ``Workbench``); each carries the
``runner`` that sent it, so a workbench that has been reset (new runner) can ignore
stragglers from the old one with ``if message.runner is not self.runner: return``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from nncore.trainer import EpochRecord
    from tui.training.hyperparams import Hyperparams
    from tui.training.runner import TrainingRunner


# --- shell ---


@dataclass
class TaskSelected(Message):
    """The user chose a task in the TaskChooser.

    ``kind`` is ``"gate"`` or ``"mnist"``; ``key`` names the task within its kind
    (``"and"``, ``"xor-1"``, ``"xor-2"``, or an MNIST preset name).
    """

    kind: str
    key: str


@dataclass
class HyperparamsChanged(Message):
    """The HyperparamsForm holds a new *valid* set of values (invalid input never posts).

    ``changed`` names the fields that differ from the previous valid set.
    """

    params: Hyperparams
    changed: frozenset[str]


# --- training (posted from the runner's worker thread) ---


@dataclass
class TrainingStarted(Message):
    """A worker began; ``mode`` is ``"run"``, ``"epoch"`` or ``"batch"``.

    ``resumed_from`` is the epoch training went back to (later epochs dropped), or None.
    """

    runner: TrainingRunner
    mode: str
    resumed_from: int | None = None


@dataclass
class TrainingProgress(Message):
    """Throttled (at most ``runner.progress_interval`` apart, 0.1 s by default) and always
    sent once more when a worker stops. Numbers are the trainer's after ``step``."""

    runner: TrainingRunner
    step: int
    epoch: int
    epoch_progress: float
    loss: float
    steps_per_second: float


@dataclass
class EpochsFinished(Message):
    """Epochs that ended since the previous such message, oldest first, none skipped.

    Sent with the throttled progress, so a fast run (a gate finishes hundreds of epochs a
    second) batches them. ``extras[i]`` is what the runner's ``epoch_hook`` returned for
    ``records[i]`` (computed in the worker thread), or None without a hook.
    """

    runner: TrainingRunner
    records: tuple[EpochRecord, ...]
    extras: tuple[Any, ...] = field(default=())


@dataclass
class TrainingStopped(Message):
    """A worker ended. ``reason``: ``"finished"`` (reached the epoch target), ``"done"``
    (the one epoch / mini-batch asked for), ``"paused"`` (cancelled), ``"diverged"``
    (nan/inf loss; ``detail`` says what happened, parameters are as before that step)
    or ``"error"`` (``detail`` is the one-line exception)."""

    runner: TrainingRunner
    reason: str
    detail: str = ""


# --- mnist ---

if TYPE_CHECKING:
    from tui.mnist_data import DownloadStatus, MnistData


@dataclass
class MnistLoaded(Message):
    """The MNIST loader thread finished; ``data`` is what the loader read."""

    data: MnistData


@dataclass
class MnistLoadFailed(Message):
    """The MNIST loader thread failed. ``missing`` lists the official names of files not
    found (then a download can help); ``error`` is the DatasetError's one line."""

    error: str
    missing: tuple[str, ...]


@dataclass
class DownloadProgress(Message):
    """Throttled download progress (posted from the download thread)."""

    status: DownloadStatus


@dataclass
class DownloadEnded(Message):
    """The download thread ended: ``error`` is None on success, else the DatasetError's
    text (every URL tried and why, and where to put the files by hand)."""

    error: str | None


@dataclass
class DigitSelected(Message):
    """The DigitGallery's selection changed; ``index`` is into the test set (None when
    the filter leaves no digit)."""

    index: int | None


# --- draw ---

if TYPE_CHECKING:
    import numpy as np


@dataclass
class DrawingChanged(Message):
    """The DrawingPad's ink changed (a stroke, an erase, a clear or a loaded digit);
    ``image`` is a copy of the pad, (28, 28) floats in [0, 1]."""

    image: np.ndarray


@dataclass
class TestDigitsLoaded(Message):
    """The draw page's loader thread read the MNIST test set: ``images`` (n, 28, 28)
    uint8, ``labels`` (n,) uint8."""

    images: np.ndarray
    labels: np.ndarray


@dataclass
class TestDigitsMissing(Message):
    """The draw page's loader thread found no usable MNIST test set; ``error`` is the
    one-line reason."""

    error: str


# --- concepts ---


@dataclass
class BatchDataReady(Message):
    """The batches page's loader thread has its data: ``test_images`` (n, 784) float32 in
    [0, 1], ``train_labels`` (m,) ints 0–9, ``network`` (784 inputs) and one-line notes
    ``data_note``/``network_note`` on where each came from."""

    test_images: np.ndarray
    train_labels: np.ndarray
    network: Any
    data_note: str
    network_note: str


@dataclass
class BatchTimed(Message):
    """The batches page's timing thread finished one way of feeding the images:
    ``mode`` (a key of ``tui.concepts.batches.MODES``), ``images`` and ``seconds``."""

    mode: str
    images: int
    seconds: float


@dataclass
class BatchTimingEnded(Message):
    """The timing thread stopped; ``error`` is its one-line exception, or None."""

    error: str | None = None
