"""Hostile model files: every one is refused in one printable line, within bounded memory.

Each file is crafted here, a few kB at most, whatever it claims to hold.
"""

from __future__ import annotations

import json
import os
import pickle
import struct
import zipfile

import numpy as np
import pytest
from hostile_files import (
    SMALL_PEAK,
    Reduce,
    book_weights,
    deflate_bomb,
    npy_header,
    peak_bytes,
    pickle_bytes,
    set_zip_method,
    stride0_array,
    write_zip,
)

from nncore.io import ModelFileError, load_dlfs_pickle, load_model, save_model
from nncore.network import Network


def refusal(load, path) -> str:
    """The one-line message ``load(path)`` refuses with; it must be printable."""
    with pytest.raises(ModelFileError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message
    assert all(c.isprintable() for c in message), repr(message)
    return message


def npy(array: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def meta_entry(meta) -> bytes:
    text = meta if isinstance(meta, str) else json.dumps(meta)
    return npy(np.array(text))


def good_meta(**network) -> dict:
    spec = {"sizes": [2, 2], "activation": "sigmoid", "output": "softmax", **network}
    return {"format": "nnlab-model", "version": 1, "network": spec, "training": {}}


def model_zip(tmp_path, meta, **arrays) -> os.PathLike:
    arrays = arrays or {"W1": np.ones((2, 2), np.float32), "b1": np.zeros(2, np.float32)}
    entries = {f"{k}.npy": npy(v) for k, v in arrays.items()}
    entries["__meta__.npy"] = meta_entry(meta)
    return write_zip(tmp_path / "m.npz", entries)


# --- what np.load would turn into tracebacks ----------------------------------------------


def test_a_plain_npy_says_it_is_one_array(tmp_path):
    path = tmp_path / "w.npz"
    path.write_bytes(npy(np.ones(3)))
    assert "np.save" in refusal(load_model, path)


def test_a_corrupt_npy_header_inside_the_npz(tmp_path):
    # An unterminated dict: NumPy's header parser fails with tokenize.TokenError.
    bad = b"\x93NUMPY\x01\x00" + struct.pack("<H", 20) + b"{'descr': '<f4', 'sh"
    path = write_zip(tmp_path / "m.npz", {"W1.npy": bad})
    assert "corrupt .npy header" in refusal(load_model, path)


def test_an_unsupported_zip_method(tmp_path):
    path = model_zip(tmp_path, good_meta())
    set_zip_method(path, 9)  # deflate64: zipfile raises NotImplementedError
    assert "compression method 9" in refusal(load_model, path)


@pytest.mark.parametrize("entry", [("notes.txt", b"hello"), ("W1.npy", b"not an array")])
def test_an_entry_that_is_not_npy_data(tmp_path, entry):
    path = write_zip(tmp_path / "m.npz", dict([entry]))
    message = refusal(load_model, path)
    assert entry[0] in message


@pytest.mark.parametrize(
    "meta",
    [
        good_meta(sizes="2,2"),
        good_meta(sizes=[2, True]),
        good_meta(activation=["sigmoid"]),
        good_meta(dtype={"names": ["a"]}),
        good_meta(init=[1]),
        {**good_meta(), "training": ["x"]},
        [1, 2],
        "null",
    ],
)
def test_metadata_with_odd_types(tmp_path, meta):
    refusal(load_model, model_zip(tmp_path, meta))


def test_a_5000_digit_version(tmp_path):
    text = json.dumps(good_meta()).replace('"version": 1', '"version": ' + "9" * 5000)
    assert "not valid JSON" in refusal(load_model, model_zip(tmp_path, text))


def test_metadata_nested_100k_deep(tmp_path):
    text = json.dumps(good_meta()).replace('"training": {}', '"training": ' + "[" * 100_000)
    assert "not valid JSON" in refusal(load_model, model_zip(tmp_path, text))


def test_metadata_sizes_too_big_for_the_parameter_cap(tmp_path):
    message = refusal(load_model, model_zip(tmp_path, good_meta(sizes=[784, 2_000_000, 10])))
    assert "the limit is 256 MB" in message


# --- memory bounded by the file -----------------------------------------------------------


def test_an_npz_header_claiming_a_huge_shape(tmp_path):
    path = write_zip(tmp_path / "m.npz", {"W1.npy": npy_header((10**12,)) + bytes(64)})
    assert peak_bytes(lambda: load_model(path)) < SMALL_PEAK
    assert "claims shape" in refusal(load_model, path)


def test_a_zip_bomb_is_refused_before_inflating(tmp_path):
    header = npy_header((75 * 2**20,))
    path = deflate_bomb(tmp_path / "m.npz", "W1.npy", header, 300, 300 * 2**20 + len(header))
    assert path.stat().st_size < 400_000
    assert peak_bytes(lambda: load_model(path)) < SMALL_PEAK
    assert "a model may have" in refusal(load_model, path)


def test_a_zip_bomb_lying_about_its_size_stops_at_the_claim(tmp_path):
    header = npy_header((100,))
    path = deflate_bomb(tmp_path / "m.npz", "W1.npy", header, 300, 400 + len(header))
    assert peak_bytes(lambda: load_model(path)) < SMALL_PEAK
    assert "CRC" in refusal(load_model, path)


def test_an_entry_claiming_more_than_deflate_can_inflate(tmp_path):
    header = npy_header((10**6,))
    path = deflate_bomb(tmp_path / "m.npz", "W1.npy", header, 0, 4 * 10**6 + len(header))
    assert "more than the file can hold" in refusal(load_model, path)


# --- not a file at all --------------------------------------------------------------------


def test_a_folder_and_a_fifo_are_refused_without_opening(tmp_path):
    fifo = tmp_path / "pipe.npz"
    os.mkfifo(fifo)
    # Opening a FIFO blocks until a writer comes: refusing it must not open it.
    assert "not a regular file" in refusal(load_model, fifo)
    assert "not a regular file" in refusal(load_dlfs_pickle, fifo)
    assert "is a folder" in refusal(load_model, tmp_path)
    assert "is a folder" in refusal(load_dlfs_pickle, tmp_path)


def test_a_path_too_long_to_look_up(tmp_path):
    path = tmp_path / ("x" * 300 + ".npz")
    assert "too long" in refusal(load_model, path)
    assert "too long" in refusal(load_dlfs_pickle, path)


def test_control_characters_from_the_file_never_reach_the_message(tmp_path):
    arrays = {"W1\x1b[2J\x1b]0;pwned\x07": np.ones(2, np.int64)}
    message = refusal(load_model, model_zip(tmp_path, good_meta(), **arrays))
    assert "\x1b" not in message and "\x07" not in message
    assert "W1" in message


def test_stale_temporaries_of_a_killed_save_are_removed(tmp_path):
    target = tmp_path / "m.npz"
    stale = tmp_path / ".m.npz.abc123.tmp"
    stale.write_bytes(b"half a model")
    other = tmp_path / ".other.npz.abc123.tmp"
    other.write_bytes(b"not ours")
    save_model(target, Network((2, 2)))
    assert not stale.exists()
    assert other.exists()
    assert load_model(target)[0].sizes == (2, 2)


# --- the book's pickle --------------------------------------------------------------------


def write(tmp_path, data: bytes):
    path = tmp_path / "w.pkl"
    path.write_bytes(data)
    return path


def test_a_stride0_array_with_a_huge_shape(tmp_path):
    path = write(tmp_path, pickle_bytes(book_weights(W1=stride0_array(600_000_000))))
    assert path.stat().st_size < 4000
    assert peak_bytes(lambda: load_dlfs_pickle(path)) < SMALL_PEAK
    assert "larger than the file could hold" in refusal(load_dlfs_pickle, path)


def test_a_direct_ndarray_call_cannot_allocate_either(tmp_path):
    big = Reduce(np.ndarray, (10**10,), np.dtype("f8"))
    path = write(tmp_path, pickle_bytes(book_weights(W1=big)))
    assert peak_bytes(lambda: load_dlfs_pickle(path)) < SMALL_PEAK
    assert "larger than the file could hold" in refusal(load_dlfs_pickle, path)


@pytest.mark.parametrize("opcode", [b"\x95", b"\x8e", b"\x8d"])  # FRAME, BINBYTES8, BINUNICODE8
def test_a_length_of_2_to_the_62(tmp_path, opcode):
    path = write(tmp_path, b"\x80\x04" + opcode + struct.pack("<Q", 2**62) + b"}.")
    assert peak_bytes(lambda: load_dlfs_pickle(path)) < SMALL_PEAK
    refusal(load_dlfs_pickle, path)


def test_a_persistent_id_gives_one_line(tmp_path):
    # The unpickler's own message for PERSID spans two lines.
    message = refusal(load_dlfs_pickle, write(tmp_path, b"\x80\x02P1\n."))
    assert "persistent" in message


def test_mixed_int_and_str_keys(tmp_path):
    weights = {**book_weights(), 1: np.zeros(2)}
    message = refusal(load_dlfs_pickle, write(tmp_path, pickle_bytes(weights)))
    assert "'W1'" in message and "1" in message


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_book_weights_are_refused(tmp_path, bad):
    w2 = book_weights()["W2"]
    w2[1, 1] = bad
    path = write(tmp_path, pickle_bytes(book_weights(W2=w2)))
    assert "nan or inf" in refusal(load_dlfs_pickle, path)


def test_only_latin1_encoding_is_allowed(tmp_path):
    import codecs

    zipped = Reduce(codecs.encode, b"x" * 100, "zlib_codec")
    path = write(tmp_path, pickle_bytes(book_weights(W1=zipped)))
    assert "refused" in refusal(load_dlfs_pickle, path)


def test_book_weights_still_load(tmp_path):
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        path = write(tmp_path, pickle_bytes(book_weights(), protocol))
        network = load_dlfs_pickle(path)
        assert network.sizes == (4, 3, 2, 2)
        np.testing.assert_array_equal(network.params["W1"], book_weights()["W1"].astype(np.float32))


def test_zipfile_module_still_reads_our_npz(tmp_path):
    path = save_model(tmp_path / "m.npz", Network((3, 2)))
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["W1.npy", "__meta__.npy", "b1.npy"]
