"""``nnlab eval`` through ``main``: saved models, the book's pickle, and the ways it fails."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest
from idx_fixtures import isolate, write_mnist_dir

from nncore.datasets import load_mnist
from nncore.io import save_model
from nncore.network import Network
from nncore.presets import MNIST_PRESETS
from tui.cli.main import main

N_TEST = 100


@pytest.fixture(autouse=True)
def xdg_cache(monkeypatch, tmp_path):
    return isolate(monkeypatch, tmp_path)


@pytest.fixture
def data_dir(tmp_path):
    return str(write_mnist_dir(tmp_path / "mnist", 50, N_TEST, seed=11).directory)


def expected_correct(network, data_dir) -> int:
    _, (x_test, t_test) = load_mnist(data_dir=data_dir, download=False)
    return int(np.sum(network.predict(x_test).argmax(axis=1) == t_test))


def eval_json(capsys, *args) -> dict:
    assert main(["eval", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("nnlab: error: ")
    return lines[0]


@pytest.fixture
def model_path(tmp_path):
    network, _ = MNIST_PRESETS["best"].build(seed=5)
    return save_model(tmp_path / "m.npz", network, {"command": "nnlab train mnist --seed 5"})


@pytest.fixture
def book_pickle(tmp_path):
    """A pickle laid out like the book's sample_weight.pkl: 784-50-100-10, float32."""
    rng = np.random.default_rng(1)
    sizes = (784, 50, 100, 10)
    weights = {}
    for i in (1, 2, 3):
        weights[f"W{i}"] = rng.normal(0, 0.3, sizes[i - 1 : i + 1]).astype(np.float32)
        weights[f"b{i}"] = rng.normal(0, 0.1, sizes[i]).astype(np.float32)
    path = tmp_path / "sample_weight.pkl"
    path.write_bytes(pickle.dumps(weights))
    return path, Network(sizes, "sigmoid", params=weights)


def test_model_json_counts_the_right_answers(model_path, data_dir, capsys):
    result = eval_json(capsys, "--model", str(model_path), "--data-dir", data_dir)

    network, _ = MNIST_PRESETS["best"].build(seed=5)
    correct = expected_correct(network, data_dir)
    assert (result["correct"], result["total"]) == (correct, N_TEST)
    assert result["accuracy"] == correct / N_TEST
    assert result["sizes"] == [784, 256, 10] and result["activation"] == "relu"


def test_model_text_shows_the_model_and_how_it_was_trained(model_path, data_dir, capsys):
    assert main(["eval", "--model", str(model_path), "--data-dir", data_dir]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"model: {model_path} (784-256-10 relu)"
    assert lines[1] == "trained with: nnlab train mnist --seed 5"
    assert lines[2].startswith("test accuracy 0.") and lines[2].endswith(f"/{N_TEST} correct)")


def test_book_pickle_with_weights(book_pickle, data_dir, capsys):
    path, network = book_pickle
    result = eval_json(capsys, "--weights", str(path), "--data-dir", data_dir)
    assert result["sizes"] == [784, 50, 100, 10] and result["activation"] == "sigmoid"
    assert result["correct"] == expected_correct(network, data_dir)

    assert main(["eval", "--weights", str(path), "--data-dir", data_dir]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"model: {path} (784-50-100-10 sigmoid)"
    assert lines[1] == f"test accuracy {result['accuracy']:.4f} ({result['correct']}/100 correct)"


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--model", "a.npz", "--weights", "b.pkl"],
        ["--model"],
        ["--data-dir", "somewhere"],
    ],
)
def test_exactly_one_source_or_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["eval", *args])
    assert exc.value.code == 2
    one_line_error(capsys.readouterr().err)


def test_missing_model_file_is_one_line(tmp_path, data_dir, capsys):
    assert main(["eval", "--model", str(tmp_path / "none.npz"), "--data-dir", data_dir]) == 1
    assert "none.npz: no such model file" in one_line_error(capsys.readouterr().err)


def test_corrupt_model_and_hostile_pickle_are_one_line(tmp_path, data_dir, capsys):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    assert main(["eval", "--model", str(bad), "--data-dir", data_dir]) == 1
    assert "not a readable .npz model file" in one_line_error(capsys.readouterr().err)

    hostile = tmp_path / "evil.pkl"
    hostile.write_bytes(pickle.dumps(print))
    assert main(["eval", "--weights", str(hostile), "--data-dir", data_dir]) == 1
    assert "refused to load" in one_line_error(capsys.readouterr().err)


def test_a_model_that_is_not_an_mnist_classifier(tmp_path, data_dir, capsys):
    path = save_model(tmp_path / "xor.npz", Network((2, 3, 1), "tanh", "sigmoid"))
    assert main(["eval", "--model", str(path), "--data-dir", data_dir]) == 1
    assert "a 2-3-1 sigmoid network is not an MNIST classifier" in one_line_error(
        capsys.readouterr().err
    )


def test_missing_data_is_one_line(model_path, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["eval", "--model", str(model_path), "--data-dir", str(empty)]) == 1
    assert "nnlab data download --data-dir" in one_line_error(capsys.readouterr().err)


def test_corrupt_data_is_one_line(model_path, data_dir, tmp_path, capsys):
    (tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz").write_bytes(b"\x1f\x8bjunk")
    assert main(["eval", "--model", str(model_path), "--data-dir", data_dir]) == 1
    assert "t10k-images-idx3-ubyte.gz" in one_line_error(capsys.readouterr().err)
