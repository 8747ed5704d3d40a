"""Cache decoded IDX arrays as ``.npy`` files so warm loads are a memory map.

Entries live in nnlab's own cache folder (never beside the source files, which
may be read-only or shared). Caching is best-effort: any failure to read or
write the cache falls back to decoding the source file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

# Bump when the decoded layout changes so old entries are never reused.
_FORMAT = "idx-v1"


def nnlab_cache_home() -> Path:
    """``$XDG_CACHE_HOME/nnlab``, or ``~/.cache/nnlab`` when unset or relative.

    The XDG spec says a relative ``XDG_CACHE_HOME`` is invalid and must be ignored.
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnlab"


def npy_cache_dir() -> Path:
    """Folder holding the decoded ``.npy`` arrays."""
    return nnlab_cache_home() / "npy"


def _entry_names(source: Path) -> tuple[str, str] | None:
    """``(prefix, filename)`` of the cache entry for ``source``, None if it cannot be stat'ed.

    The key is the absolute path plus size, inode, mtime_ns and ctime_ns rather
    than a content hash: a warm load then costs one ``stat`` instead of reading
    and hashing ~11 MB. Any rewrite changes it: re-downloading replaces the
    inode, editing in place moves mtime, and tools that restore the old mtime
    (``cp -p``, ``rsync -t``) still move ctime, which cannot be set back.
    The prefix depends on the path only, so older entries of the same file can
    be found and removed.
    """
    try:
        resolved = source.resolve()
        st = resolved.stat()
    except OSError:
        return None
    where = hashlib.sha256(f"{_FORMAT}\0{resolved}".encode()).hexdigest()[:16]
    when = hashlib.sha256(
        f"{st.st_size}:{st.st_ino}:{st.st_mtime_ns}:{st.st_ctime_ns}".encode()
    ).hexdigest()[:16]
    prefix = f"{resolved.name}-{where}-"
    return prefix, f"{prefix}{when}.npy"


def _load(entry: Path) -> np.ndarray | None:
    try:
        # Copy-on-write mapping: pages are read lazily (a warm load costs almost
        # nothing) yet callers get writable arrays, as with the book's loader;
        # writes stay private and never reach the cache file.
        arr = np.load(entry, mmap_mode="c", allow_pickle=False)
    except (OSError, ValueError):
        # Missing, truncated or foreign file, or an empty array (cannot be mmapped).
        return None
    if arr.dtype != np.uint8:
        return None
    return np.asarray(arr)


def _store(directory: Path, prefix: str, name: str, arr: np.ndarray) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".npy")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            np.save(f, arr, allow_pickle=False)
        # Atomic: a concurrent reader sees the old state or the whole new file.
        os.replace(tmp, directory / name)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    try:
        stale = [p for p in directory.iterdir() if p.name.startswith(prefix) and p.name != name]
        for old in stale:
            old.unlink(missing_ok=True)
    except OSError:
        return


def cached_decode(source: Path, decode: Callable[[Path], np.ndarray]) -> np.ndarray:
    """Return ``decode(source)``, served from the ``.npy`` cache when it is fresh.

    Parameters
    ----------
    source : Path
        The IDX file (gzipped or raw).
    decode : callable
        ``decode(source) -> ndarray of uint8``; called on a cache miss, its
        result is stored for next time (skipped silently if the cache folder is
        not writable). Errors it raises propagate.

    Returns
    -------
    ndarray of uint8, the decoded array, any shape.
    """
    names = _entry_names(source)
    directory = npy_cache_dir()
    if names is not None:
        cached = _load(directory / names[1])
        if cached is not None:
            return cached
    arr = decode(source)
    if names is not None:
        _store(directory, names[0], names[1], arr)
    return arr
