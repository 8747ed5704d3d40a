"""``nnlab bench [--quick] [--json PATH]``: run the benchmarks in ``benchmarks/``.

The benchmarks live in the source repository (not in the wheel); this command runs
``python -m benchmarks.run`` from there, as a child process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from tui.cli.errors import CommandError
from tui.i18n import _

ROOT = Path(__file__).resolve().parents[2]


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bench",
        help=_("measure training, gradients, inference, loading, the app and a classroom"),
        description=_(
            "Run the benchmarks in benchmarks/ (source checkout only): each prints "
            "a table; all results go to one JSON file."
        ),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=_("tiny synthetic sizes: exercise every path in seconds"),
    )
    parser.add_argument(
        "--json",
        metavar="PATH",
        help=_("write results here (default: benchmarks/results/latest.json)"),
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help=_("only these: load inference numgrad training app classroom"),
    )
    parser.set_defaults(run=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    if not (ROOT / "benchmarks" / "run.py").is_file():
        raise CommandError(_("the benchmarks ship with the source repository only (benchmarks/)"))
    cmd = [sys.executable, "-m", "benchmarks.run"]
    if args.quick:
        cmd.append("--quick")
    if args.json:
        cmd += ["--json", str(Path(args.json).resolve())]
    if args.only:
        cmd += ["--only", *args.only]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode
