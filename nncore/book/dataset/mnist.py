"""The book's ``dataset/mnist.py``: ``load_mnist`` through nncore's checked download."""

from __future__ import annotations

import sys

import numpy as np

from nncore import datasets


def load_mnist(
    normalize: bool = True, flatten: bool = True, one_hot_label: bool = False
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``(x_train, t_train), (x_test, t_test)`` exactly as the book's loader returns them.

    Parameters
    ----------
    normalize : bool
        Pixels as float32 in [0, 1]; otherwise uint8 0–255.
    flatten : bool
        Images as rows ``(N, 784)``; otherwise ``(N, 1, 28, 28)``.
    one_hot_label : bool
        Labels as float64 one-hot rows ``(N, 10)``; otherwise uint8 digits ``(N,)``.

    The files are read from ``$NNLAB_DATA`` or nnlab's cache folder; missing ones are
    downloaded from mirrors that still serve them (the book's original host refuses),
    checked against their SHA-256, with a line per file as the book prints.

    Raises
    ------
    nncore.datasets.DatasetError
        A file cannot be downloaded or is corrupt; the message says what to do.
    """
    folder = datasets.resolve_data_dir(None)
    if any(datasets.find_file(folder, key) is None for key in datasets.MNIST_FILES):
        print(f"Downloading MNIST into {folder} ...", file=sys.stderr, flush=True)
        datasets.download_mnist(
            folder,
            verify_existing=False,
            on_file=lambda name: print(f"  {name}", file=sys.stderr, flush=True),
        )
        print("Done", file=sys.stderr, flush=True)
    return datasets.load_mnist(normalize, flatten, one_hot_label, download=False)
