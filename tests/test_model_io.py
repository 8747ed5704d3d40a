"""nnlab model files: round trips, atomic writes, and one-line errors for bad files."""

from __future__ import annotations

import json
import os
import zipfile

import numpy as np
import pytest

from nncore.gates import LogicGateNet, default_preset
from nncore.io import ModelFileError, load_model, save_model
from nncore.network import Network


def assert_same_params(a, b):
    assert set(a) == set(b)
    for key in a:
        assert a[key].dtype == b[key].dtype, key
        assert a[key].shape == b[key].shape, key
        assert a[key].tobytes() == b[key].tobytes(), key


# --- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: Network((784, 50, 10)),
        lambda: Network((2, 4, 1), "relu", "sigmoid", "he", np.float64, seed=3),
        lambda: Network((5, 7, 6, 3), "tanh", init=0.2, seed=9),
        lambda: Network((3, 2), "leaky_relu", init="book", dtype=np.float64),
    ],
)
def test_network_round_trip(tmp_path, make):
    net = make()
    rng = np.random.default_rng(0)
    for value in net.params.values():  # non-zero biases too
        value += rng.normal(size=value.shape).astype(value.dtype)
    training = {
        "command": "nnlab train mnist",
        "epochs": 3,
        "accuracy": 0.9352,
        "history": [{"epoch": 1, "loss": 0.5}],
        "lr": 0.1,
        "note": None,
    }
    path = save_model(tmp_path / "model.npz", net, training)
    assert path == tmp_path / "model.npz"
    loaded, meta = load_model(path)
    assert isinstance(loaded, Network)
    assert_same_params(loaded.params, net.params)
    assert loaded.sizes == net.sizes
    assert loaded.activation == net.activation
    assert loaded.output == net.output
    assert loaded.dtype == net.dtype
    assert meta["network"] == net.metadata()
    assert meta["training"] == training
    assert meta["format"] == "nnlab-model"
    x = rng.normal(size=(4, net.sizes[0]))
    np.testing.assert_array_equal(loaded.predict(x), net.predict(x))


def test_training_defaults_to_empty_dict(tmp_path):
    path = save_model(tmp_path / "m.npz", Network((2, 2)))
    assert load_model(path)[1]["training"] == {}


def test_logic_gate_net_round_trip(tmp_path):
    trainer = default_preset("nand").trainer()
    for _ in range(50):
        trainer.step()
    net = trainer.network
    path = save_model(tmp_path / "nand.npz", net, {"gate": "nand", "epochs": 50})
    loaded, meta = load_model(path)
    assert isinstance(loaded, LogicGateNet)
    assert_same_params(loaded.params, net.params)
    assert meta["training"] == {"gate": "nand", "epochs": 50}
    assert meta["network"]["recipe"] == "book"
    x = np.array([[0.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(loaded.predict(x), net.predict(x))


def test_path_without_npz_suffix_is_kept(tmp_path):
    path = save_model(tmp_path / "model.bin", Network((2, 2)))
    assert sorted(os.listdir(tmp_path)) == ["model.bin"]
    assert load_model(path)[0].sizes == (2, 2)


# --- atomic writes ---------------------------------------------------------------------


def test_no_temp_files_left(tmp_path):
    save_model(tmp_path / "a.npz", Network((3, 2)))
    save_model(tmp_path / "a.npz", Network((3, 2), seed=1))
    assert sorted(os.listdir(tmp_path)) == ["a.npz"]


def test_saving_over_an_existing_file_replaces_it(tmp_path):
    path = tmp_path / "model.npz"
    save_model(path, Network((3, 4, 2), seed=1), {"run": 1})
    second = Network((5, 2), "relu", seed=2, dtype=np.float64)
    save_model(path, second, {"run": 2})
    loaded, meta = load_model(path)
    assert loaded.sizes == (5, 2)
    assert_same_params(loaded.params, second.params)
    assert meta["training"] == {"run": 2}


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_failed_write_leaves_old_file_intact(tmp_path, monkeypatch, error):
    path = tmp_path / "model.npz"
    save_model(path, Network((3, 2), seed=1), {"run": 1})
    before = path.read_bytes()

    def broken_savez(file, *args, **kwargs):
        file.write(b"PK\x03\x04 half a zip")  # some bytes reach the disk, then it fails
        raise error

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(type(error)):
        save_model(path, Network((3, 2), seed=2), {"run": 2})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]
    assert load_model(path)[1]["training"] == {"run": 1}


def test_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    def broken_savez(file, *args, **kwargs):
        file.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError):
        save_model(tmp_path / "new.npz", Network((3, 2)))
    assert os.listdir(tmp_path) == []


# --- bad files -------------------------------------------------------------------------


def good_meta(net):
    return {"format": "nnlab-model", "version": 1, "network": net.metadata(), "training": {}}


def write_npz(path, arrays, meta=None, compressed=False):
    if meta is not None:
        arrays = {**arrays, "__meta__": np.array(json.dumps(meta))}
    (np.savez_compressed if compressed else np.savez)(path, **arrays)
    return path


def check_error(path, *words):
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    message = str(info.value)
    assert "\n" not in message
    assert "Traceback" not in message
    assert path.name in message
    for word in words:
        assert word.lower() in message.lower(), message
    return message


NET = Network((4, 3, 2))


def test_missing_file(tmp_path):
    check_error(tmp_path / "nope.npz", "no such")


def test_random_bytes(tmp_path):
    path = tmp_path / "random.npz"
    path.write_bytes(np.random.default_rng(0).bytes(4096))
    check_error(path, "npz")


def test_truncated_zip(tmp_path):
    good = save_model(tmp_path / "good.npz", NET)
    raw = good.read_bytes()
    for cut in (len(raw) // 2, len(raw) - 10):
        path = tmp_path / f"cut{cut}.npz"
        path.write_bytes(raw[:cut])
        check_error(path, "npz")


def test_bit_flipped_zip(tmp_path):
    raw = bytearray(save_model(tmp_path / "good.npz", NET).read_bytes())
    raw[len(raw) // 4] ^= 0xFF
    path = tmp_path / "flipped.npz"
    path.write_bytes(bytes(raw))
    check_error(path)


def test_corrupt_compressed_npz(tmp_path):
    """A compressed .npz with a damaged deflate stream: zlib raises its own error type."""
    path = write_npz(tmp_path / "z.npz", NET.params, good_meta(NET), compressed=True)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("W1.npy")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw = bytearray(path.read_bytes())
    for i in range(start + 5, start + 25):
        raw[i] ^= 0x55
    path.write_bytes(bytes(raw))
    check_error(path)


def test_npz_without_metadata(tmp_path):
    check_error(write_npz(tmp_path / "plain.npz", NET.params), "metadata")


def test_metadata_not_nnlab(tmp_path):
    meta = {"format": "something-else", "version": 1, "network": NET.metadata()}
    check_error(write_npz(tmp_path / "other.npz", NET.params, meta), "not an nnlab")


def test_metadata_not_json(tmp_path):
    path = write_npz(tmp_path / "j.npz", {**NET.params, "__meta__": np.array("{not json")})
    check_error(path, "metadata")


def test_metadata_from_a_newer_nnlab(tmp_path):
    meta = {**good_meta(NET), "version": 99}
    check_error(write_npz(tmp_path / "new.npz", NET.params, meta), "newer")


@pytest.mark.parametrize("version", ["2", None, [1]])
def test_metadata_with_a_non_numeric_version(tmp_path, version):
    meta = {**good_meta(NET), "version": version}
    check_error(write_npz(tmp_path / "v.npz", NET.params, meta))


def test_wrong_shape_for_w2(tmp_path):
    params = {**NET.params, "W2": np.zeros((3, 5), dtype=np.float32)}
    check_error(write_npz(tmp_path / "shape.npz", params, good_meta(NET)), "W2", "shape")


def test_integer_dtype(tmp_path):
    params = {**NET.params, "W1": np.ones((4, 3), dtype=np.int64)}
    check_error(write_npz(tmp_path / "int.npz", params, good_meta(NET)), "W1", "dtype")


def test_metadata_asking_for_integer_network(tmp_path):
    """Float arrays, but metadata saying dtype int32 would silently truncate every weight."""
    meta = good_meta(NET)
    meta["network"]["dtype"] = "int32"
    check_error(write_npz(tmp_path / "intnet.npz", NET.params, meta), "dtype")


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_values(tmp_path, bad):
    W1 = NET.params["W1"].copy()
    W1[1, 2] = bad
    path = write_npz(tmp_path / "nan.npz", {**NET.params, "W1": W1}, good_meta(NET))
    check_error(path, "W1", "nan")


def test_missing_b1(tmp_path):
    params = {k: v for k, v in NET.params.items() if k != "b1"}
    check_error(write_npz(tmp_path / "nob1.npz", params, good_meta(NET)), "b1")


def test_metadata_without_network(tmp_path):
    meta = {"format": "nnlab-model", "version": 1}
    check_error(write_npz(tmp_path / "nonet.npz", NET.params, meta), "network")


def test_bad_network_description(tmp_path):
    meta = good_meta(NET)
    meta["network"]["activation"] = "softplus"
    check_error(write_npz(tmp_path / "act.npz", NET.params, meta), "softplus")
    meta = good_meta(NET)
    del meta["network"]["sizes"]
    check_error(write_npz(tmp_path / "nosizes.npz", NET.params, meta))


def test_logic_gate_file_with_wrong_shapes(tmp_path):
    meta = {**good_meta(NET), "network": LogicGateNet().metadata()}
    arrays = {"W1": np.ones(3), "b1": np.ones(1)}
    check_error(write_npz(tmp_path / "gate.npz", arrays, meta), "W1")


def test_a_folder_is_not_a_model(tmp_path):
    (tmp_path / "dir.npz").mkdir()
    check_error(tmp_path / "dir.npz")
