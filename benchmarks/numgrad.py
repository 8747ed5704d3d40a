"""Numerical gradients: the book's ``numerical_gradient`` loop (ch4 ``TwoLayerNet``,
784-50-10 sigmoid, float64) vs nnlab's ``Network.gradient(x, t, method="numerical")`` on
100 MNIST training images; every entry the book loop computed is compared with nnlab's.

The book loop is timed over a fixed subset of W1's entries plus all of b1, W2 and b2 and
extrapolated to all 39,760 parameters (each W1 entry costs the same two forward passes);
``--full-book`` times the whole loop instead (about half a minute per repeat).

``python -m benchmarks.numgrad [--quick] [--json PATH] [--repeats N] [--full-book]``
"""

from __future__ import annotations

import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks import book_reference as book
from benchmarks._common import median, mnist, parser, save_results, table

SIZES = (784, 50, 10)
TOLERANCE = 1e-7
TARGET_SPEEDUP = 300.0


def run(quick: bool = False, repeats: int | None = None, full_book: bool = False) -> dict:
    from nncore.fast_numgrad import default_threads, fast_numerical_gradient
    from nncore.network import Network

    repeats = repeats or (1 if quick else 5)
    (x_train, t_train), _ = mnist(quick)
    n = 10 if quick else 100
    x = np.asarray(x_train[:n], dtype=np.float32)
    t = np.eye(10)[t_train[:n]]  # one-hot, as the book's ch4 script loads it
    net = Network(SIZES, "sigmoid", "softmax", "book", np.float64, seed=0)
    book_net = book.Ch4TwoLayerNet(net.params)

    rng = np.random.default_rng(0)
    w1_entries = SIZES[0] * SIZES[1]
    n_sub = 200 if quick else (w1_entries if full_book else 2000)
    picked = (
        rng.choice(w1_entries, n_sub, replace=False)
        if n_sub < w1_entries
        else np.arange(w1_entries)
    )
    subset = {
        "W1": [tuple(int(i) for i in np.unravel_index(k, (SIZES[0], SIZES[1]))) for k in picked]
    }
    for key in ("b1", "W2", "b2"):
        subset[key] = list(np.ndindex(net.params[key].shape))
    scale = w1_entries / n_sub

    threads = default_threads()
    times = {"book": [], "nnlab": [], "nnlab 1 thread": []}
    book_grads = nn_grads = None
    with threadpool_limits(1, user_api="blas"):
        net.gradient(x, t, method="numerical")  # warm-up
        for _ in range(repeats):
            started = time.perf_counter()
            book_grads = book_net.numerical_gradient(x, t, {"W1": subset["W1"]})
            w1_seconds = time.perf_counter() - started
            started = time.perf_counter()
            rest = book_net.numerical_gradient(x, t, {k: subset[k] for k in ("b1", "W2", "b2")})
            rest_seconds = time.perf_counter() - started
            book_grads.update(rest)
            times["book"].append(w1_seconds * scale + rest_seconds)

            started = time.perf_counter()
            nn_grads = net.gradient(x, t, method="numerical")
            times["nnlab"].append(time.perf_counter() - started)
            started = time.perf_counter()
            fast_numerical_gradient(net, x, t, threads=1)
            times["nnlab 1 thread"].append(time.perf_counter() - started)

    worst = 0.0
    for key, indices in subset.items():
        for idx in indices:
            worst = max(worst, abs(float(nn_grads[key][idx]) - float(book_grads[key][idx])))
    checked = sum(len(v) for v in subset.values())
    book_s = median(times["book"])
    rows = []
    for name, ts in times.items():
        rows.append([name, median(ts), min(ts), max(ts), book_s / median(ts)])
    note = "full loop" if scale == 1 else f"extrapolated from {n_sub} of {w1_entries} W1 entries"
    print(
        table(
            f"Numerical gradient, 784-50-10 sigmoid on {n} images, median of {repeats} "
            f"(book: {note}; nnlab threads: {threads})",
            ["method", "median s", "min", "max", "speedup vs book"],
            rows,
        )
    )
    print(f"max |nnlab - book| over {checked} entries: {worst:.3g} (tolerance {TOLERANCE:g})")
    speedup = book_s / median(times["nnlab"])
    return {
        "quick": quick,
        "repeats": repeats,
        "images": n,
        "book_seconds": book_s,
        "book_timing": note,
        "times": times,
        "nnlab_seconds": median(times["nnlab"]),
        "nnlab_threads": threads,
        "speedup": speedup,
        "max_abs_diff": worst,
        "entries_compared": checked,
        "target_speedup": TARGET_SPEEDUP,
        "met": bool(speedup >= TARGET_SPEEDUP and worst <= TOLERANCE),
    }


def main(argv=None) -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--full-book", action="store_true", help="time the book's whole loop")
    args = p.parse_args(argv)
    save_results(args, "numgrad", run(args.quick, args.repeats, args.full_book))
    return 0


if __name__ == "__main__":
    sys.exit(main())
