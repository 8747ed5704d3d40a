"""Reading an ``.npz`` file that may be hostile: every array is bounded before it exists.

``np.load`` trusts the file: a header may claim any shape, a zip entry may inflate to
gigabytes, and its failures surface as a dozen exception types. This reader checks
each zip entry and ``.npy`` header against what the file can honestly hold and a cap,
then reads exactly the bytes it announced.
"""

from __future__ import annotations

import math
import os
import zipfile
from pathlib import Path

import numpy as np

from nncore.model_errors import ModelFileError
from nncore.paths import file_problem
from nncore.sizes import megabytes
from nncore.text import N_

NPY_MAGIC = b"\x93NUMPY"
# zlib cannot inflate one byte into more than about 1032: an entry claiming more is a lie.
_MAX_DEFLATE_RATIO = 1032
# dtype kinds a model may hold: booleans, numbers and text (the metadata).
_KINDS = frozenset("biufU")


def read_npz(path: str | os.PathLike, max_bytes: int) -> dict[str, np.ndarray]:
    """The arrays of the ``.npz`` at ``path``, keyed by entry name without ``.npy``.

    Parameters
    ----------
    path : path
        The file; it must be a regular file (a folder or FIFO is refused, not opened).
    max_bytes : int
        Cap on the arrays' total size; larger files are refused before reading.

    Returns
    -------
    dict of str to ndarray, each writable and owning its memory.

    Raises
    ------
    ModelFileError
        Anything wrong, in one line: not a zip, a plain ``.npy``, an unsupported or
        encrypted entry, a corrupt header, arrays too large for the file or the cap.
    """
    path = Path(path)
    problem = file_problem(path, "model file")
    if problem:
        raise ModelFileError(problem)
    try:
        with open(path, "rb") as f:
            if f.read(len(NPY_MAGIC)) == NPY_MAGIC:
                raise ModelFileError(
                    N_(
                        "{path}: a single array saved with np.save, not an nnlab model "
                        "(.npz); save models with `nnlab train mnist --save` or the app's s key"
                    ),
                    path=path,
                )
            f.seek(0)
            with zipfile.ZipFile(f) as archive:
                return _read_entries(path, archive, os.fstat(f.fileno()).st_size, max_bytes)
    except ModelFileError:
        raise
    except (OSError, EOFError, zipfile.BadZipFile, ValueError, RuntimeError) as exc:
        raise ModelFileError(
            N_("{path}: not a readable .npz model file ({reason})"), path=path, reason=exc
        ) from None


def _read_entries(path: Path, archive: zipfile.ZipFile, file_size: int, max_bytes: int):
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        raise ModelFileError(
            N_(
                "{path}: its arrays would take {size}, more than the {limit} a model may have; "
                "not loaded"
            ),
            path=path,
            size=megabytes(total),
            limit=megabytes(max_bytes),
        )
    arrays = {}
    for info in infos:
        _check_entry(path, info, file_size)
        with archive.open(info) as entry:
            arrays[info.filename.removesuffix(".npy")] = _read_npy(path, info, entry)
    return arrays


def _check_entry(path: Path, info: zipfile.ZipInfo, file_size: int) -> None:
    name = info.filename
    if not name.endswith(".npy"):
        raise ModelFileError(
            N_("{path}: entry {name} is not a .npy array; not an nnlab model"),
            path=path,
            name=repr(name),
        )
    if info.flag_bits & 0x1:
        raise ModelFileError(
            N_("{path}: entry {name} is encrypted; nnlab models never are"),
            path=path,
            name=repr(name),
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ModelFileError(
            N_(
                "{path}: entry {name} uses zip compression method {method}; "
                "nnlab reads stored or deflated entries (np.savez, np.savez_compressed)"
            ),
            path=path,
            name=repr(name),
            method=info.compress_type,
        )
    limit = info.compress_size
    if info.compress_type == zipfile.ZIP_DEFLATED:
        limit *= _MAX_DEFLATE_RATIO
    if info.compress_size > file_size or info.file_size > limit:
        raise ModelFileError(
            N_(
                "{path}: entry {name} claims {n:,} bytes, more than the file can hold; "
                "the file is corrupt or hostile"
            ),
            path=path,
            name=repr(name),
            n=info.file_size,
        )


def _read_npy(path: Path, info: zipfile.ZipInfo, entry) -> np.ndarray:
    name = info.filename
    try:
        version = np.lib.format.read_magic(entry)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(entry)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(entry)
    except Exception as exc:  # NumPy parses the header with ast/tokenize: any error means corrupt
        raise ModelFileError(
            N_("{path}: entry {name} has a corrupt .npy header ({reason})"),
            path=path,
            name=repr(name),
            reason=exc,
        ) from None
    if dtype.kind not in _KINDS or dtype.hasobject:
        raise ModelFileError(
            N_("{path}: entry {name} holds {dtype} values, not numbers"),
            path=path,
            name=repr(name),
            dtype=dtype,
        )
    n_bytes = math.prod(shape) * dtype.itemsize
    if n_bytes != info.file_size - entry.tell():
        raise ModelFileError(
            N_(
                "{path}: entry {name} claims shape {shape} ({n:,} bytes) but holds {held:,}; "
                "the file is corrupt"
            ),
            path=path,
            name=repr(name),
            shape=shape,
            n=n_bytes,
            held=info.file_size - entry.tell(),
        )
    buffer = bytearray(n_bytes)
    view, done = memoryview(buffer), 0
    while done < n_bytes:
        got = entry.readinto(view[done:])
        if not got:
            raise ModelFileError(
                N_("{path}: entry {name} is truncated"), path=path, name=repr(name)
            )
        done += got
    return np.frombuffer(buffer, dtype).reshape(shape, order="F" if fortran else "C")
