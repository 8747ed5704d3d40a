"""Numerical differentiation by central differences (chapter 4)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference ``(f(x + h) - f(x - h)) / 2h``: error O(h²) instead of O(h)."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4):
    """Gradient of scalar ``f`` at array ``x`` (any shape), one entry at a time.

    ``f`` is called with ``x`` itself, perturbed in place, so that ``f`` may close
    over the array (as the book's ``lambda W: net.loss(x, t)`` does). Each entry is
    set to ``float(x) ± h`` computed in float64, as the book does, and written back
    exactly as it was, even when ``f`` raises. Pass float64 arrays: float32 rounds
    ``h = 1e-4`` away. Returns a float64 array shaped like ``x``.
    """
    if not isinstance(x, np.ndarray):
        raise TypeError("numerical_gradient needs a NumPy array it can perturb in place")
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        try:
            x[idx] = float(original) + h
            f_plus = float(f(x))
            x[idx] = float(original) - h
            f_minus = float(f(x))
        finally:
            x[idx] = original
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
