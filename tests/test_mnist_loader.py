"""load_mnist: the book's output format, folder resolution, the .npy cache, and MNIST checks."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from idx_fixtures import isolate, mnist_name, write_idx, write_mnist_dir

import nncore.datasets.mnist as mnist_module
from nncore.datasets import (
    MNIST_SHA256,
    DatasetError,
    default_data_dir,
    load_mnist,
    resolve_data_dir,
    verify_mnist,
)

# Read before the autouse fixture clears it: CI points it at the real MNIST files.
REAL_DATA = os.environ.get("NNLAB_DATA")
needs_real_data = pytest.mark.skipif(
    not REAL_DATA, reason="set NNLAB_DATA to a folder with the real MNIST files"
)


@pytest.fixture(autouse=True)
def xdg_cache(monkeypatch, tmp_path) -> Path:
    return isolate(monkeypatch, tmp_path)


@pytest.fixture
def fake(tmp_path):
    return write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=3)


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_default_matches_the_book(fake):
    (x_train, t_train), (x_test, t_test) = load_mnist(data_dir=fake.directory)

    assert x_train.shape == (30, 784) and x_test.shape == (12, 784)
    assert x_train.dtype == np.float32 and t_train.dtype == np.uint8
    expected = fake.arrays["train_img"].reshape(30, 784).astype(np.float32) / 255.0
    np.testing.assert_array_equal(x_train, expected)
    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])
    np.testing.assert_array_equal(t_test, fake.arrays["test_label"])
    assert x_test.min() >= 0.0 and x_test.max() <= 1.0


def test_unnormalized_images_are_uint8_and_writable_without_touching_the_cache(fake):
    (x_train, _), _ = load_mnist(normalize=False, data_dir=fake.directory)
    original = int(x_train[0, 0])

    assert x_train.dtype == np.uint8
    np.testing.assert_array_equal(x_train, fake.arrays["train_img"].reshape(30, 784))
    x_train[0, 0] = original ^ 0xFF  # learners mutate arrays; the book's are writable

    (again, _), _ = load_mnist(normalize=False, data_dir=fake.directory)
    assert int(again[0, 0]) == original


def test_unflattened_images_are_channel_first(fake):
    (x_train, _), (x_test, _) = load_mnist(flatten=False, data_dir=fake.directory)

    assert x_train.shape == (30, 1, 28, 28) and x_test.shape == (12, 1, 28, 28)
    np.testing.assert_array_equal(x_test[:, 0] * 255.0, fake.arrays["test_img"])


def test_one_hot_labels_are_float64_like_the_book(fake):
    (_, t_train), (_, t_test) = load_mnist(one_hot_label=True, data_dir=fake.directory)

    assert t_train.shape == (30, 10) and t_train.dtype == np.float64
    np.testing.assert_array_equal(t_train.argmax(axis=1), fake.arrays["train_label"])
    np.testing.assert_array_equal(t_test.sum(axis=1), np.ones(12))
    assert set(np.unique(t_test)) == {0.0, 1.0}


@pytest.mark.parametrize(("gz", "dotted"), [(False, False), (True, True), (False, True)])
def test_accepts_raw_and_dotted_names(tmp_path, gz, dotted):
    fake = write_mnist_dir(tmp_path / "d", n_train=5, n_test=4, gz=gz, dotted=dotted)

    (_, t_train), (x_test, _) = load_mnist(normalize=False, data_dir=fake.directory)

    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])
    np.testing.assert_array_equal(x_test.reshape(4, 28, 28), fake.arrays["test_img"])


def test_folder_resolution_order(tmp_path, monkeypatch, xdg_cache):
    assert default_data_dir() == xdg_cache / "nnlab" / "mnist"
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"
    assert resolve_data_dir(None) == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"


def test_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    assert default_data_dir() == tmp_path / "home" / ".cache" / "nnlab" / "mnist"


def test_loads_from_nnlab_data_and_default_folder(tmp_path, monkeypatch, xdg_cache):
    default = write_mnist_dir(xdg_cache / "nnlab" / "mnist", n_train=3, n_test=2, seed=1)
    (_, t_train), _ = load_mnist(download=False)
    np.testing.assert_array_equal(t_train, default.arrays["train_label"])

    env = write_mnist_dir(tmp_path / "env", n_train=4, n_test=2, seed=2)
    monkeypatch.setenv("NNLAB_DATA", str(env.directory))
    (_, t_train), _ = load_mnist(download=False)
    np.testing.assert_array_equal(t_train, env.arrays["train_label"])


def test_cache_is_written_in_nnlab_cache_never_beside_the_data(fake, xdg_cache, monkeypatch):
    before = _listing(fake.directory)
    first = load_mnist(normalize=False, data_dir=fake.directory)

    assert _listing(fake.directory) == before
    assert len(list((xdg_cache / "nnlab" / "npy").glob("*.npy"))) == 4

    def no_decoding(path):
        raise AssertionError(f"decoded {path} instead of using the cache")

    monkeypatch.setattr(mnist_module, "read_idx", no_decoding)
    second = load_mnist(normalize=False, data_dir=fake.directory)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])


def test_changed_source_file_is_never_served_stale(fake, xdg_cache):
    load_mnist(data_dir=fake.directory)
    path = fake.paths["train_label"]
    new_labels = (fake.arrays["train_label"] + 1) % 10
    stat = path.stat()
    # File timestamps advance once per kernel tick (a few ms); a real edit is
    # never that fast, so let one tick pass.
    time.sleep(0.05)
    write_idx(path, new_labels)
    # A rewrite moves mtime; also restore the old one (as `cp -p` does): ctime
    # still differs, so the cache must notice either way.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size

    (_, t_train), _ = load_mnist(data_dir=fake.directory)

    np.testing.assert_array_equal(t_train, new_labels)
    # The stale entry for that file was replaced, not kept beside the new one.
    assert len(list((xdg_cache / "nnlab" / "npy").glob("*.npy"))) == 4


def test_replaced_source_file_is_never_served_stale(fake):
    load_mnist(data_dir=fake.directory)
    path = fake.paths["test_label"]
    stat = path.stat()
    new_labels = 9 - fake.arrays["test_label"]
    tmp = write_idx(path.with_name("new.gz"), new_labels)
    os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(tmp, path)

    (_, _), (_, t_test) = load_mnist(data_dir=fake.directory)

    np.testing.assert_array_equal(t_test, new_labels)


def test_unwritable_cache_folder_does_not_break_loading(fake, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))

    for _ in range(2):
        (_, t_train), _ = load_mnist(data_dir=fake.directory)
        np.testing.assert_array_equal(t_train, fake.arrays["train_label"])


def test_damaged_cache_entries_are_rebuilt(fake, xdg_cache):
    load_mnist(data_dir=fake.directory)
    entries = sorted((xdg_cache / "nnlab" / "npy").glob("*.npy"))
    for entry in entries:
        entry.write_bytes(b"\x93NUMPY garbage")

    (x_train, t_train), _ = load_mnist(normalize=False, data_dir=fake.directory)

    np.testing.assert_array_equal(x_train.reshape(30, 28, 28), fake.arrays["train_img"])
    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])
    assert all(entry.stat().st_size > 100 for entry in entries)


def test_read_only_data_folder_loads(fake):
    before = _listing(fake.directory)
    fake.directory.chmod(0o555)
    try:
        (_, t_train), _ = load_mnist(data_dir=fake.directory)
    finally:
        fake.directory.chmod(0o755)

    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])
    assert _listing(fake.directory) == before


def test_missing_file_without_download_says_how_to_get_it(fake):
    fake.paths["test_img"].unlink()

    with pytest.raises(DatasetError) as info:
        load_mnist(data_dir=fake.directory, download=False)

    message = str(info.value)
    assert "\n" not in message
    assert "t10k-images-idx3-ubyte.gz not found" in message
    assert str(fake.directory) in message
    assert "`nnlab data download`" in message
    assert "train-labels-idx1-ubyte.gz" in message  # lists all four names


def _break(fake, key, array):
    fake.paths[key].unlink()
    write_idx(fake.directory / mnist_name(key), array)


@pytest.mark.parametrize(
    ("key", "array", "problem"),
    [
        ("train_label", np.zeros(29, np.uint8), "30 images but"),
        ("test_img", np.zeros((13, 28, 28), np.uint8), "13 images but"),
        ("train_label", np.r_[np.zeros(29, np.uint8), 10].astype(np.uint8), "label 10 at index 29"),
        ("train_img", np.zeros((30, 27, 28), np.uint8), "n×28×28 but it holds 30×27×28"),
        ("test_label", np.zeros((12, 1), np.uint8), "1-D list of labels but it holds 12×1"),
        ("train_img", np.zeros(30, np.uint8), "n×28×28 but it holds 30"),
    ],
)
def test_files_that_are_not_mnist_are_rejected(fake, key, array, problem):
    _break(fake, key, array)

    with pytest.raises(DatasetError) as info:
        load_mnist(data_dir=fake.directory, download=False)

    message = str(info.value)
    assert problem in message
    assert "\n" not in message
    assert "nnlab data download" in message


def test_corrupt_gzip_in_folder_is_a_dataset_error(fake):
    path = fake.paths["train_img"]
    path.write_bytes(path.read_bytes()[:100])

    with pytest.raises(DatasetError, match=r"train-images-idx3-ubyte\.gz: cannot read it"):
        load_mnist(data_dir=fake.directory, download=False)


def test_verify_checks_decompressed_content(fake):
    raw_copy = write_mnist_dir(
        fake.directory.parent / "raw", n_train=30, n_test=12, seed=3, gz=False
    )
    fake.paths["test_label"].write_bytes(b"\x1f\x8b broken")

    checks = verify_mnist(fake.directory, checksums={"train_img": fake.checksums["train_img"]})
    raw_checks = verify_mnist(raw_copy.directory, checksums=fake.checksums)

    assert [c.status for c in checks] == ["OK", "MISMATCH", "MISMATCH", "UNREADABLE"]
    assert checks[1].detail.endswith(f"expected {MNIST_SHA256['train_label']}")
    assert [c.status for c in raw_checks] == ["OK"] * 4  # same content, not gzipped
    fake.paths["train_img"].unlink()
    assert verify_mnist(fake.directory)[0].status == "MISSING"


@needs_real_data
def test_real_mnist_loads_as_in_the_book():
    (x_train, t_train), (x_test, t_test) = load_mnist(data_dir=REAL_DATA, download=False)

    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x_train.dtype == np.float32 and t_train.dtype == np.uint8
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    assert t_train[0] == 5 and t_test[0] == 7
    assert list(t_train[:5]) == [5, 0, 4, 1, 9]
    train_hist, test_hist = np.bincount(t_train, minlength=10), np.bincount(t_test, minlength=10)
    assert train_hist.sum() == 60000 and test_hist.sum() == 10000
    assert train_hist[1] == 6742 and test_hist[1] == 1135  # digit 1 is the most common


@needs_real_data
def test_real_mnist_unflattened_one_hot():
    (x_train, t_train), _ = load_mnist(
        normalize=False, flatten=False, one_hot_label=True, data_dir=REAL_DATA, download=False
    )

    assert x_train.shape == (60000, 1, 28, 28) and x_train.dtype == np.uint8
    assert t_train.shape == (60000, 10) and t_train[0].argmax() == 5


@needs_real_data
def test_real_mnist_warm_load_is_fast():
    load_mnist(normalize=False, data_dir=REAL_DATA, download=False)  # fills the cache

    start = time.perf_counter()
    (x_train, _), (x_test, _) = load_mnist(normalize=False, data_dir=REAL_DATA, download=False)
    elapsed = time.perf_counter() - start

    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert elapsed < 1.0, f"warm load took {elapsed:.3f} s"


@needs_real_data
def test_real_mnist_verifies():
    checks = verify_mnist(REAL_DATA)

    assert [check.status for check in checks] == ["OK"] * 4
