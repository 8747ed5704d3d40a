"""The forward and backward pass of one input row, every intermediate kept for display.

The gate workbench's Math view prints these numbers; computing them here, from the
displayed quantities themselves (``a``, ``z``, ``h'(a)``), is what lets a test check that
the arithmetic on screen reproduces ``Network.gradient`` and the numerical gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.gates import LogicGateNet
from nncore.layers import ACTIVATIONS


@dataclass(frozen=True)
class LayerMath:
    """Layer ``index`` (1-based) of one row.

    ``inputs`` (1, n_in) is ``z`` of the layer below (``x`` for layer 1); ``W`` (n_in,
    n_out), ``b`` (n_out,); ``a`` (1, n_out) = inputs·W + b; ``z`` (1, n_out) = h(a) with
    ``activation`` h (the output's sigmoid on the last layer); ``slope`` (1, n_out) = h'(a);
    ``da`` (1, n_out) = ∂L/∂a; ``dW``, ``db`` by backprop, ``num_dW``, ``num_db`` by
    central differences.
    """

    index: int
    activation: str
    inputs: np.ndarray
    W: np.ndarray
    b: np.ndarray
    a: np.ndarray
    z: np.ndarray
    slope: np.ndarray
    da: np.ndarray
    dW: np.ndarray
    db: np.ndarray
    num_dW: np.ndarray
    num_db: np.ndarray


@dataclass(frozen=True)
class RowMath:
    """One row: ``x`` (1, 2), ``t`` (1, 1), ``y`` (1, 1), ``loss`` (that row's loss as the
    network defines it), ``loss_scale`` (1, or the book unit's 0.5 in front of the
    cross-entropy) and ``layers`` bottom first."""

    x: np.ndarray
    t: np.ndarray
    y: np.ndarray
    loss: float
    loss_scale: float
    layers: tuple[LayerMath, ...]

    @property
    def max_difference(self) -> float:
        """Largest |backprop − numerical| over every parameter."""
        return max(
            float(np.max(np.abs(np.concatenate([(m.dW - m.num_dW).ravel(), m.db - m.num_db]))))
            for m in self.layers
        )


def _activate(name: str, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(h(a), h'(a))`` from the nncore layer itself, so no formula is written twice."""
    layer = ACTIVATIONS[name]()
    z = layer.forward(a)
    return z, layer.backward(np.ones_like(a))


def row_math(network, x: np.ndarray, t: np.ndarray) -> RowMath:
    """Forward and backward pass of ``network`` (a sigmoid-output ``Network`` or the book's
    ``LogicGateNet``) on one row ``x`` (2,) with target ``t`` (1,)."""
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    t = np.asarray(t, dtype=np.float64).reshape(1, -1)
    # The book's unit halves its cross-entropy (its gradient of the loss is 0.5 (y - t)).
    scale = 0.5 if isinstance(network, LogicGateNet) else 1.0
    n_layers = len(network.sizes) - 1
    params = {k: np.asarray(v, dtype=np.float64) for k, v in network.params.items()}
    forward = []
    z = x
    for i in range(1, n_layers + 1):
        W = params[f"W{i}"].reshape(z.shape[1], -1)
        b = params[f"b{i}"].ravel()
        a = z @ W + b
        name = network.activation if i < n_layers else "sigmoid"
        z_next, slope = _activate(name, a)
        forward.append((name, z, W, b, a, z_next, slope))
        z = z_next
    y = z
    numerical = network.gradient(x, t, "numerical")
    layers: list[LayerMath] = []
    da = scale * (y - t)  # sigmoid + cross-entropy: the slope of the sigmoid cancels
    for i in range(n_layers, 0, -1):
        name, inputs, W, b, a, z, slope = forward[i - 1]
        if i < n_layers:
            da = (layers[0].da @ forward[i][2].T) * slope
        layers.insert(
            0,
            LayerMath(
                i, name, inputs, W, b, a, z, slope, da, inputs.T @ da, da.sum(axis=0),
                np.asarray(numerical[f"W{i}"], np.float64).reshape(W.shape),
                np.asarray(numerical[f"b{i}"], np.float64).ravel(),
            ),
        )  # fmt: skip
    return RowMath(x, t, y, float(network.loss(x, t)), scale, tuple(layers))
