"""Run every benchmark, each in its own child process (one process tree), print a summary
of the targets and write all results to one JSON file.

``python -m benchmarks.run [--quick] [--json PATH] [--only NAME ...]``
(default JSON: ``benchmarks/results/latest.json``). ``--quick`` uses tiny synthetic data
to exercise every code path in seconds and checks no target.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._common import RESULTS_DIR, machine, table

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ("load", "inference", "numgrad", "training", "app", "classroom")


def summarize(results: dict) -> list[list]:
    rows = []
    tr = results.get("training")
    if tr:
        by = {(r["config"], r["threads"], r["candidate"]): r for r in tr["results"]}
        for threads in sorted({r["threads"] for r in tr["results"]}):
            for config in dict.fromkeys(r["config"] for r in tr["results"]):
                nn = by[(config, threads, "nnlab")]
                torch = by.get((config, threads, "PyTorch eager"))
                if torch:
                    ratio = nn["seconds_per_epoch"] / torch["seconds_per_epoch"]
                    rows.append(
                        [
                            f"train {config}, {threads} thr",
                            f"{ratio:.2f}× torch",
                            "≤ 0.5×",
                            ratio <= 0.5,
                        ]
                    )
                else:
                    rows.append(
                        [
                            f"train {config}, {threads} thr",
                            f"{nn['seconds_per_epoch']:.3f} s",
                            "≤ 0.5× torch",
                            "skipped",
                        ]
                    )
                plain = by.get((config, threads, "plain NumPy (issue 18)"))
                if plain:
                    ratio = nn["seconds_per_epoch"] / plain["seconds_per_epoch"]
                    # Issue 18's yardstick for the NumPy limit: a comparison, not a target.
                    rows.append([f"  vs plain NumPy, {threads} thr", f"{ratio:.2f}×", "—", "—"])
                if config.startswith("784-100-10"):
                    frac = nn["fraction_of_limit"]
                    rows.append(
                        [f"  matmul limit, {threads} thr", f"{frac:.0%}", "≥ 70 %", frac >= 0.7]
                    )
    ng = results.get("numgrad")
    if ng:
        rows.append(
            ["numerical gradient speedup", f"{ng['speedup']:.0f}×", "≥ 300×", ng["speedup"] >= 300]
        )
        rows.append(
            [
                "  max |nnlab - book|",
                f"{ng['max_abs_diff']:.1e}",
                "≤ 1e-7",
                ng["max_abs_diff"] <= 1e-7,
            ]
        )
    inf = results.get("inference")
    if inf:
        rows.append(
            [
                "inference img/s (best chunk)",
                f"{inf['best']['images_per_s']:,.0f}",
                "≥ 500,000",
                inf["met"],
            ]
        )
    ld = results.get("load")
    if ld:
        rows.append(
            [
                "warm load_mnist, fresh process",
                f"{ld['fresh_process_seconds']:.3f} s",
                "≤ 0.2 s",
                ld["met"],
            ]
        )
    app = results.get("app")
    if app:
        target = app["target_language_launch_seconds"]
        for lang, launch in app["launch_by_language"].items():
            rows.append(
                [
                    f"app launch to first frame, --lang {lang}",
                    f"{launch['median_seconds']:.2f} s",
                    f"≤ {target} s",
                    launch["met"],
                ]
            )
        training = app["in_app_training"]
        ratios = ", ".join(f"{pane} {r['ratio']:.2f}" for pane, r in training["panes"].items())
        rows.append(
            ["MNIST training in the app / headless", ratios, "≥ 0.85 per pane", training["met"]]
        )
    room = results.get("classroom")
    if room:
        rows.append(
            [
                "classroom: MB per extra learner",
                f"{room['extra_per_learner_mb']:.0f} MB",
                f"≤ {room['target_extra_mb']} MB",
                room["met"],
            ]
        )
    if results.get("quick"):
        for row in rows:
            row[3] = "(quick: not checked)"
    else:
        for row in rows:
            if isinstance(row[3], bool):
                row[3] = "met" if row[3] else "NOT MET"
    return rows


def run(quick: bool = False, json_path: str | None = None, only=None) -> dict:
    results: dict = {"quick": quick, "machine": machine()}
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as tmp:
        for name in only or BENCHMARKS:
            out = Path(tmp) / f"{name}.json"
            cmd = [sys.executable, "-m", f"benchmarks.{name}", "--json", str(out)]
            if quick:
                cmd.append("--quick")
            print(f"\n$ {' '.join(cmd[1:])}", flush=True)
            done = subprocess.run(cmd, cwd=ROOT, env=env)
            if done.returncode != 0:
                raise SystemExit(f"benchmark {name} failed with exit code {done.returncode}")
            results[name] = json.loads(out.read_text())
    rows = summarize(results)
    print()
    print(
        table(
            "Targets" + (" (quick mode: nothing checked)" if quick else ""),
            ["what", "measured", "target", "status"],
            rows,
        )
    )
    results["summary"] = [
        dict(zip(("what", "measured", "target", "status"), r, strict=True)) for r in rows
    ]
    path = Path(json_path) if json_path else (None if quick else RESULTS_DIR / "latest.json")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2))
        print(f"\nwrote {path}")
    return results


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--json", metavar="PATH")
    p.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME")
    args = p.parse_args(argv)
    run(args.quick, args.json, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
