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

import fcntl
import http.client
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from nncore.datasets.errors import DatasetError
from nncore.datasets.files import (
    MNIST_BYTES,
    MNIST_FILES,
    MNIST_SHA256,
    check_file,
    find_file,
    manual_instructions,
    resolve_data_dir,
)
from nncore.datasets.idx import content_sha256
from nncore.paths import save_problem
from nncore.text import describe, one_line

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
_CHUNK = 64 * 1024
_LOCK_NAME = ".nnlab-download.lock"

ProgressFn = Callable[[int, int | None], None]
"""``progress(done_bytes, total_bytes)``; ``total_bytes`` is None without a Content-Length."""


class _MirrorFailed(Exception):
    """One URL failed; the next mirror may still work."""


def resolve_mirrors(mirrors: Sequence[str] | None = None) -> list[str]:
    """``mirrors`` if given, else ``$NNLAB_MNIST_MIRRORS`` (comma-separated), else the defaults.

    Each mirror is a URL prefix; the file URL is the prefix plus the file name.
    """
    if mirrors is not None:
        return list(mirrors)
    listed = [m.strip() for m in os.environ.get(MIRRORS_ENV, "").split(",") if m.strip()]
    return listed or list(DEFAULT_MIRRORS)


def _join(mirror: str, filename: str) -> str:
    return mirror + filename if mirror.endswith("/") else f"{mirror}/{filename}"


def _describe(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {describe(exc.reason)}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    return describe(reason) if isinstance(reason, BaseException) else one_line(reason)


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() and len(value) < 20 else None


def _cannot_write(path: Path, exc: OSError) -> DatasetError:
    return DatasetError(
        f"cannot write {path} ({describe(exc)}); make the folder writable or choose "
        "another (data_dir, --data-dir or NNLAB_DATA)"
    )


def body_cap(size: int) -> int:
    """Most bytes a download of a file of ``size`` decompressed bytes may take: gzip
    never grows data by more than a few bytes per 16 kB block."""
    return size + size // 1000 + 1024


class _Deadline:
    """The time one mirror has left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self._end - time.monotonic()
        if remaining <= 0:
            raise _MirrorFailed(f"gave up after {self.seconds:g} s in all")
        return remaining


def _connect(url: str, timeout: float, deadline: _Deadline) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": "nnlab"})
    try:
        return urllib.request.urlopen(request, timeout=min(timeout, deadline.left()))
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise _MirrorFailed(_describe(exc, timeout)) from exc


def _copy(
    response: http.client.HTTPResponse,
    out: BinaryIO,
    part: Path,
    limits: tuple[float, _Deadline, int | None],
    progress: ProgressFn | None,
) -> None:
    """Copy the body into ``out``, checking it is as long as announced and within the cap."""
    timeout, deadline, cap = limits
    total = _content_length(response)
    if cap is not None and total is not None and total > cap:
        raise _MirrorFailed(f"announces {total:,} bytes, more than the {cap:,} the file can be")
    done = 0
    if progress is not None:
        progress(0, total)
    while True:
        deadline.left()
        try:
            # read1 returns what one receive brings: a mirror dripping bytes cannot
            # hold a read open past the deadline by never filling the chunk.
            chunk = response.read1(_CHUNK)
        except (http.client.HTTPException, OSError) as exc:
            raise _MirrorFailed(_describe(exc, timeout)) from exc
        if not chunk:
            break
        done += len(chunk)
        if cap is not None and done > cap:
            raise _MirrorFailed(f"sent more than the {cap:,} bytes the file can be")
        try:
            out.write(chunk)
        except OSError as exc:
            raise _cannot_write(part, exc) from exc
        if progress is not None:
            progress(done, total)
    # http.client reports a connection closed early as a normal end of body.
    if total is not None and done != total:
        raise _MirrorFailed(f"connection closed after {done} of {total} bytes")


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's download lock (waiting for another process to release it).

    The lock file is removed on release; a waiter that then holds a removed file's
    lock opens the new one instead, so two processes never both hold it.
    """
    path = folder / _LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _cannot_write(path, exc) from exc
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _remove_stale_parts(folder: Path, filename: str) -> None:
    """Part files of ``filename`` found under the lock were left by a killed download."""
    for stale in (*folder.glob(f".{filename}.*.part"), folder / f"{filename}.part"):
        try:
            stale.unlink(missing_ok=True)
        except OSError:
            continue  # not ours to remove (another user's folder): harmless


def _prepare(dest_dir: Path, filename: str) -> Path:
    """Create ``dest_dir`` and check ``filename`` can be written there."""
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(dest_dir, exc) from exc
    final = dest_dir / filename
    problem = save_problem(final)
    if problem:
        raise DatasetError(f"cannot download {filename}: {problem}")
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
    DatasetError
        Every mirror failed (the message lists each URL and why, and where to
        put the files by hand), or the folder is not writable.
    """
    _prepare(dest_dir, filename)
    with folder_lock(dest_dir):
        return _download(filename, dest_dir, sha256, size, mirrors, (timeout, deadline), progress)


def _download(filename, dest_dir, sha256, size, mirrors, limits, progress) -> Path:
    timeout, seconds = limits
    final = _prepare(dest_dir, filename)
    _remove_stale_parts(dest_dir, filename)
    cap = None if size is None else body_cap(size)
    failures = []
    for mirror in resolve_mirrors(mirrors):
        url = _join(mirror, filename)
        try:
            fd, name = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=dest_dir)
        except OSError as exc:
            raise _cannot_write(dest_dir, exc) from exc
        part = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                deadline = _Deadline(seconds)
                with _connect(url, timeout, deadline) as response:
                    _copy(response, out, part, (timeout, deadline, cap), progress)
            try:
                actual = content_sha256(part, size)
            except DatasetError as exc:
                raise _MirrorFailed(f"corrupt download: {describe(exc.__cause__ or exc)}") from exc
            if actual != sha256:
                raise _MirrorFailed(f"checksum mismatch: got sha256 {actual[:12]}…")
            try:
                os.replace(part, final)
            except OSError as exc:
                raise _cannot_write(final, exc) from exc
            return final
        except _MirrorFailed as exc:
            failures.append(f"{url} ({exc})")
        except OSError as exc:  # closing (flushing) the part file
            raise _cannot_write(part, exc) from exc
        finally:
            part.unlink(missing_ok=True)
    tried = "; ".join(failures) or "no mirrors configured"
    raise DatasetError(f"could not download {filename}: {tried}; {manual_instructions(dest_dir)}")


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
