"""Layers with ``forward(x)`` / ``backward(dout)``, after the book's ``common/layers.py``.

Shapes: ``x`` is ``(N, D_in)`` (``Affine`` also takes ``(N, d1, d2, ...)``, flattened to
``(N, d1 * d2 * ...)``); ``forward`` returns ``(N, D_out)``; ``backward`` takes the upstream
gradient of the same shape as the forward output and returns the gradient with respect to
``x``, in ``x``'s shape. ``backward`` never writes into ``dout``.
"""

from __future__ import annotations

import numpy as np

from nncore.functions import DELTA, binary_cross_entropy, cross_entropy_error, sigmoid, softmax


class Affine:
    """``out = x @ W + b``; ``W``: ``(D_in, D_out)``, ``b``: ``(D_out,)``.

    ``x`` of more than two dimensions, ``(N, d1, d2, ...)`` with ``d1 * d2 * ... = D_in``
    (images kept as ``(N, 1, 28, 28)``), is flattened to ``(N, D_in)`` as the book does;
    ``self.x`` holds the flattened input and ``original_x_shape`` the shape ``dx`` takes.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray) -> None:
        self.W = W
        self.b = b
        self.x: np.ndarray | None = None
        self.original_x_shape: tuple[int, ...] | None = None
        self.dW: np.ndarray | None = None
        self.db: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.original_x_shape = x.shape
        if x.ndim > 2:
            x = x.reshape(len(x), -1)
        self.x = x
        out = x @ self.W
        out += self.b  # in place: one (N, D_out) temporary fewer per layer and step
        return out

    def backward(self, dout: np.ndarray, need_dx: bool = True) -> np.ndarray | None:
        """Sets ``dW`` and ``db``; returns ``dx``, or None when ``need_dx`` is False (the
        first layer's input gradient is never used, and it costs a full matrix product)."""
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        if not need_dx:
            return None
        return (dout @ self.W.T).reshape(self.original_x_shape)


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


class SoftmaxWithLoss:
    """Softmax followed by cross-entropy; ``backward`` is ``(y - t) / N``.

    ``t``: integer labels ``(N,)``, or one target distribution per row ``(N, C)``: one-hot,
    or soft such as ``[0.1, 0.1, 0.8]``. Rows give the loss ``-sum(t * log(y + delta)) / N``,
    whose gradient is ``(y - t) / N`` (up to the delta) for any rows summing to 1; taking
    the argmax of soft rows instead would make backward the gradient of another loss.
    """

    def __init__(self) -> None:
        self.y: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.target: np.ndarray | None = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        self.y = softmax(x)
        t = np.asarray(t)
        if t.shape == self.y.shape:
            # In y's dtype: float64 one-hot rows would make a float32 network's grads float64.
            self.target, self.labels = t.astype(self.y.dtype, copy=False), None
            return float(-np.sum(self.target * np.log(self.y + DELTA)) / len(self.y))
        self.target, self.labels = None, t.astype(np.intp).reshape(len(self.y))
        return float(cross_entropy_error(self.y, self.labels))

    def backward(self, dout: float = 1.0) -> np.ndarray:
        n = self.y.shape[0]
        if self.labels is None:
            return (self.y - self.target) * (dout / n)
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
