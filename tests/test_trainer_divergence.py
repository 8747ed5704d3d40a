"""A learning rate too large for the network: the trainer says so in one line, names the
step, and leaves the parameters as they were before it (never inf or nan)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from test_trainer import make_trainer, same_params

from nncore.gates import default_preset
from nncore.optimizers import SGD
from nncore.trainer import TrainingDiverged


@pytest.mark.parametrize(("dtype", "lr"), [(np.float64, 1e200), (np.float32, 1e20)])
def test_training_diverged_names_the_step_and_keeps_params(dtype, lr):
    trainer = make_trainer(optimizer=SGD(lr), batch_size=50, dtype=dtype)
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        for _ in range(100):
            before = trainer.network.copy_params()
            before_losses = list(trainer.history.step_losses)
            trainer.step()
    failing_step = len(before_losses) + 1
    message = str(info.value)
    assert "\n" not in message
    assert f"step {failing_step}" in message
    assert "smaller learning rate" in message
    assert same_params(trainer.network.params, before)
    assert trainer.history.step_losses == before_losses
    assert all(np.all(np.isfinite(v)) for v in before.values())


def test_huge_learning_rate_never_leaves_non_finite_parameters():
    """lr = 1e40 rounds to inf in float32, so the very first update writes inf/nan into
    every weight while its loss was still finite. The trainer must not leave the network
    in that state: after TrainingDiverged the parameters must be usable (finite)."""
    trainer = make_trainer(optimizer=SGD(1e40), batch_size=50, dtype=np.float32)
    initial = trainer.network.copy_params()
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        for _ in range(10):
            trainer.step()
    assert "smaller learning rate" in str(info.value)
    assert all(np.all(np.isfinite(v)) for v in trainer.network.params.values())
    assert same_params(trainer.network.params, initial)
    assert "step 1 " in str(info.value)


def test_weights_whose_squares_overflow_are_divergence():
    """XOR at lr 1e308: the first update leaves finite weights of ~1e307 and a finite
    loss, which then sticks at 8.06 for ever (every sigmoid exactly 0 or 1)."""
    trainer = dataclasses.replace(default_preset("xor", None), lr=1e308).trainer()
    initial = trainer.network.copy_params()
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        trainer.step()
    assert str(info.value).startswith("training diverged at step 1 (epoch 1) — try a smaller")
    assert str(info.value).endswith(": the weights blew up (rewound to epoch 0)")
    assert same_params(trainer.network.params, initial)
    assert trainer.history.step_losses == []


def test_an_epoch_whose_loss_is_not_finite_is_rewound():
    """The book's OR unit at lr 100: the step's loss is finite, but after the update an
    output is exactly 1, and the book's loss (no delta) of the epoch is 0·log 0 = nan."""
    trainer = dataclasses.replace(default_preset("or", None), lr=100.0).trainer()
    initial = trainer.network.copy_params()
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        trainer.step()
    message = str(info.value)
    assert message.startswith("training diverged at step 1 (epoch 1) — try a smaller learning")
    assert message.endswith("rate than 100: the epoch's loss is nan (rewound to epoch 0)")
    assert same_params(trainer.network.params, initial)
    assert (trainer.epoch, trainer.history.epochs, trainer.history.step_losses) == (0, [], [])
