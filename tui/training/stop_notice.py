"""What a workbench says when its runner's worker stops, in the chosen language."""

from __future__ import annotations

from tui.i18n import _, explain, ngettext
from tui.training.messages import TrainingStopped


def stopped_notice(message: TrainingStopped) -> tuple[str, str] | None:
    """(line, severity) for a stopped worker, None when the stop needs no words (a paused
    run, the one step asked for). A divergence is nncore's ``TrainingDiverged``, said
    with ``explain`` so its words follow the language too."""
    runner, error = message.runner, message.error
    if message.reason == "diverged":
        why = explain(error if error is not None else message.detail)
        return _("Paused: {why}").format(why=why), "error"
    if message.reason == "error":
        why = message.detail if error is None else f"{type(error).__name__}: {explain(error)}"
        return _("Training stopped: {why}").format(why=why), "error"
    if message.reason == "stop_at":
        text = _("Stopped at epoch {epoch}, as Settings say; space runs on.")
        return text.format(epoch=runner.stop_at), "information"
    if message.reason == "finished":
        text = ngettext(
            "Finished {n} epoch. ←/→ to look back.",
            "Finished {n} epochs. ←/→ to look back.",
            runner.epochs,
        )
        return text.format(n=runner.epochs), "information"
    return None
