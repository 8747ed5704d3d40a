"""Download the MNIST files from a list of mirrors, verified and atomically.

Only the standard library is used. Each file is streamed into a hidden temporary
``.<name>.*.part`` beside its final name, its decompressed content is checked
against the expected SHA-256, and only then renamed into place; on any failure
the part file is removed, so a half-written file is never left behind.

A lock on the folder lets one process download at a time: a second one waits,
then finds the files there. Any part file found while holding the lock was left
by a killed download, and is removed. Each file is capped at its known size and
each mirror has a total deadline, after which the next mirror is tried.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from nncore.datasets.download_failed import DownloadFailed, mirror_url
from nncore.datasets.errors import DatasetError, cannot_write
from nncore.datasets.files import (
    MNIST_BYTES,
    MNIST_FILES,
    MNIST_SHA256,
    check_file,
    find_file,
    resolve_data_dir,
)
from nncore.datasets.folder_lock import folder_lock, remove_stale_parts
from nncore.datasets.idx import content_sha256
from nncore.datasets.transfer import (
    Deadline,
    MirrorFailed,
    ProgressFn,
    body_cap,
    connect,
    copy_body,
)
from nncore.paths import save_problem
from nncore.text import N_

# The mirrors torchvision uses, then TensorFlow's; the original yann.lecun.com
# site has refused automated downloads for years.
DEFAULT_MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
MIRRORS_ENV = "NNLAB_MNIST_MIRRORS"
DEFAULT_TIMEOUT = 30.0
# Per mirror and file: 10 MB in 5 minutes is 33 kB/s, slower than any usable link.
DEFAULT_DEADLINE = 300.0


def resolve_mirrors(mirrors: Sequence[str] | None = None) -> list[str]:
    """``mirrors`` if given, else ``$NNLAB_MNIST_MIRRORS`` (comma-separated), else the defaults.

    Each mirror is a URL prefix; the file URL is the prefix plus the file name.
    """
    if mirrors is not None:
        return list(mirrors)
    listed = [m.strip() for m in os.environ.get(MIRRORS_ENV, "").split(",") if m.strip()]
    return listed or list(DEFAULT_MIRRORS)


def _prepare(dest_dir: Path, filename: str) -> Path:
    """Create ``dest_dir`` and check ``filename`` can be written there."""
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(dest_dir, exc) from exc
    final = dest_dir / filename
    problem = save_problem(final)
    if problem:
        raise DatasetError(
            N_("cannot download {filename}: {problem}"), filename=filename, problem=problem
        )
    return final


def download_file(
    filename: str,
    dest_dir: Path,
    sha256: str,
    *,
    size: int | None = None,
    mirrors: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    progress: ProgressFn | None = None,
) -> Path:
    """Fetch ``filename`` from the first mirror that serves it with the right checksum.

    Parameters
    ----------
    filename : str
        Name on the mirror and in ``dest_dir``.
    dest_dir : Path
        Target folder, created if needed; locked while downloading.
    sha256 : str
        Expected SHA-256 hex digest of the decompressed content.
    size : int, optional
        Known decompressed size: a mirror sending more (see :func:`body_cap`), or a
        body decompressing to more, is dropped at once.
    mirrors : sequence of str, optional
        URL prefixes tried in order; see :func:`resolve_mirrors`.
    timeout : float
        Seconds each network operation (connect, each read) may take.
    deadline : float
        Seconds one mirror may take in all before the next is tried.
    progress : callable, optional
        ``progress(done_bytes, total_bytes)``, called from 0 as bytes arrive, per mirror tried.

    Returns
    -------
    Path of the downloaded file, ``dest_dir / filename``.

    Raises
    ------
    DownloadFailed
        Every mirror failed (the message lists each URL and why, and where to
        put the files by hand; ``report()`` gives one line per mirror).
    DatasetError
        The folder is not writable.
    """
    _prepare(dest_dir, filename)
    with folder_lock(dest_dir):
        return _download(filename, dest_dir, sha256, size, mirrors, (timeout, deadline), progress)


def _download(filename, dest_dir, sha256, size, mirrors, limits, progress) -> Path:
    timeout, seconds = limits
    final = _prepare(dest_dir, filename)
    remove_stale_parts(dest_dir, filename)
    cap = None if size is None else body_cap(size)
    failures = []
    for mirror in resolve_mirrors(mirrors):
        url = mirror_url(mirror, filename)
        try:
            fd, name = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=dest_dir)
        except OSError as exc:
            raise cannot_write(dest_dir, exc) from exc
        part = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                deadline = Deadline(seconds)
                with connect(url, timeout, deadline) as response:
                    copy_body(response, out, part, (timeout, deadline, cap), progress)
            try:
                actual = content_sha256(part, size)
            except DatasetError as exc:
                raise MirrorFailed(
                    N_("corrupt download: {reason}"), reason=exc.__cause__ or exc
                ) from exc
            if actual != sha256:
                raise MirrorFailed(
                    N_("checksum mismatch: sha256 begins {actual}, not {expected}"),
                    actual=actual[:12],
                    expected=sha256[:12],
                )
            try:
                os.replace(part, final)
            except OSError as exc:
                raise cannot_write(final, exc) from exc
            return final
        except MirrorFailed as exc:
            failures.append((mirror, exc.phrase))
        except OSError as exc:  # closing (flushing) the part file
            raise cannot_write(part, exc) from exc
        finally:
            part.unlink(missing_ok=True)
    raise DownloadFailed(filename, failures, dest_dir)


def download_mnist(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    mirrors: Sequence[str] | None = None,
    checksums: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deadline: float = DEFAULT_DEADLINE,
    progress: ProgressFn | None = None,
    on_file: Callable[[str], None] | None = None,
    verify_existing: bool = True,
) -> list[Path]:
    """Download whichever of the four MNIST files are missing (or fail their checksum).

    Parameters
    ----------
    data_dir : path, optional
        Target folder; see :func:`nncore.datasets.files.resolve_data_dir`.
    mirrors : sequence of str, optional
        URL prefixes tried in order; see :func:`resolve_mirrors`.
    checksums : dict, optional
        ``{key: sha256 hex}`` of the decompressed content, overriding those
        keys of :data:`MNIST_SHA256`.
    timeout : float
        Seconds each network operation may take.
    deadline : float
        Seconds one mirror may take for one file in all before the next is tried.
    progress : callable, optional
        ``progress(done_bytes, total_bytes)``; restarts from 0 for each file.
    on_file : callable, optional
        ``on_file(filename)``, called before each file's download starts.
    verify_existing : bool
        Checksum files already present and fetch them again if they differ.
        When False, any file present is kept as is (a fast check).

    Returns
    -------
    list of Path, the files downloaded (empty if all were already there, also when
    another process fetched them while this one waited for the folder's lock).

    Raises
    ------
    DatasetError
        A file could not be downloaded; files fetched before it are kept.
    """
    folder = resolve_data_dir(data_dir)
    expected = {**MNIST_SHA256, **(checksums or {})}

    def missing() -> list[str]:
        if verify_existing:
            return [key for key in MNIST_FILES if not check_file(folder, key, expected).ok]
        return [key for key in MNIST_FILES if find_file(folder, key) is None]

    # Checked before locking, so a complete read-only folder needs no lock file.
    if not missing():
        return []
    _prepare(folder, MNIST_FILES["train_img"])
    downloaded = []
    with folder_lock(folder):
        for key in missing():
            filename = MNIST_FILES[key]
            if on_file is not None:
                on_file(filename)
            downloaded.append(
                _download(
                    filename,
                    folder,
                    expected[key],
                    MNIST_BYTES[key],
                    mirrors,
                    (timeout, deadline),
                    progress,
                )
            )
    return downloaded
