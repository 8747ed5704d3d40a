"""The IDX reader: valid files decode exactly, every malformed one is a one-line DatasetError."""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from idx_fixtures import idx_bytes, write_bytes, write_idx

from nncore.datasets import DatasetError
from nncore.datasets.idx import content_sha256, parse_idx, read_content, read_idx


def _assert_one_line_error(exc: DatasetError, source: str) -> None:
    message = str(exc)
    assert "\n" not in message
    assert source in message


def test_parse_labels_and_images_roundtrip():
    labels = np.array([5, 0, 4, 1, 9], dtype=np.uint8)
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)

    got_labels = parse_idx(idx_bytes(labels), "labels")
    got_images = parse_idx(idx_bytes(images), "images")

    assert got_labels.dtype == np.uint8 and got_labels.shape == (5,)
    np.testing.assert_array_equal(got_labels, labels)
    assert got_images.shape == (2, 3, 4)
    np.testing.assert_array_equal(got_images, images)


def test_header_is_big_endian():
    data = bytes([0, 0, 8, 1, 0, 0, 1, 0]) + bytes(256)

    assert parse_idx(data, "x").shape == (256,)


def test_zero_length_dimension_is_valid():
    assert parse_idx(bytes([0, 0, 8, 2, 0, 0, 0, 0, 0, 0, 0, 28]), "x").shape == (0, 28)


@pytest.mark.parametrize("gz", [True, False])
def test_read_idx_gzipped_and_raw(tmp_path, gz):
    images = np.random.default_rng(1).integers(0, 256, (3, 28, 28), dtype=np.uint8)
    path = write_idx(tmp_path / "images", images, gz=gz)

    np.testing.assert_array_equal(read_idx(path), images)


def test_content_is_sniffed_not_taken_from_the_name(tmp_path):
    labels = np.array([1, 2, 3], dtype=np.uint8)
    raw_named_gz = write_idx(tmp_path / "raw.gz", labels, gz=False)
    gz_named_raw = write_idx(tmp_path / "gzipped", labels, gz=True)

    np.testing.assert_array_equal(read_idx(raw_named_gz), labels)
    np.testing.assert_array_equal(read_idx(gz_named_raw), labels)


def test_content_sha256_hashes_decompressed_bytes(tmp_path):
    labels = np.arange(10, dtype=np.uint8)
    expected = hashlib.sha256(idx_bytes(labels)).hexdigest()
    gz_path = write_idx(tmp_path / "a.gz", labels, gz=True)
    # Same content, other compression level: different file bytes, same digest.
    other = tmp_path / "b.gz"
    other.write_bytes(gzip.compress(idx_bytes(labels), compresslevel=1, mtime=123))
    raw_path = write_idx(tmp_path / "c", labels, gz=False)

    assert gz_path.read_bytes() != other.read_bytes()
    assert content_sha256(gz_path) == content_sha256(other) == content_sha256(raw_path) == expected


_HEADER_3D = bytes([0, 0, 8, 3]) + (2).to_bytes(4, "big") + (2).to_bytes(4, "big") * 2


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "only 0 bytes"),
        (b"\x00\x00\x08", "only 3 bytes"),
        (b"\x01\x00\x08\x01\x00\x00\x00\x00", "magic number 01000801"),
        (b"\x00\x07\x08\x01\x00\x00\x00\x00", "magic number 00070801"),
        (b"\x00\x00\x0d\x01\x00\x00\x00\x01" + bytes(4), "data type 0x0d"),
        (b"\x00\x00\x08\x00", "0 dimensions"),
        (b"\x00\x00\x08\x09" + bytes(36), "9 dimensions"),
        (b"\x00\x00\x08\x03\x00\x00\x00\x02", "truncated IDX header (8 of 16 bytes)"),
        (_HEADER_3D + bytes(7), "truncated: 23 bytes but header shape 2×2×2 needs 24"),
        (_HEADER_3D + bytes(9), "has trailing bytes: 25 bytes"),
        (b"\x00\x00\x08\x03" + b"\xff" * 12 + bytes(5), "truncated"),
    ],
)
def test_malformed_idx_is_a_one_line_error(data, problem):
    with pytest.raises(DatasetError) as info:
        parse_idx(data, "some/file.idx")

    _assert_one_line_error(info.value, "some/file.idx")
    assert problem in str(info.value)
    assert "nnlab data download" in str(info.value)


def _gz_truncated(raw: bytes) -> bytes:
    return gzip.compress(raw, mtime=0)[:-12]


def _gz_bad_crc(raw: bytes) -> bytes:
    data = bytearray(gzip.compress(raw, mtime=0))
    data[-8] ^= 0xFF  # first byte of the CRC32 trailer
    return bytes(data)


def _gz_garbage(raw: bytes) -> bytes:
    return b"\x1f\x8b" + b"\xde\xad\xbe\xef" * 10


@pytest.mark.parametrize("corrupt", [_gz_truncated, _gz_bad_crc, _gz_garbage])
def test_corrupt_gzip_is_a_dataset_error(tmp_path, corrupt):
    raw = idx_bytes(np.arange(200, dtype=np.uint8))
    path = write_bytes(tmp_path / "labels.gz", corrupt(raw), gz=False)

    for reader in (read_idx, content_sha256):
        with pytest.raises(DatasetError) as info:
            reader(path)
        _assert_one_line_error(info.value, str(path))
        assert "cannot read it" in str(info.value)


def test_missing_file_and_directory_are_dataset_errors(tmp_path):
    for path in (tmp_path / "nope.gz", tmp_path):
        for reader in (read_content, content_sha256):
            with pytest.raises(DatasetError) as info:
                reader(path)
            _assert_one_line_error(info.value, str(path))


def _check_fuzz_result(data: bytes) -> None:
    """parse_idx either raises DatasetError or returns an array consistent with the bytes."""
    try:
        arr = parse_idx(data, "fuzz")
    except DatasetError as exc:
        assert "\n" not in str(exc)
        return
    ndim = data[3]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    assert data[:3] == b"\x00\x00\x08"
    assert arr.dtype == np.uint8
    assert arr.shape == shape
    assert arr.tobytes() == data[header:]


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=64))
def test_fuzz_arbitrary_bytes(data):
    _check_fuzz_result(data)


@st.composite
def _mutated_idx(draw):
    shape = draw(st.lists(st.integers(0, 4), min_size=1, max_size=3))
    data = bytearray(idx_bytes(np.zeros(shape, dtype=np.uint8)))
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    cut = draw(st.integers(0, len(data)))
    return bytes(data[:cut]) + draw(st.binary(max_size=4))


@settings(max_examples=1000, deadline=None)
@given(_mutated_idx())
def test_fuzz_mutated_valid_files(data):
    _check_fuzz_result(data)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=8), st.integers(0, 200))
def test_fuzz_gzip_streams(tmp_path_factory, noise, cut):
    raw = idx_bytes(np.arange(50, dtype=np.uint8))
    compressed = gzip.compress(raw, mtime=0)
    blob = compressed[:cut] + noise
    path = write_bytes(tmp_path_factory.getbasetemp() / "fuzz.gz", blob, gz=False)
    try:
        arr = read_idx(path)
    except DatasetError as exc:
        assert "\n" not in str(exc)
        return
    np.testing.assert_array_equal(arr, np.arange(50, dtype=np.uint8))
