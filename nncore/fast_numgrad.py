"""Central-difference gradients of a ``Network`` that reuse the unperturbed forward pass.

The book's ``numerical_gradient`` re-runs the whole network twice per parameter. Yet
perturbing ``W_l[i, j]`` by ``±h`` only moves one pre-activation, ``z_l[n, j]``, by
``±h * a_{l-1}[n, i]`` (``a_{l-1}`` is the layer's input), and only for the samples whose
input ``a_{l-1}[n, i]`` is non-zero — most MNIST pixels are zero. So for every parameter
this module recomputes exactly the perturbed loss, but only along the rows that change:
from ``z_l`` onwards, for the affected samples, many parameters at once. The loss of a
perturbed network is ``(S + sum_n (L'_n - L_n)) / N`` with ``S`` the unperturbed total and
``L_n`` the per-sample losses; the central difference of two such losses needs only the
sums of ``L'_n - L_n``. Biases are handled as weights on an input that is always 1.
"""

from __future__ import annotations

import numpy as np

from nncore.functions import DELTA, sigmoid
from nncore.layers import LeakyRelu

#: Upper bound on floats held by one batch of perturbations, to keep memory near 100 MB.
_CHUNK_ELEMENTS = 4_000_000


def _activation(network):
    if network.activation == "sigmoid":
        return sigmoid
    if network.activation == "relu":
        return lambda z: np.maximum(z, 0.0)
    if network.activation == "tanh":
        return np.tanh
    alpha = LeakyRelu().alpha
    return lambda z: np.where(z > 0, z, alpha * z)


def _sample_losses(network, logits: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Per-sample loss ``(M,)`` with the book's delta, for logits ``(M, C)``.

    ``t``: labels ``(M,)`` for softmax outputs, targets ``(M, C)`` for sigmoid outputs.
    """
    if network.output == "softmax":
        # y_t = 1 / sum_c exp(z_c - z_t): one exp pass, no max shift. An overflow makes
        # the sum inf and y_t exactly 0, the same -log(delta) the softmax form gives.
        shifted = logits - logits[np.arange(len(logits)), t][:, None]
        with np.errstate(over="ignore"):
            y_t = 1.0 / np.exp(shifted).sum(axis=1)
        return -np.log(y_t + DELTA)
    y = sigmoid(logits)
    return -np.sum(t * np.log(y + DELTA) + (1 - t) * np.log(1 - y + DELTA), axis=1)


def _targets(network, t: np.ndarray, n: int, c: int) -> np.ndarray:
    t = np.asarray(t)
    if network.output == "softmax":
        return t.argmax(axis=1) if t.shape == (n, c) else t.astype(np.intp).reshape(n)
    return t.astype(np.float64).reshape(n, c)


def fast_numerical_gradient(network, x: np.ndarray, t: np.ndarray, h: float = 1e-4):
    """Central-difference gradients of ``network.loss(x, t)``, keyed like ``params``.

    ``x``: ``(N, D)``; ``t``: labels ``(N,)``, one-hot ``(N, C)`` or sigmoid targets.
    Computed in float64 whatever the network's dtype. Each entry equals the book's
    ``(loss(p + h) - loss(p - h)) / 2h`` up to float64 rounding.
    """
    params = {k: v.astype(np.float64) for k, v in network.params.items()}
    act = _activation(network)
    n_layers = len(network.sizes) - 1
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    t = _targets(network, t, n, network.sizes[-1])

    inputs, zs = [], []
    a = x
    for k in range(1, n_layers + 1):
        inputs.append(a)
        z = a @ params[f"W{k}"] + params[f"b{k}"]
        zs.append(z)
        a = act(z) if k < n_layers else z
    base = _sample_losses(network, zs[-1], t)

    def losses_from(k: int, z: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Per-sample losses when layer ``k``'s pre-activations become ``z`` ``(M, n_k)``;
        ``rows`` ``(M,)`` names the sample each row belongs to."""
        for m in range(k, n_layers):
            z = act(z) @ params[f"W{m + 1}"] + params[f"b{m + 1}"]
        return _sample_losses(network, z, t[rows])

    grads = {}
    for k in range(1, n_layers + 1):
        a_in = np.concatenate([inputs[k - 1], np.ones((n, 1))], axis=1)
        units, samples = np.nonzero(a_in.T)  # pairs sorted by input unit
        values = a_in[samples, units]
        width = zs[k - 1].shape[1]
        downstream = max(network.sizes[k:])
        chunk = max(1, _CHUNK_ELEMENTS // (width * downstream))
        g = np.zeros((a_in.shape[1], width))
        for start in range(0, len(units), chunk):
            part = slice(start, start + chunk)
            diff = _perturbed_diff(
                k, n_layers, zs, params, act, losses_from, base, samples[part], values[part], h
            )
            rows_i = units[part]
            starts = np.flatnonzero(np.r_[True, rows_i[1:] != rows_i[:-1]])
            g[rows_i[starts]] += np.add.reduceat(diff, starts, axis=0)
        g /= 2 * h * n
        grads[f"W{k}"] = g[:-1]
        grads[f"b{k}"] = g[-1]
    return grads


def _perturbed_diff(k, n_layers, zs, params, act, losses_from, base, samples, values, h):
    """``(P, width)``: for each (sample, input) pair and each unit j of layer ``k``,
    ``L'_+ - L'_-`` for that sample when the weight from that input to unit j moves by ±h."""
    z_rows = zs[k - 1][samples]  # (P, width)
    p, width = z_rows.shape
    out = np.zeros((p, width))
    for sign in (1.0, -1.0):
        dz = sign * h * values  # (P,)
        if k == n_layers:
            # Unit j is logit j: each perturbation changes one column of the logits.
            logits = np.repeat(z_rows[:, None, :], width, axis=1)  # (P, width, C)
            idx = np.arange(width)
            logits[:, idx, idx] += dz[:, None]
            perturbed = losses_from(k, logits.reshape(p * width, width), np.repeat(samples, width))
        else:
            a_rows = act(z_rows)
            delta = act(z_rows + dz[:, None]) - a_rows  # (P, width): moved activation of unit j
            w_next = params[f"W{k + 1}"]  # (width, next)
            z_next = zs[k][samples][:, None, :] + delta[:, :, None] * w_next[None, :, :]
            perturbed = losses_from(k + 1, z_next.reshape(p * width, -1), np.repeat(samples, width))
        out += sign * (perturbed.reshape(p, width) - base[samples][:, None])
    return out
