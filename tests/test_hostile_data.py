"""Hostile MNIST files: gzip bombs and lying headers cost no more memory than the real file."""

from __future__ import annotations

import numpy as np
import pytest
from hostile_files import SMALL_PEAK, gzip_bomb, peak_bytes
from idx_fixtures import write_mnist_dir

from nncore.datasets import DatasetError, load_mnist_file, verify_mnist
from nncore.datasets.files import MNIST_FILES
from nncore.datasets.idx import content_sha256, read_idx
from tui.cli.main import main

# Nothing here reads the user's data or cache, nor reaches the internet.
pytestmark = pytest.mark.usefixtures("isolated")

LABELS_HEADER = bytes([0, 0, 8, 1]) + (10_000).to_bytes(4, "big")


@pytest.fixture
def bomb(tmp_path):
    """``t10k-labels-idx1-ubyte.gz``: a real header for 10,000 labels, then 200 MiB of zeros."""
    fake = write_mnist_dir(tmp_path / "mnist")
    path = fake.directory / MNIST_FILES["test_label"]
    return gzip_bomb(path, LABELS_HEADER, 200)


def test_the_bomb_is_small_on_disk(bomb):
    assert bomb.stat().st_size < 300_000


def test_loading_a_gzip_bomb_stops_past_the_header_size(bomb):
    assert peak_bytes(lambda: load_mnist_file(bomb, "test_label")) < SMALL_PEAK
    with pytest.raises(DatasetError, match="has trailing bytes: more than the 10008 bytes"):
        load_mnist_file(bomb, "test_label")


def test_hashing_a_gzip_bomb_stops_past_the_known_size(bomb):
    assert peak_bytes(lambda: content_sha256(bomb, 10_008)) < SMALL_PEAK
    with pytest.raises(DatasetError, match="more than the 10,008 bytes"):
        content_sha256(bomb, 10_008)
    check = {c.key: c for c in verify_mnist(bomb.parent)}["test_label"]
    assert check.status == "UNREADABLE"
    assert "more than the 10,008 bytes" in check.detail


def test_a_header_claiming_more_than_the_known_size_is_refused_before_reading(tmp_path):
    head = bytes([0, 0, 8, 3]) + b"".join(n.to_bytes(4, "big") for n in (2**31, 28, 28))
    path = gzip_bomb(tmp_path / "t10k-images-idx3-ubyte.gz", head, 1)
    assert peak_bytes(lambda: load_mnist_file(path, "test_img")) < SMALL_PEAK
    with pytest.raises(
        DatasetError, match="needs 1,683,627,180,048 bytes, more than the 7,840,016 this file has"
    ):
        load_mnist_file(path, "test_img")


def test_data_info_reports_the_bomb_in_one_line(bomb, capsys):
    assert main(["data", "info", "--data-dir", str(bomb.parent)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if bomb.name in x)
    assert "DAMAGED" in line and "trailing bytes" in line


def test_data_verify_reports_the_bomb(bomb, capsys):
    assert main(["data", "verify", "--data-dir", str(bomb.parent)]) == 1
    out = capsys.readouterr().out
    assert "UNREADABLE" in out and "more than the 10,008 bytes" in out


def test_labels_outside_0_to_9_are_refused(tmp_path):
    from idx_fixtures import write_idx_labels

    path = write_idx_labels(tmp_path / "t10k-labels-idx1-ubyte.gz", np.array([3, 10, 2], np.uint8))
    with pytest.raises(DatasetError, match="label 10 at index 1 is not a digit 0–9"):
        load_mnist_file(path, "test_label")


def test_a_fifo_in_place_of_a_data_file_is_never_opened(tmp_path):
    import os

    fifo = tmp_path / "t10k-labels-idx1-ubyte"
    os.mkfifo(fifo)
    for reader in (read_idx, content_sha256):
        with pytest.raises(DatasetError, match="not a regular file"):
            reader(fifo)
