"""Numerical differentiation (chapter 4) against the book's printed numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.gradient import numerical_diff, numerical_gradient


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return np.sum(x**2)


def test_numerical_diff_book_values():
    # The book prints these exact outputs for h = 1e-4.
    assert numerical_diff(function_1, 5) == pytest.approx(0.1999999999990898, abs=1e-12)
    assert numerical_diff(function_1, 10) == pytest.approx(0.2999999999986347, abs=1e-12)
    # ... and the true derivatives 0.02x + 0.1 are 0.2 and 0.3.
    assert numerical_diff(function_1, 5) == pytest.approx(0.2, abs=1e-9)
    assert numerical_diff(function_1, 10) == pytest.approx(0.3, abs=1e-9)


def test_numerical_diff_is_central():
    # For a cubic the central difference error is exactly h²; a forward difference
    # would be off by about 3h = 3e-4.
    h = 1e-3
    assert numerical_diff(lambda x: x**3, 1.0, h) == pytest.approx(3.0 + h**2, abs=1e-9)


@pytest.mark.parametrize(
    ("point", "expected"),
    [((3.0, 4.0), (6.0, 8.0)), ((0.0, 2.0), (0.0, 4.0)), ((3.0, 0.0), (6.0, 0.0))],
)
def test_numerical_gradient_book_values(point, expected):
    x = np.array(point)
    grad = numerical_gradient(function_2, x)
    np.testing.assert_allclose(grad, expected, rtol=0, atol=1e-6)
    assert grad.shape == (2,)
    assert grad.dtype == np.float64
    assert x.tolist() == list(point)


def test_numerical_gradient_2d():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 4))
    before = x.copy()
    weights = rng.normal(size=(3, 4))
    grad = numerical_gradient(lambda a: np.sum(weights * a**2) + a[1, 2] ** 3, x)
    expected = 2 * weights * before
    expected[1, 2] += 3 * before[1, 2] ** 2
    np.testing.assert_allclose(grad, expected, rtol=1e-7, atol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_3d():
    x = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 10
    before = x.copy()
    grad = numerical_gradient(lambda a: np.sum(np.sin(a)), x)
    assert grad.shape == (2, 3, 4)
    np.testing.assert_allclose(grad, np.cos(before), rtol=0, atol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_restores_exact_bytes():
    # Values for which x + h - h != x in floating point.
    x = np.array([[0.1, 1e-20, 123456.789], [np.pi, -7.3e5, 1 / 3]])
    raw = x.tobytes()
    numerical_gradient(function_2, x)
    assert x.tobytes() == raw


def test_numerical_gradient_restores_array_when_f_raises():
    x = np.array([[0.1, 0.2, 0.3], [1 / 3, np.e, -np.pi]])
    raw = x.tobytes()
    calls = {"n": 0}

    def f(a):
        calls["n"] += 1
        if calls["n"] == 4:  # second entry, the "- h" evaluation
            raise RuntimeError("boom")
        return float(np.sum(a))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    assert calls["n"] == 4
    assert x.tobytes() == raw


def test_numerical_gradient_f_sees_the_perturbed_array():
    # f may ignore its argument and close over the array, as the book's lambda W: does.
    x = np.array([1.0, 2.0])
    grad = numerical_gradient(lambda _: float(x[0] * x[1]), x)
    np.testing.assert_allclose(grad, [2.0, 1.0], atol=1e-8)


def test_numerical_gradient_rejects_non_arrays():
    with pytest.raises(TypeError):
        numerical_gradient(function_2, [3.0, 4.0])
