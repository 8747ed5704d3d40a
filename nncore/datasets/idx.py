"""Read IDX files (the MNIST container format), gzipped or raw.

An IDX file is a 4-byte magic number ``00 00 <dtype> <ndim>``, then ``ndim``
big-endian uint32 sizes, then the values in C order. Only dtype ``0x08``
(unsigned byte) is supported: it is the only one MNIST uses.
"""

from __future__ import annotations

import gzip
import hashlib
import math
import zlib
from pathlib import Path

import numpy as np

from nncore.datasets.errors import DatasetError

UBYTE = 0x08
GZIP_MAGIC = b"\x1f\x8b"
# MNIST has 1-D label files and 3-D image files; nothing real needs more than
# this, and a cap keeps a corrupt header from describing absurd shapes.
MAX_NDIM = 8
_CHUNK = 1 << 20
_FIX = "delete it and run `nnlab data download`"


def _is_gzip(path: Path) -> bool:
    # Sniff the content rather than trust the name: both "x.gz" holding raw
    # bytes and a gzipped file without ".gz" turn up in the wild. The IDX magic
    # starts with 00 00, so the two cannot be confused.
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


def read_content(path: Path) -> bytes:
    """Return the file's bytes, decompressed if it is gzipped.

    Raises
    ------
    DatasetError
        The file cannot be read or is not a valid gzip stream.
    """
    try:
        if _is_gzip(path):
            with gzip.open(path, "rb") as f:
                return f.read()
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise DatasetError(f"{path}: cannot read it ({_reason(exc)}); {_FIX}") from exc


def content_sha256(path: Path) -> str:
    """SHA-256 hex digest of the file's decompressed content, streamed in 1 MiB chunks.

    Hashing the decompressed bytes makes a file recompressed with other gzip
    settings (or stored raw) still match the official checksum.
    """
    digest = hashlib.sha256()
    try:
        with gzip.open(path, "rb") if _is_gzip(path) else open(path, "rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetError(f"{path}: cannot read it ({_reason(exc)}); {_FIX}") from exc
    return digest.hexdigest()


def parse_idx(data: bytes, source: str) -> np.ndarray:
    """Decode IDX bytes into an array.

    Parameters
    ----------
    data : bytes
        The whole (decompressed) file.
    source : str
        Name used in error messages, normally the file path.

    Returns
    -------
    ndarray of uint8, shape given by the header (e.g. ``(n, 28, 28)`` for
    MNIST images, ``(n,)`` for labels). It owns its (writable) memory.

    Raises
    ------
    DatasetError
        Bad magic number, unsupported dtype, or a length that does not match
        the header (truncated, or trailing bytes).
    """
    if len(data) < 4:
        raise DatasetError(f"{source}: not an IDX file (only {len(data)} bytes); {_FIX}")
    zero0, zero1, dtype, ndim = data[0], data[1], data[2], data[3]
    if zero0 or zero1:
        raise DatasetError(
            f"{source}: not an IDX file (magic number {data[:4].hex()} does not start "
            f"with 0000); {_FIX}"
        )
    if dtype != UBYTE:
        raise DatasetError(
            f"{source}: IDX data type 0x{dtype:02x} is not supported (MNIST uses 0x08, "
            f"unsigned byte); {_FIX}"
        )
    if not 1 <= ndim <= MAX_NDIM:
        raise DatasetError(
            f"{source}: IDX header says {ndim} dimensions (expected 1 to {MAX_NDIM}); {_FIX}"
        )
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DatasetError(
            f"{source}: truncated IDX header ({len(data)} of {header} bytes); {_FIX}"
        )
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected = header + math.prod(shape)
    if len(data) != expected:
        problem = "truncated" if len(data) < expected else "has trailing bytes"
        raise DatasetError(
            f"{source}: {problem}: {len(data)} bytes but header shape "
            f"{'×'.join(map(str, shape))} needs {expected}; {_FIX}"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape).copy()


def read_idx(path: Path) -> np.ndarray:
    """Read and decode one IDX file (gzipped or raw); see :func:`parse_idx`."""
    return parse_idx(read_content(path), str(path))


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())
