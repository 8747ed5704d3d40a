"""Undo for a replaced run: ``UndoPoint`` is the run as it was before a resume from an
earlier epoch or an opened model replaced it; ``RunUndo`` (part of every ``Workbench``)
takes one as the run is replaced and puts it back once on ``u``; and the notices that
say what a resume, an opened model and an undo did, each case a whole sentence."""

from __future__ import annotations

from dataclasses import dataclass

from nncore.trainer import TrainerState
from tui.i18n import _, ngettext
from tui.training.command_line import RunOrigin
from tui.training.hyperparams import Hyperparams
from tui.training.runner import TrainingRunner


@dataclass(frozen=True)
class UndoPoint:
    """``runner`` and its settings as they were. ``state`` rolls its trainer back when the
    replacement trained that same trainer on (a resume); an opened model has a trainer
    of its own, so the old one is kept as it was and ``state`` is None. ``epochs`` is how
    many epochs the old run had; what replaced it (for the messages): the resume from
    epoch ``resumed_from``, or (None) the model file named ``opened``."""

    runner: TrainingRunner
    state: TrainerState | None
    applied: Hyperparams
    pending: Hyperparams
    origin: RunOrigin
    epochs: int
    resumed_from: int | None
    opened: str = ""

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

    def undone(self) -> str:
        """The notice once it is back: ``"Undid the resume from epoch 3: 17 epochs back as
        they were."``, one sentence per case so that each language words it whole."""
        n = self.epochs
        if self.resumed_from is not None:  # a resume always dropped at least one epoch
            return ngettext(
                "Undid the resume from epoch {epoch}: {n} epoch back as they were.",
                "Undid the resume from epoch {epoch}: {n} epochs back as they were.",
                n,
            ).format(epoch=self.resumed_from, n=n)
        if n == 0:
            return _("Undid opening {name}: the untrained weights back as they were.").format(
                name=self.opened
            )
        return ngettext(
            "Undid opening {name}: {n} epoch back as they were.",
            "Undid opening {name}: {n} epochs back as they were.",
            n,
        ).format(name=self.opened, n=n)


def resumed_notice(start: int, last: int, can_undo: bool) -> str:
    """``"Resumed from epoch 3: epochs 4–17 dropped — u to undo."``: epochs after
    ``start`` up to ``last`` dropped; one whole sentence per case, for every language."""
    if last == start + 1:
        if can_undo:
            text = _("Resumed from epoch {start}: epoch {last} dropped — u to undo.")
        else:
            text = _("Resumed from epoch {start}: epoch {last} dropped.")
    elif can_undo:
        text = _("Resumed from epoch {start}: epochs {first}–{last} dropped — u to undo.")
    else:
        text = _("Resumed from epoch {start}: epochs {first}–{last} dropped.")
    return text.format(start=start, first=start + 1, last=last)


def opened_notice(name: str, hidden: str, dropped: int) -> str:
    """What opening model file ``name`` (hidden widths ``hidden``, "" for none) did to
    the ``dropped`` epochs trained before it."""
    hidden = hidden or _("none")
    if dropped == 0:
        text = _(
            "Opened {name} (hidden {hidden}) as epoch 0; "
            "the untrained weights before it dropped — u to undo."
        )
    else:
        text = ngettext(
            "Opened {name} (hidden {hidden}) as epoch 0; {n} epoch before it dropped — u to undo.",
            "Opened {name} (hidden {hidden}) as epoch 0; {n} epochs before it dropped — u to undo.",
            dropped,
        )
    return text.format(name=name, hidden=hidden, n=dropped)


class RunUndo:
    """The undo half of ``Workbench`` (see there for ``runner``, ``applied``, ``pending``,
    ``origin``, ``records``, ``form``, ``say`` …). Its state: ``_undo``, the point ``u``
    returns to; ``_resume_point``, taken as a resume starts and kept once it began;
    ``_undo_wanted``, an undo waiting for a worker's last step."""

    def _start(self, mode: str) -> bool:
        """Start the runner; from an earlier epoch, first note the run as it is, which the
        resume is about to cut short (and ``u`` can put back)."""
        resuming = self.runner.viewed_epoch is not None and not self.runner.running
        point = self._undo_point(self.runner.viewed_epoch, resuming)
        started = self.runner.start(mode)
        self._resume_point = point if started and resuming else None
        return started

    def _undo_point(
        self, resumed_from: int | None, same_trainer: bool, opened: str = ""
    ) -> UndoPoint:
        runner = self.runner
        state = runner.trainer.checkpoint() if same_trainer else None
        return UndoPoint(
            runner,
            state,
            *(self.applied, self.pending, self.origin, runner.last_epoch),
            resumed_from,
            opened,
        )

    def undo(self) -> None:
        """Put back the run the last resume or opened model replaced, once; training is
        paused first, and the undo happens when its step ends."""
        if self._undo is None:
            return
        self._undo_wanted = True
        if not self._finish_undo():
            self.runner.pause()
            self.say(_("Undo: waiting for the step under way to end…"))

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
        self.say(point.undone())
        return True
