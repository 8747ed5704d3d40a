"""Logic gates: the book's single-unit recipe bit for bit, and the two-layer XOR net."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest
from book_gate_loop import TARGETS, X, book_gate_epochs, book_sigmoid

from nncore.gates import (
    GATE_TARGETS,
    LogicGateNet,
    book_log_line,
    default_preset,
    gate_data,
)


def book_loop(gate, epochs=1000, lr=0.1, seed=1):
    """The final ``W, b``, the loss before each update and the loss after it."""
    run = list(book_gate_epochs(gate, epochs, lr, seed))
    _, W, b, _, _ = run[-1]
    return W, b, [epoch[3] for epoch in run], [epoch[4] for epoch in run]


def train(preset):
    trainer = preset.trainer()
    for _ in range(preset.epochs):
        trainer.step()
    return trainer


@functools.cache
def trained_default(gate):
    """The default preset trained for its epochs (shared: training is the slow part)."""
    return train(default_preset(gate))


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_book_recipe_reproduced_exactly(gate):
    W, b, before, after = book_loop(gate)
    preset = default_preset(gate)
    assert (preset.hidden, preset.epochs, preset.lr, preset.grad, preset.seed) == (
        0,
        1000,
        0.1,
        "numerical",
        1,
    )
    trainer = trained_default(gate)
    params = trainer.network.params
    assert isinstance(trainer.network, LogicGateNet)
    # Exact equality, not closeness: the same floating-point operations in the same order.
    assert params["W1"].tolist() == W.tolist()
    assert params["b1"].tolist() == b.tolist()
    assert trainer.history.step_losses == before
    assert [r.loss for r in trainer.history.epochs] == after


def test_book_recipe_initial_weights():
    rng = np.random.RandomState(1)
    W, b = rng.randn(2), rng.rand(1)
    net = LogicGateNet()
    assert net.params["W1"].tolist() == W.tolist()
    assert net.params["b1"].tolist() == b.tolist()
    assert LogicGateNet(7).params["W1"].tolist() == np.random.RandomState(7).randn(2).tolist()


def test_book_recipe_first_epoch_exactly():
    """One epoch is quick to check by hand, and isolates the forward pass from training."""
    W, b, before, after = book_loop("and", epochs=1)
    trainer = default_preset("and").trainer()
    result = trainer.step()
    assert result.loss == before[0]
    assert result.finished.loss == after[0]
    assert trainer.network.params["W1"].tolist() == W.tolist()
    assert trainer.network.params["b1"].tolist() == b.tolist()


def test_logic_gate_net_forward_matches_the_book():
    net = LogicGateNet()
    W, b = net.params["W1"].copy(), net.params["b1"].copy()
    # Inputs below zero included: the single unit's bias is negative after training AND.
    for shift in (0.0, -3.0, 2.0):
        net.params["b1"][...] = b + shift
        expected = book_sigmoid(X @ W + net.params["b1"])
        assert net.predict(X).ravel().tolist() == expected.tolist()


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_truth_tables_after_1000_epochs(gate):
    trainer = trained_default(gate)
    y = trainer.network.predict(X).ravel()
    assert ((y > 0.5) == (TARGETS[gate] > 0.5)).all()
    assert np.max(np.abs(y - TARGETS[gate])) < 0.3
    assert trainer.network.accuracy(X, TARGETS[gate]) == 1.0
    assert trainer.history.epochs[-1].loss < trainer.history.step_losses[0]


def test_single_layer_xor_fails_near_one_half():
    preset = default_preset("xor", hidden=0)
    assert preset.hidden == 0
    trainer = train(preset)
    y = trainer.network.predict(X).ravel()
    assert np.all(np.abs(y - 0.5) < 0.05)


@pytest.mark.parametrize("seed", range(20))
def test_two_layer_xor_solves_for_every_seed(seed):
    preset = dataclasses.replace(default_preset("xor"), seed=seed)
    assert preset.hidden > 0
    trainer = train(preset)
    y = trainer.network.predict(X).ravel()
    assert np.all(np.abs(y - TARGETS["xor"]) < 0.1), y


def test_logic_gate_net_backprop_matches_numerical():
    net = LogicGateNet(3)
    x, t = gate_data("or")
    numerical = net.gradient(x, t, method="numerical")
    backprop = net.gradient(x, t, method="backprop")
    for key in ("W1", "b1"):
        np.testing.assert_allclose(backprop[key], numerical[key], rtol=1e-7, atol=1e-10)
    with pytest.raises(ValueError):
        net.gradient(x, t, method="magic")


def test_gate_data():
    for gate, targets in TARGETS.items():
        x, t = gate_data(gate)
        assert x.shape == (4, 2)
        assert t.shape == (4, 1)
        assert x.tolist() == X.tolist()
        assert t.ravel().tolist() == targets.tolist()
        assert GATE_TARGETS[gate].tolist() == targets.tolist()
    x, _ = gate_data("and")
    x[0, 0] = 9.0
    assert gate_data("and")[0][0, 0] == 0.0  # a copy each time
    with pytest.raises(ValueError, match="foo"):
        gate_data("foo")
    with pytest.raises(ValueError):
        default_preset("foo")


def test_book_log_line_format():
    net = LogicGateNet()
    net.params["W1"][...] = [0.5, -1.25]
    net.params["b1"][...] = [0.75]
    assert book_log_line(100, 0.25, net) == (
        "Epoch: 100, loss: 0.25, Weights: [ 0.5  -1.25], Bias: [0.75]"
    )
