"""Saving and loading networks: nnlab's ``.npz`` model files and the book's weight pickle."""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from nncore.gates import LogicGateNet
from nncore.network import Network

FORMAT = "nnlab-model"
FORMAT_VERSION = 1
_META_KEY = "__meta__"


class ModelFileError(ValueError):
    """A model file that cannot be used; the message is one line naming file and problem."""


def save_model(path: str | os.PathLike, network, training: dict | None = None) -> Path:
    """Write ``network``'s parameters and metadata to ``path`` (``.npz``) atomically.

    ``training`` records how the network was trained (command, epochs, accuracy, ...).
    The file appears complete or not at all: it is written to a temporary file in the
    same folder and renamed over ``path``.
    """
    path = Path(path)
    meta = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "network": network.metadata(),
        "training": training or {},
    }
    arrays = {key: np.asarray(value) for key, value in network.params.items()}
    arrays[_META_KEY] = np.array(json.dumps(meta, default=_plain))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        # mkstemp creates the file 0600; give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _plain(value):
    """JSON for NumPy scalars and arrays that training metadata may carry."""
    if isinstance(value, np.generic | np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in model metadata")


def load_model(path: str | os.PathLike):
    """Read a model written by ``save_model``; returns ``(network, metadata)``.

    Raises ``ModelFileError`` naming what is wrong: missing file, not an npz, no or
    bad metadata, a missing parameter, a wrong shape or dtype, non-finite values.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such model file")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise ModelFileError(f"{path}: not a readable .npz model file ({exc})") from None
    meta = _read_meta(path, arrays.pop(_META_KEY, None))
    spec = meta["network"]
    for key, value in arrays.items():
        if not np.issubdtype(value.dtype, np.floating):
            raise ModelFileError(f"{path}: {key} has dtype {value.dtype}, expected floats")
        if not np.all(np.isfinite(value)):
            raise ModelFileError(f"{path}: {key} contains nan or inf values")
    try:
        if spec.get("recipe") == "book":
            network = LogicGateNet()
            _check_same_shapes(network.params, arrays)
            network.set_params(arrays)
        else:
            network = Network(
                spec["sizes"],
                spec["activation"],
                spec["output"],
                spec.get("init", "auto"),
                spec.get("dtype", "float32"),
                params=arrays,
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: parameters do not match the metadata ({exc})") from None
    return network, meta


def _read_meta(path: Path, raw: np.ndarray | None) -> dict:
    if raw is None:
        raise ModelFileError(f"{path}: no nnlab metadata; was it saved by nnlab?")
    try:
        meta = json.loads(str(raw))
    except json.JSONDecodeError:
        raise ModelFileError(f"{path}: the metadata is not valid JSON") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{path}: not an nnlab model file")
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ModelFileError(f"{path}: the metadata has no valid format version")
    if version > FORMAT_VERSION:
        raise ModelFileError(f"{path}: saved by a newer nnlab (format {version}); upgrade nnlab")
    spec = meta.get("network")
    if not isinstance(spec, dict):
        raise ModelFileError(f"{path}: the metadata does not describe a network")
    dtype = spec.get("dtype", "float32")
    try:
        floating = np.issubdtype(np.dtype(dtype), np.floating)
    except TypeError:
        floating = False
    if not floating:
        raise ModelFileError(f"{path}: the metadata asks for dtype {dtype!r}, expected floats")
    return meta


def _check_same_shapes(expected: dict, arrays: dict) -> None:
    if set(expected) != set(arrays):
        raise ValueError(f"parameters {sorted(arrays)}, expected {sorted(expected)}")
    for key, value in expected.items():
        if value.shape != arrays[key].shape:
            raise ValueError(f"{key} has shape {arrays[key].shape}, expected {value.shape}")


class _ArraysOnlyUnpickler(pickle.Unpickler):
    """Rebuilds NumPy arrays and plain containers; refuses every other global, so a
    hostile pickle cannot call ``os.system`` or anything else while loading."""

    ALLOWED = frozenset(
        {
            ("numpy.core.multiarray", "_reconstruct"),
            ("numpy._core.multiarray", "_reconstruct"),
            ("numpy.core.numeric", "_frombuffer"),  # pickle protocol 5
            ("numpy._core.numeric", "_frombuffer"),
            ("numpy", "ndarray"),
            ("numpy", "dtype"),
            ("_codecs", "encode"),  # protocol 2 stores array bytes as latin-1 text
        }
    )

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"refused to load {module}.{name}")
        # The book pickled under NumPy 1; NumPy 2 moved numpy.core to numpy._core.
        if module.startswith("numpy.core.") and hasattr(np, "_core"):
            module = "numpy._core." + module.removeprefix("numpy.core.")
        return super().find_class(module, name)


def load_dlfs_pickle(path: str | os.PathLike) -> Network:
    """The book's ``sample_weight.pkl`` (784-50-100-10, sigmoid) as a float32 ``Network``.

    Only NumPy arrays inside plain dicts are accepted; anything else in the pickle is
    refused before it runs, with ``ModelFileError``.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            weights = _ArraysOnlyUnpickler(f).load()
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no such file") from None
    except pickle.UnpicklingError as exc:
        raise ModelFileError(f"{path}: unsafe or corrupt pickle, not loaded ({exc})") from None
    except (EOFError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ModelFileError(f"{path}: corrupt pickle ({exc})") from None
    keys = {"W1", "b1", "W2", "b2", "W3", "b3"}
    if not isinstance(weights, dict) or set(weights) != keys:
        found = sorted(weights) if isinstance(weights, dict) else type(weights).__name__
        raise ModelFileError(f"{path}: expected arrays {sorted(keys)}, found {found}")
    for key, value in weights.items():
        ndim = 2 if key.startswith("W") else 1
        if not (isinstance(value, np.ndarray) and value.ndim == ndim):
            raise ModelFileError(f"{path}: {key} is not a {ndim}-D array")
        if not np.issubdtype(value.dtype, np.floating):
            raise ModelFileError(f"{path}: {key} has dtype {value.dtype}, expected floats")
    sizes = [weights["W1"].shape[0], *(weights[f"W{i}"].shape[1] for i in (1, 2, 3))]
    try:
        return Network(sizes, "sigmoid", "softmax", "book", np.float32, params=weights)
    except ValueError as exc:
        raise ModelFileError(f"{path}: {exc}") from None
