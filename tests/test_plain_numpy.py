"""The benchmarks' plain NumPy trainer is only a fair yardstick if it computes what nnlab
computes: its loss and gradients on one batch, from the same weights, are nnlab's."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.plain_numpy import PlainTrainer
from nncore.network import Network
from nncore.optimizers import make_optimizer


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_one_step_matches_nnlabs_loss_and_gradients(activation):
    rng = np.random.default_rng(3)
    x = rng.random((40, 12), dtype=np.float32)
    x[:, :5] = 0  # black pixels, which nnlab's first layer skips
    t = rng.integers(0, 4, 40)
    plain = PlainTrainer((12, 6, 4), activation, "sgd", 0.0, (0.5, 0.5), x, t, batch=40)
    plain.b1[...] = rng.standard_normal(6)
    net = Network((12, 6, 4), activation, "softmax", "he", np.float32)
    for key in ("W1", "b1", "W2", "b2"):
        net.params[key] = getattr(plain, key)
    loss, grads = net.loss_and_gradient(x, t)
    assert plain.step(np.arange(40)) == pytest.approx(loss, rel=1e-6)
    for key in ("W1", "b1", "W2", "b2"):
        np.testing.assert_allclose(getattr(plain, "g" + key), grads[key], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_its_update_is_nnlabs_optimizer(optimizer):
    rng = np.random.default_rng(4)
    x = rng.random((20, 8), dtype=np.float32)
    t = rng.integers(0, 3, 20)
    plain = PlainTrainer((8, 5, 3), "relu", optimizer, 0.05, (0.4, 0.4), x, t, batch=20)
    params = {key: getattr(plain, key).copy() for key in ("W1", "b1", "W2", "b2")}
    reference = make_optimizer(optimizer, 0.05)
    for _ in range(3):
        plain.step(np.arange(20))
        grads = {key: getattr(plain, "g" + key).copy() for key in params}
        reference.update(params, grads)
    for key, value in params.items():
        np.testing.assert_allclose(getattr(plain, key), value, rtol=1e-5, atol=1e-7)
