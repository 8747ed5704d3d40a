"""A learner's SSH connection drops: the terminal hangs up and their ``nnlab`` must end,
not linger on the class server holding memory and a core."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKER = b"Logic gates"  # a task-list group on the first screen
#: Generous bounds, only so that a broken build fails instead of hanging the suite.
START_SECONDS = 60
END_SECONDS = 20


def _wait_for_exit(pid: int, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.skipif(sys.platform != "linux", reason="pty hang-up semantics of Linux")
def test_closing_the_terminal_ends_the_app():
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # pty.fork makes the pty the child's controlling terminal, as sshd does.
    pid, master = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes nnlab
        os.execve(sys.executable, [sys.executable, "-m", "tui"], env)
    seen = b""
    status = None
    started = time.monotonic()
    try:
        while MARKER not in seen and time.monotonic() - started < START_SECONDS:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", os.read(master, 65536))
                except OSError:
                    break
        assert MARKER in seen, f"the app never drew its first screen: {seen[-300:]!r}"
        os.close(master)  # the connection drops: the kernel hangs up the terminal
        master = -1
        status = _wait_for_exit(pid, END_SECONDS)
        assert status is not None, "nnlab kept running after its terminal hung up"
    finally:
        if master >= 0:
            os.close(master)
        if status is None and os.waitpid(pid, os.WNOHANG)[0] == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
