"""Every layer's backward pass against central-difference gradients (float64)."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.functions import sigmoid, softmax
from nncore.gradient import numerical_gradient
from nncore.layers import (
    Affine,
    LeakyRelu,
    Relu,
    Sigmoid,
    SigmoidWithLoss,
    SoftmaxWithLoss,
    Tanh,
)

SHAPES = [(1, 1), (1, 5), (4, 3), (7, 2), (10, 6)]


def rel_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def away_from_zero(rng, shape, margin=0.05):
    """Inputs with |x| >= margin so that ``x ± h`` never crosses a ReLU kink."""
    x = rng.normal(size=shape)
    return np.where(x >= 0, x + margin, x - margin)


@pytest.mark.parametrize(("n", "d_in"), SHAPES)
@pytest.mark.parametrize("d_out", [1, 3])
def test_affine_backward(n, d_in, d_out):
    rng = np.random.default_rng(n * 100 + d_in * 10 + d_out)
    x = rng.normal(size=(n, d_in))
    W = rng.normal(size=(d_in, d_out))
    b = rng.normal(size=d_out)
    R = rng.normal(size=(n, d_out))
    layer = Affine(W, b)

    def loss(_):
        return float(np.sum(layer.forward(x) * R))

    out = layer.forward(x)
    np.testing.assert_allclose(out, x @ W + b, rtol=1e-15)
    dout = R.copy()
    dx = layer.backward(dout)
    np.testing.assert_array_equal(dout, R)
    assert dx.shape == x.shape
    assert layer.dW.shape == W.shape
    assert layer.db.shape == b.shape
    dx, dW, db = dx.copy(), layer.dW.copy(), layer.db.copy()
    assert rel_error(dx, numerical_gradient(loss, x)) < 1e-6
    assert rel_error(dW, numerical_gradient(loss, W)) < 1e-6
    assert rel_error(db, numerical_gradient(loss, b)) < 1e-6


def test_affine_backward_by_hand():
    layer = Affine(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -0.5]))
    out = layer.forward(np.array([[1.0, 1.0]]))
    assert out.tolist() == [[4.5, 5.5]]
    dx = layer.backward(np.array([[1.0, 10.0]]))
    assert dx.tolist() == [[21.0, 43.0]]
    assert layer.dW.tolist() == [[1.0, 10.0], [1.0, 10.0]]
    assert layer.db.tolist() == [1.0, 10.0]


def check_activation(layer, x, R):
    def loss(_):
        return float(np.sum(layer.forward(x) * R))

    layer.forward(x)
    dout = R.copy()
    dx = layer.backward(dout)
    np.testing.assert_array_equal(dout, R)  # backward never writes into dout
    assert dx.shape == x.shape
    assert dx is not dout
    assert rel_error(dx, numerical_gradient(loss, x)) < 1e-6


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("make", [Sigmoid, Tanh], ids=["sigmoid", "tanh"])
def test_smooth_activation_backward(make, shape):
    rng = np.random.default_rng(sum(shape))
    check_activation(make(), rng.normal(scale=2, size=shape), rng.normal(size=shape))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    "make", [Relu, LeakyRelu, lambda: LeakyRelu(alpha=0.3)], ids=["relu", "leaky", "leaky0.3"]
)
def test_piecewise_activation_backward(make, shape):
    rng = np.random.default_rng(sum(shape) + 7)
    check_activation(make(), away_from_zero(rng, shape), rng.normal(size=shape))


def test_relu_and_leaky_relu_by_hand():
    x = np.array([[-2.0, 0.0, 3.0]])
    relu = Relu()
    assert relu.forward(x).tolist() == [[0.0, 0.0, 3.0]]
    assert relu.backward(np.array([[5.0, 5.0, 5.0]])).tolist() == [[0.0, 0.0, 5.0]]
    leaky = LeakyRelu(alpha=0.1)
    np.testing.assert_allclose(leaky.forward(x), [[-0.2, 0.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(leaky.backward(np.array([[5.0, 5.0, 5.0]])), [[0.5, 0.5, 5.0]])


def test_relu_forward_does_not_modify_input():
    x = np.array([[-1.0, 2.0]])
    Relu().forward(x)
    LeakyRelu().forward(x)
    assert x.tolist() == [[-1.0, 2.0]]


def test_activation_layers_keep_float32():
    x = np.array([[-1.0, 2.0]], dtype=np.float32)
    for layer in (Sigmoid(), Relu(), LeakyRelu(), Tanh()):
        assert layer.forward(x).dtype == np.float32
        assert layer.backward(np.ones_like(x)).dtype == np.float32


# Cross-entropy adds delta = 1e-7 inside the log, so its true derivative differs from the
# delta-free (y - t) / N that backward returns by a relative ~delta / y_t. With few classes
# and moderate logits y_t stays well above 0.1, keeping that gap below 1e-6.
@pytest.mark.parametrize(("n", "c"), [(1, 2), (3, 3), (5, 4), (8, 3)])
@pytest.mark.parametrize("one_hot", [False, True], ids=["labels", "one_hot"])
def test_softmax_with_loss_backward(n, c, one_hot):
    rng = np.random.default_rng(n * 10 + c)
    x = rng.normal(scale=0.3, size=(n, c))
    labels = rng.integers(0, c, size=n)
    t = np.eye(c)[labels] if one_hot else labels
    assert softmax(x)[np.arange(n), labels].min() > 0.1
    layer = SoftmaxWithLoss()

    loss = layer.forward(x, t)
    expected = -np.mean(np.log(softmax(x)[np.arange(n), labels] + 1e-7))
    assert loss == pytest.approx(expected, rel=1e-14)
    dx = layer.backward()
    np.testing.assert_allclose(dx, (softmax(x) - np.eye(c)[labels]) / n, rtol=1e-14, atol=1e-16)
    numerical = numerical_gradient(lambda _: layer.forward(x, t), x)
    assert rel_error(dx, numerical) < 1e-6


def test_softmax_with_loss_backward_scales_by_dout():
    x = np.array([[0.1, 0.2, -0.3], [0.0, 0.5, 0.2]])
    layer = SoftmaxWithLoss()
    layer.forward(x, np.array([0, 2]))
    np.testing.assert_allclose(layer.backward(2.0), 2.0 * layer.backward(1.0), rtol=1e-15)


def test_softmax_with_loss_labels_equal_one_hot():
    x = np.array([[0.1, 0.2, -0.3], [0.0, 0.5, 0.2]])
    a, b = SoftmaxWithLoss(), SoftmaxWithLoss()
    assert a.forward(x, np.array([1, 0])) == b.forward(x, np.array([[0, 1, 0], [1, 0, 0]]))
    np.testing.assert_array_equal(a.backward(), b.backward())


# Binary cross-entropy has the same delta: keep sigmoid outputs away from 0 and 1.
# Flat (N,) targets are only accepted for a single output unit.
@pytest.mark.parametrize(
    ("n", "k", "flat_targets"),
    [(1, 1, False), (4, 1, False), (4, 3, False), (9, 2, False), (1, 1, True), (6, 1, True)],
)
def test_sigmoid_with_loss_backward(n, k, flat_targets):
    rng = np.random.default_rng(n * 10 + k)
    x = rng.normal(scale=0.5, size=(n, k))
    t = rng.integers(0, 2, size=(n, k)).astype(np.float64)
    t_in = t.ravel() if flat_targets else t
    layer = SigmoidWithLoss()
    loss = layer.forward(x, t_in)
    y = sigmoid(x)
    expected = -np.sum(t * np.log(y + 1e-7) + (1 - t) * np.log(1 - y + 1e-7)) / n
    assert loss == pytest.approx(expected, rel=1e-14)
    dx = layer.backward()
    np.testing.assert_allclose(dx, (y - t) / n, rtol=1e-14)
    numerical = numerical_gradient(lambda _: layer.forward(x, t_in), x)
    assert rel_error(dx, numerical) < 1e-6
