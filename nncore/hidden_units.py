"""What each hidden unit of a network outputs, for drawing one map per unit."""

from __future__ import annotations

import numpy as np

from nncore.layers import ACTIVATIONS

UNIT_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}
"""Output range of the bounded activations; ReLUs are scaled by their largest output."""


def hidden_outputs(network, x: np.ndarray) -> list[np.ndarray]:
    """Each hidden layer's activations ``z`` for inputs ``x`` (N, sizes[0]), bottom first:
    arrays (N, width) — empty for a network without hidden layers (the book's unit)."""
    z = np.asarray(x, dtype=np.float64)
    outputs = []
    n_layers = len(network.sizes) - 1
    for i in range(1, n_layers):
        W = np.asarray(network.params[f"W{i}"], np.float64)
        z = ACTIVATIONS[network.activation]().forward(z @ W + network.params[f"b{i}"])
        outputs.append(z)
    return outputs


def unit_shades(z: np.ndarray, activation: str) -> np.ndarray:
    """Outputs ``z`` (any shape) of one unit mapped to [0, 1] for colouring: the
    activation's own range when bounded, else 0 to the largest value seen."""
    low, high = UNIT_RANGES.get(activation, (0.0, float(np.nanmax(z, initial=0.0)) or 1.0))
    return np.clip((np.nan_to_num(z, nan=0.5 * (low + high)) - low) / (high - low), 0.0, 1.0)


def first_layer_unit(network, x: np.ndarray, unit: int) -> tuple[float, float]:
    """The first layer's unit ``unit`` (0-based) on one input ``x`` (sizes[0],): its
    weighted input ``a = x·W1[:, unit] + b1[unit]`` and ``z = h(a)``, the hidden activation
    ``h`` applied (which is its output when the layer is hidden)."""
    weights = np.asarray(network.params["W1"], np.float64)[:, unit]
    a = float(np.asarray(x, np.float64).ravel() @ weights + float(network.params["b1"][unit]))
    z = ACTIVATIONS[network.activation]().forward(np.array([[a]]))
    return a, float(z[0, 0])
