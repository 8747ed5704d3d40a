"""The book's logic-gate recipe as readers type it, independent of nncore: the reference
that nnlab's gate training and ``nnlab train gate`` must match bit for bit."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
TARGETS = {
    "and": np.array([0.0, 0.0, 0.0, 1.0]),
    "or": np.array([0.0, 1.0, 1.0, 1.0]),
    "nand": np.array([1.0, 1.0, 1.0, 0.0]),
    "xor": np.array([0.0, 1.0, 1.0, 0.0]),
}


def book_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def book_gate_epochs(
    gate: str, epochs: int = 1000, lr: float = 0.1, seed: int = 1, h: float = 1e-5
) -> Iterator[tuple[int, np.ndarray, np.ndarray, float, float]]:
    """Yield ``(epoch, W, b, loss before the update, loss after it)`` for each epoch.

    ``W`` ``(2,)`` and ``b`` ``(1,)`` are the live arrays, updated in place.
    """
    t = TARGETS[gate]
    rng = np.random.RandomState(seed)
    W = rng.randn(2)
    b = rng.rand(1)

    def f():
        y = book_sigmoid(X @ W + b)
        return 0.5 * np.sum(-t * np.log(y) - (1 - t) * np.log(1 - y))

    def grad(p):
        g = np.zeros_like(p)
        for i in range(p.size):
            tmp = p[i]
            p[i] = tmp + h
            f_plus = f()
            p[i] = tmp - h
            f_minus = f()
            g[i] = (f_plus - f_minus) / (2 * h)
            p[i] = tmp
        return g

    for epoch in range(epochs):
        before = float(f())
        gW, gb = grad(W), grad(b)
        W -= lr * gW
        b -= lr * gb
        yield epoch, W, b, before, float(f())
