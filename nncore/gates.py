"""Logic gates: the book's single sigmoid unit and the two-layer network that solves XOR."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.functions import sigmoid
from nncore.gradient import numerical_gradient
from nncore.network import Network
from nncore.optimizers import SGD
from nncore.text import N_, Phrase
from nncore.trainer import Trainer

#: The four input rows, in truth-table order.
GATE_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
GATE_TARGETS = {
    "and": np.array([0, 0, 0, 1], dtype=np.float64),
    "or": np.array([0, 1, 1, 1], dtype=np.float64),
    "nand": np.array([1, 1, 1, 0], dtype=np.float64),
    "xor": np.array([0, 1, 1, 0], dtype=np.float64),
}


def gate_data(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """``(X, T)``: inputs ``(4, 2)`` and targets ``(4, 1)``, float64."""
    try:
        targets = GATE_TARGETS[gate]
    except KeyError:
        raise ValueError(f"unknown gate {gate!r}: choose {', '.join(GATE_TARGETS)}") from None
    return GATE_INPUTS.copy(), targets.reshape(4, 1).copy()


class LogicGateNet:
    """The book's single sigmoid unit, ``y = sigmoid(X @ W + b)``.

    Initialised as readers ran it: ``rng = np.random.RandomState(seed)``, then
    ``W = rng.randn(2)``, then ``b = rng.rand(1)``. The loss is
    ``0.5 * sum(-t log y - (1 - t) log(1 - y))`` and the numerical gradient uses
    ``h = 1e-5``. Exposes the same interface as ``Network`` so a ``Trainer`` drives it.
    """

    sizes = (2, 1)
    activation = "sigmoid"
    output = "sigmoid"
    init = "book"
    dtype = np.dtype(np.float64)
    n_layers = 1
    h = 1e-5

    def __init__(self, seed: int = 1) -> None:
        rng = np.random.RandomState(seed)
        weights = rng.randn(2)
        bias = rng.rand(1)
        self.params = {"W1": weights, "b1": bias}

    def predict(self, x: np.ndarray) -> np.ndarray:
        """``(N, 1)`` outputs for inputs ``(N, 2)``."""
        return sigmoid(np.asarray(x) @ self.params["W1"] + self.params["b1"]).reshape(-1, 1)

    def loss(self, x: np.ndarray, t: np.ndarray) -> float:
        y = self.predict(x).ravel()
        t = np.asarray(t).ravel()
        return float(0.5 * np.sum(-t * np.log(y) - (1 - t) * np.log(1 - y)))

    def accuracy(self, x: np.ndarray, t: np.ndarray, batch_size: int = 0) -> float:
        return float(np.mean((self.predict(x).ravel() > 0.5) == (np.asarray(t).ravel() > 0.5)))

    def loss_and_accuracy(self, x, t, batch_size: int = 0) -> tuple[float, float]:
        return self.loss(x, t), self.accuracy(x, t)

    def loss_and_gradient(self, x, t, method: str = "numerical"):
        if method == "numerical":
            grads = {
                key: numerical_gradient(lambda _: self.loss(x, t), value, self.h)
                for key, value in self.params.items()
            }
        elif method == "backprop":
            # d(loss)/dz = 0.5 (y - t) for the halved binary cross-entropy.
            dz = 0.5 * (self.predict(x).ravel() - np.asarray(t).ravel())
            grads = {"W1": np.asarray(x).T @ dz, "b1": np.array([dz.sum()])}
        else:
            raise ValueError(f"unknown gradient method {method!r}: choose backprop or numerical")
        return self.loss(x, t), grads

    def gradient(self, x, t, method: str = "numerical"):
        return self.loss_and_gradient(x, t, method)[1]

    def copy_params(self) -> dict[str, np.ndarray]:
        return {key: value.copy() for key, value in self.params.items()}

    def set_params(self, params) -> None:
        for key, value in params.items():
            if np.shape(value) != self.params[key].shape:
                raise ValueError(f"{key} has shape {np.shape(value)}, expected (2,) or (1,)")
            self.params[key][...] = value

    def with_params(self, params) -> LogicGateNet:
        """A new unit holding copies of ``params``."""
        copy = LogicGateNet()
        copy.set_params(params)
        return copy

    def metadata(self) -> dict:
        return {"sizes": [2, 1], "activation": "sigmoid", "output": "sigmoid", "recipe": "book"}


@dataclass(frozen=True)
class GatePreset:
    """How a gate task is trained by default."""

    gate: str
    hidden: int  # 0 = the book's single unit
    epochs: int
    lr: float
    grad: str
    activation: str = "sigmoid"
    seed: int = 1

    def build(self) -> LogicGateNet | Network:
        hidden = (self.hidden,) if self.hidden else ()
        return gate_network(hidden, self.activation, NETWORK_INIT, self.seed)

    def trainer(self) -> Trainer:
        """A full-batch SGD trainer over the four rows: one step is one epoch."""
        x, t = gate_data(self.gate)
        return Trainer(
            self.build(), SGD(self.lr), x, t, batch_size=4, seed=self.seed, grad_method=self.grad
        )


NETWORK_INIT = "xavier"
"""The initial weight scale of a gate network with a hidden layer."""


def gate_network(
    hidden: tuple[int, ...], activation: str, init: str, seed: int
) -> LogicGateNet | Network:
    """The book's single sigmoid unit when ``hidden`` is empty (``activation`` and ``init``
    then do not apply), else a ``2-hidden…-1`` float64 network with a sigmoid output, its
    weights drawn from ``seed``."""
    if not hidden:
        return LogicGateNet(seed)
    return Network((2, *hidden, 1), activation, "sigmoid", init, np.float64, seed)


def default_preset(gate: str, hidden: int | None = None) -> GatePreset:
    """The book recipe for AND, OR and NAND (and single-layer XOR, which fails on purpose);
    a two-layer tanh network for XOR unless ``hidden=0`` asks for the single unit."""
    gate_data(gate)
    if hidden is None:
        hidden = XOR_HIDDEN if gate == "xor" else 0
    if hidden == 0:
        return GatePreset(gate, 0, 1000, 0.1, "numerical")
    return GatePreset(gate, hidden, XOR_EPOCHS, XOR_LR, "backprop", "tanh")


def book_log_line(epoch: int, loss: float, network, label: str = "Epoch: ") -> str:
    """``Epoch: 100, loss: ..., Weights: [...], Bias: [...]`` as the book's loop prints it.

    Numbers print as NumPy prints them; a deeper network lists each layer's arrays, each
    kept on one line. ``label`` replaces the leading ``"Epoch: "``.
    """
    layers = range(1, len(network.sizes))
    weights = ", ".join(_one_line(network.params[f"W{i}"]) for i in layers)
    biases = ", ".join(_one_line(network.params[f"b{i}"]) for i in layers)
    return f"{label}{epoch}, loss: {loss}, Weights: {weights}, Bias: {biases}"


def book_epoch(updates: int, single_unit: bool, every: int = 100) -> int | None:
    """The epoch number the book's loop prints after ``updates`` updates, or None if it
    prints nothing then.

    The book's AND/OR loop (the single unit) counts from 0 and prints ``Epoch: 0`` after
    the first update; its XOR loop counts from 1 and prints ``Epoch: 100`` after the
    hundredth.
    """
    book = updates - 1 if single_unit else updates
    return book if book % every == 0 and (single_unit or book > 0) else None


def _one_line(array: np.ndarray) -> str:
    text = str(array)
    return " ".join(text.split()) if "\n" in text else text


XOR_HIDDEN = 4
XOR_EPOCHS = 1000
XOR_LR = 1.0

THRESHOLD = 0.5
DECIMALS = 4
"""Outputs are judged as shown to this many decimals: one shown as 0.5000 is a pass for
neither class, even when it is 0.49997, so the verdict agrees with the number read."""
RULE = Phrase(N_("✓: >{threshold:g} if 1, <{threshold:g} if 0"), threshold=THRESHOLD)
"""The rule as a truth table states it under its rows."""


def shown(y: float) -> str:
    return "   nan" if not np.isfinite(y) else f"{y:.{DECIMALS}f}"


def is_right(outputs: np.ndarray, targets: np.ndarray) -> list[bool]:
    """Whether each output, as shown, is strictly on its target's side of THRESHOLD (nan
    never is); ``outputs`` and ``targets`` (4,) each."""
    verdicts = []
    for y, target in zip(np.ravel(outputs).tolist(), np.ravel(targets).tolist(), strict=True):
        value = float(shown(y))
        verdicts.append(value > THRESHOLD if target > THRESHOLD else value < THRESHOLD)
    return verdicts
