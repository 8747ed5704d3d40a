"""NNLabApp: the nnlab terminal app, and ``run_app`` for the ``nnlab`` command."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

COMMANDS = (
    ("Run / pause", "Start training or pause it (space)", "toggle_run"),
    ("One epoch", "Train one epoch (n)", "step_epoch"),
    ("One mini-batch", "Train one mini-batch (b)", "step_batch"),
    ("Reset", "New weights; architecture changes apply (r)", "reset"),
    ("Back one epoch", "Show the previous epoch (←)", "rewind"),
    ("Forward one epoch", "Show the next epoch (→)", "forward"),
    ("Save model", "Save the shown epoch's model to a file (s)", "save"),
    ("Open model", "Open a model file to train on (o)", "open"),
)


class NNLabApp(App[int]):
    """Build and train neural networks from scratch, and watch them learn."""

    TITLE = "nnlab"
    CSS_PATH = "nnlab.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def get_default_screen(self) -> Screen:
        from tui.screens.main import MainScreen

        return MainScreen()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, help_text, action in COMMANDS:
            if screen.check_action(action, ()):
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))
        yield SystemCommand("Help", "Every key and what the panes show (?)", self.action_help)


def run_app() -> int:
    """Run the app; the exit code is 0 unless it ended with an error."""
    app = NNLabApp()
    app.run()
    return app.return_code or 0
