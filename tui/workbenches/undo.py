"""UndoPoint: the run as it was before a resume from an earlier epoch or an opened model
replaced it, which ``u`` puts back once."""

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
