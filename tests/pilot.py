"""Helpers for driving the app in tests: waits that never wait forever, a one-widget app,
entering a workbench setting from the keyboard."""

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


def eventually(condition: Callable[[], object], timeout: float = TIMEOUT) -> bool:
    """Whether ``condition`` comes to hold within ``timeout`` s, polled from outside the
    app (for a worker thread that may outlive it)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


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


async def set_learning_rate(pilot, rate: str) -> None:
    """Open the workbench's settings (key 4) and enter ``rate`` as its learning rate."""
    await pilot.press("4")
    field = pilot.app.screen.workbench.query_one("#hp-lr")
    field.focus()
    field.value = ""
    await pilot.press(*rate, "enter")
