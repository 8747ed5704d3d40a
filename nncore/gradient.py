"""Numerical differentiation by central differences (chapter 4)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference ``(f(x + h) - f(x - h)) / 2h``: error O(h²) instead of O(h)."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4):
    """Gradient of scalar ``f`` at float array ``x`` (any shape), one entry at a time.

    ``f`` is called with ``x`` itself, perturbed in place, so that ``f`` may close
    over the array (as the book's ``lambda W: net.loss(x, t)`` does). Each entry is
    set to ``float(x) ± h`` computed in float64, as the book does, and written back
    exactly as it was, even when ``f`` raises. Returns an array of ``x``'s shape and
    dtype, as the book's ``np.zeros_like(x)`` does; float32 keeps only about three
    digits of ``h = 1e-4``, so pass float64 for precise gradients.

    When ``x`` is a 2-D array of points ``(N, D)`` and ``f`` returns one value per row
    ``(N,)`` (the book's ``function_2`` on a batch), the gradient is taken row by row,
    as in ``numerical_gradient_rows``.
    """
    if not isinstance(x, np.ndarray):
        raise TypeError("numerical_gradient needs a NumPy array it can perturb in place")
    if not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"numerical_gradient needs a float array, not {x.dtype}: x ± h would round "
            "back to x (write np.array([3.0, 4.0]), not np.array([3, 4]))"
        )
    grad = np.zeros(x.shape, dtype=x.dtype)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        try:
            x[idx] = float(original) + h
            f_plus = np.asarray(f(x))
            x[idx] = float(original) - h
            f_minus = np.asarray(f(x))
        finally:
            x[idx] = original
        if f_plus.size != 1:
            if x.ndim == 2 and f_plus.shape == (len(x),):
                return numerical_gradient_rows(f, x, h)
            raise ValueError(
                f"numerical_gradient needs f to return one number; it returned shape "
                f"{f_plus.shape} for x of shape {x.shape}"
            )
        grad[idx] = (float(f_plus.reshape(())) - float(f_minus.reshape(()))) / (2 * h)
    return grad


def numerical_gradient_rows(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4):
    """Row-wise gradients of ``f`` at each of the points ``x[i]`` (the book's
    ``numerical_gradient_2d``, which ``gradient_2d.py`` uses to draw arrows).

    ``x``: ``(N, D)``, or ``(D,)`` for a single point; ``f`` takes one point ``(D,)``
    and returns a number. Returns ``x``'s shape and dtype; ``x`` is restored exactly.
    """
    if not isinstance(x, np.ndarray) or x.ndim != 2:
        return numerical_gradient(f, x, h)
    grad = np.zeros(x.shape, dtype=x.dtype)
    for i, point in enumerate(x):  # a view: perturbing it perturbs x
        grad[i] = numerical_gradient(f, point, h)
    return grad
