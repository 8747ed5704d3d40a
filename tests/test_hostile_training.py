"""Training under signals and with hostile settings: nothing lost, nothing half-written,
one line for every refusal."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hostile_files import SMALL_PEAK, peak_bytes, run_unprivileged
from idx_fixtures import write_mnist_dir

from nncore.io import save_model
from nncore.network import Network
from nncore.optimizers import SGD
from nncore.trainer import Trainer
from tui.cli.main import main
from tui.training.hyperparams import parse_hidden, parse_lr, parse_positive_int, parse_seed

# Nothing here reads the user's data or cache, nor reaches the internet.
pytestmark = pytest.mark.usefixtures("isolated")

PATIENCE = 120.0
SMALL = ["--hidden", "16", "--batch-size", "100"]


@pytest.fixture
def data_dir(tmp_path):
    return str(write_mnist_dir(tmp_path / "mnist", 300, 100, seed=7).directory)


def test_a_stale_temporary_is_removed_at_the_next_save(data_dir, tmp_path, capsys):
    path = tmp_path / "m.npz"
    stale = tmp_path / ".m.npz.k1ll3d.tmp"
    stale.write_bytes(b"half a model from a kill -9")
    args = ["train", "mnist", "--data-dir", data_dir, *SMALL, "--epochs", "1"]
    assert main([*args, "--save", str(path)]) == 0
    assert not stale.exists() and path.exists()


def test_saving_into_a_folder_is_refused_before_training(data_dir, tmp_path, capsys):
    (tmp_path / "m.npz").mkdir()
    args = ["train", "mnist", "--data-dir", data_dir, *SMALL, "--epochs", "1"]
    assert main([*args, "--save", str(tmp_path / "m.npz")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"cannot save to {tmp_path / 'm.npz'}: " in captured.err
    assert "m.npz is a folder, not a file" in captured.err


def test_saving_into_a_read_only_folder_is_refused_before_training(read_only_folder):
    target = str(read_only_folder / "m.npz")
    outcome = run_unprivileged(lambda: main(["train", "mnist", *SMALL, "--save", target]))
    # main returned 1 before loading any data (there is none where it would look).
    assert outcome == "ok 1"


def test_a_read_only_folder_message(read_only_folder, capsys):
    from nncore.paths import save_problem

    outcome = run_unprivileged(lambda: save_problem(read_only_folder / "m.npz"))
    assert outcome == f"ok the folder {read_only_folder} is not writable; choose another"


@pytest.mark.parametrize("hidden", ["2000000", "50000000"])
def test_a_network_too_big_is_refused_with_its_size_and_the_limit(capsys, hidden):
    assert peak_bytes(lambda: main(["train", "mnist", "--hidden", hidden])) < SMALL_PEAK
    capsys.readouterr()
    assert main(["train", "mnist", "--hidden", hidden]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"a 784-{hidden}-10 network has" in err[0]
    assert "MB as float32); the limit is 256 MB" in err[0]


def test_the_largest_network_the_app_offers_fits():
    from nncore.sizes import parameter_size_problem
    from tui.training.hyperparams import MAX_HIDDEN_LAYERS, MAX_UNITS

    assert parameter_size_problem((784, *[MAX_UNITS] * MAX_HIDDEN_LAYERS, 10)) is None


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True])
def test_the_trainer_refuses_a_batch_size_below_1(batch_size):
    x, t = np.zeros((4, 2)), np.zeros(4, dtype=np.int64)
    with pytest.raises(ValueError, match="batch_size must be a whole number of 1 or more"):
        Trainer(Network((2, 3)), SGD(0.1), x, t, batch_size=batch_size)


@pytest.mark.parametrize("bad", [10, -1])
def test_the_trainer_refuses_labels_outside_the_classes(bad):
    x, t = np.zeros((4, 2)), np.array([0, 1, bad, 2])
    with pytest.raises(ValueError, match=f"training label {bad} is not a class 0..9"):
        Trainer(Network((2, 10)), SGD(0.1), x, t)
    with pytest.raises(ValueError, match=f"test label {bad} is not a class 0..9"):
        Trainer(Network((2, 10)), SGD(0.1), x, t % 10, x, t)


@pytest.mark.parametrize("gate", ["and", "xor"])
def test_gate_training_at_lr_1e308_prints_no_numpy_warnings(capsys, gate):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["train", "gate", gate, "--lr", "1e308", "--json"])
    assert [w for w in caught if issubclass(w.category, RuntimeWarning)] == []
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and "training diverged" in err[0]


@pytest.mark.parametrize(
    "parse",
    [
        parse_hidden,
        lambda text: parse_positive_int(text, "epochs", 10_000),
        parse_seed,
        parse_lr,
    ],
)
def test_a_5000_digit_number_in_a_form_field_is_a_clear_message(parse):
    with pytest.raises(ValueError) as info:
        parse("9" * 5000)
    message = str(info.value)
    assert "digits" not in message and "sys.set_int_max_str_digits" not in message
    assert len(message) < 80


def test_eval_strips_control_characters_from_the_stored_command(tmp_path, capsys):
    data = write_mnist_dir(tmp_path / "data", 20, 20, seed=1).directory
    path = save_model(
        tmp_path / "m.npz",
        Network((784, 8, 10)),
        {"command": "nnlab train\x1b[2J\x1b]0;pwned\x07 mnist\r\nrm -rf /"},
    )
    assert main(["eval", "--model", str(path), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("trained with:"))
    assert line == "trained with: nnlab train[2J]0;pwned mnist rm -rf /"
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out


def test_a_network_too_big_is_refused_before_allocating_wherever_it_is_built():
    assert peak_bytes(lambda: Network((784, 2_000_000, 10))) < SMALL_PEAK
    with pytest.raises(ValueError, match=r"784-2000000-10 network .* the limit is 256 MB"):
        Network((784, 2_000_000, 10))
