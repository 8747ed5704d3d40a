"""Mini-batch training one step or one epoch at a time, with per-epoch rewind."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from nncore.text import N_, Phrase, Worded


class TrainingDiverged(Worded, RuntimeError):
    """The loss or the parameters became nan or inf, or the parameters so large that
    their squares overflow (past ~1e154 in float64).

    Weights that large still give a finite loss, but every sigmoid of them is exactly 0
    or 1: the loss sticks where it is, epoch after epoch, and the log shows nonsense.

    A non-finite loss is caught before the update, so the parameters stay as they were
    before that step; a bad update, or an epoch whose loss is not finite, rewinds the
    trainer to the end of the last finished epoch, so the network is always left usable.
    """


def _check_labels(name: str, labels: np.ndarray | None, n_classes: int) -> None:
    """Class labels ``(N,)`` must name an output unit: 10 would index past the end, -1
    would silently mean the last class."""
    if labels is None or np.ndim(labels) != 1 or not np.issubdtype(labels.dtype, np.integer):
        return
    if len(labels) and (labels.min() < 0 or labels.max() >= n_classes):
        bad = labels[(labels < 0) | (labels >= n_classes)][0]
        raise ValueError(f"{name} label {bad} is not a class 0..{n_classes - 1}")


@dataclass(frozen=True)
class EpochRecord:
    """One finished epoch. ``loss`` and the accuracies are measured after its last update;
    ``seconds`` is training time only (evaluation excluded)."""

    epoch: int
    loss: float
    train_acc: float
    test_acc: float | None
    seconds: float
    steps: int


@dataclass(frozen=True)
class StepResult:
    step: int
    epoch: int
    loss: float
    finished: EpochRecord | None = None


@dataclass
class History:
    step_losses: list[float] = field(default_factory=list)
    epochs: list[EpochRecord] = field(default_factory=list)


@dataclass(frozen=True)
class _Snapshot:
    params: dict[str, np.ndarray]
    optimizer_state: dict
    rng_state: dict
    steps: int


@dataclass(frozen=True)
class TrainerState:
    """A trainer as it was, for ``Trainer.rollback``: its history and epoch snapshots (as
    lists of their own; the snapshots themselves are never changed) and the live weights,
    optimizer, shuffling RNG and place in the epoch under way."""

    snapshots: list[_Snapshot]
    step_losses: list[float]
    epochs: list[EpochRecord]
    params: dict[str, np.ndarray]
    optimizer_state: dict
    rng_state: dict
    epoch: int
    order: np.ndarray | None
    cursor: int
    epoch_seconds: float
    epoch_steps: int


class Trainer:
    """Trains ``network`` with ``optimizer`` on ``(x_train, t_train)``.

    ``x_train``: ``(N, D)``; ``t_train``: labels ``(N,)``, one-hot ``(N, C)`` or targets
    ``(N, K)``. Each epoch visits every sample once in an order drawn from ``seed``;
    a batch that covers the whole set keeps the data order, so full-batch training
    matches a plain loop bit for bit. ``optimizer.lr`` and ``batch_size`` may change
    between steps. Same seed, same data, same settings: the same numbers.
    """

    def __init__(
        self,
        network,
        optimizer,
        x_train: np.ndarray,
        t_train: np.ndarray,
        x_test: np.ndarray | None = None,
        t_test: np.ndarray | None = None,
        *,
        batch_size: int = 100,
        seed: int = 0,
        grad_method: str = "backprop",
    ) -> None:
        if len(x_train) != len(t_train):
            raise ValueError(f"{len(x_train)} training inputs but {len(t_train)} targets")
        if len(x_train) == 0:
            raise ValueError("the training set is empty")
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number of 1 or more, got {batch_size!r}")
        if getattr(network, "output", None) == "softmax":
            for name, labels in (("training", t_train), ("test", t_test)):
                _check_labels(name, labels, network.sizes[-1])
        self.network = network
        self.optimizer = optimizer
        self.x_train, self.t_train = x_train, t_train
        self.x_test, self.t_test = x_test, t_test
        self.batch_size = batch_size
        self.grad_method = grad_method
        self.rng = np.random.default_rng(seed)
        self.history = History()
        self.epoch = 0
        self._order: np.ndarray | None = None
        self._cursor = 0
        self._epoch_seconds = 0.0
        self._epoch_steps = 0
        self._snapshots: list[_Snapshot] = [self._snapshot()]
        self._batches: dict[tuple[int, int], np.ndarray] = {}

    @property
    def steps(self) -> int:
        return len(self.history.step_losses)

    @property
    def epoch_progress(self) -> float:
        """Fraction of the current epoch done, 0 to 1."""
        return self._cursor / len(self.x_train) if self._order is not None else 0.0

    def step(self) -> StepResult:
        """Train on the next mini-batch; finishing an epoch evaluates and snapshots it."""
        n = len(self.x_train)
        if self._order is None:
            self._order = np.arange(n) if self.batch_size >= n else self.rng.permutation(n)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self.batch_size]
        started = time.perf_counter()
        loss, grads = self.network.loss_and_gradient(
            self._gather(self.x_train, idx, 0), self._gather(self.t_train, idx, 1), self.grad_method
        )
        if not math.isfinite(loss):  # a bad gradient shows in the parameters below
            raise self._diverged(Phrase(N_("the loss is {loss}"), loss=loss))
        self.optimizer.update(self.network.params, grads)
        if not self._all_moderate(self.network.params):
            step = self.steps + 1
            self.restore(self.epoch)
            raise self._diverged(
                Phrase(N_("the weights blew up (rewound to epoch {epoch})"), epoch=self.epoch),
                step,
            )
        self._epoch_seconds += time.perf_counter() - started
        self._epoch_steps += 1
        self._cursor += len(idx)
        self.history.step_losses.append(float(loss))
        finished = self._finish_epoch() if self._cursor >= n else None
        return StepResult(self.steps, self.epoch, float(loss), finished)

    @staticmethod
    def _all_moderate(arrays: dict[str, np.ndarray]) -> bool:
        """Whether the sum of squares is finite: no element is nan or inf, nor so large
        that its square overflows. One cheap pass; over a network's flat buffer, one BLAS
        dot (twice as fast as ``sum``)."""
        flat = getattr(arrays, "flat", None)
        if flat is None:
            return all(np.isfinite(np.vdot(a, a)) for a in arrays.values())
        return math.isfinite(np.dot(flat, flat))

    def _gather(self, data: np.ndarray, idx: np.ndarray, slot: int) -> np.ndarray:
        """``data[idx]`` written into a buffer kept per batch size (``slot``: 0 inputs,
        1 targets): no new batch array per step, and a memory-mapped ``data`` is read in
        place, never copied whole."""
        data = np.asarray(data)
        buf = self._batches.get((slot, len(idx)))
        if buf is None or buf.shape[1:] != data.shape[1:] or buf.dtype != data.dtype:
            if len(self._batches) >= 6:
                self._batches.clear()
            buf = self._batches[slot, len(idx)] = np.empty((len(idx), *data.shape[1:]), data.dtype)
        return data.take(idx, axis=0, out=buf, mode="clip")

    def _diverged(self, what: Phrase, step: int | None = None) -> TrainingDiverged:
        return TrainingDiverged(
            # The advice first: a one-line status in the app cuts the end of a long line.
            N_(
                "training diverged at step {step} (epoch {epoch}) — "
                "try a smaller learning rate than {lr:g}: {what}"
            ),
            step=step or self.steps + 1,
            epoch=self.epoch + 1,
            lr=self.optimizer.lr,
            what=what,
        )

    def run_epoch(self, should_stop=None) -> EpochRecord | None:
        """Step until the current epoch ends; ``None`` if ``should_stop()`` said so first."""
        while True:
            if should_stop is not None and should_stop():
                return None
            result = self.step()
            if result.finished is not None:
                return result.finished

    def evaluate(self, x: np.ndarray, t: np.ndarray, chunk: int = 10_000) -> tuple[float, float]:
        """``(loss, accuracy)`` over a whole set, in chunks to bound memory."""
        return self.network.loss_and_accuracy(x, t, chunk)

    def _finish_epoch(self) -> EpochRecord:
        loss, train_acc = self.evaluate(self.x_train, self.t_train)
        if not math.isfinite(loss):
            step = self.steps
            self.restore(self.epoch)
            raise self._diverged(
                Phrase(
                    N_("the epoch's loss is {loss} (rewound to epoch {epoch})"),
                    loss=loss,
                    epoch=self.epoch,
                ),
                step,
            )
        test_acc = None
        if self.x_test is not None and len(self.x_test):
            test_acc = self.network.accuracy(self.x_test, self.t_test)
        self.epoch += 1
        record = EpochRecord(
            self.epoch, loss, train_acc, test_acc, self._epoch_seconds, self._epoch_steps
        )
        self.history.epochs.append(record)
        self._order = None
        self._epoch_seconds = 0.0
        self._epoch_steps = 0
        self._snapshots.append(self._snapshot())
        return record

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(
            self.network.copy_params(),
            self.optimizer.state_dict(),
            self.rng.bit_generator.state,
            self.steps,
        )

    @property
    def snapshot_epochs(self) -> range:
        """Epochs that ``restore`` can go back (or forward) to."""
        return range(len(self._snapshots))

    def restore(self, epoch: int) -> None:
        """Go back to the end of ``epoch`` (0 = the initial weights), dropping what came after.

        Parameters, optimizer state and the shuffling RNG all return, so training on from
        here repeats the same numbers unless a setting changes.
        """
        if epoch not in self.snapshot_epochs:
            raise ValueError(f"no snapshot of epoch {epoch}: have 0..{len(self._snapshots) - 1}")
        snap = self._snapshots[epoch]
        self.network.set_params(snap.params)
        self.optimizer.load_state_dict(snap.optimizer_state)
        self.rng.bit_generator.state = snap.rng_state
        del self._snapshots[epoch + 1 :]
        del self.history.epochs[epoch:]
        del self.history.step_losses[snap.steps :]
        self.epoch = epoch
        self._order = None
        self._epoch_seconds = 0.0
        self._epoch_steps = 0

    def checkpoint(self) -> TrainerState:
        """Everything ``rollback`` needs to return here, also from a later ``restore``
        (which drops epochs) or more training. Costs one copy of the weights."""
        return TrainerState(
            list(self._snapshots),
            list(self.history.step_losses),
            list(self.history.epochs),
            self.network.copy_params(),
            self.optimizer.state_dict(),
            self.rng.bit_generator.state,
            self.epoch,
            None if self._order is None else self._order.copy(),
            self._cursor,
            self._epoch_seconds,
            self._epoch_steps,
        )

    def rollback(self, state: TrainerState) -> None:
        """Return to ``state`` (from ``checkpoint``): the epochs and steps trained then,
        the weights, optimizer and RNG as they were, so training on repeats the same
        numbers."""
        self._snapshots = list(state.snapshots)
        self.history.step_losses[:] = state.step_losses
        self.history.epochs[:] = state.epochs
        self.network.set_params(state.params)
        self.optimizer.load_state_dict(state.optimizer_state)
        self.rng.bit_generator.state = state.rng_state
        self.epoch = state.epoch
        self._order = None if state.order is None else state.order.copy()
        self._cursor = state.cursor
        self._epoch_seconds = state.epoch_seconds
        self._epoch_steps = state.epoch_steps

    def params_at(self, epoch: int) -> dict[str, np.ndarray]:
        """A copy of the parameters at the end of ``epoch``, without restoring them."""
        return {key: value.copy() for key, value in self._snapshots[epoch].params.items()}
