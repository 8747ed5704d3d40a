"""Signals for headless commands: SIGTERM, SIGHUP and SIGQUIT stop a command as Ctrl+C
does (finally blocks run, training saves its last finished epoch), and a save in
progress is never cut short by a second signal."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from tui.i18n import _

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where the program is, as Ctrl+C raises KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code(exc: KeyboardInterrupt) -> int:
    """The shell's code for death by that signal: 128 + its number (Ctrl+C: 130)."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def what_stopped(exc: KeyboardInterrupt) -> str:
    """``"interrupted"`` for Ctrl+C, ``"stopped by SIGTERM"`` for a signal."""
    signum = getattr(exc, "signum", None)
    if signum is None:
        return _("interrupted")
    return _("stopped by {signal}").format(signal=signal.Signals(signum).name)


def _raise_stopped(signum: int, _frame) -> None:
    raise Stopped(signum)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, each of :data:`STOP_SIGNALS` raises :class:`Stopped`."""
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_held() -> Iterator[None]:
    """Within the block, Ctrl+C and the stop signals are ignored: a save finishes.

    The program is already on its way out (or a moment from it) when a save runs, so
    nothing is lost by letting the file be written whole.
    """
    held = (signal.SIGINT, *STOP_SIGNALS)
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
