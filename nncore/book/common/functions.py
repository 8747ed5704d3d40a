"""The book's ``common/functions.py``: activations and losses, on ``nncore.functions``.

Every function takes a scalar, a vector ``(C,)`` or a batch ``(N, C)``.
"""

from __future__ import annotations

import numpy as np

from nncore.functions import (
    cross_entropy_error,
    identity_function,
    relu,
    sigmoid,
    softmax,
    step_function,
    sum_squares_error,
)

#: The book's spelling; ``sum_squares_error`` is nncore's name for the same ``0.5 * sum``.
sum_squared_error = sum_squares_error
#: The name the book's repository gives the same sum of squares (it is not a mean).
mean_squared_error = sum_squares_error


def sigmoid_grad(x):
    """Derivative of the sigmoid, ``(1 - sigmoid(x)) * sigmoid(x)``, shaped like ``x``."""
    y = sigmoid(x)
    return (1.0 - y) * y


def relu_grad(x):
    """Derivative of ReLU: 1.0 where ``x >= 0`` (the book counts 0 as on), else 0.0.

    The book's listing calls ``np.zeros(x)``, which fails for any array; this returns
    what it meant, floats shaped like ``x``.
    """
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    return (x >= 0).astype(dtype)


def softmax_loss(X, t):
    """``cross_entropy_error(softmax(X), t)``: ``X`` scores ``(N, C)`` or ``(C,)``; ``t``
    one-hot or labels."""
    return cross_entropy_error(softmax(X), t)


__all__ = [
    "cross_entropy_error",
    "identity_function",
    "mean_squared_error",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "softmax_loss",
    "step_function",
    "sum_squared_error",
]
