"""Activation and loss functions, with the book's names.

Every function accepts a scalar, a vector or a batch; for batches the last axis
holds the classes (or units) and the first axis the samples.
"""

from __future__ import annotations

import numpy as np

#: Added inside logs so a predicted probability of exactly 0 gives a large
#: finite loss instead of ``inf`` (the book's ``delta``).
DELTA = 1e-7


def step_function(x):
    """1 where ``x > 0``, else 0, as ``int`` (``np.int`` was removed from NumPy)."""
    return np.asarray(np.asarray(x) > 0, dtype=int)


def sigmoid(x):
    """``1 / (1 + exp(-x))``, the book's form, so results match the book bit for bit.

    For large negative ``x``, ``exp(-x)`` overflows to inf and the result is exactly 0,
    which is the correct limit; the overflow warning is silenced.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def leaky_relu(x, alpha: float = 0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * x)


def tanh(x):
    return np.tanh(x)


def identity_function(x):
    return x


def softmax(x):
    """Row-wise softmax over the last axis; shifting by the max keeps ``exp`` finite.

    ``x``: shape ``(..., C)``. Returns the same shape, each row summing to 1.
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def sum_squares_error(y, t):
    """The book's ``0.5 * sum((y - t) ** 2)`` (summed over everything, not averaged)."""
    y, t = np.asarray(y), np.asarray(t)
    return 0.5 * np.sum((y - t) ** 2)


def _as_batch(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.ndim == 1 and t.size == y.size else t.reshape(1)
    return y, t


def cross_entropy_error(y, t):
    """Mean cross-entropy over the batch: ``-sum(t * log(y + delta)) / N``.

    ``y``: probabilities, shape ``(C,)`` or ``(N, C)``.
    ``t``: one-hot of the same shape, or integer labels of shape ``()``/``(N,)``.
    """
    y, t = _as_batch(y, t)
    n = y.shape[0]
    if t.size == y.size:
        t = t.reshape(y.shape).argmax(axis=1)
    t = t.astype(int).reshape(n)
    return -np.sum(np.log(y[np.arange(n), t] + DELTA)) / n


def binary_cross_entropy(y, t):
    """Mean of ``-(t log y + (1 - t) log(1 - y))`` over the samples, with the book's delta.

    ``y``, ``t``: the same shape, ``(N,)`` or ``(N, K)`` for K independent outputs;
    the mean is over the first axis and the sum over the rest.
    """
    y, t = np.asarray(y), np.asarray(t)
    per = -(t * np.log(y + DELTA) + (1 - t) * np.log(1 - y + DELTA))
    n = y.shape[0] if y.ndim else 1
    return np.sum(per) / n
