"""The book's ``common/optimizer.py`` (chapter 6) with its default hyperparameters.

``SGD(lr=0.01)``, ``Momentum(lr=0.01, momentum=0.9)``, ``AdaGrad(lr=0.01)`` and
``Adam(lr=0.001, beta1=0.9, beta2=0.999)`` are nncore's; ``Nesterov`` and ``RMSprop``
are written here on nncore's ``Optimizer``. Each ``update(params, grads)`` changes the
arrays of ``params`` in place, keyed like ``params`` (``"W1"``, ``"b1"``, ...).
"""

from __future__ import annotations

import numpy as np

from nncore.optimizers import SGD, AdaGrad, Adam, Momentum, Optimizer, _state


class Nesterov(Optimizer):
    """Nesterov's accelerated gradient in the book's form:
    ``v = momentum * v - lr * dW;  W += momentum² * v - (1 + momentum) * lr * dW``."""

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


class RMSprop(Optimizer):
    """``h = decay_rate * h + (1 - decay_rate) * dW²;  W -= lr * dW / (sqrt(h) + 1e-7)``."""

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


__all__ = ["SGD", "AdaGrad", "Adam", "Momentum", "Nesterov", "RMSprop"]
