"""``nnlab train gate``: the book's log lines, the truth table, --json, and bad arguments."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from book_gate_loop import TARGETS, X, book_gate_epochs, book_sigmoid

from tui.cli.main import main

LOG_LINE = re.compile(
    r"^Epoch: (\d+), loss: (\S+), Weights: \[[-0-9. e+]+\], Bias: \[[-0-9. e+]+\]$"
)


def book_loop_lines(gate, epochs=1000, lr=0.1, log_every=100):
    """The book recipe, printed as its loop prints it: after each update."""
    lines, losses = [], []
    for epoch, W, b, _, loss in book_gate_epochs(gate, epochs, lr):
        if epoch % log_every == 0:
            lines.append(f"Epoch: {epoch}, loss: {loss}, Weights: {W}, Bias: {b}")
            losses.append(loss)
    return lines, losses, book_sigmoid(X @ W + b), loss


def run(argv, capsys):
    """``(exit code, stdout, stderr)``; argparse errors raise SystemExit, command errors
    return the code (the console script passes it to sys.exit)."""
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def book_and():
    return book_loop_lines("and")


def test_default_and_log_lines_and_truth_table(capsys, book_and):
    code, out, err = run(["train", "gate", "and"], capsys)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    expected_lines, _, outputs, final_loss = book_and

    logged = [line for line in lines if line.startswith("Epoch:")]
    assert [int(LOG_LINE.match(line).group(1)) for line in logged] == list(range(0, 1000, 100))
    assert logged == expected_lines
    assert lines[:10] == logged  # the log comes first

    title = lines.index(f"AND truth table after 1000 epochs (loss {final_loss:.6f})")
    assert lines[title + 1].split() == ["x1", "x2", "target", "output"]
    rows = [line.split() for line in lines[title + 2 : title + 6]]
    assert len(rows) == 4
    for row, (x1, x2), target, y in zip(rows, X, TARGETS["and"], outputs, strict=True):
        assert row == [f"{x1:.0f}", f"{x2:.0f}", f"{target:.0f}", f"{y:.4f}", "✓"]


@pytest.mark.parametrize("gate", ["or", "nand"])
def test_other_book_gates(capsys, gate):
    code, out, _ = run(["train", "gate", gate], capsys)
    assert code == 0
    expected_lines, _, _, _ = book_loop_lines(gate)
    assert [line for line in out.splitlines() if line.startswith("Epoch:")] == expected_lines
    assert sum(line.endswith("✓") for line in out.splitlines()) == 4


def test_json_output(capsys, book_and):
    code, out, err = run(["train", "gate", "and", "--json"], capsys)
    assert code == 0
    assert err == ""
    data = json.loads(out)  # one JSON object and nothing else
    assert set(data) == {"task", "epochs", "loss", "predictions", "history"}
    assert data["task"] == "and"
    assert data["epochs"] == 1000
    _, losses, outputs, final_loss = book_and
    assert len(data["predictions"]) == 4
    assert all(isinstance(y, float) for y in data["predictions"])
    assert data["predictions"] == outputs.tolist()
    assert data["loss"] == final_loss
    assert [h["epoch"] for h in data["history"]] == list(range(0, 1000, 100))
    assert [h["loss"] for h in data["history"]] == losses
    assert "Epoch:" not in out


def test_log_every_250(capsys):
    code, out, _ = run(["train", "gate", "and", "--log-every", "250"], capsys)
    assert code == 0
    logged = [line for line in out.splitlines() if line.startswith("Epoch:")]
    assert [int(LOG_LINE.match(line).group(1)) for line in logged] == [0, 250, 500, 750]
    expected, _, _, _ = book_loop_lines("and", epochs=751, log_every=250)
    assert logged == expected


def test_epochs_and_lr_overrides(capsys):
    code, out, _ = run(["train", "gate", "or", "--epochs", "30", "--lr", "0.5", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["epochs"] == 30
    _, losses, outputs, _ = book_loop_lines("or", epochs=30, lr=0.5)
    assert [h["loss"] for h in data["history"]] == losses
    assert data["predictions"] == outputs.tolist()


def test_xor_default_solves(capsys):
    code, out, _ = run(["train", "gate", "xor", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["task"] == "xor"
    assert np.all(np.abs(np.array(data["predictions"]) - TARGETS["xor"]) < 0.1)


def test_xor_single_unit_and_recipe_book(capsys):
    for argv in (["--hidden", "0"], ["--recipe", "book", "--hidden", "0"]):
        code, out, _ = run(["train", "gate", "xor", "--json", *argv], capsys)
        assert code == 0
        predictions = np.array(json.loads(out)["predictions"])
        assert np.all(np.abs(predictions - 0.5) < 0.05)


def test_xor_single_unit_shown_at_half_passes_for_neither_class(capsys):
    """The unit ends at 0.49997..0.50003 for every row: shown as 0.5000, which is on
    neither side of 0.5, so no row is marked right (as in the app's truth table)."""
    code, out, _ = run(["train", "gate", "xor", "--hidden", "0"], capsys)
    assert code == 0
    lines = out.splitlines()
    rows = lines[-5:-1]
    assert [row.split()[-2:] for row in rows] == [["0.5000", "✗"]] * 4
    assert lines[-1] == "✓: >0.5 if 1, <0.5 if 0"


@pytest.mark.parametrize(
    "argv",
    [
        ["and", "--epochs", "-1"],
        ["and", "--epochs", "ten"],
        ["and", "--lr", "abc"],
        ["and", "--lr", "0"],
        ["and", "--lr", "-0.1"],
        ["and", "--lr", "nan"],
        ["and", "--lr", "inf"],
        ["foo"],
        ["and", "--log-every", "0"],
        ["and", "--hidden", "-2"],
        ["and", "--grad", "magic"],
        ["and", "--recipe", "paper"],
        [],
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, argv):
    code, out, err = run(["train", "gate", *argv], capsys)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("nnlab: error:")


def test_recipe_book_with_hidden_units_exits_2(capsys):
    code, out, err = run(["train", "gate", "xor", "--recipe", "book", "--hidden", "3"], capsys)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "--hidden" in err


def test_a_deeper_network_from_the_options_matches_one_built_in_code(capsys):
    from nncore.gates import gate_data
    from nncore.network import Network
    from nncore.optimizers import Adam
    from nncore.trainer import Trainer

    argv = ["train", "gate", "xor", "--hidden", "3,2", "--activation", "relu", "--init", "he",
            "--optimizer", "adam", "--lr", "0.05", "--epochs", "30", "--seed", "4",
            "--log-every", "1", "--json"]  # fmt: skip
    assert main(argv) == 0
    history = json.loads(capsys.readouterr().out)["history"]
    network = Network((2, 3, 2, 1), "relu", "sigmoid", "he", np.float64, 4)
    trainer = Trainer(network, Adam(0.05), *gate_data("xor"), batch_size=4, seed=4)
    assert [h["loss"] for h in history] == [trainer.step().finished.loss for _ in range(30)]


def test_options_for_hidden_layers_are_refused_for_the_single_unit(capsys):
    assert main(["train", "gate", "and", "--hidden", "0", "--activation", "relu"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--activation and --init apply to hidden layers" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "gate", "and", "--hidden", "3,x"])
    assert exit_info.value.code == 2
    assert "'3,x' is not a list of layer widths" in capsys.readouterr().err


def test_the_parser_s_init_default_is_nncore_s():
    from nncore.gates import NETWORK_INIT
    from tui.cli import train_gate

    assert train_gate.NETWORK_INIT == NETWORK_INIT


@pytest.mark.parametrize("gate", ["and", "or", "nand", "xor"])
def test_a_rate_that_blows_the_weights_up_says_so_in_one_line(capsys, gate):
    """At lr 1e308 the first update sends the weights to ~1e307: XOR's loss then stays
    finite but sticks at 8.06 with every output exactly 1, which was printed as a
    finished run. The weights' squares overflow: it is divergence, at step 1."""
    code, out, err = run(["train", "gate", gate, "--lr", "1e308"], capsys)
    assert code == 1
    assert out == ""  # no log line of nonsense weights, no truth table
    assert err.splitlines() == [
        "nnlab: error: training diverged at step 1 (epoch 1) — try a smaller learning rate "
        "than 1e+308: the weights blew up (rewound to epoch 0)"
    ]
