"""A classroom on one server: N learners training MNIST at once, memory and speed.

Starts N = 1, 2, 4, 8 processes of ``nnlab train mnist --preset book`` (the headless
command: the app's own loader, preset and trainer), each at nnlab's default of one BLAS
thread (``NNLAB_BLAS_THREADS``), and samples
their PSS (``/proc/PID/smaps_rollup``: shared pages divided among the processes sharing
them) while they train, at the moment their total is largest. Reports PSS per process,
the total, what each learner beyond the first adds, and images per second per process
and summed.

``python -m benchmarks.classroom [--quick] [--json PATH] [--repeats N]``
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import median, parser, save_results, table

COUNTS = (1, 2, 4, 8)
#: What each learner beyond the first may add to the total, in MB.
TARGET_EXTRA_MB = 80
_SAMPLE_SECONDS = 0.2
ROOT = Path(__file__).resolve().parent.parent


def pss_mb(pid: int) -> float | None:
    """Proportional set size of process ``pid`` in MB; None once it has exited."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return None


def classroom(n: int, epochs: int, env: dict, n_train: int) -> dict:
    """Run ``n`` learners at once; their peak PSS while training and their images/s."""
    cmd = [sys.executable, "-m", "tui.cli.main", "train", "mnist", "--preset", "book"]
    cmd += ["--epochs", str(epochs), "--json"]
    procs = [
        subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        for _ in range(n)
    ]
    peak = [0.0] * n
    # All n sampled at one moment, keeping the moment of the largest total: adding up
    # each one's own peak would count a shared page in full for a process that mapped
    # it while the others had not yet.
    while any(p.poll() is None for p in procs):
        sample = [pss_mb(p.pid) for p in procs]
        if None not in sample and sum(sample) > sum(peak):
            peak = sample
        time.sleep(_SAMPLE_SECONDS)
    rates = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"a learner's process failed with exit code {proc.returncode}")
        history = json.loads(out.decode().strip().splitlines()[-1])["history"]
        rates.append(median([n_train / r["seconds"] for r in history]))
    return {"n": n, "pss_mb": peak, "images_per_s": rates}


def run(quick: bool = False, repeats: int | None = None) -> dict:
    counts = (1, 2) if quick else COUNTS
    epochs = repeats or (2 if quick else 3)
    n_train = 60_000
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        if quick:  # CI has no MNIST: the tiny files of benchmarks.load
            from benchmarks.load import TINY_TRAIN, _write_tiny_mnist

            env["NNLAB_DATA"] = str(Path(tmp) / "mnist")
            Path(env["NNLAB_DATA"]).mkdir()
            _write_tiny_mnist(Path(env["NNLAB_DATA"]))
            n_train = TINY_TRAIN
        # Fill the cache first, in a process of its own, as a first lesson would.
        fill = "from nncore.datasets import load_mnist; load_mnist(download=False)"
        subprocess.run([sys.executable, "-c", fill], env=env, cwd=ROOT, check=True)
        results = [classroom(n, epochs, env, n_train) for n in counts]
    rows, records = [], []
    base = sum(results[0]["pss_mb"])
    for result in results:
        n, total = result["n"], sum(result["pss_mb"])
        extra = (total - base) / (n - 1) if n > 1 else None
        record = {
            **result,
            "total_pss_mb": total,
            "extra_per_learner_mb": extra,
            "images_per_s_sum": sum(result["images_per_s"]),
        }
        records.append(record)
        rows.append(
            [
                n,
                median(result["pss_mb"]),
                total,
                extra,
                median(result["images_per_s"]),
                record["images_per_s_sum"],
            ]
        )
    print(
        table(
            f"Classroom: N learners training `book` at once ({epochs} epochs, 1 BLAS thread each)",
            ["N", "PSS/proc MB", "total MB", "+MB/learner", "img/s/proc", "img/s sum"],
            rows,
        )
    )
    extras = [r["extra_per_learner_mb"] for r in records if r["extra_per_learner_mb"] is not None]
    worst = max(extras)
    print(f"each learner beyond the first adds at most {worst:.0f} MB (target ≤ {TARGET_EXTRA_MB})")
    return {
        "quick": quick,
        "epochs": epochs,
        "results": records,
        "extra_per_learner_mb": worst,
        "target_extra_mb": TARGET_EXTRA_MB,
        "met": bool(worst <= TARGET_EXTRA_MB),
    }


def main(argv=None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    save_results(args, "classroom", run(args.quick, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
