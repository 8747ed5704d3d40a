"""The app on SIGTERM or SIGHUP: it quits as ``q`` does, restoring the terminal, exit 128+n.

Run in a pseudo-terminal, as a user runs it, with the signal sent at moments of the launch
told by the app's own output (never after any length of time): the outcome must not depend
on which moment it is.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest
from idx_fixtures import UNREACHABLE_MIRROR

# Generous: only a hung app, never a slow machine, gets near it.
PATIENCE = 120.0
ALT_SCREEN_OFF = b"\x1b[?1049l"
CURSOR_SHOWN = b"\x1b[?25h"
MOUSE_OFF = b"\x1b[?1000l"


def read_until(master: int, done, process: subprocess.Popen) -> bytes:
    """Read the terminal until ``done(output)`` or the app's end (EOF)."""
    output = b""
    give_up = time.monotonic() + PATIENCE
    while not done(output) and time.monotonic() < give_up:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the app closed the terminal
            break
        if not chunk:
            break
        output += chunk
    return output


def _visible(output: bytes) -> bytes:
    """The text drawn, without the escape sequences between its characters."""
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", output)


LAUNCH_MOMENTS = {
    # Before the first frame: the task chooser is still being composed.
    "first bytes": lambda output: output != b"",
    # The first frame: the chooser and footer, while the first workbench is being built.
    "first frame": lambda output: b"Quit" in _visible(output),
    # The first workbench drawn (its truth table's header).
    "first workbench": lambda output: b"target" in _visible(output),
}


@pytest.mark.parametrize("moment", LAUNCH_MOMENTS)
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_stop_signal_quits_the_app_and_restores_the_terminal(tmp_path, signum, code, moment):
    """Whenever in the launch the signal comes, the outcome is the same."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "NNLAB_MNIST_MIRRORS": UNREACHABLE_MIRROR,
    }
    env.pop("NNLAB_DATA", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        started = read_until(master, LAUNCH_MOMENTS[moment], process)
        assert LAUNCH_MOMENTS[moment](started), started[-500:]
        process.send_signal(signum)
        ended = read_until(master, lambda out: False, process)
        assert process.wait(timeout=PATIENCE) == code, _visible(ended)[-800:]
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    for sequence in (ALT_SCREEN_OFF, CURSOR_SHOWN, MOUSE_OFF):
        assert sequence in ended
    assert b"Traceback" not in started + ended
