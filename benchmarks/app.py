"""The app: launch to first frame in a pseudo-terminal (spawn ``nnlab``, time until the
screen shows the task list) and the import profile of the first screen.

Training throughput inside the running app (MNIST workbench) is not measured yet: the
workbench is still being written; the JSON says so.

``python -m benchmarks.app [--quick] [--json PATH] [--repeats N]``
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from benchmarks._common import RESULTS_DIR, median, parser, table, write_json

TARGET_SECONDS = 1.0
MARKER = b"Logic gates"  # a task-list group on the first screen
ROOT = Path(__file__).resolve().parent.parent


def _command() -> list[str]:
    script = Path(sys.executable).parent / "nnlab"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def first_frame_seconds(timeout: float = 15.0) -> float:
    """Seconds from spawning ``nnlab`` in a 120x40 pty until ``MARKER`` is on screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    started = time.perf_counter()
    proc = subprocess.Popen(
        _command(), stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            # Drop escape sequences so styled text reads as plain characters.
            seen += re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", chunk)
            if MARKER in seen:
                return time.perf_counter() - started
        raise RuntimeError(f"no {MARKER!r} within {timeout} s; got {seen[-300:]!r}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)


def import_profile(module: str = "tui.app", top: int = 10) -> list[dict]:
    """The slowest imports (cumulative µs) of ``module`` from ``python -X importtime``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    rows = []
    for line in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append(
                {
                    "self_us": int(m[1]),
                    "cumulative_us": int(m[2]),
                    "depth": len(m[3]) // 2,
                    "module": m[4],
                }
            )
    total = max((r["cumulative_us"] for r in rows), default=0)
    shallow = [r for r in rows if r["depth"] <= 2]
    shallow.sort(key=lambda r: -r["cumulative_us"])
    return [{"total_us": total}, *shallow[:top]]


def run(quick: bool = False, repeats: int | None = None) -> dict:
    repeats = repeats or (1 if quick else 7)
    first_frame_seconds()  # warm the file cache and .pyc files
    launches = [first_frame_seconds() for _ in range(repeats)]
    profile = import_profile()
    print(
        table(
            f"App launch to first frame (pty, 120x40), median of {repeats}",
            ["case", "median s", "min", "max"],
            [["nnlab → task list on screen", median(launches), min(launches), max(launches)]],
        )
    )
    print(
        table(
            f"Import profile of tui.app (total {profile[0]['total_us'] / 1e3:.0f} ms), "
            "slowest top-level imports",
            ["module", "cumulative ms", "self ms"],
            [
                ["  " * r["depth"] + r["module"], r["cumulative_us"] / 1e3, r["self_us"] / 1e3]
                for r in profile[1:]
            ],
        )
    )
    return {
        "quick": quick,
        "repeats": repeats,
        "launch_seconds": median(launches),
        "launch_all": launches,
        "import_profile": profile,
        "target_launch_seconds": TARGET_SECONDS,
        "met": bool(median(launches) <= TARGET_SECONDS),
        "in_app_training": "not measured: the MNIST workbench is still being written",
    }


def main(argv=None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    result = run(args.quick, args.repeats)
    write_json(args.json or (None if args.quick else RESULTS_DIR / "app.json"), "app", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
