"""Mini-batch training: determinism, epochs, live settings, rewind and rollback.
Divergence has its own module, tests/test_trainer_divergence.py."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.network import Network
from nncore.optimizers import SGD, Adam, Momentum
from nncore.trainer import EpochRecord, StepResult, Trainer

N_TRAIN = 200


def blobs(n, seed):
    """Two Gaussian blobs in 2-D, labels 0 and 1, interleaved."""
    rng = np.random.default_rng(seed)
    t = np.arange(n) % 2
    x = rng.normal(size=(n, 2)) + np.where(t[:, None] == 1, 1.5, -1.5)
    return x, t


X_TRAIN, T_TRAIN = blobs(N_TRAIN, 0)
X_TEST, T_TEST = blobs(60, 1)


def make_trainer(seed=0, optimizer=None, batch_size=64, test=True, dtype=np.float32, **net):
    network = Network((2, 8, 2), net.pop("activation", "relu"), dtype=dtype, seed=3, **net)
    return Trainer(
        network,
        optimizer if optimizer is not None else Momentum(lr=0.1),
        X_TRAIN,
        T_TRAIN,
        X_TEST if test else None,
        T_TEST if test else None,
        batch_size=batch_size,
        seed=seed,
    )


def run_steps(trainer, n):
    return [trainer.step() for _ in range(n)]


def same_params(a, b):
    return set(a) == set(b) and all(a[k].tobytes() == b[k].tobytes() for k in a)


def epochs_without_time(trainer):
    return [(r.epoch, r.loss, r.train_acc, r.test_acc, r.steps) for r in trainer.history.epochs]


# --- determinism -----------------------------------------------------------------------


@pytest.mark.parametrize("make_opt", [lambda: SGD(0.1), lambda: Momentum(0.1), lambda: Adam(0.01)])
def test_same_seed_same_numbers(make_opt):
    a = make_trainer(seed=5, optimizer=make_opt())
    b = make_trainer(seed=5, optimizer=make_opt())
    run_steps(a, 12)
    run_steps(b, 12)
    assert a.history.step_losses == b.history.step_losses
    assert len(a.history.step_losses) == 12
    assert same_params(a.network.params, b.network.params)
    assert epochs_without_time(a) == epochs_without_time(b)


def test_different_seed_different_numbers():
    a = make_trainer(seed=5)
    b = make_trainer(seed=6)
    run_steps(a, 8)
    run_steps(b, 8)
    assert a.history.step_losses != b.history.step_losses
    assert not same_params(a.network.params, b.network.params)


def test_training_reduces_the_loss_and_learns():
    trainer = make_trainer(optimizer=SGD(0.5))
    for _ in range(5):
        trainer.run_epoch()
    first, last = trainer.history.epochs[0], trainer.history.epochs[-1]
    assert last.loss < first.loss
    assert last.train_acc > 0.95
    assert last.test_acc > 0.9


# --- steps and epochs ------------------------------------------------------------------


@pytest.mark.parametrize(("batch_size", "steps"), [(64, 4), (50, 4), (7, 29), (200, 1), (500, 1)])
def test_epoch_ends_after_ceil_n_over_batch_steps(batch_size, steps):
    assert steps == math.ceil(N_TRAIN / min(batch_size, N_TRAIN))
    trainer = make_trainer(batch_size=batch_size)
    results = run_steps(trainer, steps)
    assert all(isinstance(r, StepResult) for r in results)
    assert [r.step for r in results] == list(range(1, steps + 1))
    assert all(r.finished is None for r in results[:-1])
    assert [r.epoch for r in results[:-1]] == [0] * (steps - 1)
    record = results[-1].finished
    assert isinstance(record, EpochRecord)
    assert results[-1].epoch == 1 == trainer.epoch == record.epoch
    assert record.steps == steps
    assert record.seconds >= 0
    assert trainer.history.epochs == [record]
    assert [r.loss for r in results] == trainer.history.step_losses
    # The record measures the whole sets after the epoch's last update.
    net = trainer.network
    assert record.loss == pytest.approx(net.loss(X_TRAIN, T_TRAIN), rel=1e-6)
    assert record.train_acc == net.accuracy(X_TRAIN, T_TRAIN)
    assert record.test_acc == net.accuracy(X_TEST, T_TEST)
    assert 0.0 <= record.train_acc <= 1.0
    # A second epoch takes as many steps again.
    results = run_steps(trainer, steps)
    assert results[-1].finished is not None
    assert results[-1].finished.epoch == 2
    assert all(r.finished is None for r in results[:-1])


def test_epoch_progress_and_test_acc_none_without_test_set():
    trainer = make_trainer(batch_size=64, test=False)
    assert trainer.epoch_progress == 0.0
    trainer.step()
    assert trainer.epoch_progress == pytest.approx(64 / 200)
    trainer.step()
    assert trainer.epoch_progress == pytest.approx(128 / 200)
    record = trainer.run_epoch()
    assert record.test_acc is None
    assert record.steps == 4


def test_each_epoch_visits_every_sample_once():
    seen = []

    class Recording(Network):
        def loss_and_gradient(self, x, t, method="backprop"):
            seen.append(np.asarray(x).copy())
            return super().loss_and_gradient(x, t, method)

    network = Recording((2, 4, 2), "relu", seed=0)
    trainer = Trainer(network, SGD(0.1), X_TRAIN, T_TRAIN, batch_size=30, seed=2)
    trainer.run_epoch()
    assert [len(b) for b in seen] == [30] * 6 + [20]

    def positions(batches):
        rows = np.concatenate(batches)
        return [int(np.flatnonzero((r == X_TRAIN).all(axis=1))[0]) for r in rows]

    order = positions(seen)
    assert sorted(order) == list(range(N_TRAIN))
    assert order != list(range(N_TRAIN))  # shuffled
    seen.clear()
    trainer.run_epoch()
    order2 = positions(seen)
    assert sorted(order2) == list(range(N_TRAIN))
    assert order2 != order  # a new order each epoch


def test_full_batch_step_equals_a_plain_gradient_step():
    trainer = make_trainer(optimizer=SGD(0.3), batch_size=N_TRAIN, dtype=np.float64)
    reference = Network((2, 8, 2), "relu", dtype=np.float64, seed=3)
    for _ in range(3):
        loss, grads = reference.loss_and_gradient(X_TRAIN, T_TRAIN)
        for key in reference.params:
            reference.params[key] -= 0.3 * grads[key]
        result = trainer.step()
        assert result.loss == loss
    assert same_params(trainer.network.params, reference.params)


# --- run_epoch / should_stop -----------------------------------------------------------


def test_run_epoch_returns_the_record():
    trainer = make_trainer(batch_size=64)
    record = trainer.run_epoch()
    assert record is trainer.history.epochs[0]
    assert record.epoch == 1
    assert trainer.steps == 4


def test_run_epoch_should_stop_mid_epoch_then_resume():
    trainer = make_trainer(batch_size=64)
    calls = []

    def stop_after_two():
        calls.append(1)
        return len(calls) > 2

    assert trainer.run_epoch(should_stop=stop_after_two) is None
    assert trainer.steps == 2
    assert trainer.epoch == 0
    assert trainer.history.epochs == []
    record = trainer.run_epoch(should_stop=lambda: False)
    assert record is not None
    assert record.steps == 4  # the two earlier steps count towards the epoch
    assert trainer.steps == 4
    # Stopping and resuming changes nothing numerically.
    straight = make_trainer(batch_size=64)
    straight.run_epoch()
    assert straight.history.step_losses == trainer.history.step_losses
    assert same_params(straight.network.params, trainer.network.params)


def test_run_epoch_should_stop_at_once():
    trainer = make_trainer()
    assert trainer.run_epoch(should_stop=lambda: True) is None
    assert trainer.steps == 0


# --- settings that change between steps ------------------------------------------------


def test_batch_size_change_takes_effect_mid_epoch():
    trainer = make_trainer(batch_size=64)
    trainer.step()
    trainer.batch_size = 10
    trainer.step()
    assert trainer.epoch_progress == pytest.approx(74 / 200)
    record = trainer.run_epoch()
    # 64 + 10 * 14 = 204 >= 200: one step of 64, then fourteen of at most 10.
    assert record.steps == 15
    assert trainer.run_epoch().steps == 20


def test_learning_rate_change_takes_effect():
    trainer = make_trainer(optimizer=SGD(0.1), batch_size=N_TRAIN, dtype=np.float64)
    trainer.step()
    trainer.optimizer.lr = 0.0
    before = trainer.network.copy_params()
    trainer.step()
    assert same_params(before, trainer.network.params)
    trainer.optimizer.lr = 0.7
    grads = trainer.network.gradient(X_TRAIN, T_TRAIN)
    expected = {k: before[k] - 0.7 * grads[k] for k in before}
    trainer.step()
    assert same_params(expected, trainer.network.params)


# --- restore / params_at ---------------------------------------------------------------


@pytest.mark.parametrize("make_opt", [lambda: SGD(0.2), lambda: Momentum(0.1), lambda: Adam(0.02)])
@pytest.mark.parametrize("back_to", [0, 1, 2])
def test_restore_then_rerun_is_bit_identical(make_opt, back_to):
    original = make_trainer(seed=9, optimizer=make_opt(), batch_size=48)
    params_after = [original.network.copy_params()]
    for _ in range(4):
        original.run_epoch()
        params_after.append(original.network.copy_params())
    losses = list(original.history.step_losses)
    epochs = epochs_without_time(original)
    steps_per_epoch = 5  # ceil(200 / 48)

    trainer = original
    trainer.step()  # part-way into epoch 5, then rewind
    trainer.restore(back_to)
    assert trainer.epoch == back_to
    assert same_params(trainer.network.params, params_after[back_to])
    assert trainer.history.step_losses == losses[: back_to * steps_per_epoch]
    assert epochs_without_time(trainer) == epochs[:back_to]
    assert list(trainer.snapshot_epochs) == list(range(back_to + 1))
    assert trainer.epoch_progress == 0.0

    for _ in range(4 - back_to):
        trainer.run_epoch()
    assert trainer.history.step_losses == losses
    assert epochs_without_time(trainer) == epochs
    assert same_params(trainer.network.params, params_after[4])


def test_restore_keeps_layers_sharing_the_params():
    trainer = make_trainer()
    trainer.run_epoch()
    W1 = trainer.network.params["W1"]
    trainer.restore(0)
    assert trainer.network.params["W1"] is W1
    x = X_TEST[:5]
    fresh = Network((2, 8, 2), "relu", seed=3)
    np.testing.assert_array_equal(trainer.network.predict(x), fresh.predict(x))


def test_restore_unknown_epoch_raises():
    trainer = make_trainer()
    trainer.run_epoch()
    with pytest.raises(ValueError):
        trainer.restore(2)
    with pytest.raises(ValueError):
        trainer.restore(-1)


def test_params_at_does_not_change_the_network():
    trainer = make_trainer()
    initial = trainer.network.copy_params()
    trainer.run_epoch()
    after_one = trainer.network.copy_params()
    trainer.run_epoch()
    current = trainer.network.copy_params()
    assert same_params(trainer.params_at(0), initial)
    assert same_params(trainer.params_at(1), after_one)
    assert same_params(trainer.params_at(2), current)
    assert same_params(trainer.network.params, current)
    assert trainer.epoch == 2
    assert len(trainer.history.epochs) == 2


def test_rollback_undoes_a_restore_and_the_training_after_it():
    trainer = make_trainer(seed=3, optimizer=Adam(0.01), batch_size=50)
    for _ in range(4):
        trainer.run_epoch()
    trainer.step()  # midway through epoch 5: its order and place are part of the state
    state = trainer.checkpoint()
    losses = list(trainer.history.step_losses)
    params = trainer.network.copy_params()

    trainer.restore(1)
    trainer.run_epoch()
    trainer.rollback(state)

    assert trainer.epoch == 4 and trainer.history.step_losses == losses
    assert [r.epoch for r in trainer.history.epochs] == [1, 2, 3, 4]
    assert trainer.snapshot_epochs == range(5)
    for key, value in params.items():
        np.testing.assert_array_equal(trainer.network.params[key], value)
    # Training on repeats, to the bit, what an uninterrupted trainer does.
    trainer.run_epoch()
    twin = make_trainer(seed=3, optimizer=Adam(0.01), batch_size=50)
    for _ in range(5):
        twin.run_epoch()
    assert trainer.history.step_losses == twin.history.step_losses
    assert trainer.history.epochs[-1].loss == twin.history.epochs[-1].loss


def test_bad_training_sets_raise():
    net = Network((2, 3, 2))
    with pytest.raises(ValueError):
        Trainer(net, SGD(), X_TRAIN, T_TRAIN[:-1])
    with pytest.raises(ValueError):
        Trainer(net, SGD(), X_TRAIN[:0], T_TRAIN[:0])


def test_evaluate_matches_whole_set_loss_and_accuracy():
    trainer = make_trainer(dtype=np.float64)
    trainer.run_epoch()
    net = trainer.network
    loss, acc = trainer.evaluate(X_TEST, T_TEST, chunk=7)
    assert loss == pytest.approx(net.loss(X_TEST, T_TEST), rel=1e-12)
    assert acc == net.accuracy(X_TEST, T_TEST)
