"""The book's layer contracts nncore used to break: 4-D input to Affine, soft targets in
SoftmaxWithLoss, and numerical gradients in x's own dtype."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.functions import softmax
from nncore.gradient import numerical_gradient, numerical_gradient_rows
from nncore.layers import Affine, SoftmaxWithLoss
from nncore.network import Network


def rel_error(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


@pytest.mark.parametrize("shape", [(2, 3, 4, 5), (3, 1, 6, 2), (4, 12)])
def test_affine_takes_any_ndim_and_returns_dx_in_its_shape(shape):
    rng = np.random.default_rng(len(shape))
    x = rng.normal(size=shape)
    d_in = int(np.prod(shape[1:]))
    W, b = rng.normal(size=(d_in, 7)), rng.normal(size=7)
    R = rng.normal(size=(shape[0], 7))
    layer = Affine(W, b)

    out = layer.forward(x)
    np.testing.assert_allclose(out, x.reshape(shape[0], -1) @ W + b, rtol=1e-14)
    assert layer.original_x_shape == shape
    dx = layer.backward(R)
    assert dx.shape == shape
    dx, dW, db = dx.copy(), layer.dW.copy(), layer.db.copy()
    assert dW.shape == W.shape and db.shape == b.shape

    def loss(_):
        return float(np.sum(layer.forward(x) * R))

    assert rel_error(dx, numerical_gradient(loss, x)) < 1e-6
    assert rel_error(dW, numerical_gradient(loss, W)) < 1e-6
    assert rel_error(db, numerical_gradient(loss, b)) < 1e-6


def test_affine_book_shapes_2345_with_w_60x7():
    # The issue's exact case: a matmul error before.
    x = np.arange(120, dtype=np.float64).reshape(2, 3, 4, 5) / 100
    layer = Affine(np.full((60, 7), 0.5), np.arange(7.0))
    out = layer.forward(x)
    assert out.shape == (2, 7)
    np.testing.assert_allclose(out[:, 0], [0.5 * x[0].sum(), 0.5 * x[1].sum()], rtol=1e-14)
    dx = layer.backward(np.ones((2, 7)))
    np.testing.assert_allclose(dx, np.full((2, 3, 4, 5), 3.5), rtol=1e-15)


@pytest.mark.parametrize(
    "t",
    [
        [[0.1, 0.1, 0.8]],
        [[0.1, 0.1, 0.8], [0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]],
        [[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]],
    ],
)
def test_softmax_with_loss_soft_targets_backward_is_the_forward_gradient(t):
    t = np.array(t)
    n = len(t)
    x = np.random.default_rng(n).normal(scale=0.5, size=(n, 3))
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, t)
    y = softmax(x)
    assert loss == pytest.approx(-np.sum(t * np.log(y + 1e-7)) / n, rel=1e-14)
    dx = layer.backward()
    np.testing.assert_allclose(dx, (y - t) / n, rtol=1e-14, atol=1e-17)
    # The forward's delta = 1e-7 inside the log moves its true derivative by ~delta * t / y
    # (2e-6 here); without the delta, (y - t) / N is the derivative to rounding. The
    # argmax's gradient, y - onehot, is off by 0.1 or more.
    numerical = numerical_gradient(lambda _: layer.forward(x, t), x)
    assert rel_error(dx, numerical) < 1e-5
    exact = numerical_gradient(lambda a: -np.sum(t * np.log(softmax(a))) / n, x.copy())
    assert rel_error(dx, exact) < 1e-8


def test_soft_target_loss_for_the_issue_example():
    # One row, logits 0: y = 1/3 each, so the loss is -log(1/3 + 1e-7) whatever t is,
    # and the gradient is y - t, not y - onehot(argmax t).
    layer = SoftmaxWithLoss()
    assert layer.forward(np.zeros((1, 3)), np.array([[0.1, 0.1, 0.8]])) == pytest.approx(
        -np.log(1 / 3 + 1e-7), rel=1e-14
    )
    np.testing.assert_allclose(
        layer.backward(), [[1 / 3 - 0.1, 1 / 3 - 0.1, 1 / 3 - 0.8]], rtol=1e-14
    )


def test_float64_one_hot_keeps_a_float32_networks_gradients_float32():
    net = Network((4, 5, 3), "sigmoid", seed=3)
    rng = np.random.default_rng(3)
    x = rng.random((6, 4)).astype(np.float32)
    labels = rng.integers(0, 3, size=6)
    by_label = net.gradient(x, labels)
    by_one_hot = net.gradient(x, np.eye(3)[labels])
    for key, value in by_one_hot.items():
        assert value.dtype == np.float32, key
        np.testing.assert_allclose(value, by_label[key], rtol=1e-6, atol=1e-8)


def test_network_numerical_gradient_refuses_soft_targets():
    net = Network((2, 3, 3), "sigmoid", seed=1)
    with pytest.raises(ValueError, match="labels or one-hot"):
        net.gradient(np.ones((1, 2)), np.array([[0.1, 0.1, 0.8]]), method="numerical")


def test_numerical_gradient_returns_float32_for_float32():
    x = np.array([[0.5, -1.25], [2.0, 0.75]], dtype=np.float32)
    raw = x.tobytes()
    grad = numerical_gradient(lambda a: float(np.sum(a.astype(np.float64) ** 2)), x)
    assert grad.dtype == np.float32
    assert x.tobytes() == raw
    # x ± h is rounded to float32 when written back, as in the book: 2.0 + 1e-4 becomes
    # 2.00010013580322265625, so the difference quotient of x² is 3.99828 there, not 4.
    plus = (x.astype(np.float64) + 1e-4).astype(np.float32).astype(np.float64)
    minus = (x.astype(np.float64) - 1e-4).astype(np.float32).astype(np.float64)
    np.testing.assert_array_equal(grad, ((plus**2 - minus**2) / 2e-4).astype(np.float32))
    assert grad[1, 0] == pytest.approx(3.99828, abs=1e-5)


def test_numerical_gradient_refuses_integer_arrays():
    with pytest.raises(TypeError, match=r"float array.*np.array\(\[3.0, 4.0\]\)"):
        numerical_gradient(lambda a: float(np.sum(a**2)), np.array([3, 4]))


def function_2(x):
    """The book's gradient_2d.py form: one value per point for a batch of points."""
    return np.sum(x**2) if x.ndim == 1 else np.sum(x**2, axis=1)


def test_numerical_gradient_of_a_batch_of_points_is_row_wise():
    grid = np.stack(np.meshgrid(np.arange(-2, 2.5, 0.5), np.arange(-2, 2.5, 0.5))).reshape(2, -1)
    points = grid.T.copy()  # (81, 2), as gradient_2d.py passes np.array([X, Y]).T
    before = points.copy()
    grad = numerical_gradient(function_2, points)
    assert grad.shape == (81, 2)
    np.testing.assert_allclose(grad, 2 * before, rtol=0, atol=1e-7)
    np.testing.assert_array_equal(points, before)
    np.testing.assert_array_equal(numerical_gradient_rows(function_2, points), grad)
    np.testing.assert_allclose(numerical_gradient_rows(function_2, np.array([3.0, 4.0])), [6, 8])


def test_numerical_gradient_names_an_f_that_returns_the_wrong_shape():
    with pytest.raises(ValueError, match=r"one number; it returned shape \(3,\)"):
        numerical_gradient(lambda a: a[0] * 2, np.ones((2, 3)))
