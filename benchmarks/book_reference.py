"""Book-style NumPy implementations, written as a reader of "Deep Learning from Scratch"
types them (``common/functions.py``, ``common/gradient.py``, ``common/layers.py``,
``common/optimizer.py``, ch4/ch5 ``TwoLayerNet``), independent of nncore.

Float64 throughout, as the book: its weights come from ``np.random.randn`` (float64), so
the float32 images are promoted to float64 in the first product.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

# -- common/functions.py ---------------------------------------------------------------


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


# -- common/gradient.py ----------------------------------------------------------------


def numerical_gradient(f, x, h=1e-4, indices=None):
    """The book's loop. ``indices``: visit only these entries (to time a fixed subset and
    extrapolate); each entry costs the same two full forward passes either way."""
    grad = np.zeros_like(x)
    if indices is None:
        it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
        indices = []
        while not it.finished:
            indices.append(it.multi_index)
            it.iternext()
    for idx in indices:
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
    return grad


# -- ch04/two_layer_net.py -------------------------------------------------------------


class Ch4TwoLayerNet:
    def __init__(self, params):
        self.params = {k: np.array(v, dtype=np.float64) for k, v in params.items()}

    def predict(self, x):
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        a1 = np.dot(x, W1) + b1
        z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2
        return softmax(a2)

    def loss(self, x, t):
        return cross_entropy_error(self.predict(x), t)

    def numerical_gradient(self, x, t, subset=None):
        """``subset``: ``{key: [index, ...]}`` to visit only those entries of those keys."""

        def loss_W(W):
            return self.loss(x, t)

        keys = self.params if subset is None else subset
        return {
            key: numerical_gradient(
                loss_W, self.params[key], indices=None if subset is None else subset[key]
            )
            for key in keys
        }


# -- common/layers.py --------------------------------------------------------------------


class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = sigmoid(x)
        self.out = out
        return out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(self.x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class SoftmaxWithLoss:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        if self.t.size == self.y.size:
            dx = (self.y - self.t) / batch_size
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
            dx = dx / batch_size
        return dx


# -- ch05/two_layer_net.py (activation selectable, as common/multi_layer_net.py) ---------


class TwoLayerNet:
    def __init__(
        self, input_size, hidden_size, output_size, activation="relu", weight_init_std=0.01
    ):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Affine1"] = Affine(self.params["W1"], self.params["b1"])
        self.layers["Act1"] = Relu() if activation == "relu" else Sigmoid()
        self.layers["Affine2"] = Affine(self.params["W2"], self.params["b2"])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {
            "W1": self.layers["Affine1"].dW,
            "b1": self.layers["Affine1"].db,
            "W2": self.layers["Affine2"].dW,
            "b2": self.layers["Affine2"].db,
        }


# -- common/optimizer.py -----------------------------------------------------------------


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


BOOK_OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def book_epoch(network, optimizer, x_train, t_train, batch_size=100, steps=None):
    """The book's ch5 ``train_neuralnet.py`` loop for one epoch's worth of iterations
    (``np.random.choice`` batches, as the book draws them). Returns seconds."""
    import time

    train_size = x_train.shape[0]
    steps = steps or max(train_size // batch_size, 1)
    started = time.perf_counter()
    for _ in range(steps):
        batch_mask = np.random.choice(train_size, batch_size)
        grad = network.gradient(x_train[batch_mask], t_train[batch_mask])
        optimizer.update(network.params, grad)
    return time.perf_counter() - started
