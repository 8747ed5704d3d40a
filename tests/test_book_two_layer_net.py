"""nncore.book.two_layer_net.TwoLayerNet as chapters 4 and 5 use it."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.book.common.functions import cross_entropy_error, sigmoid, softmax
from nncore.book.common.gradient import numerical_gradient
from nncore.book.two_layer_net import TwoLayerNet


def batch(n=3, d=784, c=10, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, d)).astype(np.float32)  # load_mnist(normalize=True) gives float32
    return x, np.eye(c)[rng.integers(0, c, size=n)]


def test_params_as_the_book_lists_them():
    np.random.seed(0)
    net = TwoLayerNet(input_size=784, hidden_size=100, output_size=10)
    shapes = {key: value.shape for key, value in net.params.items()}
    assert shapes == {"W1": (784, 100), "b1": (100,), "W2": (100, 10), "b2": (10,)}
    assert net.params["W1"].dtype == np.float64
    np.random.seed(0)
    np.testing.assert_array_equal(net.params["W1"], 0.01 * np.random.randn(784, 100))
    assert not net.params["b1"].any()


def test_predict_and_loss_are_the_books_formulas():
    np.random.seed(1)
    net = TwoLayerNet(20, 7, 4, weight_init_std=0.5)
    x, t = batch(5, 20, 4)
    p = net.params
    y = softmax(np.dot(sigmoid(np.dot(x, p["W1"]) + p["b1"]), p["W2"]) + p["b2"])
    np.testing.assert_allclose(net.predict(x), y, rtol=1e-12)
    assert net.loss(x, t) == pytest.approx(cross_entropy_error(y, t), rel=1e-12)
    assert net.accuracy(x, t) == np.sum(y.argmax(axis=1) == t.argmax(axis=1)) / 5
    assert net.accuracy(x, t.argmax(axis=1)) == net.accuracy(x, t)  # labels work too


def test_gradient_check_as_chapter_5_runs_it():
    np.random.seed(2)
    net = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    x, t = batch(3)
    numerical = net.numerical_gradient(x, t)
    backprop = net.gradient(x, t)
    for key in ("W1", "b1", "W2", "b2"):
        assert numerical[key].shape == net.params[key].shape
        assert numerical[key].dtype == np.float64
        # The loss adds 1e-7 inside the log; backprop's (y - t) / N does not: that moves
        # each class's share by 1e-7 / y_t, about 1e-6 relative with ten near-equal
        # classes (so 1e-6 of the largest entry where the shares nearly cancel).
        scale = np.abs(numerical[key]).max()
        np.testing.assert_allclose(backprop[key], numerical[key], rtol=2e-6, atol=2e-6 * scale)


class LoopedNet(TwoLayerNet):
    """Its own loss: numerical_gradient must then run the book's loop over this loss."""

    def loss(self, x, t):
        return super().loss(x, t) * 2.0


def test_fast_numerical_gradient_equals_the_books_loop():
    np.random.seed(3)
    net = TwoLayerNet(12, 6, 3, weight_init_std=0.3)
    x, t = batch(4, 12, 3)
    fast = net.numerical_gradient(x, t)
    loss_w = lambda _: net.loss(x, t)  # noqa: E731 - as the book writes it
    for key, value in net.params.items():
        loop = numerical_gradient(loss_w, value)
        np.testing.assert_allclose(fast[key], loop, rtol=1e-7, atol=1e-11)
    looped = LoopedNet(12, 6, 3)
    looped.params = {key: value.copy() for key, value in net.params.items()}
    doubled = looped.numerical_gradient(x, t)
    for key in fast:
        np.testing.assert_allclose(doubled[key], 2 * fast[key], rtol=1e-7, atol=1e-11)


def train(net, x, t, steps, rebind):
    for _ in range(steps):
        grad = net.gradient(x, t)
        for key in ("W1", "b1", "W2", "b2"):
            if rebind:
                net.params[key] = net.params[key] - 0.5 * grad[key]
            else:
                net.params[key] -= 0.5 * grad[key]
    return net


def test_in_place_and_rebinding_updates_both_train():
    x, t = batch(30, 20, 3, seed=4)
    np.random.seed(5)
    in_place = TwoLayerNet(20, 10, 3, weight_init_std=0.5)
    np.random.seed(5)
    rebound = TwoLayerNet(20, 10, 3, weight_init_std=0.5)
    start = in_place.loss(x, t)
    train(in_place, x, t, 50, rebind=False)
    train(rebound, x, t, 50, rebind=True)
    assert rebound.loss(x, t) < 0.8 * start
    for key in in_place.params:
        np.testing.assert_allclose(rebound.params[key], in_place.params[key], rtol=1e-12)


def test_rebinding_a_parameter_changes_the_predictions():
    np.random.seed(6)
    net = TwoLayerNet(5, 4, 10)
    x, _ = batch(2, 5, 10)
    net.params["W2"] = np.zeros((4, 10))
    np.testing.assert_allclose(net.predict(x), 0.1, rtol=1e-15)
    net.params["b2"] = np.log(np.arange(1.0, 11.0))  # softmax of log k is k / 55
    np.testing.assert_allclose(net.predict(x)[0], np.arange(1, 11) / 55, rtol=1e-12)
