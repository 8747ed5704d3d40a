"""RunCommandScreen: the ``nnlab train …`` command that reproduces the open run, to copy."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.i18n import N_, _


class RunCommandScreen(ModalScreen[None]):
    """Shows ``command`` whole (wrapped, selectable) and ``caveats``, the reasons its
    numbers would differ from the run's; ``c`` or ``enter`` copies it to the clipboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c,enter", "copy", N_("Copy")),
        Binding("escape", "close", N_("Close")),
    ]

    def __init__(self, command: str, caveats: list[str]) -> None:
        super().__init__()
        self.command = command
        self.caveats = caveats

    def compose(self) -> ComposeResult:
        with Vertical(id="command-dialog") as box:
            box.border_title = _("Command for this run")
            yield Label(
                _("Trains these settings headless; see below why the numbers differ:")
                if self.caveats
                else _("Reproduces this run headless: same seed, same numbers.")
            )
            yield Static(self.command, id="command-line", markup=False)
            if self.caveats:
                yield Static("\n".join(self.caveats), id="command-caveats", markup=False)
            yield Label(_("c or enter: copy to the clipboard   escape: close"), id="command-hint")

    def action_copy(self) -> None:
        # Through the terminal (OSC 52): most terminals and tmux with set-clipboard pass it on.
        self.app.copy_to_clipboard(self.command)
        self.notify(_("Copied to the clipboard (if the terminal allows it)."), title=_("Command"))

    def action_close(self) -> None:
        self.dismiss(None)
