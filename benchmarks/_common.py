"""Helpers shared by the benchmark scripts: timing, tables, JSON, data."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import time
from pathlib import Path

import numpy as np

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--quick", action="store_true", help="tiny sizes: exercise every path, no targets"
    )
    p.add_argument("--json", metavar="PATH", help="write the results here as JSON")
    p.add_argument("--repeats", type=int, default=None, help="repeats per candidate")
    return p


def median(values) -> float:
    return float(statistics.median(values)) if values else float("nan")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def interleave(candidates: dict, repeats: int) -> dict[str, list[float]]:
    """Call each ``candidates[name]()`` (returning seconds) in turn, ``repeats`` rounds."""
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(repeats):
        for name, fn in candidates.items():
            times[name].append(fn())
    return times


def machine() -> dict:
    info = {"python": platform.python_version(), "numpy": np.__version__, "cpus": os.cpu_count()}
    with contextlib.suppress(OSError):
        info["load_avg"] = os.getloadavg()
    try:
        from threadpoolctl import threadpool_info

        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if blas:
            info["blas"] = f"{blas[0].get('internal_api')} {blas[0].get('version')} "
            info["blas"] += f"({blas[0].get('architecture')})"
    except ImportError:  # pragma: no cover
        pass
    return info


def table(title: str, header: list[str], rows: list[list]) -> str:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [title, line, "-" * len(line)]
    out += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def _fmt(value) -> str:
    if isinstance(value, float):
        if value != value:
            return "-"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.3f}"
    if value is None:
        return "-"
    return str(value)


def write_json(path: str | os.PathLike | None, name: str, payload: dict) -> None:
    if not path:
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"benchmark": name, "machine": machine(), **payload}, indent=2))


def save_results(args: argparse.Namespace, name: str, result: dict) -> None:
    """Write ``result`` as JSON to ``--json``, else to ``results/<name>.json`` (never in
    ``--quick`` runs, whose figures are not the benchmark's)."""
    write_json(args.json or (None if args.quick else RESULTS_DIR / f"{name}.json"), name, result)


def synthetic_mnist(n_train: int, n_test: int, seed: int = 0):
    """MNIST-shaped data: 28x28 images with ~19% non-zero pixels in k/255 steps."""
    rng = np.random.default_rng(seed)

    def images(n):
        raw = rng.integers(1, 256, size=(n, 784)).astype(np.float32) / 255.0
        raw[rng.random((n, 784)) > 0.19] = 0.0
        return raw

    return (
        (images(n_train), rng.integers(0, 10, n_train).astype(np.uint8)),
        (images(n_test), rng.integers(0, 10, n_test).astype(np.uint8)),
    )


def mnist(quick: bool):
    """``(x_train, t_train), (x_test, t_test)``: real MNIST (``$NNLAB_DATA``), or synthetic in
    quick mode (CI has no MNIST)."""
    if quick:
        return synthetic_mnist(2000, 1000)
    from nncore.datasets import load_mnist

    return load_mnist(download=False)
