"""Central-difference gradients of a ``Network`` that reuse the unperturbed forward pass.

The book's ``numerical_gradient`` re-runs the whole network twice per parameter. Yet
perturbing ``W_l[i, j]`` by ``±h`` only moves one pre-activation, ``z_l[n, j]``, by
``±h * a_{l-1}[n, i]`` (``a_{l-1}`` is the layer's input), and only for the samples whose
input ``a_{l-1}[n, i]`` is non-zero — most MNIST pixels are zero. So for every parameter
this module recomputes exactly the perturbed loss, but only along the rows that change.
The loss of a perturbed network is ``(S + sum_n (L'_n - L_n)) / N`` with ``S`` the
unperturbed total and ``L_n`` the per-sample losses, so the central difference of two such
losses is ``sum_n (L'_n+ - L'_n-) / 2hN``: only the affected samples' perturbed losses are
needed. Biases are handled as weights on an input that is always 1.

Three exact shortcuts, none of them an approximation of the loss:

* The perturbed loss of sample ``n`` depends on the input value ``a_{l-1}[n, i]``, not on
  which input ``i`` holds it. MNIST pixels take at most 255 values (many are exactly 1.0,
  like the bias input), so each ``(sample, value)`` pair is evaluated once and shared.
* Perturbing an output logit ``z_j`` by ``dz`` changes one term of the softmax sum:
  ``sum' = sum + e_j * expm1(dz)`` (with ``e_c = exp(z_c - max z)``): the same loss,
  rewritten, with no per-class ``exp``.
* For a hidden layer feeding the softmax, the perturbed logits are
  ``z + delta * W[j]``; ``y_t = 1 / (1 + sum_{c != t} exp((z_c - z_t) + delta (W_jc - W_jt)))``
  skips the target's ``exp(0)``, and units whose activation does not move (ReLU below
  zero) contribute exactly 0 and are skipped.

The work is split into blocks that fit the CPU cache and spread over a few threads
(NumPy releases the GIL inside its loops). Everything is float64.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from nncore.functions import DELTA, sigmoid
from nncore.layers import LeakyRelu

#: Floats per working array in the inner loops (1 MB of float64: stays in L2 cache).
_BLOCK_ELEMENTS = 1 << 17
#: Most threads used; ``NNLAB_NUMGRAD_THREADS`` overrides.
_MAX_THREADS = 4


def default_threads() -> int:
    """Threads for one numerical gradient: the usable cores, at most ``_MAX_THREADS``."""
    text = os.environ.get("NNLAB_NUMGRAD_THREADS", "")
    if text.isdigit() and int(text) > 0:
        return int(text)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MAX_THREADS))


def _activation(name: str):
    if name == "sigmoid":
        return sigmoid
    if name == "relu":
        return lambda z: np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh
    alpha = LeakyRelu().alpha
    return lambda z: np.where(z > 0, z, alpha * z)


def _targets(output: str, t: np.ndarray, n: int, c: int) -> np.ndarray:
    t = np.asarray(t)
    if output == "softmax":
        if t.shape != (n, c):
            return t.astype(np.intp).reshape(n)
        labels = t.argmax(axis=1)
        # The shortcuts below follow the target class's probability alone.
        if not np.array_equal(t, np.eye(c, dtype=t.dtype)[labels]):
            raise ValueError("numerical gradients of a network need labels or one-hot targets")
        return labels
    return t.astype(np.float64).reshape(n, c)


def _unit_losses_sigmoid(z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Binary cross-entropy of each output unit, with the book's delta."""
    y = sigmoid(z)
    return -(t * np.log(y + DELTA) + (1 - t) * np.log(1 - y + DELTA))


class _Perturber:
    """The unperturbed forward pass of one batch, and the perturbed losses from it."""

    def __init__(self, network, x: np.ndarray, t: np.ndarray) -> None:
        self.params = {k: np.asarray(v, dtype=np.float64) for k, v in network.params.items()}
        self.act = _activation(network.activation)
        self.softmax = network.output == "softmax"
        self.sizes = network.sizes
        self.n_layers = len(network.sizes) - 1
        x = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
        self.n = len(x)
        self.t = _targets(network.output, t, self.n, network.sizes[-1])

        self.inputs, self.zs = [], []
        a = x
        for k in range(1, self.n_layers + 1):
            self.inputs.append(a)
            z = a @ self.params[f"W{k}"] + self.params[f"b{k}"]
            self.zs.append(z)
            a = self.act(z) if k < self.n_layers else z

        logits = self.zs[-1]
        c = logits.shape[1]
        if self.softmax:
            rows = np.arange(self.n)
            # Output layer: e_c = exp(z_c - max), sum of them, and e_t of the target.
            shifted = logits - logits.max(axis=1, keepdims=True)
            self.e_out = np.exp(shifted)
            self.sum_out = self.e_out.sum(axis=1)
            self.e_target = self.e_out[rows, self.t]
            # Last hidden layer: logit differences to the target's, without the target.
            others = np.array([[c2 for c2 in range(c) if c2 != c1] for c1 in range(c)], np.intp)
            others = others.reshape(c, c - 1)
            self.others = others
            self.d_others = (logits[rows[:, None], others[self.t]]) - logits[rows, self.t][:, None]
            if self.n_layers >= 2:
                w = self.params[f"W{self.n_layers}"]  # (H, C)
                h_last = w.shape[0]
                # w_diff[j, t, m] = W[j, others(t)[m]] - W[j, t]
                w_diff = w[:, others] - w[:, :, None]  # (H, C, C-1), reordered to (C, H, C-1)
                # Stored class-major, (C-1, C * H): the inner loops then run along the
                # perturbations rather than along the 9 classes.
                self.w_diff_t = np.ascontiguousarray(
                    w_diff.transpose(2, 1, 0).reshape(c - 1, c * h_last)
                )
            self.d_others_t = np.ascontiguousarray(self.d_others.T)  # (C-1, N)

    # -- sizes -------------------------------------------------------------------------

    def per_pair_floats(self, k: int) -> int:
        """Floats one (sample, value) pair needs in the widest working array of layer k."""
        width = self.sizes[k]
        if k == self.n_layers:
            return width
        if k + 1 == self.n_layers and self.softmax:
            return width * (self.sizes[-1] - 1)
        return width * max(self.sizes[k + 1 :])

    # -- losses ------------------------------------------------------------------------

    def _sample_losses(self, logits: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Per-sample loss ``(M,)`` for full logits ``(M, C)`` of samples ``rows``."""
        if self.softmax:
            t = self.t[rows]
            shifted = logits - logits[np.arange(len(logits)), t][:, None]
            y_t = 1.0 / np.exp(shifted).sum(axis=1)
            return -np.log(y_t + DELTA)
        return _unit_losses_sigmoid(logits, self.t[rows]).sum(axis=1)

    def _losses_from(self, k: int, z: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Per-sample losses when layer ``k``'s pre-activations become ``z`` ``(M, n_k)``."""
        for m in range(k, self.n_layers):
            z = self.act(z) @ self.params[f"W{m + 1}"] + self.params[f"b{m + 1}"]
        return self._sample_losses(z, rows)

    def _softmax_losses_from_last_hidden(self, rows, units, delta) -> np.ndarray:
        """Per-sample softmax losses when unit ``units[m]`` of the last hidden layer moves
        by ``delta[m]`` for sample ``rows[m]``: all logits move by ``delta * W[j]``."""
        h_last = self.sizes[-2]
        x = np.take(self.w_diff_t, self.t[rows] * h_last + units, axis=1)  # (C-1, M)
        x *= delta
        x += np.take(self.d_others_t, rows, axis=1)
        np.exp(x, out=x)
        total = x.sum(axis=0)
        total += 1.0
        return -np.log(1.0 / total + DELTA)

    # -- central differences -----------------------------------------------------------

    def diff(self, k: int, samples: np.ndarray, hv: np.ndarray) -> np.ndarray:
        """``(B, n_k)``: ``L'_+ - L'_-`` of sample ``samples[b]`` when a weight from an input
        whose value is ``hv[b] / h`` into unit j of layer ``k`` moves by ``±h``."""
        with np.errstate(over="ignore", divide="ignore", invalid="ignore", under="ignore"):
            if k == self.n_layers:
                return self._diff_output(samples, hv)
            return self._diff_hidden(k, samples, hv)

    def _diff_output(self, samples, hv):
        if not self.softmax:
            z = self.zs[-1][samples]
            t = self.t[samples]
            plus = _unit_losses_sigmoid(z + hv[:, None], t)
            return plus - _unit_losses_sigmoid(z - hv[:, None], t)
        e = self.e_out[samples]  # (B, C)
        total = self.sum_out[samples][:, None]
        e_t = self.e_target[samples]
        cols = self.t[samples]
        rows = np.arange(len(samples))
        out = None
        for sign in (1.0, -1.0):
            dz = sign * hv
            # Logit j moves by dz: only e_j changes, to e_j * exp(dz).
            moved = e * np.expm1(dz)[:, None]
            moved += total
            y = np.empty_like(moved)
            y[...] = e_t[:, None]
            y[rows, cols] *= np.exp(dz)  # the target's own logit moved: the numerator too
            y /= moved
            y += DELTA
            loss = np.log(y)
            out = loss if out is None else out - loss
        # out = log(y+) - log(y-) = -(L+ - L-)
        return -out

    def _diff_hidden(self, k, samples, hv):
        z = self.zs[k - 1][samples]  # (B, H)
        a = self.inputs[k][samples]
        d_plus = self.act(z + hv[:, None]) - a
        d_minus = self.act(z - hv[:, None]) - a
        b, width = z.shape
        out = np.zeros((b, width))
        moved = np.flatnonzero((d_plus != 0) | (d_minus != 0))
        if not len(moved):
            return out
        pair, units = np.divmod(moved, width)
        rows = samples[pair]
        losses = []
        for delta in (d_plus.reshape(-1)[moved], d_minus.reshape(-1)[moved]):
            if k + 1 == self.n_layers and self.softmax:
                losses.append(self._softmax_losses_from_last_hidden(rows, units, delta))
            else:
                w_next = self.params[f"W{k + 1}"]
                z_next = self.zs[k][rows] + delta[:, None] * w_next[units]
                losses.append(self._losses_from(k + 1, z_next, rows))
        out.reshape(-1)[moved] = losses[0] - losses[1]
        return out


def fast_numerical_gradient(
    network, x: np.ndarray, t: np.ndarray, h: float = 1e-4, threads: int | None = None
):
    """Central-difference gradients of ``network.loss(x, t)``, keyed like ``params``.

    ``x``: ``(N, D)``; ``t``: labels ``(N,)``, one-hot ``(N, C)`` or sigmoid targets.
    Computed in float64 whatever the network's dtype. Each entry equals the book's
    ``(loss(p + h) - loss(p - h)) / 2h`` up to float64 rounding. ``threads``: how many
    threads share the work (default: ``default_threads()``).
    """
    model = _Perturber(network, x, t)
    n = model.n
    threads = default_threads() if threads is None else max(1, int(threads))
    pool = ThreadPoolExecutor(threads) if threads > 1 else None
    try:
        grads = {}
        for k in range(1, model.n_layers + 1):
            a_in = np.concatenate([model.inputs[k - 1], np.ones((n, 1))], axis=1)
            units, samples = np.nonzero(a_in.T)  # pairs sorted by input unit
            values = a_in[samples, units]
            # One evaluation per distinct (sample, input value).
            order = np.lexsort((values, samples))
            s_sorted, v_sorted = samples[order], values[order]
            first = np.ones(len(order), dtype=bool)
            first[1:] = (s_sorted[1:] != s_sorted[:-1]) | (v_sorted[1:] != v_sorted[:-1])
            inverse = np.empty(len(order), dtype=np.intp)
            inverse[order] = np.cumsum(first) - 1
            u_samples, u_hv = s_sorted[first], h * v_sorted[first]

            width = model.sizes[k]
            diff_u = np.empty((len(u_samples), width))
            block = max(1, _BLOCK_ELEMENTS // model.per_pair_floats(k))
            parts = [slice(a, a + block) for a in range(0, len(u_samples), block)]

            def work(part, k=k, diff_u=diff_u, u_samples=u_samples, u_hv=u_hv):
                diff_u[part] = model.diff(k, u_samples[part], u_hv[part])

            if pool is not None and len(parts) > 1:
                for _ in pool.map(work, parts):
                    pass
            else:
                for part in parts:
                    work(part)

            diff = diff_u[inverse]
            starts = np.flatnonzero(np.r_[True, units[1:] != units[:-1]])
            g = np.zeros((a_in.shape[1], width))
            g[units[starts]] = np.add.reduceat(diff, starts, axis=0)
            g /= 2 * h * n
            grads[f"W{k}"] = g[:-1]
            grads[f"b{k}"] = g[-1]
        return grads
    finally:
        if pool is not None:
            pool.shutdown()
