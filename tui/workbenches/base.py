"""Workbench: the base of every task's right-hand pane (form + runner + delegated actions).

A subclass (``GateWorkbench``, ``MnistWorkbench``) implements:

* ``default_hyperparams() -> Hyperparams`` — the task's preset.
* ``form_scope() -> tuple[frozenset[str], str]`` — fields that apply to the current
  network (others are disabled in the form) and a one-line note shown above it.
* ``build_trainer(params, network=None) -> Trainer`` — a fresh trainer; ``network`` is
  a loaded model to train on instead of a new one.
* ``check_network(network) -> str | None`` — why a loaded model cannot be used, or None.
* ``compose_body()`` — the task's panes; include ``self.form`` (a HyperparamsForm)
  somewhere. The base yields the status line above it.
* ``show_epoch(epoch)`` — redraw every pane for epoch ``epoch`` (``runner.network_at``).
* ``command_line(epochs) -> str`` — the ``nnlab train …`` command of this run's settings.
* optionally ``on_epochs(records, extras)``, ``on_reset()``, ``on_resumed(epoch)``,
  ``on_undone()``, ``epoch_hook`` (runs in the worker thread) and ``status_detail()``.

The MainScreen calls the action methods (``toggle_run``, ``step_epoch``, ``step_batch``,
``reset``, ``step_view(delta)``, ``view_epoch(k)``, ``save_model(path)``, ``open_model(path)``,
``undo``, ``run_command()``, ``show_pane(i)`` for keys 1, 2, … with ``PANES``) and asks
``can(action)`` for its ``check_action``. ``say(text, severity)`` shows one inline message,
wrapped when longer than a row.

Resuming from an earlier epoch and opening a model replace the run; ``undo`` (``u``)
puts the replaced run back once (see ``tui.workbenches.undo``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widgets import Static, TabbedContent

from nncore.io import ModelFileError, load_model, save_model
from nncore.trainer import EpochRecord, Trainer
from tui.i18n import N_, _, explain, ngettext
from tui.training.command_line import RunOrigin
from tui.training.hyperparams import RESET_FIELDS, Hyperparams, format_hidden
from tui.training.messages import (
    EpochsFinished,
    TrainingProgress,
    TrainingStarted,
    TrainingStopped,
)
from tui.training.pace import pace_label
from tui.training.runner import TrainingRunner
from tui.training.stop_notice import stopped_notice
from tui.widgets.hyperparams import HyperparamsForm, field_label, field_list
from tui.widgets.wrapped_line import show_wrapped
from tui.workbenches.undo import RunUndo, UndoPoint, opened_notice, resumed_notice


class Workbench(RunUndo, Container):
    """One task's workbench. ``title`` names it in the status line (English, as a model
    file records it; shown through ``_()``); ``kind`` is the task kind
    (``"gate"``/``"mnist"``)."""

    # Focusable, so that tab from the task list (whose own keys they are there) hands
    # home/end/PgUp/PgDn to the screen's epoch jumps, and escape from a field has
    # somewhere to go that types nothing.
    can_focus = True
    kind = ""
    title = ""
    pace_unit = "epochs"
    """What the pace counts: a runner step (one epoch for a gate, a batch for MNIST)."""
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", N_("Back"), show=False)]
    """Out of a form field to the workbench, and from there to the task list."""
    PANES: tuple[str, ...] = ()
    """Ids of the TabPanes that keys 1, 2, … switch to (the body's TabbedContent)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="workbench")
        self.applied = self.default_hyperparams()
        self.pace: float | None = None
        self.pending = self.applied
        self.records: list[EpochRecord] = []
        """The trainer's epoch records as the runner's messages delivered them: what the
        panes draw, read without touching the lists the worker thread appends to."""
        self.runner = self._new_runner(self.build_trainer(self.applied))
        self.origin = RunOrigin()
        self._undo: UndoPoint | None = None
        self._resume_point: UndoPoint | None = None  # taken as a resume starts
        self._undo_wanted = False  # asked for while a worker was still stepping
        scope, note = self.form_scope()  # note: marked, the form translates it
        self.form = HyperparamsForm(self.applied, scope, note, id="hyperparams")
        self._line = Static("", id="wb-line", markup=False)
        self._status = Static("", id="wb-status", markup=False)

    # --- subclass hooks ---

    def default_hyperparams(self) -> Hyperparams:
        raise NotImplementedError

    def form_scope(self) -> tuple[frozenset[str], str]:
        """The fields that apply and a note on why, marked ``N_`` (the form translates)."""
        raise NotImplementedError

    def build_trainer(self, params: Hyperparams, network=None) -> Trainer:
        raise NotImplementedError

    def check_network(self, network) -> str | None:
        raise NotImplementedError

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def show_epoch(self, epoch: int) -> None:
        raise NotImplementedError

    def command_line(self, epochs: int) -> str:
        raise NotImplementedError

    def on_epochs(self, records: tuple[EpochRecord, ...], extras: tuple) -> None:
        """New epochs arrived (live, in order); e.g. append log lines."""

    def on_reset(self) -> None:
        """A new trainer replaced the old one; clear derived displays."""

    def on_resumed(self, epoch: int) -> None:
        """Training went back to ``epoch``; epochs after it are gone."""

    def on_undone(self) -> None:
        """An undo put an earlier trainer back (``records`` hold its epochs); rebuild
        what was derived from the one it replaced."""
        self.on_reset()

    epoch_hook = None
    """Optional ``(trainer, record) -> object``, run in the worker thread per epoch."""

    def status_detail(self) -> str:
        return ""

    # --- composition ---

    def compose(self) -> ComposeResult:
        yield self._status
        yield self._line
        yield from self.compose_body()

    def on_mount(self) -> None:
        self.set_pace(getattr(self.screen, "pace", None))

    def set_pace(self, pace: float | None) -> None:
        """Train at ``pace`` steps a second (None: full speed), from the next step on."""
        self.pace = self.runner.pace = pace
        self.refresh_all()

    # --- actions (called by the MainScreen) ---

    def can(self, action: str) -> bool:
        # From what the messages said, not the live trainer: which keys apply changes
        # when a message arrives, never in between (the footer redraws only then).
        if action in ("rewind", "first_epoch", "page_back"):
            viewed = self.runner.viewed_epoch
            return (len(self.records) if viewed is None else viewed) > 0
        if action in ("forward", "last_epoch", "page_forward"):
            return self.runner.viewed_epoch is not None
        if action == "undo":
            return self._undo is not None
        return True

    def toggle_run(self) -> None:
        if self.runner.running:
            self.runner.pause()
        elif not self._start("run"):
            epochs = self.runner.epochs
            self.say(
                ngettext(
                    "Reached {n} epoch — raise 'epochs' or reset (r).",
                    "Reached {n} epochs — raise 'epochs' or reset (r).",
                    epochs,
                ).format(n=epochs)
            )

    def step_epoch(self) -> None:
        self._start_step("epoch")

    def step_batch(self) -> None:
        self._start_step("batch")

    def _start_step(self, mode: str) -> None:
        if self.runner.running:
            self.runner.pause()
            self.say(_("Paused; press again to step."))
        else:
            self._start(mode)

    def run_command(self) -> tuple[str, list[str]]:
        """The ``nnlab train …`` command that reproduces the epochs trained (all of the
        target before any), and why its numbers would differ from this run's."""
        epochs = len(self.records) or self.applied.epochs
        return self.command_line(epochs), self.origin.caveats(epochs, field_label)

    def reset(self) -> None:
        """New weights from the pending hyperparameters (architecture changes apply here)."""
        self.runner.pause()
        self.applied = self.pending
        self._install(self.build_trainer(self.applied))
        self.origin = RunOrigin()
        self.say(_("Reset: new weights (seed {seed}).").format(seed=self.applied.seed))

    def step_view(self, delta: int) -> None:
        """Show the epoch ``delta`` before (negative) or after the one shown."""
        self.view_epoch(self.runner.shown_epoch + delta)

    def view_epoch(self, epoch: int | None) -> int:
        """Show ``epoch`` (clamped to the epochs trained; None: the latest), pausing
        training first; returns the epoch shown."""
        if self.runner.running:
            self.runner.pause()
        shown = self.runner.view(epoch)
        self.show_epoch(shown)
        self._update_status()
        return shown

    @property
    def page(self) -> int:
        """How far PgUp/PgDn move: a tenth of the epochs trained, at least one."""
        return max(1, len(self.records) // 10)

    def save_model(self, path: Path) -> str | None:
        """Save the epoch on show; returns a one-line error or None."""
        epoch = self.runner.shown_epoch
        training = {"task": self.title, "epoch": epoch, "lr": self.applied.lr}
        if not self.origin.caveats(epoch, field_label):  # else no command reproduces it
            training["command"] = self.command_line(epoch)
        try:
            save_model(path, self.runner.network_at(epoch), training)
        except OSError as exc:
            return f"{path}: {exc.strerror or exc}"
        self.say(_("Saved epoch {epoch} to {path}").format(epoch=epoch, path=path))
        return None

    def open_model(self, path: Path) -> str | None:
        """Load a model to train on; returns a one-line error or None."""
        try:
            network, _meta = load_model(path)
        except ModelFileError as exc:
            return explain(exc)
        problem = self.check_network(network)
        if problem:
            return f"{path}: {problem}"
        self.runner.pause()
        point = self._undo_point(None, same_trainer=False, opened=path.name)
        hidden = tuple(getattr(network, "sizes", (2, 1))[1:-1])
        activation = self.applied.activation if not hidden else network.activation
        self.applied = self.pending = replace(self.pending, hidden=hidden, activation=activation)
        self.form.set_values(self.applied, self.form_scope())
        self._install(self.build_trainer(self.applied, network))
        self.origin = RunOrigin(opened=str(path))
        self._undo = point
        self.screen.refresh_keys()
        self.say(opened_notice(path.name, format_hidden(hidden), point.epochs))
        return None

    def action_leave(self) -> None:
        if self.has_focus:
            self.screen.query_one("#chooser").focus()
        else:  # from a field: the pane itself holds the keyboard, the training keys work
            self.focus()

    def show_pane(self, index: int) -> None:
        self.query_one(TabbedContent).active = self.PANES[index]

    # --- shared plumbing ---

    def say(self, text: str, severity: str = "information") -> None:
        """One inline line under the status (wrapped when longer); ``severity``
        ``"error"`` colours it."""
        show_wrapped(self._line, text)
        self._line.set_class(severity == "error", "-error")

    def refresh_all(self) -> None:
        self.show_epoch(self.runner.shown_epoch)
        self._update_status()

    def _new_runner(self, trainer: Trainer) -> TrainingRunner:
        return TrainingRunner(
            self,
            trainer,
            epochs=self.applied.epochs,
            epoch_hook=self.epoch_hook,
            stop_at=self.applied.stop_at or None,
            pace=self.pace,
        )

    def _install(self, trainer: Trainer) -> None:
        self.runner = self._new_runner(trainer)
        self._undo = self._resume_point = None
        self._undo_wanted = False
        self.records = []
        self.on_reset()
        self.refresh_all()
        self.screen.refresh_keys()

    def _update_status(self) -> None:
        runner = self.runner
        state = _("running") if runner.running else _("paused")
        epoch = runner.shown_epoch
        # Parts of a status line, each whole, joined by " · " in every language.
        parts = [
            _(self.title),
            _("epoch {epoch}/{epochs}").format(epoch=epoch, epochs=runner.epochs),
        ]
        if runner.viewed_epoch is not None:
            state = _("viewing (last {last})").format(last=runner.last_epoch)
        if 0 < epoch <= len(self.records):
            parts.append(_("loss {loss}").format(loss=f"{self.records[epoch - 1].loss:.4f}"))
        detail = self.status_detail()
        if detail:
            parts.append(detail)
        parts.append(state)
        if self.pace is not None:  # full speed, the default, goes without saying
            parts.append(pace_label(self.pace, self.pace_unit))
        status = " · ".join(parts)
        show_wrapped(self._status, status)

    def _apply_live_settings(self) -> None:
        """Hand the applied live settings to the runner: they take effect at its next step."""
        self.runner.set_lr(self.applied.lr)
        self.runner.set_batch_size(self.applied.batch_size)
        self.runner.set_grad(self.applied.grad)
        self.runner.epochs = self.applied.epochs
        self.runner.stop_at = self.applied.stop_at or None

    # --- messages ---

    def on_hyperparams_form_changed(self, message: HyperparamsForm.Changed) -> None:
        message.stop()
        params, changed = message.params, message.changed
        live = changed - RESET_FIELDS
        self.pending = params
        self.applied = replace(self.applied, **{name: getattr(params, name) for name in live})
        self._apply_live_settings()
        if self.runner.running or self.runner.trainer.steps:
            self.origin = self.origin.changed(live, len(self.records))
        waiting = self.pending.changed_fields(self.applied)
        if waiting:
            self.say(_("{fields} will apply on reset (r).").format(fields=field_list(waiting)))
        elif live:
            self.say(_("{fields} applies from the next step.").format(fields=field_list(live)))
        self._update_status()

    def on_training_started(self, message: TrainingStarted) -> None:
        message.stop()
        if message.runner is not self.runner:
            return
        point, self._resume_point = self._resume_point, None
        if message.resumed_from is not None:
            self._undo = point or self._undo
            start, last = message.resumed_from, len(self.records)
            del self.records[start:]
            self.origin = self.origin.resumed(start)
            self.on_resumed(start)
            self.say(resumed_notice(start, last, self._undo is not None))
        self._update_status()
        self.screen.refresh_keys()

    def on_training_progress(self, message: TrainingProgress) -> None:
        message.stop()
        if message.runner is not self.runner:
            return
        self.refresh_all()

    def on_epochs_finished(self, message: EpochsFinished) -> None:
        message.stop()
        if message.runner is self.runner:
            self.records.extend(message.records)
            self.on_epochs(message.records, message.extras)

    def on_training_stopped(self, message: TrainingStopped) -> None:
        message.stop()
        self._resume_point = None  # a resume that never began dropped nothing
        if self._undo_wanted and self._finish_undo():
            return
        if message.runner is not self.runner:
            return
        notice = stopped_notice(message)
        if notice is not None:
            self.say(*notice)
        self.refresh_all()
        self.screen.refresh_keys()
