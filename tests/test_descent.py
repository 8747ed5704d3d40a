"""nncore.descent.gradient_descent against the book's numbers (section 4.4.1)."""

from __future__ import annotations

import warnings

import numpy as np

from nncore.descent import gradient_descent


def function_2(x):
    return np.sum(x**2)


def test_book_run_ends_next_to_the_minimum():
    init = np.array([-3.0, 4.0])
    path = gradient_descent(function_2, init, lr=0.1, step_num=100)
    assert path.shape == (101, 2)
    np.testing.assert_array_equal(path[0], [-3.0, 4.0])
    np.testing.assert_allclose(path[-1], [-6.11110793e-10, 8.14814391e-10], rtol=1e-6)
    np.testing.assert_array_equal(init, [-3.0, 4.0])  # the start is not changed


def test_too_large_a_rate_diverges_as_in_the_book():
    path = gradient_descent(function_2, [-3.0, 4.0], lr=10.0, step_num=100)
    np.testing.assert_allclose(path[-1], [-2.58983747e13, -1.29524862e12], rtol=1e-6)


def test_too_small_a_rate_barely_moves():
    path = gradient_descent(function_2, [-3.0, 4.0], lr=1e-10, step_num=100)
    np.testing.assert_allclose(path[-1], [-2.99999994, 3.99999992], rtol=1e-8)


def test_every_step_is_one_gradient_step():
    path = gradient_descent(function_2, [1.0, -2.0], lr=0.25, step_num=3)
    np.testing.assert_allclose(path, [[1, -2], [0.5, -1], [0.25, -0.5], [0.125, -0.25]])


def test_overflow_gives_inf_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = gradient_descent(function_2, [1.0, 1.0], lr=1e300, step_num=3)
    assert not np.all(np.isfinite(path[-1]))
