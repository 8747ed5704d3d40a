"""Download the MNIST files from a list of mirrors, verified and atomically.

Only the standard library is used. Each file is streamed into ``<name>.part``
beside its final name, its decompressed content is checked against the
expected SHA-256, and only then renamed into place; on any failure the
``.part`` file is removed, so a half-written file is never left behind.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from nncore.datasets.errors import DatasetError
from nncore.datasets.files import (
    MNIST_FILES,
    MNIST_SHA256,
    check_file,
    find_file,
    manual_instructions,
    resolve_data_dir,
)
from nncore.datasets.idx import content_sha256

# The mirrors torchvision uses, then TensorFlow's; the original yann.lecun.com
# site has refused automated downloads for years.
DEFAULT_MIRRORS: tuple[str, ...] = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
)
MIRRORS_ENV = "NNLAB_MNIST_MIRRORS"
DEFAULT_TIMEOUT = 30.0
_CHUNK = 64 * 1024

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


def _one_line(exc: BaseException) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())


def _describe(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    return _one_line(reason) if isinstance(reason, BaseException) else str(reason)


def _content_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def _cannot_write(path: Path, exc: OSError) -> DatasetError:
    return DatasetError(
        f"cannot write {path} ({_one_line(exc)}); make the folder writable or choose "
        "another (data_dir, --data-dir or NNLAB_DATA)"
    )


def _connect(url: str, timeout: float) -> http.client.HTTPResponse:
    request = urllib.request.Request(url, headers={"User-Agent": "nnlab"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise _MirrorFailed(_describe(exc, timeout)) from exc


def _copy(
    response: http.client.HTTPResponse,
    out: BinaryIO,
    part: Path,
    timeout: float,
    progress: ProgressFn | None,
) -> None:
    """Copy the body into ``out``, checking it is as long as announced."""
    total = _content_length(response)
    done = 0
    if progress is not None:
        progress(0, total)
    while True:
        try:
            chunk = response.read(_CHUNK)
        except (http.client.HTTPException, OSError) as exc:
            raise _MirrorFailed(_describe(exc, timeout)) from exc
        if not chunk:
            break
        try:
            out.write(chunk)
        except OSError as exc:
            raise _cannot_write(part, exc) from exc
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    # http.client reports a connection closed early as a normal end of body.
    if total is not None and done != total:
        raise _MirrorFailed(f"connection closed after {done} of {total} bytes")


def _stream(url: str, part: Path, timeout: float, progress: ProgressFn | None) -> None:
    """Write the body at ``url`` into ``part``: _MirrorFailed on network errors,
    DatasetError if ``part`` cannot be written."""
    with _connect(url, timeout) as response:
        try:
            with open(part, "wb") as out:
                _copy(response, out, part, timeout, progress)
        except OSError as exc:  # opening or flushing the file; _copy converts its own
            raise _cannot_write(part, exc) from exc


def download_file(
    filename: str,
    dest_dir: Path,
    sha256: str,
    *,
    mirrors: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressFn | None = None,
) -> Path:
    """Fetch ``filename`` from the first mirror that serves it with the right checksum.

    Parameters
    ----------
    filename : str
        Name on the mirror and in ``dest_dir``.
    dest_dir : Path
        Target folder, created if needed.
    sha256 : str
        Expected SHA-256 hex digest of the decompressed content.
    mirrors : sequence of str, optional
        URL prefixes tried in order; see :func:`resolve_mirrors`.
    timeout : float
        Seconds each network operation (connect, each read) may take.
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
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(dest_dir, exc) from exc
    final = dest_dir / filename
    part = dest_dir / f"{filename}.part"
    failures = []
    for mirror in resolve_mirrors(mirrors):
        url = _join(mirror, filename)
        try:
            _stream(url, part, timeout, progress)
            try:
                actual = content_sha256(part)
            except DatasetError as exc:
                raise _MirrorFailed(f"corrupt download: {_one_line(exc.__cause__ or exc)}") from exc
            if actual != sha256:
                raise _MirrorFailed(f"checksum mismatch: got sha256 {actual[:12]}…")
            os.replace(part, final)
            return final
        except _MirrorFailed as exc:
            failures.append(f"{url} ({exc})")
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
    progress : callable, optional
        ``progress(done_bytes, total_bytes)``; restarts from 0 for each file.
    on_file : callable, optional
        ``on_file(filename)``, called before each file's download starts.
    verify_existing : bool
        Checksum files already present and fetch them again if they differ.
        When False, any file present is kept as is (a fast check).

    Returns
    -------
    list of Path, the files downloaded (empty if all were already there).

    Raises
    ------
    DatasetError
        A file could not be downloaded; files fetched before it are kept.
    """
    folder = resolve_data_dir(data_dir)
    expected = {**MNIST_SHA256, **(checksums or {})}
    downloaded = []
    for key, filename in MNIST_FILES.items():
        present = (
            check_file(folder, key, expected).ok
            if verify_existing
            else find_file(folder, key) is not None
        )
        if present:
            continue
        if on_file is not None:
            on_file(filename)
        downloaded.append(
            download_file(
                filename,
                folder,
                expected[key],
                mirrors=mirrors,
                timeout=timeout,
                progress=progress,
            )
        )
    return downloaded
