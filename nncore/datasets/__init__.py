"""Datasets for the engine: MNIST, read from the official IDX files.

``load_mnist`` matches the book's ``dataset.mnist.load_mnist``; files are
found in ``data_dir``, ``$NNLAB_DATA`` or ``$XDG_CACHE_HOME/nnlab/mnist``,
downloaded from ``$NNLAB_MNIST_MIRRORS`` (comma-separated URL prefixes) or the
default mirrors when missing, and their decoded arrays cached as ``.npy``.
"""

from nncore.datasets.download import (
    DEFAULT_MIRRORS,
    DEFAULT_TIMEOUT,
    MIRRORS_ENV,
    DownloadFailed,
    ProgressFn,
    download_file,
    download_mnist,
    resolve_mirrors,
)
from nncore.datasets.errors import DatasetError
from nncore.datasets.files import (
    MNIST_FILES,
    MNIST_SHA256,
    FileCheck,
    candidate_names,
    default_data_dir,
    find_file,
    resolve_data_dir,
    verify_mnist,
)
from nncore.datasets.mnist import load_mnist, load_mnist_file

__all__ = [
    "DEFAULT_MIRRORS",
    "DEFAULT_TIMEOUT",
    "MIRRORS_ENV",
    "MNIST_FILES",
    "MNIST_SHA256",
    "DatasetError",
    "DownloadFailed",
    "FileCheck",
    "ProgressFn",
    "candidate_names",
    "default_data_dir",
    "download_file",
    "download_mnist",
    "find_file",
    "load_mnist",
    "load_mnist_file",
    "resolve_data_dir",
    "resolve_mirrors",
    "verify_mnist",
]
