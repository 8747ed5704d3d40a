"""Helpers for driving the app in tests: waits that never wait forever, a one-widget app."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.widget import Widget

TIMEOUT = 60.0
"""Seconds a wait may take before the test fails: far beyond any healthy wait, even on a
loaded machine, so it only turns a hang into a failure."""


async def wait_until(
    pilot, condition: Callable[[], object], timeout: float = TIMEOUT, what: str = ""
) -> None:
    """Poll ``condition`` between short pauses until it holds; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout:g} s{': ' + what if what else ''}")
        await pilot.pause(0.02)


async def settle(pilot, timeout: float = TIMEOUT) -> None:
    """Let every worker end and its last messages be handled; fail after ``timeout`` s.

    Polls, since ``app.workers.wait_for_complete`` raises for a cancelled worker.
    """
    workers = pilot.app.workers
    await wait_until(pilot, lambda: all(w.is_finished for w in workers), timeout, "workers")
    await pilot.pause()
    await pilot.pause()


async def main_screen_ready(pilot) -> None:
    """Wait until the main screen has composed its page switcher."""
    await wait_until(pilot, lambda: pilot.app.screen.query("ContentSwitcher"), what="screen")


class OneWidgetApp(App):
    """An app showing one widget, made by ``make``, styled by ``css``."""

    def __init__(self, make: Callable[[], Widget], css: str = "") -> None:
        self.CSS = css
        super().__init__()
        self._make = make

    def compose(self) -> ComposeResult:
        yield self._make()
