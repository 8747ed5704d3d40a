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
from tui.i18n import N_, _, explain, ngettext

_EPILOG = N_(
    "The folder is --data-dir, else $NNLAB_DATA, else $XDG_CACHE_HOME/nnlab/mnist "
    "(~/.cache/nnlab/mnist). $NNLAB_MNIST_MIRRORS (comma-separated URL prefixes) "
    "overrides the download mirrors."
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "data",
        help=_("download and check the MNIST data set"),
        description=_("Download and check the four MNIST files."),
        epilog=_(_EPILOG),
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    info = actions.add_parser("info", help=_("show the data folder and what it holds"))
    info.set_defaults(run=run_info)
    download = actions.add_parser("download", help=_("download missing or damaged files"))
    download.add_argument(
        "--timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help=_("give up on a mirror after this long without data (default: 30)"),
    )
    download.add_argument(
        "--deadline",
        type=positive_float,
        default=300.0,
        metavar="SECONDS",
        help=_(
            "give up on a mirror after this long per file in all, then try the next (default: 300)"
        ),
    )
    download.set_defaults(run=run_download)
    verify = actions.add_parser("verify", help=_("check each file's SHA-256"))
    verify.set_defaults(run=run_verify)
    for action in (info, download, verify):
        action.add_argument("--data-dir", type=path, metavar="DIR", help=_("the MNIST folder"))


STATUS_WORDS = {
    "OK": N_("OK"),
    "MISMATCH": N_("MISMATCH"),
    "MISSING": N_("MISSING"),
    "UNREADABLE": N_("UNREADABLE"),
}
"""``FileCheck.status`` (a code) as ``verify`` shows it."""
STATUS_CELLS = 10
"""The status column of ``verify``, in cells."""


def _folder_source(args: argparse.Namespace) -> str:
    if args.data_dir is not None:
        return "--data-dir"
    return "$NNLAB_DATA" if os.environ.get("NNLAB_DATA") else _("default")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def run_info(args: argparse.Namespace) -> int:
    from nncore.datasets import DatasetError, find_file, load_mnist_file, resolve_data_dir
    from nncore.datasets.cache import npy_cache_dir
    from nncore.datasets.files import MNIST_FILES

    folder = resolve_data_dir(args.data_dir)
    if folder.is_dir():
        heading = _("MNIST folder: {folder} ({source})")
    else:
        heading = _("MNIST folder: {folder} ({source}, does not exist yet)")
    print(heading.format(folder=folder, source=_folder_source(args)))
    missing = 0
    for key, filename in MNIST_FILES.items():
        path = find_file(folder, key)
        if path is None:
            missing += 1
            print(f"  {filename:<28} {_('missing')}")
            continue
        try:
            n = len(load_mnist_file(path, key))
            if key.endswith("_img"):
                what = ngettext("{n} image", "{n} images", n).format(n=n)
            else:
                what = ngettext("{n} label", "{n} labels", n).format(n=n)
        except DatasetError as exc:
            what = _("DAMAGED: {reason}").format(reason=explain(exc))
        print(f"  {path.name:<28} {_size(path.stat().st_size):>9}  {what}")
    print(_("Decoded-array cache: {folder}").format(folder=npy_cache_dir()))
    if missing:
        print(_("{n} of 4 files missing: run `nnlab data download`").format(n=missing))
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
        print(
            _("Downloaded {n} file(s) into {folder}; all four verified.").format(
                n=len(downloaded), folder=folder
            )
        )
    else:
        print(_("All four MNIST files are already in {folder} and verified.").format(folder=folder))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from nncore.datasets import MNIST_FILES, resolve_data_dir, verify_mnist
    from tui.render.cells import ljust

    folder = resolve_data_dir(args.data_dir)
    print(_("Checking {folder}").format(folder=folder))
    checks = verify_mnist(folder)
    for check in checks:
        name = check.path.name if check.path is not None else MNIST_FILES[check.key]
        status = ljust(_(STATUS_WORDS.get(check.status, check.status)), STATUS_CELLS)
        print(f"  {status} {name}" + ("" if check.ok else f"  ({explain(check.detail)})"))
    bad = sum(not check.ok for check in checks)
    if bad:
        raise CommandError(
            _(
                "{n} of 4 MNIST files in {folder} are missing or damaged; delete the damaged "
                "ones and run `nnlab data download`"
            ).format(n=bad, folder=folder)
        )
    print(_("All four files match their SHA-256."))
    return 0
