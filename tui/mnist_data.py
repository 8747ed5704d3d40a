"""MNIST for the app: where it is, loading it, downloading it with overall progress.

Everything here is plain Python and runs inside thread workers; it never touches
widgets. ``MnistFetcher`` is the one seam tests replace (a fake whose ``download``
writes tiny files), so no test needs the network.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nncore.datasets import MNIST_FILES, find_file, load_mnist, resolve_data_dir
from nncore.datasets.download import download_mnist

IMAGE_SIDE = 28

# Sizes of the official gzipped files, so the overall bar moves in proportion to the
# bytes still to come (the two label files are tiny next to the training images).
OFFICIAL_BYTES: dict[str, int] = {
    "train-images-idx3-ubyte.gz": 9_912_422,
    "train-labels-idx1-ubyte.gz": 28_881,
    "t10k-images-idx3-ubyte.gz": 1_648_877,
    "t10k-labels-idx1-ubyte.gz": 4_542,
}
PROGRESS_INTERVAL = 0.1
"""Seconds between progress reports: the downloader calls back every 64 kB."""


@dataclass(frozen=True, eq=False)
class MnistData:
    """The four arrays as the book loads them: x float32 in [0, 1], shape (n, 784);
    t uint8 digits (n,)."""

    x_train: np.ndarray
    t_train: np.ndarray
    x_test: np.ndarray
    t_test: np.ndarray
    folder: Path

    @property
    def test_images(self) -> np.ndarray:
        """The test digits as (n, 28, 28) images, a view of ``x_test``."""
        return self.x_test.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)


class MnistFetcher:
    """Finds, loads and downloads MNIST in ``data_dir`` (default: ``$NNLAB_DATA`` or the
    nnlab cache folder, resolved at each call so a changed environment is honoured)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir

    @property
    def folder(self) -> Path:
        return resolve_data_dir(self._data_dir)

    def missing_files(self) -> list[str]:
        """Official names of the files not found in :attr:`folder` (any accepted spelling)."""
        folder = self.folder
        return [name for key, name in MNIST_FILES.items() if find_file(folder, key) is None]

    def load(self) -> MnistData:
        """Read the four files; never downloads. Raises DatasetError naming what is wrong."""
        folder = self.folder
        (x_train, t_train), (x_test, t_test) = load_mnist(data_dir=folder, download=False)
        return MnistData(x_train, t_train, x_test, t_test, folder)

    def download(
        self, progress: Callable[[int, int | None], None], on_file: Callable[[str], None]
    ) -> None:
        """Fetch the missing files into :attr:`folder`; raises DatasetError when every
        mirror fails (its text lists each URL tried and where to put the files by hand)."""
        download_mnist(self.folder, progress=progress, on_file=on_file, verify_existing=False)


@dataclass(frozen=True)
class DownloadStatus:
    """How far a download is: ``fraction`` of all bytes to fetch, 0 to 1."""

    filename: str
    file_number: int
    file_count: int
    fraction: float
    done_bytes: int
    total_bytes: int | None


class DownloadTracker:
    """Turns the downloader's per-file callbacks into overall progress, reported at most
    every ``interval`` seconds (and always when a file completes).

    ``report(status)`` is called on the downloading thread; pass something thread-safe
    such as a ``post_message`` wrapper.
    """

    def __init__(
        self,
        filenames: list[str],
        report: Callable[[DownloadStatus], None],
        *,
        interval: float = PROGRESS_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._weights = {name: OFFICIAL_BYTES.get(name, 1) for name in filenames}
        self._total_weight = sum(self._weights.values()) or 1
        self._report = report
        self._interval = interval
        self._clock = clock
        self._finished_weight = 0
        self._current: str | None = None
        self._number = 0
        self._last_report = -float("inf")

    def on_file(self, filename: str) -> None:
        if self._current is not None:
            self._finished_weight += self._weights.get(self._current, 0)
        self._current = filename
        self._number += 1

    def progress(self, done: int, total: int | None) -> None:
        if self._current is None:
            return
        complete = total is not None and done >= total
        now = self._clock()
        if not complete and now - self._last_report < self._interval:
            return
        self._last_report = now
        within = min(done / total, 1.0) if total else 0.0
        weight = self._weights.get(self._current, 0)
        fraction = (self._finished_weight + weight * within) / self._total_weight
        self._report(
            DownloadStatus(self._current, self._number, len(self._weights), fraction, done, total)
        )


N_CLASSES = 10
SMOOTHING = 0.95
"""Weight of the past in the loss curve's moving average (about 20 steps of memory)."""


@dataclass(frozen=True, eq=False)
class EpochPredictions:
    """A network's verdict on the test set: (n,) predicted digits and the (10, 10)
    confusion matrix ``counts[true, predicted]``."""

    predicted: np.ndarray
    confusion: np.ndarray


def predict_test(network, x_test: np.ndarray, t_test: np.ndarray, chunk: int = 5000):
    """Predictions of ``network`` on the test set, in chunks to bound memory.

    Takes the argmax of the scores, as ``Network.accuracy`` does, so the confusion
    matrix's accuracy is exactly the test accuracy the trainer reports.
    """
    predicted = np.concatenate(
        [
            network.scores(x_test[start : start + chunk]).argmax(axis=1)
            for start in range(0, len(x_test), chunk)
        ]
    ).astype(np.uint8)
    pairs = np.asarray(t_test, dtype=np.intp) * N_CLASSES + predicted
    confusion = np.bincount(pairs, minlength=N_CLASSES * N_CLASSES)
    return EpochPredictions(predicted, confusion.reshape(N_CLASSES, N_CLASSES))


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

    def update(self, losses: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """(N,) raw and (N,) smoothed losses for ``losses``, the whole history so far
        (possibly cut back by a rewind, which only drops the matching tail). Both are
        views into buffers that later calls overwrite."""
        total = len(losses)
        self.cut(total)
        start = self._count
        # One slice: a resume in the training thread may cut the list while we read it.
        new = losses[start:total]
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
