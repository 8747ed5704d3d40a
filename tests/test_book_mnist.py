"""nncore.book.dataset.mnist.load_mnist, and chapter 3's sample network on the real data."""

from __future__ import annotations

import os

import numpy as np
import pytest
from book_run import real_book_weights
from idx_fixtures import MirrorServer, write_mnist_dir

from nncore.book.common.functions import sigmoid, softmax
from nncore.book.dataset.mnist import load_mnist
from nncore.datasets import MNIST_SHA256, DatasetError
from nncore.io import load_dlfs_pickle

# Nothing here reads the user's data or cache, nor reaches the internet.
pytestmark = pytest.mark.usefixtures("isolated")

# Read at import: the isolation fixture clears NNLAB_DATA for each test.
REAL_DATA = os.environ.get("NNLAB_DATA")
REAL_WEIGHTS = real_book_weights()
needs_real_mnist = pytest.mark.skipif(not REAL_DATA, reason="needs NNLAB_DATA (the real MNIST)")


def test_the_books_flags_give_the_books_arrays(tmp_path, monkeypatch):
    fake = write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=3)
    monkeypatch.setenv("NNLAB_DATA", str(fake.directory))

    (x_train, t_train), (x_test, t_test) = load_mnist()
    assert x_train.shape == (30, 784) and x_train.dtype == np.float32
    assert x_test.shape == (12, 784) and t_test.shape == (12,) and t_train.dtype == np.uint8
    np.testing.assert_array_equal(
        x_train, fake.arrays["train_img"].reshape(30, 784).astype(np.float32) / 255.0
    )
    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])

    (x_raw, t_hot), _ = load_mnist(normalize=False, flatten=False, one_hot_label=True)
    assert x_raw.shape == (30, 1, 28, 28) and x_raw.dtype == np.uint8
    np.testing.assert_array_equal(x_raw[:, 0], fake.arrays["train_img"])
    assert t_hot.shape == (30, 10) and t_hot.dtype == np.float64
    np.testing.assert_array_equal(t_hot.argmax(axis=1), fake.arrays["train_label"])
    assert t_hot.sum() == 30


def test_missing_files_are_downloaded_with_a_line_each(tmp_path, monkeypatch, capsys):
    source = write_mnist_dir(tmp_path / "source", n_train=20, n_test=10, seed=5)
    for key, digest in source.checksums.items():
        monkeypatch.setitem(MNIST_SHA256, key, digest)
    target = tmp_path / "empty"
    monkeypatch.setenv("NNLAB_DATA", str(target))
    with MirrorServer() as server:
        server.serve_mnist("m1", source)
        monkeypatch.setenv("NNLAB_MNIST_MIRRORS", server.url("m1"))
        (_, t_train), (x_test, _) = load_mnist()
    np.testing.assert_array_equal(t_train, source.arrays["train_label"])
    assert x_test.shape == (10, 784)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"Downloading MNIST into {target} ..."
    assert err[1:] == [
        "  train-images-idx3-ubyte.gz",
        "  train-labels-idx1-ubyte.gz",
        "  t10k-images-idx3-ubyte.gz",
        "  t10k-labels-idx1-ubyte.gz",
        "Done",
    ]
    load_mnist()  # now cached: nothing more is printed
    assert capsys.readouterr().err == ""


def test_an_unreachable_mirror_is_one_dataset_error_naming_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path / "empty"))
    with pytest.raises(DatasetError, match=r"could not download train-images-idx3-ubyte\.gz"):
        load_mnist()


@needs_real_mnist
def test_real_mnist_as_the_book_shows_it(monkeypatch):
    monkeypatch.setenv("NNLAB_DATA", REAL_DATA)
    (x_train, t_train), (x_test, t_test) = load_mnist(flatten=True, normalize=False)
    assert x_train.shape == (60000, 784) and t_train.shape == (60000,)
    assert x_test.shape == (10000, 784) and t_test.shape == (10000,)
    assert t_train[:5].tolist() == [5, 0, 4, 1, 9]
    assert t_test[:5].tolist() == [7, 2, 1, 0, 4]
    assert x_train[0].reshape(28, 28).shape == (28, 28) and x_train.max() == 255


@needs_real_mnist
@pytest.mark.skipif(REAL_WEIGHTS is None, reason="needs the book's sample_weight.pkl")
def test_chapter_3_sample_network_scores_0_9352(monkeypatch):
    monkeypatch.setenv("NNLAB_DATA", REAL_DATA)
    _, (x, t) = load_mnist(normalize=True, flatten=True, one_hot_label=False)
    # Through nnlab's allow-list unpickler: only arrays in a dict are rebuilt.
    network = load_dlfs_pickle(REAL_WEIGHTS).params

    def predict(network, x):  # neuralnet_mnist.py's predict
        a1 = np.dot(x, network["W1"]) + network["b1"]
        a2 = np.dot(sigmoid(a1), network["W2"]) + network["b2"]
        return softmax(np.dot(sigmoid(a2), network["W3"]) + network["b3"])

    accuracy_cnt = 0
    for i in range(0, len(x), 100):  # neuralnet_mnist_batch.py's batches of 100
        accuracy_cnt += np.sum(
            np.argmax(predict(network, x[i : i + 100]), axis=1) == t[i : i + 100]
        )
    assert accuracy_cnt / len(x) == 0.9352
    one = predict(network, x[0])  # one image at a time, as neuralnet_mnist.py goes
    assert one.shape == (10,) and np.argmax(one) == t[0] == 7
