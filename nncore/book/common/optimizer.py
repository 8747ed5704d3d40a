"""The book's ``common/optimizer.py`` (chapter 6) with its default hyperparameters.

``SGD(lr=0.01)``, ``Momentum(lr=0.01, momentum=0.9)``, ``AdaGrad(lr=0.01)`` and
``Adam(lr=0.001, beta1=0.9, beta2=0.999)`` run nncore's formulas; ``Nesterov`` and
``RMSprop`` are written here on nncore's ``Optimizer``. Each ``update(params, grads)``
changes the arrays of ``params`` in place, keyed like ``params`` (``"W1"``, ``"b1"``,
...). A value that is a plain number, as in chapter 6's comparison of the optimizers on
``f(x, y) = x² / 20 + y²`` (``params = {"x": -7.0, "y": 2.0}``), is replaced by its
updated value, as the book's ``params[key] -= ...`` does.
"""

from __future__ import annotations

import numpy as np

from nncore import optimizers
from nncore.optimizers import Optimizer, _state


class _Numbers:
    """Lets ``update`` take plain numbers among the arrays: nncore's optimizers work in
    place, which a float cannot be, so each number goes through a 0-d array and its new
    value is put back into ``params``."""

    def update(self, params, grads) -> None:
        numbers = [key for key, value in params.items() if not isinstance(value, np.ndarray)]
        if not numbers:
            super().update(params, grads)
            return
        arrays = dict(params)
        for key in numbers:
            arrays[key] = np.array(params[key], dtype=np.float64)
        super().update(arrays, grads)
        for key in numbers:
            params[key] = arrays[key][()]  # a 0-d array gives back an np.float64


class SGD(_Numbers, optimizers.SGD):
    """``W -= lr * dW`` (nncore's ``SGD``)."""


class Momentum(_Numbers, optimizers.Momentum):
    """``v = momentum * v - lr * dW;  W += v`` (nncore's ``Momentum``)."""


class AdaGrad(_Numbers, optimizers.AdaGrad):
    """``h += dW²;  W -= lr * dW / (sqrt(h) + 1e-7)`` (nncore's ``AdaGrad``)."""


class Adam(_Numbers, optimizers.Adam):
    """Adam with the book's bias correction folded into the step (nncore's ``Adam``)."""


class _NesterovArrays(Optimizer):
    """``Nesterov``'s formula, on arrays."""

    name = "nesterov"

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = momentum
        self.v: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key, p in params.items():
            v = _state(self.v, key, p)
            step = np.multiply(grads[key], self.lr, out=self._work(key, p))
            v *= self.momentum
            v -= step
            step *= 1 + self.momentum
            p += np.multiply(v, self.momentum * self.momentum, out=self._work(key, p, 1))
            p -= step


class _RMSpropArrays(Optimizer):
    """``RMSprop``'s formula, on arrays."""

    name = "rmsprop"

    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99) -> None:
        super().__init__(lr)
        self.decay_rate = decay_rate
        self.h: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key, p in params.items():
            h = _state(self.h, key, p)
            g = grads[key]
            h *= self.decay_rate
            squared = np.multiply(g, g, out=self._work(key, p))
            squared *= 1 - self.decay_rate
            h += squared
            denominator = np.sqrt(h, out=self._work(key, p))
            denominator += 1e-7
            step = np.multiply(g, self.lr, out=self._work(key, p, 1))
            step /= denominator
            p -= step


class Nesterov(_Numbers, _NesterovArrays):
    """Nesterov's accelerated gradient in the book's form:
    ``v = momentum * v - lr * dW;  W += momentum² * v - (1 + momentum) * lr * dW``."""


class RMSprop(_Numbers, _RMSpropArrays):
    """``h = decay_rate * h + (1 - decay_rate) * dW²;  W -= lr * dW / (sqrt(h) + 1e-7)``."""


__all__ = ["SGD", "AdaGrad", "Adam", "Momentum", "Nesterov", "RMSprop"]
