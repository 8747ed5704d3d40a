"""Optimizers with ``update(params, grads)``, after the book's ``common/optimizer.py``.

Each updates ``params`` in place (the network holds the same arrays) and keeps its own
per-parameter state, which ``state_dict``/``load_state_dict`` copy so a trainer can rewind
to an earlier epoch and continue exactly as before. When ``params`` and ``grads`` are
``FlatParams`` of one layout (a ``Network``'s), each formula runs once over the whole
buffer, and the state is kept the same way; any other dicts are updated key by key.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from nncore.flat import FlatParams, same_layout

#: The key of the work arrays that span a whole ``FlatParams`` buffer.
_FLAT = "\0flat"


def _state(store: dict[str, np.ndarray], key: str, like: np.ndarray) -> np.ndarray:
    """``store[key]``, made as zeros shaped like ``like`` on first use (``setdefault``
    would build a zero array on every step only to throw it away)."""
    value = store.get(key)
    if value is None:
        value = store[key] = np.zeros_like(like)
    return value


class Optimizer:
    """Base class. Updates run once per mini-batch, so they work in place, in work arrays
    kept between steps: a fresh temporary the size of a weight matrix costs more than the
    arithmetic on it (784-256-10 with Adam spent as long on temporaries as on its matmuls).
    """

    name = ""

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self._scratch: dict[tuple[str, int], np.ndarray] = {}

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        raise NotImplementedError

    def _pairs(self, params, grads, *states: str):
        """``(key, param, grad, *state arrays)`` to update: one tuple over the flat buffers
        when ``params`` and ``grads`` share a layout, else one per key."""
        if same_layout(params, grads):
            stores = [self._flat_state(name, params) for name in states]
            return [(_FLAT, params.flat, grads.flat, *(store.flat for store in stores))]
        return [
            (key, p, grads[key], *(_state(getattr(self, name), key, p) for name in states))
            for key, p in params.items()
        ]

    def _flat_state(self, name: str, params: FlatParams) -> FlatParams:
        """State dict ``name`` as a ``FlatParams`` like ``params``, keeping any values in it."""
        store = getattr(self, name)
        if not same_layout(params, store):
            flat = FlatParams.like(params)
            for key, value in store.items():
                if key in flat:
                    flat[key] = value
            setattr(self, name, flat)
            store = flat
        return store

    def _work(self, key: str, like: np.ndarray, slot: int = 0) -> np.ndarray:
        """Work array number ``slot`` for parameter ``key``, shaped and typed like ``like``."""
        buf = self._scratch.get((key, slot))
        if buf is None or buf.shape != like.shape or buf.dtype != like.dtype:
            buf = self._scratch[key, slot] = np.empty_like(like)
        return buf

    def state_dict(self) -> dict:
        """Everything but the learning rate and the work arrays, copied."""
        state = {k: v for k, v in vars(self).items() if k != "lr" and not k.startswith("_")}
        return copy.deepcopy(state)

    def load_state_dict(self, state: dict) -> None:
        vars(self).update(copy.deepcopy(state))


class SGD(Optimizer):
    """``W -= lr * dW``."""

    name = "sgd"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)

    def update(self, params, grads) -> None:
        for key, p, g in self._pairs(params, grads):
            p -= np.multiply(g, self.lr, out=self._work(key, p))


class Momentum(Optimizer):
    """``v = momentum * v - lr * dW;  W += v``."""

    name = "momentum"

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = momentum
        self.v: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key, p, g, v in self._pairs(params, grads, "v"):
            v *= self.momentum
            v -= np.multiply(g, self.lr, out=self._work(key, p))
            p += v


class AdaGrad(Optimizer):
    """``h += dW²;  W -= lr * dW / (sqrt(h) + 1e-7)``."""

    name = "adagrad"

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)
        self.h: dict[str, np.ndarray] = {}

    def update(self, params, grads) -> None:
        for key, p, g, h in self._pairs(params, grads, "h"):
            h += np.multiply(g, g, out=self._work(key, p))
            denominator = np.sqrt(h, out=self._work(key, p))
            denominator += 1e-7
            step = np.multiply(g, self.lr, out=self._work(key, p, 1))
            step /= denominator
            p -= step


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
        # A Python float, so float32 parameters are updated in float32 arithmetic.
        lr_t = self.lr * math.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key, p, g, m, v in self._pairs(params, grads, "m", "v"):
            work = self._work(key, p)
            m += np.multiply(np.subtract(g, m, out=work), 1 - self.beta1, out=work)
            work = np.multiply(g, g, out=work)
            work -= v
            work *= 1 - self.beta2
            v += work
            denominator = np.sqrt(v, out=work)
            denominator += 1e-7
            step = np.multiply(m, lr_t, out=self._work(key, p, 1))
            step /= denominator
            p -= step


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, AdaGrad, Adam)}
#: Learning rates that train the MNIST presets well with each optimizer.
DEFAULT_LR = {"sgd": 0.1, "momentum": 0.05, "adagrad": 0.05, "adam": 0.001}


def make_optimizer(name: str, lr: float) -> Optimizer:
    try:
        return OPTIMIZERS[name](lr=lr)
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}: choose {', '.join(OPTIMIZERS)}") from None
