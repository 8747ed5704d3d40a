"""The book's chapter-4 ``TwoLayerNet``, on nncore's layers and fast numerical gradient."""

from __future__ import annotations

import numpy as np

from nncore.fast_numgrad import fast_numerical_gradient
from nncore.functions import cross_entropy_error, softmax
from nncore.gradient import numerical_gradient
from nncore.layers import Affine, Sigmoid, SoftmaxWithLoss


class TwoLayerNet:
    """``Affine -> Sigmoid -> Affine -> Softmax``, as chapter 4 builds it.

    ``params``: ``W1 (input_size, hidden_size)``, ``b1 (hidden_size,)``,
    ``W2 (hidden_size, output_size)``, ``b2 (output_size,)``, float64; the weights are
    ``weight_init_std * np.random.randn(...)`` from NumPy's global generator, so the
    book's ``np.random.seed(...)`` makes them repeatable. Every method reads the arrays
    from ``params`` when it is called, so the book's ``network.params[key] -= lr *
    grad[key]`` and a rebinding ``network.params[key] = new_array`` both train it.
    Inputs ``x``: ``(N, input_size)``; targets ``t``: one-hot ``(N, output_size)`` or
    labels ``(N,)``.
    """

    # Read by nncore.fast_numgrad, which treats this net as a 2-layer nncore Network.
    activation = "sigmoid"
    output = "softmax"

    def __init__(
        self, input_size: int, hidden_size: int, output_size: int, weight_init_std: float = 0.01
    ) -> None:
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    @property
    def sizes(self) -> tuple[int, int, int]:
        w1, w2 = self.params["W1"], self.params["W2"]
        return (w1.shape[0], w1.shape[1], w2.shape[1])

    def _forward(self, x: np.ndarray) -> tuple[np.ndarray, list]:
        """Scores ``(N, output_size)`` and the layers that computed them."""
        p = self.params
        layers = [Affine(p["W1"], p["b1"]), Sigmoid(), Affine(p["W2"], p["b2"])]
        for layer in layers:
            x = layer.forward(x)
        return x, layers

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities ``(N, output_size)``."""
        return softmax(self._forward(np.asarray(x))[0])

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        """The book's ``cross_entropy_error(predict(x), t)``, a mean over the batch."""
        return cross_entropy_error(self.predict(x), t)

    def accuracy(self, x: np.ndarray, t: np.ndarray) -> float:
        """Fraction of rows whose most probable class is the target's."""
        y = np.argmax(self.predict(x), axis=1)
        t = np.asarray(t)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return np.sum(y == t) / float(x.shape[0])

    def numerical_gradient(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        """Central differences (``h = 1e-4``) of ``loss`` for every parameter, keyed like
        ``params`` and in their dtypes: the book's loop, entry by entry.

        The loss of this net is recomputed only along the rows each perturbation changes
        (``nncore.fast_numgrad``), so a 784-50-10 gradient takes seconds, not minutes;
        a subclass with its own ``predict`` or ``loss`` gets the plain loop.
        """
        t = np.asarray(t)
        if type(self).loss is TwoLayerNet.loss and type(self).predict is TwoLayerNet.predict:
            # cross_entropy_error scores a target row by its largest entry, as the book does.
            grads = fast_numerical_gradient(self, x, t.argmax(axis=1) if t.ndim == 2 else t)
        else:
            loss_w = lambda _: self.loss(x, t)  # noqa: E731 - the book's own idiom
            grads = {key: numerical_gradient(loss_w, value) for key, value in self.params.items()}
        return {
            key: grads[key].astype(value.dtype, copy=False) for key, value in self.params.items()
        }

    def gradient(self, x: np.ndarray, t: np.ndarray) -> dict[str, np.ndarray]:
        """The same gradients by backpropagation, keyed like ``params``."""
        scores, layers = self._forward(np.asarray(x))
        last = SoftmaxWithLoss()
        last.forward(scores, t)
        dout = last.backward()
        for layer in reversed(layers):
            dout = layer.backward(dout)
        first, second = layers[0], layers[2]
        return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}
