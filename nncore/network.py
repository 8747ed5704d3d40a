"""A multi-layer perceptron: the book's layers (``nncore.layers``), run fused (``nncore.fused``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np

from nncore.fast_numgrad import fast_numerical_gradient
from nncore.flat import FlatParams
from nncore.functions import sigmoid, softmax
from nncore.fused import Workspace, forward_scores
from nncore.layers import ACTIVATIONS, OUTPUTS
from nncore.sizes import parameter_size_problem
from nncore.text import N_, Refusal

#: Batch sizes whose buffers a network keeps at once (the batch size, the epoch's last
#: smaller batch, and one more while a learner changes it).
_WORKSPACES = 3

INITS = ("auto", "book", "xavier", "he")


def init_std(init: str | float, activation: str, fan_in: int) -> float:
    """Standard deviation of the initial weights of a layer with ``fan_in`` inputs.

    ``book`` is the chapter-4 ``0.01 * randn``; ``xavier`` (1/sqrt(n)) keeps sigmoid and
    tanh activations spread out; ``he`` (sqrt(2/n)) does the same for ReLU, which zeroes
    half its inputs; ``auto`` picks xavier or he by activation.
    """
    if not isinstance(init, str):
        return float(init)
    if init == "auto":
        init = "he" if activation in ("relu", "leaky_relu") else "xavier"
    if init == "book":
        return 0.01
    if init == "xavier":
        return float(np.sqrt(1.0 / fan_in))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    raise Refusal(
        N_("unknown init {init}: choose one of {known} or a number"),
        init=repr(init),
        known=", ".join(INITS),
    )


def _rows(x, dtype=None) -> np.ndarray:
    """``x`` as ``(N, D)``: images ``(N, 1, 28, 28)`` flattened, as ``Affine`` does."""
    x = np.asarray(x, dtype)
    return x.reshape(len(x), -1) if x.ndim > 2 else x


class Network:
    """An MLP: ``Affine -> activation`` per hidden layer, then ``Affine -> output loss``.

    ``sizes``: layer widths, input first, e.g. ``(784, 50, 10)``.
    ``output``: ``"softmax"`` (cross-entropy over classes, labels ``(N,)`` or one-hot) or
    ``"sigmoid"`` (binary cross-entropy per output unit, targets ``(N, K)`` or ``(N,)``).
    ``params`` holds ``W1, b1, W2, b2, ...``, views into one contiguous buffer
    (``params.flat``), and the gradients are views into another: an optimizer updates
    every parameter with one NumPy call per formula. Updating ``params[k]`` in place, or
    assigning it an array of its shape (copied into the view), changes the network; an
    array of another shape is refused.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "sigmoid",
        output: str = "softmax",
        init: str | float = "auto",
        dtype=np.float32,
        seed: int | None = 0,
        params: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
            raise Refusal(
                N_("layer sizes must be two or more positive numbers, got {sizes}"), sizes=sizes
            )
        if activation not in ACTIVATIONS:
            raise Refusal(
                N_("unknown activation {name}: choose {known}"),
                name=repr(activation),
                known=", ".join(ACTIVATIONS),
            )
        if output not in OUTPUTS:
            raise Refusal(
                N_("unknown output {name}: choose {known}"),
                name=repr(output),
                known=", ".join(OUTPUTS),
            )
        self.sizes = tuple(int(n) for n in sizes)
        if problem := parameter_size_problem(self.sizes, dtype):  # before allocating any
            raise Refusal(problem)
        self.activation = activation
        self.output = output
        self.init = init
        self.dtype = np.dtype(dtype)
        self.params = FlatParams(self._expected_shapes(), self.dtype)
        if params is None:
            rng = np.random.default_rng(seed)
            for i, (n_in, n_out) in enumerate(pairwise(self.sizes), start=1):
                std = init_std(init, activation, n_in)
                self.params[f"W{i}"] = (std * rng.standard_normal((n_in, n_out))).astype(self.dtype)
        else:
            self.set_params(params)
        self.grads = FlatParams.like(self.params)
        # The views never change, so the per-layer lists are built once.
        self._arrays = self._weights(self.params), self._weights(self.grads)
        self.last_layer = OUTPUTS[self.output]()
        self._workspaces: dict[int, Workspace] = {}

    @property
    def n_layers(self) -> int:
        """Number of Affine layers."""
        return len(self.sizes) - 1

    def _expected_shapes(self) -> dict[str, tuple[int, ...]]:
        shapes = {}
        for i, (n_in, n_out) in enumerate(pairwise(self.sizes), start=1):
            shapes[f"W{i}"] = (n_in, n_out)
            shapes[f"b{i}"] = (n_out,)
        return shapes

    def _check_params(self, params: Mapping[str, np.ndarray]) -> None:
        expected = self._expected_shapes()
        if set(params) != set(expected):
            raise Refusal(
                N_("parameters {found} do not match layers {expected}"),
                found=sorted(params),
                expected=sorted(expected),
            )
        for key, shape in expected.items():
            if tuple(params[key].shape) != shape:
                raise Refusal(
                    N_("{key} has shape {shape}, expected {expected}"),
                    key=key,
                    shape=params[key].shape,
                    expected=shape,
                )

    def _weights(self, store: FlatParams) -> tuple[list[np.ndarray], list[np.ndarray]]:
        n = self.n_layers
        return [store[f"W{i}"] for i in range(1, n + 1)], [store[f"b{i}"] for i in range(1, n + 1)]

    def set_params(self, params: Mapping[str, np.ndarray]) -> None:
        """Copy ``params`` into the network's own arrays (shapes must match)."""
        self._check_params(params)
        for key, value in params.items():
            self.params[key][...] = value

    def copy_params(self) -> dict[str, np.ndarray]:
        return {key: value.copy() for key, value in self.params.items()}

    def with_params(self, params: Mapping[str, np.ndarray]) -> Network:
        """A new network shaped like this one holding copies of ``params``."""
        return Network(
            self.sizes, self.activation, self.output, self.init, self.dtype, params=params
        )

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Output-layer pre-activations, ``(N, sizes[-1])``, for inputs ``(N, sizes[0])``."""
        return forward_scores(*self._arrays[0], self.activation, _rows(x, self.dtype))

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Output probabilities ``(N, sizes[-1])``: softmax rows or per-unit sigmoids."""
        s = self.scores(x)
        return softmax(s) if self.output == "softmax" else sigmoid(s)

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        return self.last_layer.forward(self.scores(x), t)

    def accuracy(self, x: np.ndarray, t: np.ndarray, batch_size: int = 2_000) -> float:
        """Fraction right: argmax for softmax outputs, ``y > 0.5`` per unit for sigmoid.

        Chunks of 2,000 rows keep each layer's output in cache: about 20 % more images
        per second than 10,000 on the book's 784-50-100-10 (``benchmarks/inference.py``).
        """
        return self.loss_and_accuracy(x, t, batch_size, with_loss=False)[1]

    def loss_and_accuracy(
        self, x: np.ndarray, t: np.ndarray, batch_size: int = 10_000, *, with_loss: bool = True
    ) -> tuple[float, float]:
        """Mean loss and accuracy over a whole set, one forward pass per chunk of rows."""
        total_loss = 0.0
        correct = 0
        counted = 0
        for start in range(0, len(x), batch_size):
            s = self.scores(x[start : start + batch_size])
            tb = np.asarray(t[start : start + batch_size])
            if with_loss:
                total_loss += self.last_layer.forward(s, tb) * len(s)
            if self.output == "softmax":
                labels = tb.argmax(axis=1) if tb.ndim == 2 else tb
                correct += int(np.sum(s.argmax(axis=1) == labels))
                counted += len(s)
            else:
                correct += int(np.sum((s > 0) == (tb.reshape(s.shape) > 0.5)))
                counted += s.size
        n = len(x)
        return (total_loss / n if n else 0.0), (correct / counted if counted else 0.0)

    def gradient(self, x: np.ndarray, t: np.ndarray, method: str = "backprop"):
        """Gradients of the loss, keyed like ``params``, in the network's dtype (a copy)."""
        return {key: value.copy() for key, value in self.loss_and_gradient(x, t, method)[1].items()}

    def loss_and_gradient(self, x: np.ndarray, t: np.ndarray, method: str = "backprop"):
        """``(loss, grads)`` at the current parameters.

        ``method="backprop"`` returns ``grads`` as this network's gradient buffer
        (``self.grads``, views into ``grads.flat``): the next call overwrites it, so copy
        what must be kept. ``method="numerical"`` takes central differences with
        ``h = 1e-4`` in float64, so that the perturbation is not lost to float32
        rounding; it recomputes each perturbed loss along only the rows a perturbation
        changes (``fast_numgrad``).
        """
        if method == "backprop":
            return self._backprop(_rows(x), t), self.grads
        if method == "numerical":
            grads = fast_numerical_gradient(self, x, t)
            loss = self.loss(x, t)
            return loss, {key: value.astype(self.dtype) for key, value in grads.items()}
        raise ValueError(f"unknown gradient method {method!r}: choose backprop or numerical")

    def _workspace(self, n: int) -> Workspace:
        ws = self._workspaces.get(n)
        if ws is None:
            if len(self._workspaces) >= _WORKSPACES:
                self._workspaces.clear()
            ws = self._workspaces[n] = Workspace(self.sizes, n, self.activation, self.dtype)
        return ws

    def _backprop(self, x: np.ndarray, t) -> float:
        """Forward and backward through the buffers of ``nncore.fused``; the loss."""
        ws = self._workspace(len(x))
        x = ws.input(x)
        (weights, biases), grads = self._arrays
        scores = ws.forward(weights, biases, x)
        t = np.asarray(t)
        if self.output == "softmax" and t.ndim == 1:
            loss = ws.softmax_cross_entropy(t)
            dout = ws.softmax_cross_entropy_backward()
        else:  # one-hot or soft targets, sigmoid outputs: the book's loss layer
            loss = self.last_layer.forward(scores, t)
            dout = self.last_layer.backward(1.0)
        ws.backward(weights, x, dout, *grads)
        return loss

    def metadata(self) -> dict:
        """What rebuilds this network's shape: sizes, activation, output, init, dtype."""
        return {
            "sizes": list(self.sizes),
            "activation": self.activation,
            "output": self.output,
            "init": self.init,
            "dtype": self.dtype.name,
        }
