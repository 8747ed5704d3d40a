"""The book's sample_weight.pkl: loading, refusing hostile pickles, and the real 93.52 %."""

from __future__ import annotations

import gzip
import os
import pickle
import subprocess
from pathlib import Path

import numpy as np
import pytest

from nncore.io import ModelFileError, load_dlfs_pickle
from nncore.network import Network

# Read at import: fixtures elsewhere may clear these variables during the run.
REAL_DATA = os.environ.get("NNLAB_DATA")
REPO = Path(__file__).resolve().parents[1]
REAL_WEIGHTS = Path(
    os.environ.get("NNLAB_DLFS_WEIGHTS") or REPO.parent / "shared/data/dlfs/sample_weight.pkl"
)

SHAPES = {"W1": (784, 50), "b1": (50,), "W2": (50, 100), "b2": (100,), "W3": (100, 10), "b3": (10,)}


def book_weights(seed=0):
    rng = np.random.default_rng(seed)
    return {k: rng.normal(scale=0.1, size=s).astype(np.float32) for k, s in SHAPES.items()}


def write_pickle(path, obj, protocol=None):
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=protocol)
    return path


def test_loads_a_book_style_pickle(tmp_path):
    weights = book_weights()
    net = load_dlfs_pickle(write_pickle(tmp_path / "sample_weight.pkl", weights))
    assert isinstance(net, Network)
    assert net.sizes == (784, 50, 100, 10)
    assert net.activation == "sigmoid"
    assert net.output == "softmax"
    assert net.dtype == np.float32
    for key, value in weights.items():
        assert net.params[key].dtype == np.float32
        np.testing.assert_array_equal(net.params[key], value)
    # The book's predict: sigmoid, sigmoid, softmax.
    x = np.random.default_rng(1).random((3, 784)).astype(np.float32)

    def sig(z):
        return 1 / (1 + np.exp(-z))

    a = sig(sig(x @ weights["W1"] + weights["b1"]) @ weights["W2"] + weights["b2"])
    s = a @ weights["W3"] + weights["b3"]
    y = np.exp(s - s.max(axis=1, keepdims=True))
    y /= y.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.predict(x), y, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_any_pickle_protocol_of_plain_arrays_loads(tmp_path, protocol):
    """Protocol 5 is Python 3.14's default (NumPy then pickles via ``_frombuffer``);
    protocol 2 pickles array bytes via ``_codecs.encode``. Both are just arrays."""
    weights = book_weights(protocol)
    net = load_dlfs_pickle(write_pickle(tmp_path / "w.pkl", weights, protocol))
    for key, value in weights.items():
        np.testing.assert_array_equal(net.params[key], value)


def test_other_layer_sizes(tmp_path):
    rng = np.random.default_rng(2)
    weights = {
        "W1": rng.random((784, 30)),
        "b1": rng.random(30),
        "W2": rng.random((30, 20)),
        "b2": rng.random(20),
        "W3": rng.random((20, 10)),
        "b3": rng.random(10),
    }
    net = load_dlfs_pickle(write_pickle(tmp_path / "w.pkl", weights))
    assert net.sizes == (784, 30, 20, 10)
    assert net.dtype == np.float32


class Reduce:
    """Unpickling this calls ``func(*args)``: what a hostile pickle does."""

    def __init__(self, func, *args):
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)


def test_hostile_pickle_is_refused_and_never_runs(tmp_path):
    pwned = tmp_path / "pwned"
    evil = Reduce(os.system, f"touch {pwned}")
    path = write_pickle(tmp_path / "evil.pkl", {**book_weights(), "W1": evil})
    with pytest.raises(ModelFileError) as info:
        load_dlfs_pickle(path)
    assert not pwned.exists()
    message = str(info.value)
    assert "\n" not in message
    assert "evil.pkl" in message
    assert "system" in message  # names what was refused
    # The payload is real: an unguarded pickle.load would have run it.
    with open(path, "rb") as f:
        pickle.load(f)
    assert pwned.exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda p: Reduce(eval, f"__import__('os').system('touch {p}')"),
        lambda p: Reduce(exec, f"open({str(p)!r}, 'w').close()"),
        lambda p: Reduce(subprocess.call, ["touch", str(p)]),
        lambda p: {"W1": [Reduce(os.system, f"touch {p}")]},
    ],
    ids=["eval", "exec", "subprocess", "nested"],
)
def test_other_hostile_globals_are_refused(tmp_path, make):
    pwned = tmp_path / "pwned"
    path = write_pickle(tmp_path / "evil.pkl", make(pwned))
    with pytest.raises(ModelFileError):
        load_dlfs_pickle(path)
    assert not pwned.exists()


@pytest.mark.parametrize(
    "weights",
    [
        {k: v for k, v in book_weights().items() if k != "b3"},
        {**book_weights(), "W4": np.zeros((10, 10), dtype=np.float32)},
        {("W1" if k == "W1" else k.lower()): v for k, v in book_weights().items()},
    ],
    ids=["missing-b3", "extra-W4", "lowercase-keys"],
)
def test_wrong_keys_give_a_clear_error(tmp_path, weights):
    with pytest.raises(ModelFileError) as info:
        load_dlfs_pickle(write_pickle(tmp_path / "keys.pkl", weights))
    message = str(info.value)
    assert "\n" not in message
    assert "W1" in message and "b3" in message  # lists what it expected


def test_not_a_dict(tmp_path):
    with pytest.raises(ModelFileError, match="list"):
        load_dlfs_pickle(write_pickle(tmp_path / "list.pkl", [1, 2, 3]))


def test_mismatched_shapes(tmp_path):
    weights = {**book_weights(), "b2": np.zeros(99, dtype=np.float32)}
    with pytest.raises(ModelFileError, match="b2"):
        load_dlfs_pickle(write_pickle(tmp_path / "shape.pkl", weights))


@pytest.mark.parametrize(
    "bad",
    [
        {"W1": np.zeros(784, dtype=np.float32)},  # 1-D weight matrix
        {"W2": np.zeros((50, 100, 1), dtype=np.float32)},  # 3-D
        {"W1": [[0.0] * 50] * 784},  # plain nested lists, no arrays
        {"b1": "fifty zeros"},
    ],
    ids=["W1-1d", "W2-3d", "W1-list", "b1-str"],
)
def test_malformed_values_give_model_file_error(tmp_path, bad):
    weights = {**book_weights(), **bad}
    with pytest.raises(ModelFileError):
        load_dlfs_pickle(write_pickle(tmp_path / "bad.pkl", weights))


def test_missing_truncated_and_garbage_files(tmp_path):
    with pytest.raises(ModelFileError, match="no such"):
        load_dlfs_pickle(tmp_path / "absent.pkl")
    raw = pickle.dumps(book_weights())
    (tmp_path / "cut.pkl").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ModelFileError):
        load_dlfs_pickle(tmp_path / "cut.pkl")
    (tmp_path / "junk.pkl").write_bytes(np.random.default_rng(0).bytes(1000))
    with pytest.raises(ModelFileError):
        load_dlfs_pickle(tmp_path / "junk.pkl")
    (tmp_path / "empty.pkl").write_bytes(b"")
    with pytest.raises(ModelFileError):
        load_dlfs_pickle(tmp_path / "empty.pkl")


# --- the real weights on the real MNIST test set ---------------------------------------


def _mnist_test_files():
    if not REAL_DATA:
        return None
    for folder in (Path(REAL_DATA), Path(REAL_DATA) / "mnist"):
        images = folder / "t10k-images-idx3-ubyte.gz"
        labels = folder / "t10k-labels-idx1-ubyte.gz"
        if images.is_file() and labels.is_file():
            return images, labels
    return None


def _read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    assert int.from_bytes(data[:4], "big") == magic
    dims = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(magic & 0xFF)]
    offset = 4 + 4 * len(dims)
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(dims)


@pytest.mark.skipif(
    _mnist_test_files() is None or not REAL_WEIGHTS.is_file(),
    reason="needs NNLAB_DATA (MNIST t10k files) and the book's sample_weight.pkl "
    f"(looked for {REAL_WEIGHTS}; override with NNLAB_DLFS_WEIGHTS)",
)
def test_real_sample_weight_scores_93_52_percent():
    images_path, labels_path = _mnist_test_files()
    images = _read_idx(images_path, 0x0803)
    labels = _read_idx(labels_path, 0x0801)
    assert images.shape == (10000, 28, 28)
    x = images.reshape(10000, 784).astype(np.float32) / 255.0  # the book's normalize=True
    net = load_dlfs_pickle(REAL_WEIGHTS)
    assert net.sizes == (784, 50, 100, 10)
    assert net.accuracy(x, labels) == 0.9352
    # The book's batch loop gets the same count.
    correct = sum(
        int(np.sum(net.predict(x[i : i + 100]).argmax(axis=1) == labels[i : i + 100]))
        for i in range(0, 10000, 100)
    )
    assert correct == 9352
