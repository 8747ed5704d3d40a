"""The MLP's forward and backward pass written into preallocated buffers.

The same arithmetic as chaining ``Affine``, the activation layers and ``SoftmaxWithLoss``
from ``nncore.layers`` (those stay the readable, book-style version), operation for
operation, so the numbers agree to the bit but for the one step below. Yet every product
and activation is written with ``out=`` into arrays allocated once per batch size, the
activations work in place, and the softmax and its cross-entropy gradient overwrite the
output scores: a training step makes no temporaries the size of a batch or a weight matrix.

One step beyond the layers: when the first layer is wide enough (``_COMPACT_FROM``), its
two products (``x @ W1`` and ``x.T @ dout``) skip the input columns that are zero in
every row of the batch (a batch of 100 MNIST digits leaves about a third of the 784
pixels black): zero terms add nothing, so only the order of the sums and hence the last
bits change, and a third of the two largest products goes. For a wider first layer still,
``x @ W1`` is also summed from products over chunks of the pixels, which BLAS runs faster
(see ``_CHUNK``); again only the order of the sums changes.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nncore.functions import DELTA
from nncore.layers import LeakyRelu

_LEAKY_ALPHA = LeakyRelu().alpha
#: Drop zero input columns only when at most this fraction of them remains: gathering
#: the rest costs about a fifth of the products it saves.
_COMPACT_BELOW = 0.8
#: ... and only for a first layer of at least this many units: taking the kept columns
#: costs the same at any width, the products it shrinks grow with the width. With
#: single-threaded OpenBLAS at sgemm 74–82 GFLOP/s (2-core AMD EPYC), 784-50-10 trained
#: 6–15 % and 784-64-10 12 % faster per epoch without it, 784-100-10 even, 784-256-10
#: 10 % slower (interleaved A/Bs of 20–40 rounds).
_COMPACT_FROM = 100
#: The first layer's product sums partial products over at most this many input columns
#: once the layer has at least ``_CHUNK_FROM`` units. Single-threaded OpenBLAS at sgemm
#: 37–44 GFLOP/s computed ``x @ W1`` over all 784 (or the ~520 kept) pixels up to twice as
#: slowly per pixel as over 128 of them: 784-256-10 trained 28 % faster and 784-100-10
#: 10 %. At sgemm 74–82 GFLOP/s, 784-256-10 trains as fast either way and 784-100-10
#: 11–12 % slower with chunks (interleaved A/Bs of 20 rounds), so only the wider one chunks.
_CHUNK = 128
_CHUNK_FROM = 256


def activate(name: str, z: np.ndarray, mask: np.ndarray | None = None) -> None:
    """Apply activation ``name`` to ``z`` in place (``mask``: bool like ``z``, leaky ReLU)."""
    if name == "sigmoid":
        # 1 / (1 + exp(-z)), as nncore.functions.sigmoid; exp overflow is the right limit.
        np.negative(z, out=z)
        with np.errstate(over="ignore"):
            np.exp(z, out=z)
        z += 1.0
        np.divide(1.0, z, out=z)
    elif name == "relu":
        np.maximum(z, 0, out=z)
    elif name == "tanh":
        np.tanh(z, out=z)
    else:
        mask = np.less_equal(z, 0, out=mask)
        np.multiply(z, _LEAKY_ALPHA, out=z, where=mask)


def activation_backward(name: str, da: np.ndarray, a: np.ndarray, work: np.ndarray) -> None:
    """``da`` (gradient at the activation's output ``a``) becomes the gradient at its input.

    ``work``: a scratch array like ``a``, bool for ReLU and leaky ReLU.
    """
    if name == "sigmoid":  # da * (1 - a) * a, in the layer's order
        np.subtract(1.0, a, out=work)
        da *= work
        da *= a
    elif name == "relu":  # kept where the input was > 0, i.e. where the output is
        # A multiply by the mask: copyto(..., where=) takes five times as long.
        np.greater(a, 0, out=work)
        np.multiply(da, work, out=da)
    elif name == "tanh":  # da * (1 - a**2)
        np.multiply(a, a, out=work)
        np.subtract(1.0, work, out=work)
        da *= work
    else:
        np.less_equal(a, 0, out=work)
        np.multiply(da, _LEAKY_ALPHA, out=da, where=work)


def forward_scores(weights, biases, activation: str, x: np.ndarray) -> np.ndarray:
    """Output-layer scores ``(N, C)`` for ``x`` ``(N, D)``: fresh arrays, safe to call from
    any thread while another one trains."""
    a = x
    last = len(weights) - 1
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = a @ w
        z += b
        if i < last:
            activate(activation, z)
        a = z
    return a


class Workspace:
    """Every activation and gradient buffer one training step needs, for ``n`` rows.

    ``sizes``: layer widths, input first. ``out[i]``: layer ``i + 1``'s output (the last is
    the scores, then the softmax, then its gradient); ``grad[i]``: the gradient at hidden
    layer ``i + 1``'s output; ``work[i]``: the activation's scratch.
    """

    def __init__(self, sizes, n: int, activation: str, dtype) -> None:
        self.n = n
        self.activation = activation
        self.x = np.empty((n, sizes[0]), dtype)
        # The first layer's product on the batch's non-zero columns only (see the module).
        self.compact = sizes[1] >= _COMPACT_FROM
        self.col_bits = np.empty(sizes[0], np.dtype(f"u{np.dtype(dtype).itemsize}"))
        self.cols: np.ndarray | None = None
        self.x_cols = np.empty(n * sizes[0], dtype)
        self.w_rows = np.empty(sizes[0] * sizes[1], dtype)
        # Row 0 stays zero: every dropped column's row of dW1 is taken from it; the kept
        # rows follow it.
        self.dw_rows = np.zeros((sizes[0] + 1) * sizes[1], dtype)
        self.row_of = np.empty(sizes[0], np.intp)
        self.rows = np.arange(1, sizes[0] + 1)
        self.out = [np.empty((n, d), dtype) for d in sizes[1:]]
        self.chunk = _CHUNK if sizes[1] >= _CHUNK_FROM else None
        self.partial = np.empty((n, sizes[1]), dtype) if self.chunk else None
        self.grad = [np.empty((n, d), dtype) for d in sizes[1:-1]]
        scratch = bool if activation in ("relu", "leaky_relu") else dtype
        self.work = [np.empty((n, d), scratch) for d in sizes[1:-1]]
        self.row_max = np.empty((n, 1), dtype)
        self.label_at = np.arange(n, dtype=np.intp) * sizes[-1]  # flat index of row i, class 0
        self.picked = np.empty(n, np.intp)
        self.picked_y = np.empty(n, dtype)  # each row's softmax at its label
        self.p = np.empty(n, dtype)

    def input(self, x: np.ndarray) -> np.ndarray:
        """``x`` itself when it already has the network's dtype, else a converted copy."""
        if x.dtype == self.x.dtype:
            return x
        np.copyto(self.x, x, casting="unsafe")
        return self.x

    def _compact(self, x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """``(x[:, cols], w[cols])`` for the columns ``cols`` of ``x`` with a non-zero
        value, or None (``self.cols`` too) when too many are non-zero to be worth it."""
        self.cols = None
        if not self.compact or not x.flags.c_contiguous:
            return None
        # Any set bit, so -0.0 and nan count as non-zero: only exact zeros are dropped.
        np.bitwise_or.reduce(x.view(self.col_bits.dtype), axis=0, out=self.col_bits)
        cols = self.col_bits.nonzero()[0]
        k = len(cols)
        # No non-zero column at all (the XOR row (0, 0)) is left to the plain product:
        # a (0, C) slice has no shape NumPy can infer.
        if k == 0 or k > _COMPACT_BELOW * len(self.col_bits):
            return None
        self.cols = cols
        # mode="wrap" takes the same in-range columns as the default "raise" in half the time.
        x_cols = self.x_cols[: self.n * k].reshape(self.n, k)
        w_rows = self.w_rows[: k * w.shape[1]].reshape(k, -1)
        x.take(cols, axis=1, out=x_cols, mode="wrap")
        return x_cols, w.take(cols, axis=0, out=w_rows, mode="wrap")

    def _first_product(self, x: np.ndarray, w: np.ndarray, z: np.ndarray) -> None:
        """``z = x @ w`` for the first layer, whose inner dimension (the pixels) is long:
        in near-equal chunks of at most ``self.chunk`` columns (see ``_CHUNK``)."""
        k = x.shape[1]
        if not self.chunk or k <= self.chunk:
            np.matmul(x, w, out=z)
            return
        parts = -(-k // self.chunk)
        edges = [k * j // parts for j in range(parts + 1)]
        np.matmul(x[:, : edges[1]], w[: edges[1]], out=z)
        for start, stop in pairwise(edges[1:]):
            np.matmul(x[:, start:stop], w[start:stop], out=self.partial)
            z += self.partial

    def forward(self, weights, biases, x: np.ndarray) -> np.ndarray:
        """The scores ``(n, C)`` (in ``out[-1]``); hidden outputs stay for ``backward``."""
        a = x
        last = len(weights) - 1
        for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
            z = self.out[i]
            if i == 0:
                self._first_product(*(self._compact(x, w) or (x, w)), z)
            else:
                np.matmul(a, w, out=z)
            z += b
            if i < last:
                activate(self.activation, z, self.work[i])
            a = z
        return a

    def softmax_cross_entropy(self, labels: np.ndarray) -> float:
        """Softmax of the scores in place and the mean cross-entropy against ``labels``
        ``(n,)``; leaves the softmax in ``out[-1]``."""
        y = self.out[-1]
        np.maximum.reduce(y, axis=1, keepdims=True, out=self.row_max)
        y -= self.row_max
        np.exp(y, out=y)
        np.add.reduce(y, axis=1, keepdims=True, out=self.row_max)
        y /= self.row_max
        np.add(self.label_at, labels, out=self.picked, casting="unsafe")
        y.reshape(-1).take(self.picked, out=self.picked_y, mode="clip")
        p = np.add(self.picked_y, DELTA, out=self.p)
        np.log(p, out=p)
        return float(-np.add.reduce(p) / self.n)

    def softmax_cross_entropy_backward(self) -> np.ndarray:
        """``(y - t) / n`` in place of the softmax ``y`` (after ``softmax_cross_entropy``)."""
        y = self.out[-1]
        self.picked_y -= 1  # the label's own probability, as taken by the loss
        y.reshape(-1).put(self.picked, self.picked_y)
        y *= 1.0 / self.n
        return y

    def backward(self, weights, x: np.ndarray, dout: np.ndarray, dws, dbs) -> None:
        """Gradients into ``dws[i]``, ``dbs[i]`` from ``dout`` ``(n, C)`` at the scores."""
        for i in range(len(weights) - 1, -1, -1):
            below = self.out[i - 1] if i else x
            if i == 0 and self.cols is not None:
                k = len(self.cols)
                x_cols = self.x_cols[: self.n * k].reshape(self.n, k)
                dw_rows = self.dw_rows[: (k + 1) * dws[0].shape[1]].reshape(k + 1, -1)
                np.matmul(x_cols.T, dout, out=dw_rows[1:])
                # A column that is zero throughout gives a zero gradient: its row is the
                # zero row 0. One take writes all of dW1 (a fill and a scatter took twice as long).
                self.row_of.fill(0)
                self.row_of[self.cols] = self.rows[:k]
                dw_rows.take(self.row_of, axis=0, out=dws[0], mode="wrap")
            else:
                np.matmul(below.T, dout, out=dws[i])
            np.add.reduce(dout, axis=0, out=dbs[i])
            if i:  # the input's own gradient is never used, and costs a full product
                da = self.grad[i - 1]
                np.matmul(dout, weights[i].T, out=da)
                activation_backward(self.activation, da, below, self.work[i - 1])
                dout = da
