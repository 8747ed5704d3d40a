"""NNLabApp: the nnlab terminal app, and ``run_app`` for the ``nnlab`` command."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from tui.commands import APP_COMMANDS, SCREEN_COMMANDS


class NNLabApp(App[int]):
    """Build and train neural networks from scratch, and watch them learn."""

    TITLE = "nnlab"
    CSS_PATH = "nnlab.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [command.binding() for command in APP_COMMANDS]

    def get_default_screen(self) -> Screen:
        from tui.screens.main import MainScreen

        return MainScreen()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for command in SCREEN_COMMANDS:
            if screen.check_action(command.action, ()):
                action = getattr(screen, f"action_{command.action}")
                yield SystemCommand(command.title, command.palette_help, action)
        for command in APP_COMMANDS:
            if command.action != "quit":  # Textual's own commands include Quit
                action = getattr(self, f"action_{command.action}")
                yield SystemCommand(command.title, command.palette_help, action)


def run_app() -> int:
    """Run the app; the exit code is 0 unless it ended with an error."""
    app = NNLabApp()
    app.run()
    return app.return_code or 0
