"""Optimizer updates against hand-computed numbers, state round-trips, convergence."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.optimizers import SGD, AdaGrad, Adam, Momentum, make_optimizer


def params_and_grads():
    params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.25])}
    grads = {"W": np.array([[0.5, -1.0], [2.0, 0.0]]), "b": np.array([-4.0])}
    return params, grads


def test_sgd_one_step():
    params, grads = params_and_grads()
    W = params["W"]
    SGD(lr=0.1).update(params, grads)
    assert params["W"] is W  # in place: the network's layers hold these arrays
    np.testing.assert_allclose(params["W"], [[0.95, -1.9], [0.3, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(params["b"], [0.65], rtol=1e-15)


def test_momentum_two_steps():
    params = {"p": np.array([1.0, 2.0])}
    opt = Momentum(lr=0.1, momentum=0.9)
    opt.update(params, {"p": np.array([1.0, -2.0])})
    # v = -0.1 * g = [-0.1, 0.2]
    np.testing.assert_allclose(params["p"], [0.9, 2.2], rtol=1e-15)
    opt.update(params, {"p": np.array([0.5, 0.5])})
    # v = 0.9 * [-0.1, 0.2] - 0.1 * [0.5, 0.5] = [-0.14, 0.13]
    np.testing.assert_allclose(params["p"], [0.76, 2.33], rtol=1e-14)
    np.testing.assert_allclose(opt.v["p"], [-0.14, 0.13], rtol=1e-14)


def test_adagrad_two_steps():
    params = {"p": np.array([1.0, -1.0])}
    opt = AdaGrad(lr=0.1)
    g = np.array([2.0, -0.5])
    opt.update(params, {"p": g})
    # h = g² = [4, 0.25]; step = 0.1 * g / (sqrt(h) + 1e-7)
    first = [1.0 - 0.1 * 2 / (2 + 1e-7), -1.0 + 0.1 * 0.5 / (0.5 + 1e-7)]
    np.testing.assert_allclose(params["p"], first, rtol=1e-15)
    opt.update(params, {"p": g})
    # h = 2 g² = [8, 0.5]
    second = [
        first[0] - 0.1 * 2 / (math.sqrt(8) + 1e-7),
        first[1] + 0.1 * 0.5 / (math.sqrt(0.5) + 1e-7),
    ]
    np.testing.assert_allclose(params["p"], second, rtol=1e-15)


def test_adam_first_step_moves_each_param_by_lr_times_sign():
    params, grads = params_and_grads()
    before = {k: v.copy() for k, v in params.items()}
    opt = Adam(lr=0.001)
    opt.update(params, grads)
    for key in params:
        g = grads[key]
        # Exactly: lr * sqrt(1 - b2) / (1 - b1) * (1 - b1) g / (sqrt((1 - b2) g²) + 1e-7).
        step = 0.001 * math.sqrt(0.001) / 0.1 * (0.1 * g) / (np.sqrt(0.001 * g * g) + 1e-7)
        np.testing.assert_allclose(before[key] - params[key], step, rtol=1e-12, atol=1e-20)
        np.testing.assert_allclose(before[key] - params[key], 0.001 * np.sign(g), atol=1e-8)
    assert params["W"][1, 1] == 3.0  # zero gradient, no move
    assert opt.iter == 1


def test_adam_second_step_by_hand():
    params = {"p": np.array([0.0])}
    opt = Adam(lr=0.01, beta1=0.9, beta2=0.999)
    opt.update(params, {"p": np.array([1.0])})
    opt.update(params, {"p": np.array([3.0])})
    m1, v1 = 0.1 * 1.0, 0.001 * 1.0
    m2, v2 = 0.9 * m1 + 0.1 * 3.0, 0.999 * v1 + 0.001 * 9.0
    step1 = 0.01 * math.sqrt(1 - 0.999) / (1 - 0.9) * m1 / (math.sqrt(v1) + 1e-7)
    step2 = 0.01 * math.sqrt(1 - 0.999**2) / (1 - 0.9**2) * m2 / (math.sqrt(v2) + 1e-7)
    assert params["p"][0] == pytest.approx(-(step1 + step2), rel=1e-12)
    assert opt.m["p"][0] == pytest.approx(m2, rel=1e-14)
    assert opt.v["p"][0] == pytest.approx(v2, rel=1e-14)


OPTIMIZERS = [
    lambda: SGD(lr=0.1),
    lambda: Momentum(lr=0.05),
    lambda: AdaGrad(lr=0.3),
    lambda: Adam(lr=0.05),
]
IDS = ["sgd", "momentum", "adagrad", "adam"]


@pytest.mark.parametrize("make", OPTIMIZERS, ids=IDS)
def test_state_dict_round_trip_continues_identically(make):
    rng = np.random.default_rng(0)
    grads_seq = [{"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)} for _ in range(6)]
    a = make()
    pa = {"W": np.ones((3, 2)), "b": np.zeros(2)}
    for g in grads_seq[:3]:
        a.update(pa, g)
    state = a.state_dict()
    b = make()
    b.load_state_dict(state)
    pb = {k: v.copy() for k, v in pa.items()}
    for g in grads_seq[3:]:
        a.update(pa, g)
        b.update(pb, g)
    for key in pa:
        assert pa[key].tobytes() == pb[key].tobytes()
    # A fresh optimizer (no state) would have diverged from a for every stateful kind.
    if not isinstance(a, SGD):
        c = make()
        pc = {k: v.copy() for k, v in pb.items()}
        c.update(pc, grads_seq[0])
        b.update(pb, grads_seq[0])
        assert not np.array_equal(pb["W"], pc["W"])


@pytest.mark.parametrize("make", OPTIMIZERS, ids=IDS)
def test_state_dict_is_a_copy(make):
    opt = make()
    params = {"p": np.array([1.0, 2.0])}
    opt.update(params, {"p": np.array([0.3, -0.2])})
    state = opt.state_dict()
    frozen = repr(state)
    opt.update(params, {"p": np.array([5.0, 5.0])})
    assert repr(state) == frozen
    other = make()
    other.load_state_dict(state)
    other.update({"p": np.array([0.0, 0.0])}, {"p": np.array([1.0, 1.0])})
    assert repr(state) == frozen
    assert "lr" not in state


def test_load_state_dict_keeps_the_current_learning_rate():
    a = Momentum(lr=0.1)
    a.update({"p": np.array([1.0])}, {"p": np.array([1.0])})
    b = Momentum(lr=0.5)
    b.load_state_dict(a.state_dict())
    assert b.lr == 0.5
    np.testing.assert_allclose(b.v["p"], [-0.1])


@pytest.mark.parametrize(
    ("make", "steps"),
    [
        (lambda: SGD(lr=0.1), 200),
        (lambda: Momentum(lr=0.05), 400),
        (lambda: AdaGrad(lr=1.0), 400),
        (lambda: Adam(lr=0.05), 600),
    ],
    ids=IDS,
)
def test_minimises_a_quadratic(make, steps):
    # f(p) = 0.5 * sum(a * (p - c)²), minimum at c.
    a = np.array([1.0, 3.0, 0.5])
    c = np.array([2.0, -1.0, 0.5])
    params = {"p": np.array([-3.0, 4.0, 6.0])}
    opt = make()

    def f(p):
        return 0.5 * np.sum(a * (p - c) ** 2)

    start = f(params["p"])
    for _ in range(steps):
        opt.update(params, {"p": a * (params["p"] - c)})
    assert f(params["p"]) < 1e-6 * start
    np.testing.assert_allclose(params["p"], c, atol=2e-3)


@pytest.mark.parametrize("make", OPTIMIZERS, ids=IDS)
def test_float32_params_stay_float32_and_in_place(make):
    params = {"W": np.ones((2, 2), dtype=np.float32)}
    W = params["W"]
    opt = make()
    for _ in range(3):
        opt.update(params, {"W": np.full((2, 2), 0.5, dtype=np.float32)})
    assert params["W"] is W
    assert W.dtype == np.float32
    assert np.all(W < 1.0)


def test_make_optimizer():
    for name, cls in (("sgd", SGD), ("momentum", Momentum), ("adagrad", AdaGrad), ("adam", Adam)):
        opt = make_optimizer(name, 0.2)
        assert type(opt) is cls
        assert opt.lr == 0.2
    with pytest.raises(ValueError, match="rmsprop"):
        make_optimizer("rmsprop", 0.1)
