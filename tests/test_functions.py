"""Activation and loss functions against hand-computed values and the book's examples."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from nncore.functions import (
    DELTA,
    binary_cross_entropy,
    cross_entropy_error,
    identity_function,
    leaky_relu,
    relu,
    sigmoid,
    softmax,
    step_function,
    sum_squares_error,
    tanh,
)

# The book's two example predictions for a "2" (section 4.2.1).
T_TWO = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=np.float64)
Y_GOOD = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_BAD = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


# --- step_function ---------------------------------------------------------------------


def test_step_function_values_and_int_dtype():
    out = step_function(np.array([-1.0, 0.0, 1.0, 2.5, -0.0001]))
    assert out.tolist() == [0, 0, 1, 1, 0]
    assert np.issubdtype(out.dtype, np.integer)


def test_step_function_scalar_and_batch():
    assert int(step_function(3.0)) == 1
    assert int(step_function(-3.0)) == 0
    batch = step_function(np.array([[0.5, -0.5], [0.0, 7.0]]))
    assert batch.shape == (2, 2)
    assert batch.tolist() == [[1, 0], [0, 1]]
    assert np.issubdtype(batch.dtype, np.integer)


# --- sigmoid ---------------------------------------------------------------------------


def test_sigmoid_of_zero_is_one_half():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(np.array([0.0]))[0] == 0.5


def test_sigmoid_known_values():
    x = np.array([-1.0, 1.0, 2.0, -3.0, 10.0])
    expected = [
        1 / (1 + math.exp(1.0)),
        1 / (1 + math.exp(-1.0)),
        0.8807970779778823,
        0.04742587317756678,
        0.9999546021312976,
    ]
    np.testing.assert_allclose(sigmoid(x), expected, rtol=1e-15, atol=0)
    # The book's example: sigmoid([-1, 1, 2]) = [0.26894142, 0.73105858, 0.88079708].
    np.testing.assert_allclose(
        sigmoid(np.array([-1.0, 1.0, 2.0])), [0.26894142, 0.73105858, 0.88079708], atol=1e-8
    )


def test_sigmoid_symmetry():
    x = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0, rtol=0, atol=1e-15)


def test_sigmoid_large_magnitudes_do_not_overflow():
    x = np.array([-1000.0, -745.0, 1000.0])
    # Underflow of exp(-1000) to 0 is the right answer, so only overflow, invalid and
    # divide-by-zero are errors here (NumPy ignores underflow by default too).
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            out = sigmoid(x)
    assert out[0] == 0.0
    assert 0.0 <= out[1] < 1e-300
    assert out[2] == 1.0
    assert np.all(np.isfinite(out))


def test_sigmoid_keeps_float32_and_converts_ints():
    assert sigmoid(np.zeros(3, dtype=np.float32)).dtype == np.float32
    out = sigmoid(np.array([0, 1]))
    assert out.dtype == np.float64
    assert out[0] == 0.5


# --- relu / leaky_relu / tanh / identity -----------------------------------------------


def test_relu_values():
    x = np.array([[-2.0, -0.0, 0.0], [0.5, 3.0, -1e-9]])
    assert relu(x).tolist() == [[0.0, 0.0, 0.0], [0.5, 3.0, 0.0]]


def test_leaky_relu_values():
    x = np.array([-2.0, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(leaky_relu(x), [-0.02, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(leaky_relu(x, alpha=0.2), [-0.4, 0.0, 0.5, 3.0])


def test_tanh_values():
    x = np.array([-1.0, 0.0, 0.5, 20.0])
    np.testing.assert_allclose(
        tanh(x), [-0.7615941559557649, 0.0, 0.46211715726000974, 1.0], rtol=1e-15
    )


def test_identity_returns_its_input():
    x = np.array([[1.0, -2.0], [3.0, 4.0]])
    assert identity_function(x) is x
    assert identity_function(2.5) == 2.5


# --- softmax ---------------------------------------------------------------------------


def test_softmax_book_example():
    np.testing.assert_allclose(
        softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691], atol=1e-8
    )


def test_softmax_large_inputs_no_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            big = softmax(np.array([1000.0, 1010.0, 990.0]))
    assert not np.any(np.isnan(big))
    np.testing.assert_allclose(big, softmax(np.array([10.0, 20.0, 0.0])), rtol=1e-14)
    # By hand: exp(-10)/(1+exp(-10)+exp(-20)), ...
    denom = 1 + math.exp(-10) + math.exp(-20)
    np.testing.assert_allclose(
        big, [math.exp(-10) / denom, 1 / denom, math.exp(-20) / denom], rtol=1e-14
    )


def test_softmax_row_wise_on_batches():
    x = np.array([[0.3, 2.9, 4.0], [1000.0, 1010.0, 990.0], [0.0, 0.0, 0.0]])
    out = softmax(x)
    assert out.shape == (3, 3)
    for i in range(3):
        np.testing.assert_allclose(out[i], softmax(x[i]), rtol=1e-15)
    np.testing.assert_allclose(out[2], [1 / 3] * 3, rtol=1e-15)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=0, atol=1e-15)


def test_softmax_sums_to_one_random():
    rng = np.random.default_rng(0)
    x = rng.normal(scale=20, size=(50, 7))
    np.testing.assert_allclose(softmax(x).sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(softmax(x) >= 0)


def test_softmax_preserves_order():
    x = np.array([0.1, -3.0, 5.0, 2.0])
    assert np.argsort(softmax(x)).tolist() == np.argsort(x).tolist()


# --- sum_squares_error -----------------------------------------------------------------


def test_sum_squares_error_book_examples():
    assert sum_squares_error(Y_GOOD, T_TWO) == pytest.approx(0.0975, abs=1e-15)
    assert sum_squares_error(Y_BAD, T_TWO) == pytest.approx(0.5975, abs=1e-15)


def test_sum_squares_error_by_hand():
    assert sum_squares_error(np.array([1.0, 2.0]), np.array([0.0, 0.0])) == 2.5
    assert sum_squares_error([[1.0], [3.0]], [[0.0], [1.0]]) == 2.5


# --- cross_entropy_error ---------------------------------------------------------------


def test_cross_entropy_error_book_examples():
    assert cross_entropy_error(Y_GOOD, T_TWO) == pytest.approx(0.510825457099338, abs=1e-12)
    assert cross_entropy_error(Y_BAD, T_TWO) == pytest.approx(2.302584092994546, abs=1e-12)


def test_cross_entropy_one_hot_equals_integer_labels():
    assert cross_entropy_error(Y_GOOD, 2) == cross_entropy_error(Y_GOOD, T_TWO)
    assert cross_entropy_error(Y_BAD, np.array(2)) == cross_entropy_error(Y_BAD, T_TWO)
    y = np.stack([Y_GOOD, Y_BAD, Y_GOOD[::-1]])
    labels = np.array([2, 7, 0])
    one_hot = np.eye(10)[labels]
    assert cross_entropy_error(y, labels) == cross_entropy_error(y, one_hot)


def test_cross_entropy_batch_is_the_mean():
    y = np.stack([Y_GOOD, Y_BAD])
    t = np.stack([T_TWO, T_TWO])
    expected = (-math.log(0.6 + DELTA) - math.log(0.1 + DELTA)) / 2
    assert cross_entropy_error(y, t) == pytest.approx(expected, rel=1e-14)
    assert cross_entropy_error(y, np.array([2, 2])) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_delta_keeps_zero_probability_finite():
    y = np.array([1.0, 0.0, 0.0])
    with np.errstate(all="raise"):
        loss = cross_entropy_error(y, 1)
    assert math.isfinite(loss)
    assert loss == pytest.approx(-math.log(1e-7), rel=1e-12)
    assert DELTA == 1e-7


# --- binary_cross_entropy --------------------------------------------------------------


def test_binary_cross_entropy_by_hand():
    y = np.array([0.9, 0.2, 0.6])
    t = np.array([1.0, 0.0, 1.0])
    expected = -(math.log(0.9 + DELTA) + math.log(0.8 + DELTA) + math.log(0.6 + DELTA)) / 3
    assert binary_cross_entropy(y, t) == pytest.approx(expected, rel=1e-14)


def test_binary_cross_entropy_mean_over_samples_sum_over_outputs():
    y = np.array([[0.9, 0.5], [0.2, 0.5]])
    t = np.array([[1.0, 0.0], [0.0, 1.0]])
    per_sample = [
        -math.log(0.9 + DELTA) - math.log(0.5 + DELTA),
        -math.log(0.8 + DELTA) - math.log(0.5 + DELTA),
    ]
    assert binary_cross_entropy(y, t) == pytest.approx(sum(per_sample) / 2, rel=1e-14)


def test_binary_cross_entropy_extremes_are_finite():
    with np.errstate(all="raise"):
        perfect = binary_cross_entropy(np.array([1.0, 0.0]), np.array([1.0, 0.0]))
        wrong = binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert perfect == pytest.approx(-math.log(1 + DELTA), abs=1e-15)
    assert math.isfinite(wrong)
    assert wrong == pytest.approx(-math.log(DELTA), rel=1e-9)
