"""Optimizers with ``update(params, grads)``, after the book's ``common/optimizer.py``.

Each updates ``params`` in place (the network's layers hold the same arrays) and keeps
its own per-parameter state, which ``state_dict``/``load_state_dict`` copy so a trainer
can rewind to an earlier epoch and continue exactly as before.
"""

from __future__ import annotations

import copy

import numpy as np


def _state(store: dict[str, np.ndarray], key: str, like: np.ndarray) -> np.ndarray:
    """``store[key]``, made as zeros shaped like ``like`` on first use (``setdefault``
    would build a zero array on every step only to throw it away)."""
    value = store.get(key)
    if value is None:
        value = store[key] = np.zeros_like(like)
    return value


class Optimizer:
    name = ""

    def __init__(self, lr: float) -> None:
        self.lr = lr

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict:
        return copy.deepcopy({k: v for k, v in vars(self).items() if k != "lr"})

    def load_state_dict(self, state: dict) -> None:
        vars(self).update(copy.deepcopy(state))


class SGD(Optimizer):
    """``W -= lr * dW``."""

    name = "sgd"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)

    def update(self, params, grads) -> None:
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum(Optimizer):
    """``v = momentum * v - lr * dW;  W += v``."""

    name = "momentum"

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = momentum
        self.v: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key in params:
            v = _state(self.v, key, params[key])
            v *= self.momentum
            v -= self.lr * grads[key]
            params[key] += v


class AdaGrad(Optimizer):
    """``h += dW²;  W -= lr * dW / (sqrt(h) + 1e-7)``."""

    name = "adagrad"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)
        self.h: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key in params:
            h = _state(self.h, key, params[key])
            h += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(h) + 1e-7)


class Adam(Optimizer):
    """Adam (Kingma & Ba) with bias correction folded into the step size, as the book does."""

    name = "adam"

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999) -> None:
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            m = _state(self.m, key, params[key])
            v = _state(self.v, key, params[key])
            g = grads[key]
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            params[key] -= (lr_t * m / (np.sqrt(v) + 1e-7)).astype(params[key].dtype, copy=False)


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, AdaGrad, Adam)}
#: Learning rates that train the MNIST presets well with each optimizer.
DEFAULT_LR = {"sgd": 0.1, "momentum": 0.05, "adagrad": 0.05, "adam": 0.001}


def make_optimizer(name: str, lr: float) -> Optimizer:
    try:
        return OPTIMIZERS[name](lr=lr)
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}: choose {', '.join(OPTIMIZERS)}") from None
