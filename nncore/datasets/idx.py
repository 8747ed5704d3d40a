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

from nncore.datasets.errors import DatasetError, damaged
from nncore.text import N_, Phrase, Worded

UBYTE = 0x08
GZIP_MAGIC = b"\x1f\x8b"
# MNIST has 1-D label files and 3-D image files; nothing real needs more than
# this, and a cap keeps a corrupt header from describing absurd shapes.
MAX_NDIM = 8
_CHUNK = 1 << 20
# No MNIST file decompresses to more (train images: 47,040,016 bytes).
MAX_BYTES = 48_000_000


def _is_gzip(path: Path) -> bool:
    # Sniff the content rather than trust the name: both "x.gz" holding raw
    # bytes and a gzipped file without ".gz" turn up in the wild. The IDX magic
    # starts with 00 00, so the two cannot be confused.
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


def read_content(path: Path) -> bytes:
    """Return the file's bytes, decompressed if it is gzipped (for small files: tests).

    Raises
    ------
    DatasetError
        The file cannot be read or is not a valid gzip stream.
    """
    try:
        with _open(path) as f:
            return f.read()
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise _unreadable(path, exc) from exc


class _NotRegular(Worded, IsADirectoryError):
    """A folder or a FIFO where a file should be (reported as unreadable)."""


def _open(path: Path):
    if not path.is_file():  # a folder or a FIFO: opening would fail or wait forever
        raise _NotRegular(N_("{path} is not a regular file"), path=path)
    return gzip.open(path, "rb") if _is_gzip(path) else open(path, "rb")


def _unreadable(path: Path, exc: BaseException) -> DatasetError:
    return damaged(Phrase(N_("{path}: cannot read it ({reason})"), path=path, reason=exc))


def content_sha256(path: Path, max_bytes: int | None = None) -> str:
    """SHA-256 hex digest of the file's decompressed content, streamed in 1 MiB chunks.

    Hashing the decompressed bytes makes a file recompressed with other gzip
    settings (or stored raw) still match the official checksum. With ``max_bytes``
    (the known size of the file), hashing stops as soon as the content is longer:
    a gzip bomb costs no more than the real file.
    """
    digest = hashlib.sha256()
    done = 0
    try:
        with _open(path) as f:
            while chunk := f.read(_CHUNK):
                done += len(chunk)
                if max_bytes is not None and done > max_bytes:
                    raise damaged(
                        Phrase(
                            N_("{path}: decompresses to more than the {n:,} bytes this file has"),
                            path=path,
                            n=max_bytes,
                        )
                    )
                digest.update(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise _unreadable(path, exc) from exc
    return digest.hexdigest()


def _check_magic(head: bytes, source: str) -> int:
    """Validate the first 4 bytes; returns ``ndim``."""
    if len(head) < 4:
        raise damaged(
            Phrase(N_("{path}: not an IDX file (only {n} bytes)"), path=source, n=len(head))
        )
    zero0, zero1, dtype, ndim = head[0], head[1], head[2], head[3]
    if zero0 or zero1:
        raise damaged(
            Phrase(
                N_("{path}: not an IDX file (magic number {magic} does not start with 0000)"),
                path=source,
                magic=head[:4].hex(),
            )
        )
    if dtype != UBYTE:
        raise damaged(
            Phrase(
                N_(
                    "{path}: IDX data type {dtype} is not supported "
                    "(MNIST uses 0x08, unsigned byte)"
                ),
                path=source,
                dtype=f"0x{dtype:02x}",
            )
        )
    if not 1 <= ndim <= MAX_NDIM:
        raise damaged(
            Phrase(
                N_("{path}: IDX header says {ndim} dimensions (expected 1 to {most})"),
                path=source,
                ndim=ndim,
                most=MAX_NDIM,
            )
        )
    return ndim


def _shape(dims: bytes, ndim: int, got: int, source: str) -> tuple[int, ...]:
    """The sizes in ``dims`` (``4 * ndim`` bytes); ``got`` is the bytes read so far."""
    header = 4 + 4 * ndim
    if len(dims) < 4 * ndim:
        raise damaged(
            Phrase(
                N_("{path}: truncated IDX header ({got} of {n} bytes)"),
                path=source,
                got=got,
                n=header,
            )
        )
    return tuple(int.from_bytes(dims[4 * i : 4 + 4 * i], "big") for i in range(ndim))


def _shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape))


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
    ndim = _check_magic(data[:4], source)
    header = 4 + 4 * ndim
    shape = _shape(data[4:header], ndim, len(data), source)
    expected = header + math.prod(shape)
    if len(data) != expected:
        problem = (
            N_("{path}: truncated: {got} bytes but header shape {shape} needs {n}")
            if len(data) < expected
            else N_("{path}: has trailing bytes: {got} bytes but header shape {shape} needs {n}")
        )
        raise damaged(
            Phrase(problem, path=source, got=len(data), shape=_shape_text(shape), n=expected)
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape).copy()


def read_idx(path: Path, max_bytes: int = MAX_BYTES) -> np.ndarray:
    """Read and decode one IDX file (gzipped or raw) in a stream; see :func:`parse_idx`.

    Only as many bytes as the header announces are decompressed (plus one, to catch
    trailing data), and a header announcing more than ``max_bytes`` in all is refused
    before anything is allocated: a gzip bomb costs no more than an honest file.
    """
    source = str(path)
    try:
        with _open(path) as f:
            ndim = _check_magic(f.read(4), source)
            dims = f.read(4 * ndim)
            shape = _shape(dims, ndim, 4 + len(dims), source)
            header = 4 + 4 * ndim
            expected = header + math.prod(shape)
            if expected > max_bytes:
                raise damaged(
                    Phrase(
                        N_(
                            "{path}: header shape {shape} needs {n:,} bytes, "
                            "more than the {most:,} this file has"
                        ),
                        path=source,
                        shape=_shape_text(shape),
                        n=expected,
                        most=max_bytes,
                    )
                )
            body = bytearray(expected - header)
            view, done = memoryview(body), 0
            while done < len(body) and (got := f.readinto(view[done:])):
                done += got
            if done < len(body):
                raise damaged(
                    Phrase(
                        N_("{path}: truncated: {got} bytes but header shape {shape} needs {n}"),
                        path=source,
                        got=header + done,
                        shape=_shape_text(shape),
                        n=expected,
                    )
                )
            if f.read(1):
                raise damaged(
                    Phrase(
                        N_(
                            "{path}: has trailing bytes: more than the {n} bytes "
                            "header shape {shape} needs"
                        ),
                        path=source,
                        n=expected,
                        shape=_shape_text(shape),
                    )
                )
    except (OSError, EOFError, zlib.error) as exc:
        raise _unreadable(path, exc) from exc
    return np.frombuffer(body, dtype=np.uint8).reshape(shape)
