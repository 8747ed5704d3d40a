"""Fuzzing the model readers: whatever the bytes, a result or one printable ModelFileError.

Bounded by example count (not wall time), so each test takes a few seconds at most.
"""

from __future__ import annotations

import pickle

from hostile_files import book_weights, npy_header, pickle_bytes, write_zip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nncore.io import ModelFileError, load_dlfs_pickle, load_model, save_model
from nncore.network import Network

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def only_clean_errors(load, path) -> None:
    try:
        load(path)
    except ModelFileError as exc:
        assert "\n" not in str(exc) and all(c.isprintable() for c in str(exc))


def mutate(data: bytes, draw) -> bytes:
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


@FUZZ
@given(st.data())
def test_fuzz_mutated_model_files(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "fuzz.npz"
    if not (good := tmp_path_factory.getbasetemp() / "good.npz").exists():
        save_model(good, Network((3, 2)), {"command": "nnlab"})
    path.write_bytes(mutate(good.read_bytes(), data.draw))
    only_clean_errors(load_model, path)


@FUZZ
@given(
    st.lists(st.integers(0, 2**40), max_size=4).map(tuple), st.sampled_from(["<f4", "|O", "<U3"])
)
def test_fuzz_npy_headers(tmp_path_factory, shape, descr):
    path = tmp_path_factory.getbasetemp() / "header.npz"
    write_zip(path, {"W1.npy": npy_header(shape, descr) + bytes(64)})
    only_clean_errors(load_model, path)


@FUZZ
@given(st.data())
def test_fuzz_mutated_book_pickles(tmp_path_factory, data):
    protocol = data.draw(st.integers(2, pickle.HIGHEST_PROTOCOL))
    path = tmp_path_factory.getbasetemp() / "fuzz.pkl"
    path.write_bytes(mutate(pickle_bytes(book_weights(), protocol), data.draw))
    only_clean_errors(load_dlfs_pickle, path)
