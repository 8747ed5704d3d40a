"""TrainingRunner: drives one nncore ``Trainer`` in a Textual thread worker.

The worker thread only ever calls ``owner.post_message`` (thread-safe in Textual); it
never touches widgets or reactives. The UI thread calls the public methods below.

API (stable; the MNIST workbench relies on it)::

    runner = TrainingRunner(owner, trainer, epochs=1000)
    runner.start("run" | "epoch" | "batch")  # -> bool: False if busy or nothing to do
    runner.pause()                            # cancel; the worker stops after its step
                                              # (also before a reset or an opened model)
    runner.running                            # a worker is active (until it really ended)
    runner.epochs = 2000                      # epoch target of "run" (applies at once)
    runner.stop_at = 100                      # a run pauses there (None: never)
    runner.pace = 10                          # steps a second while running; None: flat out
    runner.set_lr(0.05); runner.set_batch_size(32); runner.set_grad("numerical")
    runner.view(k) / runner.viewed_epoch      # show epoch k (None = live, the latest)
    runner.shown_epoch                        # viewed_epoch or trainer.epoch
    runner.params_at(k) / runner.network_at(k)   # read-only views of a past epoch

Rewind: ``view(k)`` only changes what is shown; the next ``start`` while an earlier
epoch is shown calls ``trainer.restore(k)`` inside the worker (later epochs dropped)
and reports it in ``TrainingStarted.resumed_from``.

Messages (``tui.training.messages``): TrainingStarted, then throttled TrainingProgress and
EpochsFinished, then TrainingStopped. ``epoch_hook(trainer, record)`` runs in the worker
after each epoch; its result travels in ``EpochsFinished.extras``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from nncore.trainer import EpochRecord, Trainer, TrainingDiverged
from tui.training.messages import (
    EpochsFinished,
    TrainingProgress,
    TrainingStarted,
    TrainingStopped,
)
from tui.training.pace import Pacer

PROGRESS_INTERVAL = 0.1
"""Seconds between progress messages: at most ten a second reach the UI."""

MODES = ("run", "epoch", "batch")


class TrainingRunner:
    """Owns a trainer and the (at most one) worker training it. See the module docstring."""

    def __init__(
        self,
        owner: Widget,
        trainer: Trainer,
        *,
        epochs: int,
        epoch_hook: Callable[[Trainer, EpochRecord], Any] | None = None,
        progress_interval: float = PROGRESS_INTERVAL,
        stop_at: int | None = None,
        pace: float | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.owner = owner
        self.trainer = trainer
        self.epochs = epochs
        self.epoch_hook = epoch_hook
        self.progress_interval = progress_interval
        self.stop_at = stop_at
        self.pace = pace
        """Read by the worker at every step, so a change applies at once."""
        self._pacer = pacer or Pacer()
        self.viewed_epoch: int | None = None
        self._stop: threading.Event | None = None
        self._busy = False
        # Held by a worker for its whole run, so a new worker never overlaps the
        # final step of one that is still winding down after a pause.
        self._lock = threading.Lock()
        # restore() in the worker drops snapshots the UI thread may be reading to display.
        self._snapshots_lock = threading.Lock()

    # --- state ---

    @property
    def running(self) -> bool:
        return self._busy

    @property
    def shown_epoch(self) -> int:
        """The epoch the UI should display."""
        return self.trainer.epoch if self.viewed_epoch is None else self.viewed_epoch

    @property
    def last_epoch(self) -> int:
        """The latest epoch trained (rewinding does not drop it until training resumes)."""
        with self._snapshots_lock:  # a resume in the worker may be trimming the list
            return self.trainer.snapshot_epochs[-1]

    def params_at(self, epoch: int) -> dict:
        """Epoch ``epoch``'s parameters, or the latest epoch's if a resume just dropped it."""
        with self._snapshots_lock:
            return self.trainer.params_at(min(epoch, self.trainer.snapshot_epochs[-1]))

    def network_at(self, epoch: int):
        """A separate network holding epoch ``epoch``'s parameters (safe to use while a
        worker trains, and what ``save_model`` should write)."""
        return self.trainer.network.with_params(self.params_at(epoch))

    # --- settings that apply at the next step ---

    def set_lr(self, lr: float) -> None:
        self.trainer.optimizer.lr = lr

    def set_batch_size(self, batch_size: int) -> None:
        self.trainer.batch_size = batch_size

    def set_grad(self, method: str) -> None:
        self.trainer.grad_method = method

    # --- control ---

    def view(self, epoch: int | None) -> int:
        """Show ``epoch`` (clamped to what exists); ``None`` or the last epoch means live."""
        if epoch is not None:
            epoch = max(0, min(epoch, self.last_epoch))
            if epoch == self.last_epoch:
                epoch = None
        self.viewed_epoch = epoch
        return self.shown_epoch

    def start(self, mode: str) -> bool:
        """Start a worker; False when one is active or ``run`` already reached the target."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}: choose {', '.join(MODES)}")
        if self._busy or (mode == "run" and self.shown_epoch >= self.epochs):
            return False
        resume_from = self.viewed_epoch
        self.viewed_epoch = None
        self._busy = True
        stop = self._stop = threading.Event()
        self.owner.run_worker(
            lambda: self._work(mode, resume_from, stop),
            name=f"training-{mode}",
            group=f"training-{id(self)}",
            thread=True,
            exit_on_error=False,
        )
        return True

    def pause(self) -> None:
        """Stop the worker, if any, after the step it is taking.

        Not ``Worker.cancel``: cancelling a worker Textual has not started yet drops its
        task before ``_work`` runs, so ``running`` would never turn False again. The
        worker always runs and, told to stop, ends at once with ``"paused"``.
        """
        if self._stop is not None:
            self._stop.set()

    # --- worker thread ---

    def _work(self, mode: str, resume_from: int | None, stop: threading.Event) -> None:
        worker = get_current_worker()
        # A rate too large overflows on its way to nan: TrainingDiverged tells it in the
        # status line, so NumPy's warnings would only be noise written under the app.
        with self._lock, np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            try:
                reason, error = self._train(worker, stop, mode, resume_from)
            finally:
                self._busy = False
            detail = "" if error is None else str(error)
            if reason == "error":
                detail = f"{type(error).__name__}: {detail}"
            # Posted after ``running`` turned False, so its handler may start again.
            self.owner.post_message(TrainingStopped(self, reason, detail, error))

    def _train(
        self, worker: Worker, stop: threading.Event, mode: str, resume_from: int | None
    ) -> tuple[str, BaseException | None]:
        """Why the worker stopped, and the exception that stopped it (if one did)."""
        trainer = self.trainer
        post = self.owner.post_message

        def stopping() -> bool:
            """Paused (``pause``), or the worker cancelled (the app is closing)."""
            return stop.is_set() or worker.is_cancelled

        if stopping():  # paused before it began: nothing trained, nothing dropped
            return "paused", None
        if resume_from is not None and resume_from < trainer.epoch:
            with self._snapshots_lock:
                trainer.restore(resume_from)
        else:
            resume_from = None
        post(TrainingStarted(self, mode, resume_from))
        records: list[EpochRecord] = []
        extras: list[Any] = []
        last_post = time.monotonic()
        posted_steps = len(trainer.history.step_losses)
        reason, error = "done", None
        stop_at = self.stop_at
        # Only on the way up to it: a run started at or past the stop goes on.
        if mode != "run" or stop_at is None or trainer.epoch >= stop_at:
            stop_at = None

        def flush() -> None:
            nonlocal last_post, posted_steps
            if records:
                post(EpochsFinished(self, tuple(records), tuple(extras)))
                records.clear()
                extras.clear()
            losses = tuple(trainer.history.step_losses[posted_steps:])
            progress = TrainingProgress(
                self, trainer.steps, trainer.epoch, trainer.epoch_progress, posted_steps, losses
            )
            post(progress)
            posted_steps += len(losses)
            last_post = time.monotonic()

        try:
            while True:
                if stopping():
                    reason = "paused"
                    break
                if mode == "run" and trainer.epoch >= self.epochs:
                    reason = "finished"
                    break
                if stop_at is not None and trainer.epoch >= stop_at:
                    reason = "stop_at"
                    break
                result = trainer.step()
                if result.finished is not None:
                    records.append(result.finished)
                    hook = self.epoch_hook
                    extras.append(hook(trainer, result.finished) if hook else None)
                if time.monotonic() - last_post >= self.progress_interval:
                    flush()
                # Hand the GIL over once a step. A gate step is pure Python and never
                # releases it, so the UI thread, which gives it up at every select(),
                # would wait a whole switch interval (5 ms) each time to get it back.
                time.sleep(0)
                if mode == "batch" or (mode == "epoch" and result.finished is not None):
                    break
                pace = self.pace
                if pace is not None and pace * self.progress_interval <= 1:
                    flush()  # every step shown the moment it is taken, not an interval on
                self._pacer.wait(pace, stopping)
        except TrainingDiverged as exc:
            reason, error = "diverged", exc
        except Exception as exc:  # the app must stay up; the workbench shows the one line
            reason, error = "error", exc
        flush()
        return reason, error
