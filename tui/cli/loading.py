"""Loading MNIST for the command line: no download into a folder the user named, bars otherwise."""

from __future__ import annotations

import shlex
from pathlib import Path

from tui.cli.errors import CommandError, dataset_error
from tui.i18n import N_, _

DATA_DIR_HELP = N_(
    "folder holding the four MNIST files, used as is (default: $NNLAB_DATA, else "
    "~/.cache/nnlab/mnist, downloaded there when missing)"
)


def load_data(data_dir: str | None):
    """MNIST as the book loads it (normalised, flat, digit labels), for commands: the
    app's ``MnistFetcher``, with download bars and one-line errors.

    An explicit ``data_dir`` must already hold the files: nothing is downloaded into a
    folder the user named. Without it the default folder is used and filled if needed,
    with a progress bar. Every failure becomes a one-line ``CommandError``.
    """
    from nncore.datasets import MNIST_FILES, DatasetError
    from tui.mnist_data import MnistFetcher

    fetcher = MnistFetcher(None if data_dir is None else Path(data_dir))
    if data_dir is not None:
        folder = fetcher.folder
        missing = fetcher.missing_files()
        if missing:
            fields = {
                "folder": folder,
                "file": missing[0],
                "files": ", ".join(MNIST_FILES.values()),
                "quoted": shlex.quote(str(folder)),
            }
            if folder.is_dir():
                message = _(
                    "{folder} has no {file}: put the four MNIST files ({files}) there "
                    "or run `nnlab data download --data-dir {quoted}`"
                )
            else:
                message = _(
                    "no folder {folder}: put the four MNIST files ({files}) there "
                    "or run `nnlab data download --data-dir {quoted}`"
                )
            raise CommandError(message.format(**fields))
    bars = _DownloadBars()
    try:
        data = fetcher.load(download=data_dir is None, progress=bars)
    except DatasetError as exc:
        raise dataset_error(exc) from None
    finally:
        bars.close()
    return (data.x_train, data.t_train), (data.x_test, data.t_test)


class _DownloadBars:
    """``load_mnist``'s ``progress(done, total)`` restarts from 0 per file: a bar per file."""

    def __init__(self) -> None:
        self._bar = None

    def __call__(self, done: int, total: int | None) -> None:
        from tui.cli.progress import ProgressBar

        if self._bar is None or done < self._bar.done:
            self.close()
            self._bar = ProgressBar(_("downloading MNIST"), total, unit="B")
        self._bar.update(done, total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
