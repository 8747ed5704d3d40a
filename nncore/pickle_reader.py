"""Unpickling the book's ``sample_weight.pkl`` without trusting it.

Only NumPy arrays in plain containers can be rebuilt: every other global is refused
before it runs. Memory is bounded too: the opcodes are scanned first (so no length
field can make the unpickler allocate more than the file holds), and every array is
charged against a budget of the file's size before it is created, so a stride-0 view
with a huge shape or one block of bytes reused a thousand times is refused.
"""

from __future__ import annotations

import io
import math
import pickle
import pickletools

import numpy as np

from nncore.text import N_, Worded

_NDARRAY = ("numpy", "ndarray")
_RECONSTRUCT = {
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
}
_FROMBUFFER = {("numpy.core.numeric", "_frombuffer"), ("numpy._core.numeric", "_frombuffer")}
_DTYPE = ("numpy", "dtype")
_ENCODE = ("_codecs", "encode")  # protocol 2 stores array bytes as latin-1 text


class RefusedPickle(Worded, pickle.UnpicklingError):
    """What the pickle holds or does that this reader will not build, in words."""


def unpickle_arrays(data: bytes) -> object:
    """Unpickle ``data``, allowing only NumPy arrays, dtypes and plain containers.

    Raises
    ------
    pickle.UnpicklingError
        A refused global, an array larger than the data could hold, or malformed data;
        the message says which. Other exceptions of a corrupt pickle (EOFError,
        ValueError, TypeError, ...) propagate for the caller to report.
    """
    _scan(data)
    budget = _Budget(len(data))
    loaded = _Unpickler(io.BytesIO(data), budget).load()
    if isinstance(loaded, dict):
        return {key: _finished(value) for key, value in loaded.items()}
    return _finished(loaded)


def _scan(data: bytes) -> None:
    """Walk the opcodes without running them: every length must fit in what is left."""
    try:
        for opcode, arg, pos in pickletools.genops(io.BytesIO(data)):
            if opcode.name == "FRAME" and arg > len(data) - pos:
                raise RefusedPickle(
                    N_("a frame of {n:,} bytes in {total:,}"), n=arg, total=len(data)
                )
    except ValueError as exc:  # pickletools' word for truncated or unknown opcodes
        raise pickle.UnpicklingError(str(exc)) from None


class _Budget:
    """Bytes the arrays may still take: an honest pickle holds its arrays' bytes."""

    def __init__(self, n_bytes: int) -> None:
        self.left = n_bytes

    def take(self, shape, dtype) -> np.dtype:
        """Charge an array of ``shape`` and ``dtype``; returns the dtype."""
        dtype = np.dtype(dtype)
        if dtype.hasobject:
            raise RefusedPickle(N_("refused an array of Python objects"))
        shape = (shape,) if type(shape) is int else shape
        if not (isinstance(shape, tuple) and all(type(n) is int and n >= 0 for n in shape)):
            raise RefusedPickle(
                N_("an array shape {shape} is not whole numbers"), shape=repr(shape)
            )
        n_bytes = math.prod(shape) * dtype.itemsize
        if n_bytes > self.left:
            raise RefusedPickle(
                N_("an array of shape {shape} ({n:,} bytes) is larger than the file could hold"),
                shape=shape,
                n=n_bytes,
            )
        self.left -= n_bytes
        return dtype


class _Pending:
    """What ``_reconstruct`` returns: the array is made when its state (shape, dtype,
    bytes) arrives, once the budget allows it."""

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget
        self.array: np.ndarray | None = None

    def __setstate__(self, state) -> None:
        if not (isinstance(state, tuple) and len(state) == 5):
            raise RefusedPickle(N_("an array's state is malformed"))
        _version, shape, dtype, _fortran, _raw = state
        self._budget.take(shape, dtype)
        array = np.ndarray((0,), np.uint8)
        array.__setstate__(state)
        self.array = array


class _Ndarray:
    """``numpy.ndarray`` as the pickle sees it: the type ``_reconstruct`` is given, and a
    constructor charged by its shape, not its buffer (a stride-0 view is as big as it
    looks once anything copies it)."""

    def __init__(self, budget: _Budget) -> None:
        self._budget = budget

    def __call__(self, shape, dtype=float, buffer=None, offset=0, strides=None, order=None):
        dtype = self._budget.take(shape, dtype)
        return np.ndarray(shape, dtype, buffer, offset, strides, order).copy()


def _finished(value):
    if isinstance(value, _Pending):
        if value.array is None:
            raise RefusedPickle(N_("an array was never given its data"))
        return value.array
    return value


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, budget: _Budget) -> None:
        super().__init__(file)
        self._budget = budget

    def find_class(self, module: str, name: str):
        key = (module, name)
        budget = self._budget
        if key in _RECONSTRUCT:

            def reconstruct(subtype, shape, dtype):
                if not isinstance(subtype, _Ndarray):
                    raise RefusedPickle(N_("refused to rebuild anything but an ndarray"))
                return _Pending(budget)

            return reconstruct
        if key in _FROMBUFFER:

            def frombuffer(buf, dtype, shape, order):
                dtype = budget.take(shape, dtype)
                return np.frombuffer(buf, dtype).reshape(shape, order=order).copy()

            return frombuffer
        if key == _NDARRAY:
            return _Ndarray(budget)
        if key == _DTYPE:
            return np.dtype
        if key == _ENCODE:

            def encode(text, encoding="utf-8", errors="strict"):
                if encoding not in ("latin1", "latin-1") or not isinstance(text, str):
                    raise RefusedPickle(
                        N_("refused to encode with {encoding}"), encoding=repr(encoding)
                    )
                return text.encode("latin-1", errors)

            return encode
        raise RefusedPickle(N_("refused to load {name}"), name=f"{module}.{name}")
