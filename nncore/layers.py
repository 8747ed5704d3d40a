"""Layers with ``forward(x)`` / ``backward(dout)``, after the book's ``common/layers.py``.

Shapes: ``x`` is ``(N, D_in)``; ``forward`` returns ``(N, D_out)``; ``backward``
takes the upstream gradient of the same shape as the forward output and returns
the gradient with respect to ``x``. ``backward`` never writes into ``dout``.
"""

from __future__ import annotations

import numpy as np

from nncore.functions import binary_cross_entropy, cross_entropy_error, sigmoid, softmax


class Affine:
    """``out = x @ W + b``; ``W``: ``(D_in, D_out)``, ``b``: ``(D_out,)``."""

    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        self.W = W
        self.b = b
        self.x: np.ndarray | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        out = x @ self.W
        out += self.b  # in place: one (N, D_out) temporary fewer per layer and step
        return out

    def backward(self, dout: np.ndarray, need_dx: bool = True) -> np.ndarray | None:
        """Sets ``dW`` and ``db``; returns ``dx``, or None when ``need_dx`` is False (the
        first layer's input gradient is never used, and it costs a full matrix product)."""
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T if need_dx else None


class Sigmoid:
    def __init__(self) -> None:
        self.out: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * (1.0 - self.out) * self.out


class Relu:
    def __init__(self) -> None:
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.mask = x <= 0
        return np.where(self.mask, 0, x).astype(x.dtype, copy=False)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return np.where(self.mask, 0, dout).astype(dout.dtype, copy=False)


class LeakyRelu:
    def __init__(self, alpha: float = 0.01) -> None:
        self.alpha = alpha
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.mask = x <= 0
        return np.where(self.mask, self.alpha * x, x).astype(x.dtype, copy=False)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return np.where(self.mask, self.alpha * dout, dout).astype(dout.dtype, copy=False)


class Tanh:
    def __init__(self) -> None:
        self.out: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * (1.0 - self.out**2)


def _class_indices(t: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Integer labels ``(N,)`` from labels or one-hot ``(N, C)``."""
    t = np.asarray(t)
    if t.shape == shape:
        return t.argmax(axis=1)
    return t.astype(np.intp).reshape(shape[0])


class SoftmaxWithLoss:
    """Softmax followed by cross-entropy; ``backward`` is ``(y - t) / N``.

    ``t``: integer labels ``(N,)`` or one-hot ``(N, C)``.
    """

    def __init__(self) -> None:
        self.y: np.ndarray | None = None
        self.labels: np.ndarray | None = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        self.y = softmax(x)
        self.labels = _class_indices(t, self.y.shape)
        return float(cross_entropy_error(self.y, self.labels))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        n = self.y.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.labels] -= 1
        return dx * (dout / n)


class SigmoidWithLoss:
    """Sigmoid followed by binary cross-entropy; ``backward`` is ``(y - t) / N``.

    ``x``, ``t``: shape ``(N, K)`` (K independent yes/no outputs); ``t`` may be ``(N,)`` when K = 1.
    """

    def __init__(self) -> None:
        self.y: np.ndarray | None = None
        self.t: np.ndarray | None = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        self.y = sigmoid(x)
        self.t = np.asarray(t, dtype=self.y.dtype).reshape(self.y.shape)
        return float(binary_cross_entropy(self.y, self.t))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        return (self.y - self.t) * (dout / self.y.shape[0])


ACTIVATIONS = {"sigmoid": Sigmoid, "relu": Relu, "leaky_relu": LeakyRelu, "tanh": Tanh}
OUTPUTS = {"softmax": SoftmaxWithLoss, "sigmoid": SigmoidWithLoss}

__all__ = [
    "ACTIVATIONS",
    "OUTPUTS",
    "Affine",
    "LeakyRelu",
    "Relu",
    "Sigmoid",
    "SigmoidWithLoss",
    "SoftmaxWithLoss",
    "Tanh",
]
