"""MNIST for the app and the command line: where it is, reading it, downloading it with
overall progress.

``MnistFetcher`` is the one reader: every page and command gets MNIST through it. It is
plain Python, run inside thread workers by the app; it never touches widgets. It is
also the one seam tests replace (a fake whose ``download`` writes tiny files), so no
test needs the network.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nncore.datasets import (
    MNIST_FILES,
    DatasetError,
    find_file,
    load_mnist,
    load_mnist_file,
    resolve_data_dir,
)
from nncore.datasets.download import ProgressFn, download_mnist
from nncore.preprocess import MNIST_SIDE
from tui.i18n import _

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
        return self.x_test.reshape(-1, MNIST_SIDE, MNIST_SIDE)


class MnistFetcher:
    """Finds, loads and downloads MNIST in ``data_dir`` (default: ``$NNLAB_DATA`` or the
    nnlab cache folder, resolved at each call so a changed environment is honoured)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data_dir = data_dir

    @property
    def folder(self) -> Path:
        return resolve_data_dir(self._data_dir)

    def point_at(self, folder: Path) -> None:
        """Look in ``folder`` from now on (a folder the user typed)."""
        self._data_dir = folder

    def missing_files(self) -> list[str]:
        """Official names of the files not found in :attr:`folder` (any accepted spelling)."""
        folder = self.folder
        return [name for key, name in MNIST_FILES.items() if find_file(folder, key) is None]

    def load(self, *, download: bool = False, progress: ProgressFn | None = None) -> MnistData:
        """Read the four files, as the book loads them; ``download`` fetches missing ones
        first (``progress(done, total)`` restarting per file). Raises DatasetError naming
        what is wrong."""
        folder = self.folder
        (x_train, t_train), (x_test, t_test) = load_mnist(
            data_dir=folder, download=download, progress=progress
        )
        return MnistData(x_train, t_train, x_test, t_test, folder)

    def load_test(self) -> tuple[np.ndarray, np.ndarray]:
        """The test set alone, as stored: (n, 28, 28) uint8 images and (n,) uint8 digits.
        Never downloads; raises DatasetError (first line: what to do) when it is missing
        or unreadable."""
        folder = self.folder
        images, labels = find_file(folder, "test_img"), find_file(folder, "test_label")
        if images is None or labels is None:
            raise DatasetError(
                _(
                    "No MNIST test set in {folder}: get it with `nnlab data download` "
                    "or point NNLAB_DATA at it."
                ).format(folder=folder)
            )
        return load_mnist_file(images, "test_img"), load_mnist_file(labels, "test_label")

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
