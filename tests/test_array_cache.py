"""The decoded-array cache trusts nothing: every kind of bad entry is rebuilt from the source."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from idx_fixtures import isolate, write_idx, write_mnist_dir

import nncore.datasets.cache as cache
from nncore.datasets import load_mnist


@pytest.fixture
def fake(monkeypatch, tmp_path):
    """Small MNIST files, with nnlab's cache (and every data folder) inside ``tmp_path``."""
    isolate(monkeypatch, tmp_path)
    return write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=3)


def entries(kind: str = "uint8", suffix: str = ".npy") -> list[Path]:
    return sorted((cache.npy_cache_dir() / cache.KINDS[kind][0]).glob(f"*{suffix}"))


def entry_of(name: str, kind: str = "uint8") -> Path:
    (found,) = [p for p in entries(kind) if p.name.startswith(name)]
    return found


def assert_loads_right(fake) -> None:
    (x_train, t_train), (x_test, t_test) = load_mnist(data_dir=fake.directory)
    expected = fake.arrays["train_img"].reshape(30, 784).astype(np.float32) / 255.0
    np.testing.assert_array_equal(x_train, expected)
    np.testing.assert_array_equal(t_train, fake.arrays["train_label"])
    np.testing.assert_array_equal(x_test * 255.0, fake.arrays["test_img"].reshape(12, 784))
    np.testing.assert_array_equal(t_test, fake.arrays["test_label"])


def test_entries_and_records_name_the_source(fake):
    load_mnist(data_dir=fake.directory)
    assert len(entries()) == 4 and len(entries("float32")) == 2
    record = json.loads(entries(suffix=".json")[0].read_text())
    source = Path(record["source"]["path"])
    assert record["source"]["size"] == source.stat().st_size
    assert record["source"]["mtime_ns"] == source.stat().st_mtime_ns
    assert len(record["source"]["sha256"]) == 64
    for entry in entries() + entries("float32"):
        assert entry.stat().st_mode & 0o777 == 0o644  # a shared cache serves every account


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b""), id="zero-length"),
        pytest.param(lambda p: p.write_bytes(np.random.default_rng(0).bytes(5000)), id="random"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:-7]), id="truncated"),
    ],
)
@pytest.mark.parametrize("kind", ["uint8", "float32"])
def test_damaged_entries_are_rebuilt(fake, damage, kind):
    load_mnist(data_dir=fake.directory)
    for entry in entries(kind):
        damage(entry)
    assert_loads_right(fake)
    assert_loads_right(fake)  # and the rebuilt entries are sound


def test_same_shape_wrong_arrays_are_not_served(fake):
    load_mnist(data_dir=fake.directory)
    labels = entry_of("train-labels")
    np.save(labels, (fake.arrays["train_label"] + 1) % 10)
    images = entry_of("train-images", "float32")
    np.save(images, np.zeros((30, 28, 28), np.float32))
    assert_loads_right(fake)


def test_a_rewritten_entry_with_its_old_mtime_is_still_caught(fake):
    load_mnist(data_dir=fake.directory)
    labels = entry_of("t10k-labels")
    st = labels.stat()
    time.sleep(0.05)  # let the clock tick, as a real edit would
    np.save(labels, 9 - fake.arrays["test_label"])
    os.utime(labels, ns=(st.st_atime_ns, st.st_mtime_ns))  # ctime cannot be set back
    assert labels.stat().st_size == st.st_size
    assert_loads_right(fake)


def test_wrong_shape_entries_are_rebuilt_without_blaming_the_source(fake):
    load_mnist(data_dir=fake.directory)
    np.save(entry_of("train-images"), np.zeros((30, 27, 29), np.uint8))
    np.save(entry_of("train-labels"), np.zeros((30, 2), np.uint8))
    np.save(entry_of("t10k-images", "float32"), np.zeros((12, 784), np.float64))
    assert_loads_right(fake)


def test_a_fifo_as_entry_or_record_neither_hangs_nor_breaks_loading(fake):
    load_mnist(data_dir=fake.directory)
    labels = entry_of("train-labels")
    record = entries(suffix=".json")[0]
    for path in (labels, record):
        path.unlink()
        os.mkfifo(path)
    done = threading.Event()
    failure: list[BaseException] = []

    def load():
        try:
            assert_loads_right(fake)
        except BaseException as exc:  # reported below, in the test's thread
            failure.append(exc)
        done.set()

    threading.Thread(target=load, daemon=True).start()
    if not done.wait(30):
        # Unblock the reader (opening the write end releases a blocking open) and fail.
        for path in (labels, record):
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        pytest.fail("loading hung on a FIFO in the cache")
    assert not failure, failure
    assert labels.is_file() and record.is_file()  # replaced by sound entries


def test_a_changed_source_with_the_same_size_and_mtime_is_caught_by_its_digest(fake):
    load_mnist(data_dir=fake.directory)
    path = fake.paths["train_label"]
    st = path.stat()
    new_labels = (fake.arrays["train_label"] + 3) % 10
    write_idx(path, new_labels)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    (_, t_train), _ = load_mnist(data_dir=fake.directory)
    np.testing.assert_array_equal(t_train, new_labels)


def test_a_write_that_fails_midway_leaves_no_entry_and_no_temp(fake, monkeypatch):
    def half_save(f, arr, allow_pickle=False):
        f.write(b"\x93NUMPY half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.np, "save", half_save)
    assert_loads_right(fake)
    folder = cache.npy_cache_dir()
    assert list(folder.rglob("*.npy")) == []
    assert list(folder.rglob(".tmp-*")) == []


def test_temp_names_are_unique_and_old_leftovers_are_removed(fake):
    folder = cache.npy_cache_dir()
    folder.mkdir(parents=True)
    old, fresh = folder / ".tmp-killed.npy", folder / ".tmp-writing-now.npy"
    for leftover in (old, fresh):
        leftover.write_bytes(b"partial")
    an_hour_ago = time.time() - 3700
    os.utime(old, (an_hour_ago, an_hour_ago))
    names = []
    real_replace = os.replace

    def recording_replace(src, dst):
        names.append(Path(src).name)
        real_replace(src, dst)

    cache.os.replace = recording_replace
    try:
        assert_loads_right(fake)
    finally:
        cache.os.replace = real_replace
    assert len(names) == len(set(names)) == 12  # 6 arrays and 6 records
    assert all(name.startswith(".tmp-") for name in names)
    assert not old.exists() and fresh.exists()  # another process may still be writing it


def test_normalised_images_are_shared_maps_that_callers_may_write(fake):
    load_mnist(data_dir=fake.directory)
    (x_train, _), _ = load_mnist(data_dir=fake.directory)
    entry = entry_of("train-images", "float32")
    maps = Path("/proc/self/maps").read_text()
    assert str(entry) in maps  # mapped from the cache, not a private copy
    before = entry.read_bytes()
    x_train[0, :5] = 7.0  # copy-on-write: the learner's own page, never the file
    assert entry.read_bytes() == before
    (again, _), _ = load_mnist(data_dir=fake.directory)
    assert not (again[0, :5] == 7.0).any()
