"""The book's ``common/gradient.py`` and chapter 4's ``gradient_descent``, on nncore."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nncore.descent import gradient_descent as _descent_path
from nncore.gradient import numerical_diff, numerical_gradient
from nncore.gradient import numerical_gradient_rows as numerical_gradient_2d


def gradient_descent(
    f: Callable[[np.ndarray], float], init_x, lr: float = 0.01, step_num: int = 100
) -> tuple[np.ndarray, np.ndarray]:
    """``step_num`` steps ``x -= lr * numerical_gradient(f, x)`` from ``init_x``.

    Returns the book's ``(x, x_history)``: the final point, shape ``S`` like ``init_x``,
    and the points before each step, ``(step_num, *S)`` (the start first, the final
    point not included). Unlike the book's, ``init_x`` itself is left unchanged.
    """
    path = _descent_path(f, init_x, lr, step_num)
    return path[-1].copy(), path[:-1]


__all__ = ["gradient_descent", "numerical_diff", "numerical_gradient", "numerical_gradient_2d"]
