"""TooSmall: the notice shown instead of the app when the terminal is too small."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from tui.i18n import _

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small_message(width: int, height: int) -> str:
    """The notice text for a terminal of ``width`` × ``height`` cells, in the language in use."""
    return _(
        "Enlarge the terminal to at least {min_width}×{min_height} (now {width}×{height})"
    ).format(min_width=MIN_WIDTH, min_height=MIN_HEIGHT, width=width, height=height)


class TooSmall(Static):
    """Centred notice that tracks the terminal size while it is on screen."""

    DEFAULT_CSS = """
    TooSmall {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def on_mount(self) -> None:
        self._show_app_size()

    def on_resize(self, event: events.Resize) -> None:
        self._show_app_size()

    def _show_app_size(self) -> None:
        self.update(too_small_message(self.app.size.width, self.app.size.height))
