"""Launch to first frame in a pseudo-terminal: spawn ``nnlab --lang LANG``, time until the
screen shows the task list, in English and in Korean (the catalog is read at launch)
taking turns round after round; what reading the Korean catalog costs in a fresh
interpreter; and the import profile of the first screen. ``benchmarks.app`` reports it
beside the in-app training speed.
"""

from __future__ import annotations

import fcntl
import json
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

from benchmarks._common import median, table

TARGET_SECONDS = 1.0
LANGUAGE_TARGET_SECONDS = 0.6
"""Issue 16: launch to first frame in every language (the catalog read included)."""
LAUNCH_LANGUAGES = ("en", "ko")
MARKER = "Logic gates"  # a task-list group on the first screen, in each language
ROOT = Path(__file__).resolve().parent.parent


def _command() -> list[str]:
    script = Path(sys.executable).parent / "nnlab"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def marker(lang: str) -> bytes:
    """``MARKER`` as the task list says it in ``lang``."""
    from tui.i18n.catalogs import load_catalog

    said = MARKER if lang == "en" else load_catalog(lang).gettext(MARKER)
    return said.encode()


def first_frame_seconds(lang: str = "en", timeout: float = 15.0) -> float:
    """Seconds from spawning ``nnlab --lang LANG`` in a 120x40 pty until ``MARKER`` (in
    that language) is on screen."""
    wanted = marker(lang)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*_command(), "--lang", lang],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
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
            if wanted in seen:
                return time.perf_counter() - started
        raise RuntimeError(f"no {wanted!r} within {timeout} s; got {seen[-300:]!r}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)


def launches(repeats: int) -> dict[str, list[float]]:
    """Seconds to first frame per language, ``repeats`` rounds, the languages taking turns
    (first one, then the other) so that both see the machine's drift alike."""
    seconds: dict[str, list[float]] = {lang: [] for lang in LAUNCH_LANGUAGES}
    for round_ in range(repeats):
        order = LAUNCH_LANGUAGES if round_ % 2 == 0 else LAUNCH_LANGUAGES[::-1]
        for lang in order:
            seconds[lang].append(first_frame_seconds(lang))
    return seconds


CATALOG_PROBE = """
import gettext, io, json, time
t0 = time.perf_counter()
import polib
t1 = time.perf_counter()
from tui.i18n.catalogs import read_po
po = read_po("ko")
t2 = time.perf_counter()
binary = po.to_binary()
t3 = time.perf_counter()
gettext.GNUTranslations(io.BytesIO(binary))
t4 = time.perf_counter()
from tui.i18n.catalogs import load_catalog
load_catalog("ko")
t5 = time.perf_counter()
print(json.dumps({"import_polib": t1 - t0, "parse": t2 - t1, "to_binary": t3 - t2,
                  "gnutranslations": t4 - t3, "cached": t5 - t4,
                  "entries": len(po), "bytes": len(binary)}))
"""
"""The steps of reading the Korean catalog when its ``.mo`` is not cached yet, each
timed, then ``catalogs.load_catalog`` as a launch does it once it is (the launches
before have cached it)."""
CATALOG_STEPS = ("import_polib", "parse", "to_binary", "gnutranslations")


def catalog_cost(repeats: int) -> dict:
    """Median milliseconds of each step of reading the Korean catalog, each in a fresh
    interpreter (as at launch), uncached and cached."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CATALOG_PROBE],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(repeats)
    ]
    cost = {f"{step}_ms": median([run[step] for run in runs]) * 1e3 for step in CATALOG_STEPS}
    cost["total_ms"] = median([sum(run[step] for step in CATALOG_STEPS) for run in runs]) * 1e3
    cost["cached_ms"] = median([run["cached"] for run in runs]) * 1e3
    cost["entries"] = runs[0]["entries"]
    cost["mo_bytes"] = runs[0]["bytes"]
    return cost


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


def launch_report(quick: bool, repeats: int) -> dict:
    """Measure and print the launch, the catalog's cost and the import profile; the
    figures as ``benchmarks.app``'s results hold them."""
    for lang in LAUNCH_LANGUAGES:
        first_frame_seconds(lang)  # warm the file cache and .pyc files
    by_language = launches(repeats)
    catalog = catalog_cost(repeats)
    profile = import_profile()
    rows = [
        [
            f"nnlab --lang {lang} → task list on screen",
            median(seconds), min(seconds), max(seconds),
            "(quick)" if quick else "met" if median(seconds) <= LANGUAGE_TARGET_SECONDS
            else "NOT MET",
        ]
        for lang, seconds in by_language.items()
    ]  # fmt: skip
    print(
        table(
            f"App launch to first frame (pty, 120x40), median of {repeats}, "
            "the languages taking turns",
            ["case", "median s", "min", "max", f"≤ {LANGUAGE_TARGET_SECONDS} s"],
            rows,
        )
    )
    print(
        table(
            f"Reading the Korean catalog ({catalog['entries']} entries, .mo "
            f"{catalog['mo_bytes']} bytes) in a fresh interpreter, median of {repeats}",
            [
                "import polib ms",
                "polib parse ms",
                "to_binary ms",
                "GNUTranslations ms",
                "total",
                "cached .mo ms",
            ],
            [
                [catalog[f"{step}_ms"] for step in CATALOG_STEPS]
                + [catalog["total_ms"], catalog["cached_ms"]]
            ],
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
        "launch_seconds": median(by_language["en"]),
        "launch_all": by_language["en"],
        "launch_by_language": {
            lang: {
                "median_seconds": median(seconds),
                "all": seconds,
                "met": bool(median(seconds) <= LANGUAGE_TARGET_SECONDS),
            }
            for lang, seconds in by_language.items()
        },
        "target_language_launch_seconds": LANGUAGE_TARGET_SECONDS,
        "ko_catalog_ms": catalog,
        "import_profile": profile,
        "target_launch_seconds": TARGET_SECONDS,
        "met": bool(median(by_language["en"]) <= TARGET_SECONDS),
    }
