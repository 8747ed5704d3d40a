"""Test helpers: small crafted hostile files (zip entries, npy headers, pickles) and a
memory meter. Each file is a few kB however much it claims to hold."""

from __future__ import annotations

import io
import os
import pickle
import struct
import tempfile
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

# Anything a defended reader allocates for these small files stays far below this.
SMALL_PEAK = 16 * 2**20


def peak_bytes(action: Callable[[], object]) -> int:
    """Peak bytes Python and NumPy allocate while ``action()`` runs (exceptions swallowed)."""
    tracemalloc.start()
    try:
        action()
    except Exception:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def npy_header(shape: tuple, descr: str = "<f4") -> bytes:
    """A version-1.0 ``.npy`` header claiming ``shape`` (no data follows)."""
    text = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}"
    text += " " * (63 - (len(text) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode()


def write_zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def set_zip_method(path: Path, method: int) -> Path:
    """Rewrite every entry's compression method field (local and central headers)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at != -1:
            data[at + offset : at + offset + 2] = struct.pack("<H", method)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def deflate_bomb(path: Path, name: str, header: bytes, megabytes: int, declared: int) -> Path:
    """A zip entry ``name``: ``header`` then ``megabytes`` MiB of zeros, deflated to about a
    thousandth of that, its size field saying ``declared`` and its CRC left 0 (a reader
    that is fooled reads it all before finding out)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(header) + packer.flush(zlib.Z_FULL_FLUSH)
    # A full flush resets the compressor, so every MiB of zeros deflates to the same block.
    block = packer.compress(bytes(2**20)) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = head + block * megabytes + packer.flush()
    return raw_zip(path, name, stream, 0, declared)


def raw_zip(path: Path, name: str, stream: bytes, crc: int, declared: int) -> Path:
    """A one-entry zip written field by field, so its size field can lie."""
    raw = name.encode()
    fields = struct.pack("<HHHHHIII", 20, 0, zipfile.ZIP_DEFLATED, 0, 0, crc, len(stream), declared)
    local = b"PK\x03\x04" + fields + struct.pack("<HH", len(raw), 0) + raw
    central = (
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + fields
        + struct.pack("<HHHHHII", len(raw), 0, 0, 0, 0, 0, 0)
        + raw
    )
    offset = len(local) + len(stream)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), offset, 0)
    path.write_bytes(local + stream + central + end)
    return path


class Reduce:
    """Pickles as ``func(*args)``, built only from what ``func`` and ``args`` pickle as."""

    def __init__(self, func, *args) -> None:
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def stride0_array(n: int) -> Reduce:
    """``np.ndarray((n,), f8, buffer=8 zero bytes, strides=(0,))``: 8 bytes that look like n."""
    return Reduce(np.ndarray, (n,), np.dtype("f8"), b"\0" * 8, 0, (0,))


def book_weights(**replace) -> dict:
    """A tiny 4-3-2-2 network in the book's pickle layout, with entries replaced."""
    rng = np.random.default_rng(0)
    weights = {
        "W1": rng.normal(size=(4, 3)),
        "b1": np.zeros(3),
        "W2": rng.normal(size=(3, 2)),
        "b2": np.zeros(2),
        "W3": rng.normal(size=(2, 2)),
        "b3": np.zeros(2),
    }
    weights.update(replace)
    return weights


def pickle_bytes(obj, protocol: int = 2) -> bytes:
    buffer = io.BytesIO()
    pickle.Pickler(buffer, protocol).dump(obj)
    return buffer.getvalue()


def gzip_bomb(path: Path, head: bytes, megabytes: int) -> Path:
    """A gzip file of ``head`` then ``megabytes`` MiB of zeros, about a thousandth of that
    on disk; the trailer's CRC is left 0 (a reader that is fooled reads it all first)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(bytes(2**20)) + packer.flush(zlib.Z_FULL_FLUSH)
    size = (len(head) + megabytes * 2**20) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", 0, size)
    path.write_bytes(header + first + block * megabytes + packer.flush() + trailer)
    return path


def run_unprivileged(action) -> str:
    """Run ``action()`` where folders are not writable merely for being root: in a child
    that drops to ``nobody`` when this is root. Returns its one-line outcome."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            outcome = f"ok {action()}"
        except BaseException as exc:
            outcome = f"{type(exc).__name__}: {exc}"
        os.write(write, outcome.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        outcome = pipe.read().decode()
    os.waitpid(pid, 0)
    return outcome


@contextmanager
def unwritable_folder() -> Iterator[Path]:
    """A folder :func:`run_unprivileged` cannot write: root's and 0755 when this is root
    (the child runs as nobody), else 0555."""
    folder = Path(tempfile.mkdtemp(prefix="nnlab-ro-"))
    folder.chmod(0o755 if os.geteuid() == 0 else 0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        folder.rmdir()
