"""Loading: warm ``load_mnist()`` (served from the ``.npy`` cache) — the first call in a
fresh process (what a command or the app pays) and repeated calls within one process.

``python -m benchmarks.load [--quick] [--json PATH] [--repeats N]``
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._common import median, parser, save_results, table

TARGET_SECONDS = 0.2
#: Training images in the tiny quick-mode files (test: a fifth of it).
TINY_TRAIN = 500
_CHILD = (
    "import time; from nncore.datasets import load_mnist; s = time.perf_counter(); "
    "load_mnist(download=False); print(time.perf_counter() - s)"
)


def _write_tiny_mnist(folder: Path, n: int = TINY_TRAIN) -> None:
    """Four small IDX files with the official names (quick mode has no real MNIST)."""
    from nncore.datasets import MNIST_FILES

    rng = np.random.default_rng(0)
    for key, name in MNIST_FILES.items():
        count = n if key.startswith("train") else n // 5
        if key.endswith("_img"):
            body = rng.integers(0, 256, (count, 28, 28), dtype=np.uint8)
            header = np.array([0x803, count, 28, 28], ">u4").tobytes()
        else:
            body = rng.integers(0, 10, count, dtype=np.uint8)
            header = np.array([0x801, count], ">u4").tobytes()
        (folder / name).write_bytes(gzip.compress(header + body.tobytes()))


def run(quick: bool = False, repeats: int | None = None) -> dict:
    repeats = repeats or (2 if quick else 7)
    env = dict(os.environ)
    tmp = None
    if quick:
        tmp = tempfile.TemporaryDirectory()
        folder = Path(tmp.name) / "mnist"
        folder.mkdir()
        _write_tiny_mnist(folder)
        env["NNLAB_DATA"] = str(folder)
        env["XDG_CACHE_HOME"] = str(Path(tmp.name) / "cache")
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    try:
        fresh = []
        subprocess.run(
            [sys.executable, "-c", _CHILD], env=env, check=True, capture_output=True
        )  # fills the cache
        for _ in range(repeats):
            out = subprocess.run(
                [sys.executable, "-c", _CHILD], env=env, check=True, capture_output=True, text=True
            )
            fresh.append(float(out.stdout.strip()))
        # In this process: the same call again and again.
        old = {k: os.environ.get(k) for k in ("NNLAB_DATA", "XDG_CACHE_HOME")}
        os.environ.update({k: env[k] for k in old if k in env})
        try:
            from nncore.datasets import load_mnist

            load_mnist(download=False)
            repeated = []
            for _ in range(repeats):
                started = time.perf_counter()
                load_mnist(download=False)
                repeated.append(time.perf_counter() - started)
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    finally:
        if tmp is not None:
            tmp.cleanup()
    rows = [
        ["first call in a fresh process", median(fresh), min(fresh), max(fresh)],
        ["repeated call in one process", median(repeated), min(repeated), max(repeated)],
    ]
    print(
        table(
            f"Warm load_mnist() from the .npy cache, median of {repeats}",
            ["case", "median s", "min", "max"],
            rows,
        )
    )
    return {
        "quick": quick,
        "repeats": repeats,
        "fresh_process_seconds": median(fresh),
        "repeated_seconds": median(repeated),
        "fresh_all": fresh,
        "repeated_all": repeated,
        "target_seconds": TARGET_SECONDS,
        "met": bool(median(fresh) <= TARGET_SECONDS),
    }


def main(argv=None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    save_results(args, "load", run(args.quick, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
