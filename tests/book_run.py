"""Test helper: ``nnlab run`` in a child process, on scripts the tests write themselves."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def real_book_weights() -> Path | None:
    """The book's ``sample_weight.pkl`` (chapter 3's trained network), if this machine
    has it: ``$NNLAB_DLFS_WEIGHTS``, else ``shared/data/dlfs/`` beside the checkout."""
    candidates = [
        Path(os.environ["NNLAB_DLFS_WEIGHTS"]) if os.environ.get("NNLAB_DLFS_WEIGHTS") else None,
        *(parent / "shared/data/dlfs/sample_weight.pkl" for parent in REPO.parents[:3]),
    ]
    return next((p for p in candidates if p is not None and p.is_file()), None)


def write_script(path: Path, source: str) -> Path:
    """Write ``source`` (dedented) to ``path``, making its folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source).lstrip())
    return path


def nnlab_run(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``nnlab run ARGS`` with an 80×24 terminal size and no display, unless ``env`` says."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    full_env.update({"COLUMNS": "80", "LINES": "24", "NO_COLOR": "", "FORCE_COLOR": ""})
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", "run", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
    )


def python_run(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """``python ARGS``, to compare with ``nnlab run``."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=60
    )
