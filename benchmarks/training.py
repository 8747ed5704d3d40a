"""Training speed: seconds per epoch (batch 100, evaluation excluded) for three networks,
nnlab vs the plain NumPy trainer issue 18 describes (``benchmarks/plain_numpy.py``) vs the
book's ch5 NumPy loop vs PyTorch eager CPU, at 1 and 2 BLAS threads, plus the matmul
limit: the epoch's matmul FLOPs over the sgemm rate measured in the same run, and
"matmuls alone": those same products at the epoch's shapes with no other work.

``python -m benchmarks.training [--quick] [--json PATH] [--repeats N]``
"""

from __future__ import annotations

import sys
import time
from itertools import pairwise

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks import book_reference as book
from benchmarks._common import interleave, median, mnist, parser, save_results, table
from benchmarks.plain_numpy import PlainTrainer

CONFIGS = [
    # name, sizes, activation, optimizer, lr, nnlab init
    ("784-50-10 sigmoid SGD", (784, 50, 10), "sigmoid", "sgd", 0.1, "book"),
    ("784-100-10 ReLU momentum", (784, 100, 10), "relu", "momentum", 0.05, "he"),
    ("784-256-10 ReLU Adam", (784, 256, 10), "relu", "adam", 0.001, "he"),
]
#: The configuration whose epoch must reach 70 % of the matmul limit.
LIMIT_CONFIG = "784-100-10 ReLU momentum"
BATCH = 100


def matmul_flops(sizes, samples: int) -> float:
    """FLOPs of the products one epoch needs: forward, dW, and dx of every layer but the
    first (whose input gradient nobody uses)."""
    pairs = list(pairwise(sizes))
    per_sample = sum(2 * a * b for a, b in pairs) * 2 + sum(2 * a * b for a, b in pairs[1:])
    return float(per_sample * samples)


def sgemm_gflops(threads: int, n: int = 2048) -> float:
    """Best of a few float32 ``n x n`` products at ``threads`` BLAS threads."""
    rng = np.random.default_rng(0)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    with threadpool_limits(threads, user_api="blas"):
        a @ b
        best = min(_timed_matmul(a, b) for _ in range(3))
    return 2 * n**3 / best / 1e9


def _timed_matmul(a, b) -> float:
    started = time.perf_counter()
    a @ b
    return time.perf_counter() - started


def _import_torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


def make_candidates(config, data, threads: int, torch, steps: int):
    """``{name: fn() -> seconds of one epoch}`` for one configuration and thread count."""
    from nncore.network import Network, init_std
    from nncore.optimizers import make_optimizer
    from nncore.trainer import Trainer

    _, sizes, activation, opt_name, lr, init = config
    (x_train, t_train), _ = data
    x_train, t_train = x_train[: steps * BATCH], t_train[: steps * BATCH]
    t_onehot = np.eye(10)[t_train]

    trainer = Trainer(
        Network(sizes, activation, "softmax", init, np.float32, seed=0),
        make_optimizer(opt_name, lr),
        x_train,
        t_train,
        batch_size=BATCH,
        seed=0,
    )

    def nnlab():
        with threadpool_limits(threads, user_api="blas"):
            return trainer.run_epoch().seconds

    np.random.seed(0)
    book_net = book.TwoLayerNet(sizes[0], sizes[1], sizes[2], activation=activation.lower())
    book_opt = book.BOOK_OPTIMIZERS[opt_name](lr=lr)

    def book_loop():
        with threadpool_limits(threads, user_api="blas"):
            return book.book_epoch(book_net, book_opt, x_train, t_onehot, BATCH, steps)

    std = [init_std(init, activation, fan_in) for fan_in in sizes[:-1]]
    plain = PlainTrainer(sizes, activation, opt_name, lr, std, x_train, t_train, BATCH)

    def plain_numpy():
        with threadpool_limits(threads, user_api="blas"):
            started = time.perf_counter()
            plain.epoch(steps)
            return time.perf_counter() - started

    candidates = {
        "nnlab": nnlab,
        "plain NumPy (issue 18)": plain_numpy,
        "book NumPy (float64)": book_loop,
        "matmuls alone": _matmuls_alone(sizes, x_train, threads, steps),
    }
    if torch is not None:
        candidates["PyTorch eager"] = _torch_candidate(
            torch, config, x_train, t_train, threads, steps
        )
    return candidates


def _matmuls_alone(sizes, x_train, threads: int, steps: int):
    """Only the float32 products an epoch needs (``matmul_flops``), at its exact shapes, on
    one resident batch: the floor that any NumPy trainer sits on, with nothing else."""
    rng = np.random.default_rng(0)
    x = np.ascontiguousarray(x_train[:BATCH], dtype=np.float32)
    weights = [rng.standard_normal((a, b), dtype=np.float32) for a, b in pairwise(sizes)]

    def epoch():
        with threadpool_limits(threads, user_api="blas"):
            started = time.perf_counter()
            for _ in range(steps):
                inputs = [x]
                for w in weights:
                    inputs.append(inputs[-1] @ w)
                dout = inputs.pop()
                for i in range(len(weights) - 1, -1, -1):
                    inputs[i].T @ dout
                    if i:
                        dout = dout @ weights[i].T
            return time.perf_counter() - started

    return epoch


def _torch_candidate(torch, config, x_train, t_train, threads, steps):
    _, sizes, activation, opt_name, lr, _ = config
    torch.manual_seed(0)
    act = torch.nn.Sigmoid() if activation == "sigmoid" else torch.nn.ReLU()
    model = torch.nn.Sequential(
        torch.nn.Linear(sizes[0], sizes[1]), act, torch.nn.Linear(sizes[1], sizes[2])
    )
    if opt_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr)
    elif opt_name == "momentum":
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    else:
        opt = torch.optim.Adam(model.parameters(), lr=lr)
    x = torch.from_numpy(np.ascontiguousarray(x_train, dtype=np.float32))
    t = torch.from_numpy(t_train.astype(np.int64))
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        torch.set_num_threads(threads)
        started = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(steps):
            idx = order[i * BATCH : (i + 1) * BATCH]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), t[idx])
            loss.backward()
            opt.step()
        return time.perf_counter() - started

    return epoch


def run(quick: bool = False, repeats: int | None = None, thread_counts=(1, 2)) -> dict:
    repeats = repeats or (1 if quick else 5)
    data = mnist(quick)
    steps = len(data[0][0]) // BATCH
    torch = _import_torch()
    rows, records = [], []
    gflops = {}
    for threads in thread_counts:
        per_config = {c[0]: make_candidates(c, data, threads, torch, steps) for c in CONFIGS}
        # Warm-up epoch for each (first-touch allocation, BLAS buffers), not counted.
        if not quick:
            for cands in per_config.values():
                for fn in cands.values():
                    fn()
        times = {c: {k: [] for k in cands} for c, cands in per_config.items()}
        sgemm = []
        for _ in range(repeats):
            sgemm.append(sgemm_gflops(threads, 512 if quick else 2048))
            for config_name, cands in per_config.items():
                got = interleave(cands, 1)
                for k, v in got.items():
                    times[config_name][k] += v
        gflops[threads] = max(sgemm)
        for config in CONFIGS:
            config_name, sizes = config[0], config[1]
            limit = matmul_flops(sizes, steps * BATCH) / (gflops[threads] * 1e9)
            torch_s = median(times[config_name].get("PyTorch eager", []))
            for cand, ts in times[config_name].items():
                med = median(ts)
                record = {
                    "config": config_name,
                    "threads": threads,
                    "candidate": cand,
                    "seconds_per_epoch": med,
                    "all": ts,
                    "steps": steps,
                    "vs_torch": med / torch_s if torch_s == torch_s else None,
                    "matmul_limit_s": limit,
                    "fraction_of_limit": limit / med,
                    "stall": bool(max(ts) > 3 * min(ts)),
                }
                records.append(record)
                rows.append(
                    [
                        config_name,
                        threads,
                        cand,
                        med,
                        min(ts),
                        max(ts),
                        record["vs_torch"],
                        limit / med,
                    ]
                )
    title = f"Training: seconds per epoch ({steps} steps of {BATCH}), median of {repeats}"
    if torch is None:
        title += " — PyTorch: skipped (not importable)"
    print(
        table(
            title,
            ["config", "thr", "candidate", "median s", "min", "max", "×torch", "of limit"],
            rows,
        )
    )
    print(
        "sgemm GFLOP/s (measured here): " + ", ".join(f"{t} thr {g:.1f}" for t, g in gflops.items())
    )
    return {
        "quick": quick,
        "repeats": repeats,
        "torch": None if torch is None else torch.__version__,
        "sgemm_gflops": {str(k): v for k, v in gflops.items()},
        "results": records,
    }


def main(argv=None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    save_results(args, "training", run(args.quick, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
