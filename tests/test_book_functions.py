"""nncore.book.common.functions and .gradient against the numbers the book prints."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.book.common.functions import (
    cross_entropy_error,
    identity_function,
    mean_squared_error,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_loss,
    step_function,
    sum_squared_error,
)
from nncore.book.common.gradient import (
    gradient_descent,
    numerical_diff,
    numerical_gradient,
    numerical_gradient_2d,
)

T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
Y_GOOD = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_BAD = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


def test_activations_as_chapter_3_prints_them():
    assert step_function(np.array([-1.0, 1.0, 2.0])).tolist() == [0, 1, 1]
    np.testing.assert_allclose(
        sigmoid(np.array([-1.0, 1.0, 2.0])), [0.26894142, 0.73105858, 0.88079708], atol=5e-9
    )
    assert relu(np.array([-1.0, 0.0, 2.0])).tolist() == [0.0, 0.0, 2.0]
    x = np.array([1.0, 0.5])
    assert identity_function(x) is x


def test_softmax_book_values_and_overflow_example():
    np.testing.assert_allclose(
        softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691], atol=5e-9
    )
    # The book's naive version gives [nan, nan, nan] here.
    np.testing.assert_allclose(
        softmax(np.array([1010.0, 1000.0, 990.0])),
        [9.99954600e-01, 4.53978686e-05, 2.06106005e-09],
        rtol=1e-8,
    )
    batch = softmax(np.array([[[0.3, 2.9, 4.0]], [[1010.0, 1000.0, 990.0]]]))  # 3-D: last axis
    np.testing.assert_allclose(batch[0, 0], [0.01821127, 0.24519181, 0.73659691], atol=5e-9)
    np.testing.assert_allclose(batch.sum(axis=-1), 1.0, rtol=1e-15)


def test_chapter_3_three_layer_network():
    # init_network / forward of section 3.4.3: y = [0.31682708 0.69627909].
    w1, b1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]), np.array([0.1, 0.2, 0.3])
    w2, b2 = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]), np.array([0.1, 0.2])
    w3, b3 = np.array([[0.1, 0.3], [0.2, 0.4]]), np.array([0.1, 0.2])
    z1 = sigmoid(np.dot(np.array([1.0, 0.5]), w1) + b1)
    z2 = sigmoid(np.dot(z1, w2) + b2)
    y = identity_function(np.dot(z2, w3) + b3)
    np.testing.assert_allclose(y, [0.31682708, 0.69627909], atol=5e-9)


def test_sum_squared_error_book_values():
    assert sum_squared_error(Y_GOOD, T) == pytest.approx(0.097500000000000031, abs=1e-15)
    assert sum_squared_error(Y_BAD, T) == pytest.approx(0.59750000000000003, abs=1e-15)
    assert mean_squared_error(Y_GOOD, T) == sum_squared_error(Y_GOOD, T)


def test_cross_entropy_error_book_values_one_hot_labels_and_batches():
    assert cross_entropy_error(Y_GOOD, T) == pytest.approx(0.51082545709933802, abs=1e-12)
    assert cross_entropy_error(Y_BAD, T) == pytest.approx(2.3025840929945458, abs=1e-12)
    assert cross_entropy_error(Y_GOOD, 2) == pytest.approx(0.51082545709933802, abs=1e-12)
    batch = np.stack([Y_GOOD, Y_BAD])
    mean = (0.51082545709933802 + 2.3025840929945458) / 2
    assert cross_entropy_error(batch, np.stack([T, T])) == pytest.approx(mean, abs=1e-12)
    assert cross_entropy_error(batch, np.array([2, 2])) == pytest.approx(mean, abs=1e-12)


def test_softmax_loss_is_cross_entropy_of_softmax():
    x = np.array([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]])
    expected = -(np.log(0.73659691 + 1e-7) + np.log(1 / 3 + 1e-7)) / 2  # the book adds 1e-7
    assert softmax_loss(x, np.array([2, 0])) == pytest.approx(expected, rel=1e-7)


def test_sigmoid_grad_and_relu_grad():
    x = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    numerical = numerical_gradient(lambda a: float(np.sum(sigmoid(a))), x.copy())
    np.testing.assert_allclose(sigmoid_grad(x), numerical, rtol=1e-8)
    assert sigmoid_grad(0.0) == 0.25
    assert relu_grad(x).tolist() == [0.0, 0.0, 1.0, 1.0, 1.0]
    assert relu_grad(np.array([[-1, 2]])).tolist() == [[0.0, 1.0]]


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


def test_numerical_diff_book_values():
    assert numerical_diff(function_1, 5) == pytest.approx(0.1999999999990898, abs=1e-13)
    assert numerical_diff(function_1, 10) == pytest.approx(0.2999999999986347, abs=1e-13)


@pytest.mark.parametrize(
    ("point", "expected"),
    [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)), ((3.0, 0.0), (6.0, 0.0))],
)
def test_numerical_gradient_book_values(point, expected):
    np.testing.assert_allclose(numerical_gradient(function_2, np.array(point)), expected, atol=1e-6)


def test_numerical_gradient_2d_over_rows_of_points():
    def f(x):  # gradient_2d.py's function_2: one value per point of a batch
        return np.sum(x**2) if x.ndim == 1 else np.sum(x**2, axis=1)

    points = np.array([[3.0, 4.0], [0.0, 2.0], [-1.5, 0.25]])
    expected = [[6.0, 8.0], [0.0, 4.0], [-3.0, 0.5]]
    np.testing.assert_allclose(numerical_gradient_2d(f, points), expected, atol=1e-6)
    np.testing.assert_allclose(numerical_gradient(f, points), expected, atol=1e-6)
    assert points.tolist() == [[3.0, 4.0], [0.0, 2.0], [-1.5, 0.25]]


def test_gradient_descent_book_runs():
    init_x = np.array([-3.0, 4.0])
    x, history = gradient_descent(function_2, init_x, lr=0.1, step_num=100)
    np.testing.assert_allclose(x, [-6.11110793e-10, 8.14814391e-10], rtol=1e-6)
    assert history.shape == (100, 2)
    assert history[0].tolist() == [-3.0, 4.0]
    np.testing.assert_allclose(history[1], [-2.4, 3.2], rtol=1e-9)  # one step of lr * 2x
    assert init_x.tolist() == [-3.0, 4.0]
    big, _ = gradient_descent(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100)
    np.testing.assert_allclose(big, [-2.58983747e13, -1.29524862e12], rtol=1e-6)
    small, _ = gradient_descent(function_2, np.array([-3.0, 4.0]), lr=1e-10, step_num=100)
    np.testing.assert_allclose(small, [-2.99999994, 3.99999992], rtol=1e-8)
