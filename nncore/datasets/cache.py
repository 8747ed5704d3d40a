"""Cache decoded (and normalised) IDX arrays as ``.npy`` files, served as memory maps.

Entries live in nnlab's own cache folder (never beside the source files, which may be
read-only or shared). A warm load maps the file: pages come from the system's page
cache, so every process on the machine shares one copy (a classroom of learners costs
one set of MNIST arrays, not one each). Caching is best-effort: any failure to read or
write the cache falls back to building the array in memory.

Nothing in the cache is trusted. Each entry ``X.npy`` has a record ``X.json`` naming
the source's size, mtime and SHA-256 (checked on every load) and the entry file's own
device, inode, size, mtime and ctime as written (any later rewrite moves its ctime,
which cannot be set back). A missing, short, foreign, rewritten or non-regular entry,
or one whose header disagrees with the record, is rebuilt from the source.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

# Bump when the layout of entries or records changes so old ones are never reused.
_FORMAT = "nnlab-cache-v2"
#: The entry kinds: folder below ``npy_cache_dir()`` and the dtype their arrays have.
KINDS = {"uint8": ("", np.uint8), "float32": ("float32", np.float32)}
_MAX_RECORD_BYTES = 4096
_STALE_TEMP_SECONDS = 3600
_CHUNK = 1 << 20
#: Digests already computed in this process, by the source's path and stat identity.
_digests: dict[tuple, str] = {}


def nnlab_cache_home() -> Path:
    """``$XDG_CACHE_HOME/nnlab``, or ``~/.cache/nnlab`` when unset or relative.

    The XDG spec says a relative ``XDG_CACHE_HOME`` is invalid and must be ignored.
    """
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "nnlab"


def npy_cache_dir() -> Path:
    """Folder holding the decoded ``.npy`` arrays (normalised ones in ``float32/``)."""
    return nnlab_cache_home() / "npy"


def _open_regular(path: Path) -> tuple[int, os.stat_result] | None:
    """A read-only descriptor and its stat, if ``path`` is a regular file.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer;
    the ``fstat`` of the open descriptor then refuses it (no check-then-open race).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return None
    return fd, st


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def source_key(source: Path) -> dict | None:
    """``{path, size, mtime_ns, sha256}`` of ``source``; None if it is not a readable
    regular file (decoding it then reports the problem)."""
    try:
        resolved = source.resolve()
    except OSError:
        return None
    opened = _open_regular(resolved)
    if opened is None:
        return None
    fd, st = opened
    memo = (str(resolved), *_identity(st))
    try:
        digest = _digests.get(memo)
        if digest is None:
            h = hashlib.sha256()
            with os.fdopen(fd, "rb", closefd=False) as f:
                while chunk := f.read(_CHUNK):
                    h.update(chunk)
            digest = _digests[memo] = h.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
    return {"path": str(resolved), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}


def _entry(key: dict, kind: str) -> tuple[Path, Path]:
    """``(array file, record file)`` of ``kind`` for the source in ``key``."""
    folder = npy_cache_dir() / KINDS[kind][0]
    resolved = Path(key["path"])
    where = hashlib.sha256(f"{_FORMAT}\0{resolved}".encode()).hexdigest()[:16]
    stem = f"{resolved.name}-{where}"
    return folder / f"{stem}.npy", folder / f"{stem}.json"


def _read_record(path: Path) -> dict | None:
    opened = _open_regular(path)
    if opened is None:
        return None
    fd, st = opened
    with os.fdopen(fd, "rb") as f:
        if st.st_size > _MAX_RECORD_BYTES:
            return None
        try:
            record = json.loads(f.read(_MAX_RECORD_BYTES))
        except (OSError, ValueError):
            return None
    return record if isinstance(record, dict) else None


def _load(array_file: Path, record_file: Path, key: dict, kind: str) -> np.ndarray | None:
    """The entry mapped copy-on-write (callers may write; the file never changes), or
    None if anything about it disagrees with its record or with ``key``."""
    record = _read_record(record_file)
    if record is None or record.get("format") != _FORMAT or record.get("source") != key:
        return None
    opened = _open_regular(array_file)
    if opened is None:
        return None
    fd, st = opened
    with os.fdopen(fd, "rb") as f:
        if _identity(st) != record.get("entry"):
            return None
        try:
            version = np.lib.format.read_magic(f)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
            else:
                return None
        except (OSError, ValueError):
            return None
        if fortran or dtype != KINDS[kind][1] or list(shape) != record.get("shape"):
            return None
        offset = f.tell()
        if st.st_size != offset + int(np.prod(shape)) * dtype.itemsize:
            return None
        if 0 in shape:  # an empty array cannot be mapped
            return np.zeros(shape, dtype)
        try:
            return np.asarray(np.memmap(f, dtype, mode="c", offset=offset, shape=shape))
        except (OSError, ValueError):
            return None


def _write_atomically(folder: Path, target: Path, write: Callable) -> bool:
    """``write(file)`` into a temporary file of a unique name, then rename it to
    ``target``: a concurrent reader sees the old state or the whole new file."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=target.suffix)
    try:
        # Readable by all, as files normally are: learners' accounts may share one cache.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    return True


def _remove_stale_temps(folder: Path) -> None:
    """Temporary files left by a process killed mid-write, an hour old or more."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(".tmp-*"):
        try:
            if leftover.lstat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            continue


def _store(array_file: Path, record_file: Path, key: dict, arr: np.ndarray) -> bool:
    folder = array_file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(folder)
        if not _write_atomically(folder, array_file, lambda f: np.save(f, arr, allow_pickle=False)):
            return False
        record = {
            "format": _FORMAT,
            "source": key,
            "shape": list(arr.shape),
            "entry": _identity(os.stat(array_file)),
        }
        text = json.dumps(record).encode()
        return _write_atomically(folder, record_file, lambda f: f.write(text))
    except OSError:
        return False


def cached(source: Path, kind: str, build: Callable[[], np.ndarray]) -> np.ndarray:
    """``build()``, served from the cache entry of ``kind`` for ``source`` when it is sound.

    Parameters
    ----------
    source : Path
        The file the array comes from (an IDX file, gzipped or raw).
    kind : str
        A key of :data:`KINDS`: ``"uint8"`` decoded values, ``"float32"`` normalised.
    build : callable
        ``build() -> ndarray`` of the kind's dtype; called when the entry is missing or
        unsound, and its result stored (skipped silently if the cache folder is not
        writable). Errors it raises propagate.

    Returns
    -------
    ndarray, any shape: a copy-on-write memory map of the entry when there is one.
    """
    key = source_key(source)
    if key is None:
        return build()
    array_file, record_file = _entry(key, kind)
    arr = _load(array_file, record_file, key, kind)
    if arr is not None:
        return arr
    arr = build()
    if _store(array_file, record_file, key, arr):
        # Serve the file just written: shared with every other process, not private.
        mapped = _load(array_file, record_file, key, kind)
        if mapped is not None:
            return mapped
    return arr


def cached_decode(source: Path, decode: Callable[[Path], np.ndarray]) -> np.ndarray:
    """``decode(source)`` (uint8, any shape) through the cache; see :func:`cached`."""
    return cached(source, "uint8", lambda: decode(source))
