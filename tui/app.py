"""NNLabApp: the nnlab terminal app, and ``run_app`` for the ``nnlab`` command."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from platformdirs import user_downloads_path
from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.driver import Driver
from textual.screen import Screen

from tui.commands import APP_COMMANDS, SCREEN_COMMANDS
from tui.config_file import (
    TASKS,
    ConfigWriteError,
    Settings,
    read_settings,
    report,
    task_name,
    write_settings,
)
from tui.i18n import N_, _, use_language
from tui.screens.palette import language_commands, open_commands
from tui.tasks import FIRST_TASK

if TYPE_CHECKING:  # the main screen loads its widgets, which the import of the app need not
    from tui.screens.main import MainScreen


SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")
TEXTUAL_COMMANDS = frozenset({
    N_("Theme"), N_("Change the current theme"),
    N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
})  # fmt: skip
"""The titles and help of the entries Textual 8.2's ``App.get_system_commands`` yields, for
the catalogs (a test checks the list against Textual's)."""


class NNLabApp(App[int]):
    """Build and train neural networks from scratch, and watch them learn."""

    TITLE = "nnlab"
    CSS_PATH = "nnlab.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [command.binding() for command in APP_COMMANDS]

    def __init__(self, config: Path | None = None, notice: str | None = None) -> None:
        """``config``: the settings file to restore at launch and rewrite when the theme,
        the pace or the open task changes; None (``--no-config``, tests): neither.
        ``notice``: a problem with the command line to tell at launch (an unknown
        ``--lang``)."""
        super().__init__()
        self._config = config
        self._notice = notice
        settings, self._config_problems = (
            read_settings(config, self.available_themes) if config else (Settings(), [])
        )
        # What the file holds, as the app applies it: unchanged settings are not rewritten.
        self._remembered = replace(
            settings, task=task_name(TASKS.get(settings.task or "", FIRST_TASK))
        )
        self._save_problem = ""
        if settings.theme is not None:
            self.theme = settings.theme

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        if sys.platform == "win32":  # Textual's Linux driver imports termios
            return driver_class
        from tui.terminal import hangup_safe

        return hangup_safe(driver_class)

    def get_default_screen(self) -> Screen:
        from tui.screens.main import MainScreen

        return MainScreen(TASKS[self._remembered.task], self._remembered.pace)

    def on_mount(self) -> None:
        if self._notice:
            self.notify(self._notice, severity="warning", markup=False, timeout=15)
        if self._config_problems:
            message = report(self._config, self._config_problems)
            # Longer than the default 5 s: it may take a few lines to read.
            self.notify(message, title=_("Settings"), severity="warning", markup=False, timeout=15)

    # --- remembered settings ---

    def watch_theme(self, theme: str) -> None:
        self._remember(theme=theme)

    def on_main_screen_task_opened(self, message: MainScreen.TaskOpened) -> None:
        self._remember(task=task_name(message.task))

    def on_main_screen_pace_set(self, message: MainScreen.PaceSet) -> None:
        self._remember(pace=message.pace)

    def _remember(self, **changes: object) -> None:
        """Save the settings with ``changes``, unless nothing changed. A failure is told
        once (not at every ``+``) and the next change tries again."""
        settings = replace(self._remembered, **changes)
        if self._config is None or settings == self._remembered:
            return
        try:
            write_settings(self._config, settings)
        except ConfigWriteError as exc:
            if str(exc) != self._save_problem:
                self._save_problem = str(exc)
                self.notify(str(exc), title=_("Settings"), severity="warning", markup=False)
            return
        self._remembered = settings
        self._save_problem = ""  # told again should it come back

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Leave as Textual does, once no page is being built (``MainScreen.after_building``):
        ``q`` or a signal at launch would otherwise race the first task's mounting."""
        leave = partial(super().exit, result, return_code, message)
        if not self.screen_stack:  # not started yet: ask again once the screen is there
            self.call_later(self.exit, result, return_code, message)
        elif (main := self._main_screen()) is None:
            leave()
        else:
            main.after_building(leave)

    async def _shutdown(self) -> None:
        # Textual's run_test closes the app here without calling exit(): a test that ends
        # during the launch must not race the first task's mounting either. (When exit()
        # ended the message loop, is_running is False and nothing is being built.)
        if self.is_running and (main := self._main_screen()) is not None:
            await main.finish_building()
        await super()._shutdown()

    def _main_screen(self) -> MainScreen | None:
        from tui.screens.main import MainScreen

        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def switch_language(self, code: str) -> None:
        """Speak ``code`` from now on, remember it, and build the main screen anew in it:
        text made at compose follows the language only so. (The palette offers this on
        the main screen alone, so no dialog above it keeps the old language.)"""
        use_language(code)
        self._remember(language=code)
        if (main := self._main_screen()) is not None:
            main.rebuild()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_show_help_panel(self) -> None:
        """Textual's keys panel (palette: Keys), its words in the language in use."""
        from tui.widgets.keys_panel import KeysHelpPanel

        if not self.screen.query("HelpPanel"):
            self.screen.mount(KeysHelpPanel())

    def action_command_palette(self) -> None:
        """Textual's palette, with its placeholder in the language in use."""
        from tui.dialogs.command_palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette", placeholder=_(SEARCH_COMMANDS)))

    def search_themes(self) -> None:
        """Textual's theme palette (its Theme entry), with the placeholder translated."""
        from textual.theme import ThemeProvider

        from tui.dialogs.command_palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        yield from language_commands(screen, self.switch_language)
        yield from open_commands(screen)
        for command in SCREEN_COMMANDS:
            if screen.check_action(command.action, ()):
                action = getattr(screen, f"action_{command.action}")
                yield SystemCommand(_(command.title), command.palette_help, action)
        for command in APP_COMMANDS:
            if command.action != "quit":  # Textual's own commands include Quit
                action = getattr(self, f"action_{command.action}")
                yield SystemCommand(_(command.title), command.palette_help, action)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen into ``path``, else ``screenshot_folder()``, and tell
        the full path written, or why nothing was. Textual's own delivery writes only into
        ~/Downloads and, when that is missing, says no more than that it failed."""
        folder = Path(path) if path else screenshot_folder()
        stamp = datetime.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S")
        name = filename or f"{self.title}_{stamp}.svg"
        target = (folder / name).absolute()
        part = target.with_name(f".{target.name}.part")
        try:
            part.write_text(self.export_screenshot(), encoding="utf-8")
            part.replace(target)
        except OSError as exc:
            part.unlink(missing_ok=True)
            self.notify(
                _("Could not save the screenshot to {path}: {reason}").format(
                    path=target, reason=exc.strerror or exc
                ),
                title=_("Screenshot"),
                severity="error",
                markup=False,
            )
            return None
        self.notify(_("Saved to {path}").format(path=target), title=_("Screenshot"), markup=False)
        return str(target)


def screenshot_folder() -> Path:
    """$XDG_PICTURES_DIR when it is a folder, else the Downloads folder when there is
    one, else the current folder."""
    pictures = os.environ.get("XDG_PICTURES_DIR", "")
    for folder in (Path(pictures).expanduser() if pictures else None, user_downloads_path()):
        if folder is not None and folder.is_dir():
            return folder
    return Path.cwd()


def run_app(*, config: Path | None, notice: str | None = None) -> int:
    """Run the app, remembering its settings in ``config`` (None: not at all) and telling
    ``notice`` at launch; the exit code is 0 unless it ended with an error, or 128 + the
    signal's number when SIGTERM or SIGHUP ended it."""
    app = NNLabApp(config, notice)
    stops = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, _exit_app_on(app)) for signum in stops}
    try:
        app.run()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return app.return_code or 0


def _exit_app_on(app: App):
    """A signal handler that quits ``app`` as ``q`` does, so Textual restores the
    terminal (main screen, mouse off, cursor shown) instead of dying inside it."""

    def handler(signum: int, _frame) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before the app started or after it ended: nothing to restore
            raise SystemExit(128 + signum) from None
        # A signal handler may interrupt the loop anywhere: hand the exit to the loop.
        loop.call_soon_threadsafe(partial(app.exit, return_code=128 + signum))

    return handler
