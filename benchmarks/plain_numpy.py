"""A plain NumPy trainer for one hidden layer: the yardstick issue 18 measured nnlab by.

Written as that issue describes it, apart from nncore's arithmetic: every parameter in one
contiguous float32 buffer and every gradient in another (each ``W``/``b`` a view into
them), so each optimizer formula is one NumPy call; every activation and gradient buffer
allocated once and written with ``out=``; the softmax and its cross-entropy gradient
computed in place on the scores; no temporaries in the step; only the loss checked for
non-finite values. What it leaves out, and nnlab does, is any trick beyond that: no
dropping of zero input columns, no chunked products, no check of the weights.
"""

from __future__ import annotations

import math

import numpy as np

from nncore.flat import FlatParams


class PlainTrainer:
    """Trains ``sizes`` = ``(D, H, C)`` with ``activation`` (``sigmoid`` or ``relu``) and
    ``optimizer`` (``sgd``, ``momentum`` or ``adam``) on ``x`` ``(N, D)`` float32 and
    labels ``t`` ``(N,)``, ``batch`` rows a step; ``std``: the standard deviations of
    ``W1`` and ``W2``'s initial values (the biases start at zero)."""

    def __init__(self, sizes, activation, optimizer, lr, std, x, t, batch, seed=0):
        d, h, c = sizes
        self.x, self.t, self.batch, self.lr = x, t.astype(np.intp), batch, float(lr)
        self.activation, self.optimizer = activation, optimizer
        # nncore's buffer of views for the layout only; the arithmetic below is its own.
        params = FlatParams({"W1": (d, h), "b1": (h,), "W2": (h, c), "b2": (c,)})
        grads = FlatParams.like(params)
        self.flat, self.grad = params.flat, grads.flat
        self.W1, self.b1, self.W2, self.b2 = params.values()
        self.gW1, self.gb1, self.gW2, self.gb2 = grads.values()
        total = len(self.flat)
        rng = np.random.default_rng(seed)
        self.W1[...] = rng.standard_normal((d, h), dtype=np.float32) * std[0]
        self.W2[...] = rng.standard_normal((h, c), dtype=np.float32) * std[1]
        self.xb = np.empty((batch, d), np.float32)
        self.tb = np.empty(batch, np.intp)
        self.hid = np.empty((batch, h), np.float32)
        self.dhid = np.empty((batch, h), np.float32)
        self.work = np.empty((batch, h), np.float32)
        self.y = np.empty((batch, c), np.float32)
        self.row = np.empty((batch, 1), np.float32)
        self.rows = np.arange(batch)
        self.step_buf = np.empty(total, np.float32)
        self.m = np.zeros(total, np.float32)
        self.v = np.zeros(total, np.float32)
        self.iteration = 0
        self.rng = rng

    def epoch(self, steps: int) -> None:
        order = self.rng.permutation(len(self.x))
        for i in range(steps):
            self.step(order[i * self.batch : (i + 1) * self.batch])

    def step(self, idx: np.ndarray) -> float:
        x = self.x.take(idx, axis=0, out=self.xb, mode="clip")
        t = self.t.take(idx, out=self.tb, mode="clip")
        hid, y, row = self.hid, self.y, self.row
        np.matmul(x, self.W1, out=hid)
        hid += self.b1
        if self.activation == "sigmoid":
            np.negative(hid, out=hid)
            np.exp(hid, out=hid)
            hid += 1.0
            np.divide(1.0, hid, out=hid)
        else:
            np.maximum(hid, 0, out=hid)
        np.matmul(hid, self.W2, out=y)
        y += self.b2
        np.max(y, axis=1, keepdims=True, out=row)
        y -= row
        np.exp(y, out=y)
        np.sum(y, axis=1, keepdims=True, out=row)
        y /= row
        picked = y[self.rows, t]
        loss = -float(np.log(picked + 1e-7).sum()) / self.batch
        if not math.isfinite(loss):
            raise FloatingPointError(f"the loss is {loss}")
        y[self.rows, t] = picked - 1.0
        y *= 1.0 / self.batch
        np.matmul(hid.T, y, out=self.gW2)
        np.sum(y, axis=0, out=self.gb2)
        np.matmul(y, self.W2.T, out=self.dhid)
        if self.activation == "sigmoid":
            np.subtract(1.0, hid, out=self.work)
            self.dhid *= self.work
            self.dhid *= hid
        else:
            np.greater(hid, 0, out=self.work)
            self.dhid *= self.work
        np.matmul(x.T, self.dhid, out=self.gW1)
        np.sum(self.dhid, axis=0, out=self.gb1)
        self._update()
        return loss

    def _update(self) -> None:
        g, s = self.grad, self.step_buf
        if self.optimizer == "sgd":
            np.multiply(g, self.lr, out=s)
            self.flat -= s
        elif self.optimizer == "momentum":
            self.v *= 0.9
            np.multiply(g, self.lr, out=s)
            self.v -= s
            self.flat += self.v
        else:
            self.iteration += 1
            lr_t = self.lr * math.sqrt(1 - 0.999**self.iteration) / (1 - 0.9**self.iteration)
            np.subtract(g, self.m, out=s)
            s *= 0.1
            self.m += s
            np.multiply(g, g, out=s)
            s -= self.v
            s *= 0.001
            self.v += s
            np.sqrt(self.v, out=s)
            s += 1e-7
            np.divide(self.m, s, out=s)
            s *= lr_t
            self.flat -= s
