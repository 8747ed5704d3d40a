"""Undo for a replaced run: ``UndoPoint`` is the run as it was before a resume from an
earlier epoch or an opened model replaced it; ``RunUndo`` (part of every ``Workbench``)
takes one as the run is replaced and puts it back once on ``u``."""

from __future__ import annotations

from dataclasses import dataclass

from nncore.trainer import TrainerState
from tui.training.command_line import RunOrigin
from tui.training.hyperparams import Hyperparams
from tui.training.runner import TrainingRunner


@dataclass(frozen=True)
class UndoPoint:
    """``runner`` and its settings as they were. ``state`` rolls its trainer back when the
    replacement trained that same trainer on (a resume); an opened model has a trainer
    of its own, so the old one is kept as it was and ``state`` is None. ``epochs`` is how
    many epochs the old run had, ``replaced_by`` what replaced it (for the messages)."""

    runner: TrainingRunner
    state: TrainerState | None
    applied: Hyperparams
    pending: Hyperparams
    origin: RunOrigin
    epochs: int
    replaced_by: str

    @property
    def busy(self) -> bool:
        """Its runner still has a worker winding down: undo waits for it to stop."""
        return self.runner.running

    def put_back(self) -> TrainingRunner:
        """The runner as it was, at its latest epoch. Only when no worker trains it."""
        if self.state is not None:
            self.runner.trainer.rollback(self.state)
        self.runner.view(None)
        return self.runner


def epochs_phrase(epochs: int) -> str:
    """``"the untrained weights"``, ``"1 epoch"``, ``"17 epochs"``."""
    if epochs == 0:
        return "the untrained weights"
    return f"{epochs} epoch{'s' if epochs != 1 else ''}"


class RunUndo:
    """The undo half of ``Workbench`` (see there for ``runner``, ``applied``, ``pending``,
    ``origin``, ``records``, ``form``, ``say`` …). Its state: ``_undo``, the point ``u``
    returns to; ``_resume_point``, taken as a resume starts and kept once it began;
    ``_undo_wanted``, an undo waiting for a worker's last step."""

    def _start(self, mode: str) -> bool:
        """Start the runner; from an earlier epoch, first note the run as it is, which the
        resume is about to cut short (and ``u`` can put back)."""
        resuming = self.runner.viewed_epoch is not None and not self.runner.running
        point = self._undo_point(f"the resume from epoch {self.runner.viewed_epoch}", resuming)
        started = self.runner.start(mode)
        self._resume_point = point if started and resuming else None
        return started

    def _undo_point(self, replaced_by: str, same_trainer: bool) -> UndoPoint:
        runner = self.runner
        state = runner.trainer.checkpoint() if same_trainer else None
        return UndoPoint(
            runner, state, self.applied, self.pending, self.origin, runner.last_epoch, replaced_by
        )

    def undo(self) -> None:
        """Put back the run the last resume or opened model replaced, once; training is
        paused first, and the undo happens when its step ends."""
        if self._undo is None:
            return
        self._undo_wanted = True
        if not self._finish_undo():
            self.runner.pause()
            self.say("Undo: waiting for the step under way to end…")

    def _finish_undo(self) -> bool:
        point = self._undo
        if point is None or self.runner.running or point.busy:
            return False
        self._undo, self._undo_wanted = None, False
        self.runner = point.put_back()
        self.runner.pace = self.pace
        self.applied, self.pending, self.origin = point.applied, point.pending, point.origin
        self.form.set_values(self.pending, self.form_scope())
        self._apply_live_settings()
        # From the trainer, which no worker touches now: the messages of the old run's
        # last step may have been dropped as it was replaced.
        self.records = list(self.runner.trainer.history.epochs)
        self.on_undone()
        self.refresh_all()
        self.screen.refresh_keys()
        self.say(f"Undid {point.replaced_by}: {epochs_phrase(point.epochs)} back as they were.")
        return True
