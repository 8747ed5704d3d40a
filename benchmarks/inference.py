"""Inference: the book's sample network (784-50-100-10 sigmoid, ``sample_weight.pkl``) on
the 10,000 MNIST test images, float32, as images per second for several chunk sizes.

``python -m benchmarks.inference [--quick] [--json PATH] [--repeats N] [--weights PKL]``
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks._common import median, mnist, parser, save_results, table

DEFAULT_WEIGHTS = Path(
    os.environ.get("NNLAB_DLFS_WEIGHTS", "/work/shared/data/dlfs/sample_weight.pkl")
)
CHUNKS = (1000, 2000, 5000, 10000)
TARGET = 500_000.0


def _network(quick: bool, weights: Path):
    from nncore.network import Network

    if weights.is_file():
        from nncore.io import load_dlfs_pickle

        return load_dlfs_pickle(weights), str(weights)
    if not quick:
        raise SystemExit(f"{weights}: no such file (pass --weights)")
    return Network((784, 50, 100, 10), "sigmoid", dtype=np.float32, seed=0), "random (quick)"


def run(quick: bool = False, repeats: int | None = None, weights: Path = DEFAULT_WEIGHTS) -> dict:
    repeats = repeats or (2 if quick else 15)
    _, (x_test, t_test) = mnist(quick)
    net, source = _network(quick, weights)
    x_test = np.ascontiguousarray(x_test, dtype=np.float32)
    results = []
    rows = []
    for threads in (1, 2):
        with threadpool_limits(threads, user_api="blas"):
            candidates = {
                f"accuracy, chunk {c}": (lambda c=c: net.accuracy(x_test, t_test, c))
                for c in CHUNKS
            }
            candidates["predict (softmax), all"] = lambda: net.predict(x_test)
            for fn in candidates.values():
                fn()
            times = {k: [] for k in candidates}
            for _ in range(repeats):
                for name, fn in candidates.items():
                    started = time.perf_counter()
                    fn()
                    times[name].append(time.perf_counter() - started)
        accuracy = net.accuracy(x_test, t_test)
        for name, ts in times.items():
            rate = len(x_test) / median(ts)
            results.append(
                {
                    "threads": threads,
                    "what": name,
                    "seconds": median(ts),
                    "images_per_s": rate,
                    "all": ts,
                }
            )
            rows.append([threads, name, median(ts) * 1e3, len(x_test) / min(ts), rate])
    best = max(results, key=lambda r: r["images_per_s"] if r["what"].startswith("accuracy") else 0)
    print(
        table(
            f"Inference, 784-50-100-10 float32 on {len(x_test)} test images ({source}), "
            f"median of {repeats}; accuracy {accuracy:.4f}",
            ["thr", "call", "median ms", "best img/s", "median img/s"],
            rows,
        )
    )
    return {
        "quick": quick,
        "repeats": repeats,
        "weights": source,
        "accuracy": accuracy,
        "results": results,
        "best": best,
        "target_images_per_s": TARGET,
        "met": bool(best["images_per_s"] >= TARGET),
    }


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS)
    args = p.parse_args(argv)
    save_results(args, "inference", run(args.quick, args.repeats, args.weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
