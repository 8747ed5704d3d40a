"""Gradient descent on a function of an array (the book's ``gradient_descent``, chapter 4)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nncore.gradient import numerical_gradient


def gradient_descent(
    f: Callable[[np.ndarray], float], init_x, lr: float = 0.01, step_num: int = 100
) -> np.ndarray:
    """Take ``step_num`` steps ``x -= lr * grad f(x)`` from ``init_x``, with the gradient
    from ``numerical_gradient`` (central differences, h = 1e-4), as the book does.

    ``init_x``: any shape ``S``; it is copied to float64, never changed.
    Returns the whole path, shape ``(step_num + 1, *S)``: the start, then every step,
    so ``path[-1]`` is the book's return value. Overflow (a too-large ``lr``) gives inf
    or nan entries rather than warnings.
    """
    x = np.array(init_x, dtype=np.float64)
    path = np.empty((step_num + 1, *x.shape))
    path[0] = x
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, step_num + 1):
            x -= lr * numerical_gradient(f, x)
            path[step] = x
    return path
