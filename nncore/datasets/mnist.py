"""``load_mnist``: the book's MNIST loader, backed by a validated, cached IDX reader."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from nncore.datasets.cache import cached, cached_decode
from nncore.datasets.download import ProgressFn, download_mnist
from nncore.datasets.errors import DatasetError, damaged
from nncore.datasets.files import (
    MNIST_BYTES,
    MNIST_FILES,
    find_file,
    manual_instructions,
    resolve_data_dir,
)
from nncore.datasets.idx import read_idx
from nncore.preprocess import MNIST_CLASSES, MNIST_SIDE
from nncore.text import N_, Phrase

IMAGE_SHAPE = (MNIST_SIDE, MNIST_SIDE)


def load_mnist_file(path: Path, key: str) -> np.ndarray:
    """Read one MNIST file (through the ``.npy`` cache) and check it is what ``key`` names.

    Parameters
    ----------
    path : Path
        An IDX file, gzipped or raw.
    key : str
        A key of :data:`MNIST_FILES`; ``*_img`` expects images, ``*_label`` labels.

    Returns
    -------
    ndarray of uint8: shape ``(n, 28, 28)`` for images, ``(n,)`` for labels (values 0–9).

    Raises
    ------
    DatasetError
        Unreadable or corrupt file, wrong shape, or a label above 9.
    """
    arr = cached_decode(path, lambda source: read_idx(source, MNIST_BYTES[key]))
    if key.endswith("_img"):
        if arr.ndim != 3 or arr.shape[1:] != IMAGE_SHAPE:
            raise damaged(
                Phrase(
                    N_("{path}: expected MNIST images of shape n×28×28 but it holds {shape}"),
                    path=path,
                    shape="×".join(map(str, arr.shape)),
                )
            )
    elif arr.ndim != 1:
        raise damaged(
            Phrase(
                N_("{path}: expected a 1-D list of labels but it holds {shape}"),
                path=path,
                shape="×".join(map(str, arr.shape)),
            )
        )
    elif arr.size and arr.max() >= MNIST_CLASSES:
        index = int(np.argmax(arr >= MNIST_CLASSES))
        raise damaged(
            Phrase(
                N_("{path}: label {label} at index {index} is not a digit 0–9"),
                path=path,
                label=int(arr[index]),
                index=index,
            )
        )
    return arr


def _normalized(images: np.ndarray) -> np.ndarray:
    # The book's ``astype(np.float32) / 255.0``, without a second temporary.
    out = images.astype(np.float32)
    out /= 255.0
    return out


def _one_hot(labels: np.ndarray) -> np.ndarray:
    # float64, as the book's ``_change_one_hot_label`` builds it with np.zeros.
    table = np.zeros((labels.size, MNIST_CLASSES))
    table[np.arange(labels.size), labels] = 1
    return table


def load_mnist(
    normalize: bool = True,
    flatten: bool = True,
    one_hot_label: bool = False,
    data_dir: str | os.PathLike[str] | None = None,
    download: bool = True,
    progress: ProgressFn | None = None,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Load MNIST exactly as the book's ``dataset.mnist.load_mnist`` does.

    Parameters
    ----------
    normalize : bool
        Scale pixels to float32 in [0, 1] (``astype(np.float32) / 255.0``);
        otherwise keep them as uint8 in 0–255.
    flatten : bool
        Images as rows of 784 values; otherwise as ``(1, 28, 28)`` (channel first).
    one_hot_label : bool
        Labels as float64 one-hot rows of length 10 (as the book's
        ``_change_one_hot_label``); otherwise uint8 digits.
    data_dir : path, optional
        Folder with the four files; else ``$NNLAB_DATA``, else
        ``$XDG_CACHE_HOME/nnlab/mnist`` (see :func:`default_data_dir`).
    download : bool
        Download missing files (mirrors from ``$NNLAB_MNIST_MIRRORS`` or the
        defaults); when False a missing file raises DatasetError.
    progress : callable, optional
        ``progress(done_bytes, total_bytes)`` while downloading; restarts from 0 per file.

    Returns
    -------
    ``(x_train, t_train), (x_test, t_test)`` with n = 60000 train and 10000 test:

    x : ndarray, shape (n, 784), or (n, 1, 28, 28) if not ``flatten``;
        float32 if ``normalize`` else uint8.
    t : ndarray, shape (n,) uint8, or (n, 10) float64 if ``one_hot_label``.

    Raises
    ------
    DatasetError
        A file is missing (with ``download=False``), cannot be downloaded, or is
        corrupt; image and label counts differ.
    """
    folder = resolve_data_dir(data_dir)
    paths = {key: find_file(folder, key) for key in MNIST_FILES}
    missing = [MNIST_FILES[key] for key, path in paths.items() if path is None]
    if missing and not download:
        raise DatasetError(
            N_("MNIST file {name} not found in {folder}; run `nnlab data download` or {how}"),
            name=missing[0],
            folder=folder,
            how=manual_instructions(folder),
        )
    if missing:
        download_mnist(folder, progress=progress, verify_existing=False)
        paths = {key: find_file(folder, key) for key in MNIST_FILES}
    data = {key: load_mnist_file(path, key) for key, path in paths.items() if path is not None}
    if len(data) != len(MNIST_FILES):
        # Only if a file vanished between download and read.
        raise DatasetError(
            N_("MNIST files disappeared from {folder}; {how}"),
            folder=folder,
            how=manual_instructions(folder),
        )
    for split in ("train", "test"):
        images, labels = data[f"{split}_img"], data[f"{split}_label"]
        if len(images) != len(labels):
            raise damaged(
                Phrase(
                    N_("{images} has {n_images} images but {labels} has {n_labels} labels"),
                    images=paths[f"{split}_img"],
                    n_images=len(images),
                    labels=paths[f"{split}_label"],
                    n_labels=len(labels),
                )
            )

    for key in ("train_img", "test_img"):
        images = data[key]
        if normalize:  # cached too: every process then maps one shared copy
            images = cached(paths[key], "float32", lambda images=images: _normalized(images))
        data[key] = images.reshape(len(images), -1) if flatten else images[:, np.newaxis]
    if one_hot_label:
        for key in ("train_label", "test_label"):
            data[key] = _one_hot(data[key])
    return (data["train_img"], data["train_label"]), (data["test_img"], data["test_label"])
