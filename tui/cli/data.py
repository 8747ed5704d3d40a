"""``nnlab data {info,download,verify}``: get the MNIST files and check them.

The folder is ``--data-dir``, else ``$NNLAB_DATA``, else
``$XDG_CACHE_HOME/nnlab/mnist`` (default ``~/.cache/nnlab/mnist``).
``$NNLAB_MNIST_MIRRORS`` (comma-separated URL prefixes) replaces the
download mirrors, e.g. for a local copy or in tests.
"""

from __future__ import annotations

import argparse
import os

from tui.cli.arguments import path, positive_float
from tui.cli.errors import CommandError, dataset_error
from tui.cli.progress import ProgressBar

_EPILOG = (
    "The folder is --data-dir, else $NNLAB_DATA, else $XDG_CACHE_HOME/nnlab/mnist "
    "(~/.cache/nnlab/mnist). $NNLAB_MNIST_MIRRORS (comma-separated URL prefixes) "
    "overrides the download mirrors."
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "data",
        help="download and check the MNIST data set",
        description="Download and check the four MNIST files.",
        epilog=_EPILOG,
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    info = actions.add_parser("info", help="show the data folder and what it holds")
    info.set_defaults(run=run_info)
    download = actions.add_parser("download", help="download missing or damaged files")
    download.add_argument(
        "--timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help="give up on a mirror after this long without data (default: 30)",
    )
    download.add_argument(
        "--deadline",
        type=positive_float,
        default=300.0,
        metavar="SECONDS",
        help="give up on a mirror after this long per file in all, then try the next "
        "(default: 300)",
    )
    download.set_defaults(run=run_download)
    verify = actions.add_parser("verify", help="check each file's SHA-256")
    verify.set_defaults(run=run_verify)
    for action in (info, download, verify):
        action.add_argument("--data-dir", type=path, metavar="DIR", help="the MNIST folder")


def _folder_source(args: argparse.Namespace) -> str:
    if args.data_dir is not None:
        return "--data-dir"
    return "$NNLAB_DATA" if os.environ.get("NNLAB_DATA") else "default"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def run_info(args: argparse.Namespace) -> int:
    from nncore.datasets import DatasetError, find_file, load_mnist_file, resolve_data_dir
    from nncore.datasets.cache import npy_cache_dir
    from nncore.datasets.files import MNIST_FILES

    folder = resolve_data_dir(args.data_dir)
    exists = "" if folder.is_dir() else ", does not exist yet"
    print(f"MNIST folder: {folder} ({_folder_source(args)}{exists})")
    missing = 0
    for key, filename in MNIST_FILES.items():
        path = find_file(folder, key)
        if path is None:
            missing += 1
            print(f"  {filename:<28} missing")
            continue
        try:
            arr = load_mnist_file(path, key)
            what = f"{len(arr)} images" if key.endswith("_img") else f"{len(arr)} labels"
        except DatasetError as exc:
            what = f"DAMAGED: {exc}"
        print(f"  {path.name:<28} {_size(path.stat().st_size):>9}  {what}")
    print(f"Decoded-array cache: {npy_cache_dir()}")
    if missing:
        print(f"{missing} of 4 files missing: run `nnlab data download`")
    return 0


def run_download(args: argparse.Namespace) -> int:
    from nncore.datasets import DatasetError, download_mnist, resolve_data_dir

    folder = resolve_data_dir(args.data_dir)
    bars: list[ProgressBar] = []

    def start(filename: str) -> None:
        if bars:
            bars[-1].close()
        bars.append(ProgressBar(filename, unit="B"))

    try:
        downloaded = download_mnist(
            folder,
            timeout=args.timeout,
            deadline=args.deadline,
            progress=lambda done, total: bars[-1].update(done, total),
            on_file=start,
        )
    except DatasetError as exc:
        raise dataset_error(exc) from exc
    finally:
        if bars:
            bars[-1].close()
    if downloaded:
        print(f"Downloaded {len(downloaded)} file(s) into {folder}; all four verified.")
    else:
        print(f"All four MNIST files are already in {folder} and verified.")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from nncore.datasets import MNIST_FILES, resolve_data_dir, verify_mnist

    folder = resolve_data_dir(args.data_dir)
    print(f"Checking {folder}")
    checks = verify_mnist(folder)
    for check in checks:
        name = check.path.name if check.path is not None else MNIST_FILES[check.key]
        print(f"  {check.status:<10} {name}" + ("" if check.ok else f"  ({check.detail})"))
    bad = sum(not check.ok for check in checks)
    if bad:
        raise CommandError(
            f"{bad} of 4 MNIST files in {folder} are missing or damaged; delete the damaged "
            "ones and run `nnlab data download`"
        )
    print("All four files match their SHA-256.")
    return 0
