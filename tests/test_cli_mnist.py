"""``nnlab train mnist`` through ``main`` on a tiny fake MNIST folder."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys

import numpy as np
import pytest
from idx_fixtures import isolate, write_mnist_dir

import nncore.io
from nncore.io import load_model
from nncore.trainer import Trainer
from tui.cli.arguments import layer_widths
from tui.cli.main import main

N_TRAIN, N_TEST = 300, 100
# Generous: only a hung child, never a slow machine, gets near it.
PATIENCE = 120.0
# 300 images in batches of 100: three steps per epoch.
SMALL = ["--hidden", "16", "--batch-size", "100", "--epochs", "2"]
EPOCH_LINE = re.compile(
    r"^epoch (\d+)/(\d+)  loss (\d+\.\d{4})  train acc, test acc \| "
    r"(\d\.\d{4}), (\d\.\d{4})  \((\d+\.\d) s\)$"
)


@pytest.fixture(autouse=True)
def xdg_cache(monkeypatch, tmp_path):
    return isolate(monkeypatch, tmp_path)


@pytest.fixture
def data_dir(tmp_path):
    return str(write_mnist_dir(tmp_path / "mnist", N_TRAIN, N_TEST, seed=7).directory)


def train(data_dir, *extra):
    return main(["train", "mnist", "--data-dir", data_dir, *extra])


def train_json(data_dir, capsys, *extra):
    assert train(data_dir, *SMALL, "--json", *extra) == 0
    return json.loads(capsys.readouterr().out)


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("nnlab: error: ")
    return lines[0]


def test_text_output_logs_each_epoch_in_the_books_style(data_dir, capsys):
    assert train(data_dir, *SMALL) == 0

    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0] == (
        "training 784-16-10 sigmoid, book init, sgd lr 0.1, batch 100, 2 epochs "
        "(preset book, seed 0)"
    )
    epochs = [EPOCH_LINE.match(line) for line in lines[1:3]]
    assert all(epochs), lines
    assert [m.group(1, 2) for m in epochs] == [("1", "2"), ("2", "2")]
    for m in epochs:
        assert 0 < float(m.group(3)) < 10
        assert 0 <= float(m.group(4)) <= 1 and 0 <= float(m.group(5)) <= 1
    assert lines[3].startswith(f"test acc {epochs[-1].group(5)} after 2 epochs (")
    # The progress bar goes to stderr, never into the log on stdout.
    assert "epoch 1/2 [" in captured.err and "3/3 batches" in captured.err
    assert "batches" not in captured.out


def test_json_output(data_dir, capsys):
    result = train_json(data_dir, capsys, "--seed", "3")

    assert [r["epoch"] for r in result["history"]] == [1, 2]
    for record in result["history"]:
        assert set(record) == {"epoch", "loss", "train_acc", "test_acc", "seconds"}
        assert 0 < record["loss"] < 10 and record["seconds"] >= 0
        assert 0 <= record["train_acc"] <= 1 and 0 <= record["test_acc"] <= 1
    assert result["test_acc"] == result["history"][-1]["test_acc"]
    # Accuracies are whole counts of the 100 test images.
    assert round(result["test_acc"] * N_TEST, 9).is_integer()
    assert result["preset"] == "book" and result["hidden"] == [16]
    assert (result["activation"], result["optimizer"], result["lr"]) == ("sigmoid", "sgd", 0.1)
    assert (result["batch_size"], result["epochs"], result["init"]) == (100, 2, "book")
    assert (result["grad"], result["seed"], result["saved"]) == ("backprop", 3, None)
    assert result["command"].startswith("nnlab train mnist --preset book --hidden 16 ")


def test_same_seed_same_numbers_and_overrides_apply(data_dir, capsys):
    a = train_json(data_dir, capsys, "--activation", "relu", "--optimizer", "adam")
    b = train_json(data_dir, capsys, "--activation", "relu", "--optimizer", "adam")
    assert (a["optimizer"], a["lr"], a["init"]) == ("adam", 0.001, "book")
    assert [r["loss"] for r in a["history"]] == [r["loss"] for r in b["history"]]


def test_preset_best_and_hidden_list(data_dir, capsys):
    result = train_json(data_dir, capsys, "--preset", "best", "--hidden", "20,12")
    assert result["preset"] == "best" and result["hidden"] == [20, 12]
    assert (result["activation"], result["optimizer"], result["init"]) == ("relu", "momentum", "he")


def test_save_then_eval_gives_the_same_accuracy(data_dir, tmp_path, capsys):
    path = tmp_path / "model.npz"
    result = train_json(data_dir, capsys, "--save", str(path), "--seed", "2")
    assert result["saved"] == str(path)

    network, meta = load_model(path)
    assert network.sizes == (784, 16, 10)
    training = meta["training"]
    assert training["command"] == result["command"]
    assert (training["epochs"], training["preset"], training["seed"]) == (2, "book", 2)
    assert training["test_acc"] == result["test_acc"]
    assert training["interrupted"] is False

    assert main(["eval", "--model", str(path), "--data-dir", data_dir, "--json"]) == 0
    evaluated = json.loads(capsys.readouterr().out)
    assert evaluated["accuracy"] == result["test_acc"]
    assert evaluated["total"] == N_TEST


def test_saved_command_reproduces_the_run(data_dir, tmp_path, capsys):
    path = tmp_path / "model.npz"
    first = train_json(data_dir, capsys, "--optimizer", "momentum", "--save", str(path))
    command = load_model(path)[1]["training"]["command"]
    words = shlex.split(command)
    assert words[:3] == ["nnlab", "train", "mnist"]
    for flag in ("--preset", "--hidden", "--activation", "--optimizer", "--lr", "--batch-size"):
        assert flag in words
    for flag in ("--epochs", "--init", "--grad", "--seed", "--data-dir"):
        assert flag in words

    assert main([*words[1:], "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [r["loss"] for r in again["history"]] == [r["loss"] for r in first["history"]]
    assert again["command"] == command


def test_numerical_gradients_train_like_backprop(data_dir, capsys):
    tiny = ["--hidden", "3", "--epochs", "1"]
    numerical = train_json(data_dir, capsys, *tiny, "--grad", "numerical")
    # The warning goes to stderr; train_json already consumed it, so run backprop after.
    backprop = train_json(data_dir, capsys, *tiny)
    assert numerical["grad"] == "numerical"
    assert numerical["history"][0]["loss"] == pytest.approx(backprop["history"][0]["loss"], 1e-4)
    assert numerical["test_acc"] == backprop["test_acc"]


def test_numerical_gradients_warn_that_they_are_slow(data_dir, capsys):
    assert train(data_dir, "--hidden", "2", "--epochs", "1", "--grad", "numerical") == 0
    err = capsys.readouterr().err
    assert "nnlab: warning: --grad numerical" in err and "1,600 parameters" in err


def test_divergence_is_one_line_suggesting_a_smaller_rate(data_dir, capsys):
    code = train(data_dir, *SMALL, "--activation", "relu", "--lr", "1e30", "--json")
    assert code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = [line for line in captured.err.splitlines() if "batches" not in line]
    assert len(err) == 1 and err[0].startswith("nnlab: error: training diverged")
    assert "smaller learning rate" in err[0]


@pytest.mark.parametrize(
    "args",
    [
        ["--hidden", "100,x"],
        ["--hidden", "100,0"],
        ["--hidden", ""],
        ["--lr", "-1"],
        ["--lr", "fast"],
        ["--epochs", "0"],
        ["--batch-size", "1.5"],
        ["--activation", "softsign"],
        ["--optimizer", "rmsprop"],
        ["--init", "zeros"],
        ["--grad", "exact"],
        ["--seed", "-1"],
        ["--no-such-option"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(data_dir, capsys, args):
    with pytest.raises(SystemExit) as exc:
        train(data_dir, *args)
    assert exc.value.code == 2
    assert "nnlab: error:" in one_line_error(capsys.readouterr().err)


def test_unknown_preset_lists_the_presets(data_dir, capsys):
    with pytest.raises(SystemExit) as exc:
        train(data_dir, "--preset", "fastest")
    assert exc.value.code == 2
    assert "'book', 'book-3layer', 'best'" in one_line_error(capsys.readouterr().err)


def test_hidden_sizes_parser():
    assert layer_widths("100,50") == (100, 50)
    assert layer_widths("7") == (7,)
    for bad in ("", "0", "1,,2", "a", "-3", "2.5"):
        with pytest.raises(Exception, match="layer widths"):
            layer_widths(bad)


def test_empty_data_dir_is_one_line_and_never_downloads(tmp_path, capsys, monkeypatch):
    import nncore.datasets.mnist as mnist

    def no_download(*args, **kwargs):
        raise AssertionError("tried to download into an explicit --data-dir")

    monkeypatch.setattr(mnist, "download_mnist", no_download)
    empty = tmp_path / "empty"
    empty.mkdir()

    assert train(str(empty), *SMALL) == 1
    line = one_line_error(capsys.readouterr().err)
    assert f"{empty} has no train-images-idx3-ubyte.gz" in line
    assert f"nnlab data download --data-dir {empty}" in line

    assert train(str(tmp_path / "nowhere"), *SMALL) == 1
    assert f"no folder {tmp_path / 'nowhere'}" in one_line_error(capsys.readouterr().err)


def test_failed_download_says_why_on_a_line_per_mirror(capsys):
    # No --data-dir: the default folder is empty, and the mirror is a closed local port.
    assert main(["train", "mnist", *SMALL]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if "downloading" not in line]
    assert err[0] == "nnlab: error: Could not download train-images-idx3-ubyte.gz from any mirror:"
    assert err[1] == "  127.0.0.1:9: Connection refused"
    assert "NNLAB_DATA" in err[-1] and max(map(len, err)) <= 80


def test_save_into_a_missing_folder_fails_before_training(data_dir, tmp_path, capsys):
    assert train(data_dir, *SMALL, "--save", str(tmp_path / "no" / "m.npz")) == 1
    captured = capsys.readouterr()
    assert "cannot save" in one_line_error(captured.err) and captured.out == ""


def interrupt_at_step(monkeypatch, n: int, signum: int | None = None) -> None:
    """Make the ``n``-th call of ``Trainer.step`` raise KeyboardInterrupt, as Ctrl+C would,
    or send this process ``signum``, as ``kill`` would."""
    real_step = Trainer.step
    calls = 0

    def step(self):
        nonlocal calls
        calls += 1
        if calls == n and signum is None:
            raise KeyboardInterrupt
        if calls == n:
            os.kill(os.getpid(), signum)
        return real_step(self)

    monkeypatch.setattr(Trainer, "step", step)


def test_ctrl_c_saves_the_last_finished_epoch_and_exits_130(
    data_dir, tmp_path, capsys, monkeypatch
):
    path = tmp_path / "model.npz"
    real_step = Trainer.step
    interrupt_at_step(monkeypatch, 5)  # epoch 1 is steps 1-3; step 5 is in epoch 2

    assert train(data_dir, "--hidden", "16", "--epochs", "4", "--save", str(path)) == 130

    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    message = [line for line in captured.err.splitlines() if line.startswith("nnlab:")]
    assert len(message) == 1
    assert message[0].startswith("nnlab: interrupted during epoch 2/4; saved epoch 1 (test acc ")
    assert message[0].endswith(f") to {path}")
    assert len([line for line in captured.out.splitlines() if EPOCH_LINE.match(line)]) == 1
    training = load_model(path)[1]["training"]
    assert (training["epochs"], training["interrupted"]) == (1, True)
    assert len(training["history"]) == 1
    assert "--epochs 1 " in training["command"]
    # The file holds the weights of the end of epoch 1, not the half-trained epoch 2.
    monkeypatch.setattr(Trainer, "step", real_step)
    one_epoch = tmp_path / "one.npz"
    assert main([*shlex.split(training["command"])[1:], "--save", str(one_epoch)]) == 0
    saved, expected = load_model(path)[0].params, load_model(one_epoch)[0].params
    assert all(np.array_equal(saved[key], expected[key]) for key in expected)


def test_ctrl_c_before_an_epoch_finishes_saves_nothing(data_dir, tmp_path, capsys, monkeypatch):
    path = tmp_path / "model.npz"
    interrupt_at_step(monkeypatch, 2)

    assert train(data_dir, *SMALL, "--save", str(path)) == 130
    err = capsys.readouterr().err
    assert "nnlab: interrupted during epoch 1/2; no epoch had finished, nothing saved" in err
    assert "Traceback" not in err and not path.exists()


def test_ctrl_c_without_save(data_dir, capsys, monkeypatch):
    interrupt_at_step(monkeypatch, 4)
    assert train(data_dir, *SMALL, "--json") == 130
    captured = capsys.readouterr()
    assert "nnlab: interrupted during epoch 2/2\n" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131)]
)
def test_a_stop_signal_saves_the_last_finished_epoch(
    data_dir, tmp_path, capsys, monkeypatch, signum, code
):
    path = tmp_path / "m.npz"
    before = signal.getsignal(signum)
    interrupt_at_step(monkeypatch, 8, signum)  # three steps an epoch: step 8 is in epoch 3
    args = ["train", "mnist", "--data-dir", data_dir, "--hidden", "16", "--epochs", "9"]
    assert main([*args, "--save", str(path)]) == code
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("nnlab:")]
    name = signal.Signals(signum).name
    assert len(err) == 1
    assert err[0].startswith(f"nnlab: stopped by {name} during epoch 3/9; saved epoch 2 ")
    assert load_model(path)[1]["training"]["epochs"] == 2
    # The handlers are the caller's again once the command is over.
    assert signal.getsignal(signum) == before


def test_sigterm_from_outside_saves_too(data_dir, tmp_path):
    path = tmp_path / "m.npz"
    command = [sys.executable, "-m", "tui.cli.main", "train", "mnist", "--data-dir", data_dir]
    process = subprocess.Popen(
        [*command, "--hidden", "16", "--epochs", "100000", "--save", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = [process.stdout.readline() for _ in range(2)]  # the summary, then epoch 1
    assert lines[1].startswith("epoch 1/100000"), lines
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == 143
    assert "nnlab: stopped by SIGTERM during epoch" in err and "saved epoch" in err
    assert "Traceback" not in err
    assert load_model(path)[1]["training"]["epochs"] >= 1


def test_a_second_ctrl_c_during_the_save_does_not_cut_it_short(
    data_dir, tmp_path, capsys, monkeypatch
):
    path = tmp_path / "m.npz"
    real_save = nncore.io.save_model

    def save_interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # the impatient second Ctrl+C
        return real_save(*args, **kwargs)

    monkeypatch.setattr(nncore.io, "save_model", save_interrupted)
    interrupt_at_step(monkeypatch, 5, signal.SIGINT)
    args = ["train", "mnist", "--data-dir", data_dir, "--hidden", "16", "--epochs", "4"]
    assert main([*args, "--save", str(path)]) == 130
    assert "saved epoch 1" in capsys.readouterr().err
    assert load_model(path)[1]["training"]["epochs"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_building_the_parser_does_not_import_numpy():
    # Keeps `nnlab --help` fast, and lets `run` choose BLAS threads before NumPy loads.
    code = (
        "import sys; from tui.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'nncore')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
