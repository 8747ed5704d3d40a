"""Textual's command palette, with its one line of its own text in the language in use."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.i18n import N_, _

NO_MATCHES = N_("No matches found")


class Palette(CommandPalette):
    """``CommandPalette`` saying "No matches found" through the catalog."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual builds that line in English inside this method, so the method is
        # ours: the same countdown and the same disabled option, with the text translated.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search lists commands; it never "finds" none
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_(NO_MATCHES), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
