"""Saving and loading networks: nnlab's ``.npz`` model files and the book's weight pickle."""

from __future__ import annotations

import fcntl
import glob
import json
import os
import pickle
import tempfile
from pathlib import Path

import numpy as np

from nncore.gates import LogicGateNet
from nncore.model_errors import ModelFileError
from nncore.network import Network
from nncore.npz_reader import read_npz
from nncore.paths import file_problem
from nncore.pickle_reader import unpickle_arrays
from nncore.sizes import MAX_PARAMETER_BYTES, megabytes, parameter_size_problem
from nncore.text import N_, Refusal

FORMAT = "nnlab-model"
FORMAT_VERSION = 1
_META_KEY = "__meta__"


__all__ = ["ModelFileError", "load_dlfs_pickle", "load_model", "save_model"]
# Text in the metadata beyond this is not nnlab's: refuse it before parsing.
_MAX_META_CHARS = 1_000_000


def save_model(path: str | os.PathLike, network, training: dict | None = None) -> Path:
    """Write ``network``'s parameters and metadata to ``path`` (``.npz``) atomically.

    ``training`` records how the network was trained (command, epochs, accuracy, ...).
    The file appears complete or not at all: it is written to a hidden temporary file
    in the same folder (``.<name>.*.tmp``, locked while being written) and renamed
    over ``path``. Temporary files a killed save left behind are removed first.
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
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
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


def _remove_stale_temporaries(path: Path) -> None:
    """Delete ``.<name>.*.tmp`` files no save holds a lock on: a killed save left them."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            with open(tmp, "rb") as f:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                tmp.unlink()
        except OSError:
            continue  # being written by a live save, or already gone


def _plain(value):
    """JSON for NumPy scalars and arrays that training metadata may carry."""
    if isinstance(value, np.generic | np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot store {type(value).__name__} in model metadata")


def load_model(path: str | os.PathLike):
    """Read a model written by ``save_model``; returns ``(network, metadata)``.

    Raises ``ModelFileError`` naming what is wrong, for any file at all: missing or not
    a regular file, not an npz, arrays larger than the file or than
    ``MAX_PARAMETER_BYTES``, no or bad metadata, a missing parameter, a wrong shape or
    dtype, non-finite values.
    """
    path = Path(path)
    try:
        return _load_model(path)
    except ModelFileError:
        raise
    except Exception as exc:  # the app must survive any file: one line instead
        raise ModelFileError(
            N_("{path}: cannot read this model file ({reason})"), path=path, reason=exc
        ) from None


def _load_model(path: Path):
    arrays = read_npz(path, MAX_PARAMETER_BYTES + _MAX_META_CHARS * 4)
    meta = _read_meta(path, arrays.pop(_META_KEY, None))
    spec = meta["network"]
    _check_finite_floats(path, arrays)
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
        raise ModelFileError(
            N_("{path}: parameters do not match the metadata ({reason})"), path=path, reason=exc
        ) from None
    return network, meta


def _check_finite_floats(path: Path, arrays: dict) -> None:
    for key, value in arrays.items():
        if not np.issubdtype(value.dtype, np.floating):
            raise ModelFileError(
                N_("{path}: {key} has dtype {dtype}, expected floats"),
                path=path,
                key=key,
                dtype=value.dtype,
            )
        if not np.all(np.isfinite(value)):
            raise ModelFileError(N_("{path}: {key} contains nan or inf values"), path=path, key=key)


def _read_meta(path: Path, raw: np.ndarray | None) -> dict:
    if raw is None:
        raise ModelFileError(N_("{path}: no nnlab metadata; was it saved by nnlab?"), path=path)
    if raw.shape != () or raw.dtype.kind != "U" or raw.dtype.itemsize > 4 * _MAX_META_CHARS:
        raise ModelFileError(N_("{path}: the metadata is not one short JSON text"), path=path)
    try:
        meta = json.loads(str(raw))
    except (ValueError, RecursionError):  # bad JSON, a 5,000-digit number, deep nesting
        raise ModelFileError(N_("{path}: the metadata is not valid JSON"), path=path) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(N_("{path}: not an nnlab model file"), path=path)
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ModelFileError(N_("{path}: the metadata has no valid format version"), path=path)
    if version > FORMAT_VERSION:
        raise ModelFileError(
            N_("{path}: saved by a newer nnlab (format {version}); upgrade nnlab"),
            path=path,
            version=version,
        )
    if not isinstance(meta.get("training", {}), dict):
        raise ModelFileError(N_("{path}: the metadata's training record is not a table"), path=path)
    _check_spec(path, meta.get("network"))
    return meta


def _check_spec(path: Path, spec) -> None:
    if not isinstance(spec, dict):
        raise ModelFileError(N_("{path}: the metadata does not describe a network"), path=path)
    sizes = spec.get("sizes")
    if not (
        isinstance(sizes, list)
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sizes)
    ):
        raise ModelFileError(
            N_("{path}: the metadata's layer sizes are not whole numbers"), path=path
        )
    for field in ("activation", "output", "dtype", "recipe"):
        if not isinstance(spec.get(field, ""), str):
            raise ModelFileError(
                N_("{path}: the metadata's {field} is not a name"), path=path, field=field
            )
    init = spec.get("init", "auto")
    if isinstance(init, bool) or not isinstance(init, str | int | float):
        raise ModelFileError(
            N_("{path}: the metadata's init is neither a name nor a number"), path=path
        )
    dtype = spec.get("dtype", "float32")
    try:
        floating = np.issubdtype(np.dtype(dtype), np.floating)
    except TypeError:
        floating = False
    if not floating:
        raise ModelFileError(
            N_("{path}: the metadata asks for dtype {dtype}, expected floats"),
            path=path,
            dtype=repr(dtype),
        )
    problem = parameter_size_problem(sizes, dtype)
    if problem:
        raise ModelFileError(N_("{path}: {problem}"), path=path, problem=problem)


def _check_same_shapes(expected: dict, arrays: dict) -> None:
    if set(expected) != set(arrays):
        raise Refusal(
            N_("parameters {found}, expected {expected}"),
            found=sorted(arrays),
            expected=sorted(expected),
        )
    for key, value in expected.items():
        if value.shape != arrays[key].shape:
            raise Refusal(
                N_("{key} has shape {shape}, expected {expected}"),
                key=key,
                shape=arrays[key].shape,
                expected=value.shape,
            )


def load_dlfs_pickle(path: str | os.PathLike) -> Network:
    """The book's ``sample_weight.pkl`` (784-50-100-10, sigmoid) as a float32 ``Network``.

    Only NumPy arrays inside plain dicts are accepted; anything else in the pickle is
    refused before it runs, and no array may be larger than the file could hold. Any
    failure is a one-line ``ModelFileError``.
    """
    path = Path(path)
    try:
        return _load_dlfs_pickle(path)
    except ModelFileError:
        raise
    except pickle.UnpicklingError as exc:
        raise ModelFileError(
            N_("{path}: unsafe or corrupt pickle, not loaded ({reason})"), path=path, reason=exc
        ) from None
    except Exception as exc:  # a corrupt pickle fails in any of a dozen ways
        raise ModelFileError(
            N_("{path}: corrupt pickle ({reason})"), path=path, reason=exc
        ) from None


def _load_dlfs_pickle(path: Path) -> Network:
    problem = file_problem(path)
    if problem:
        raise ModelFileError(problem)
    if path.stat().st_size > MAX_PARAMETER_BYTES:
        raise ModelFileError(
            N_("{path}: larger than the {limit} a model may have"),
            path=path,
            limit=megabytes(MAX_PARAMETER_BYTES),
        )
    weights = unpickle_arrays(path.read_bytes())
    keys = {"W1", "b1", "W2", "b2", "W3", "b3"}
    if not isinstance(weights, dict) or set(weights) != keys:
        found = sorted(map(repr, weights)) if isinstance(weights, dict) else type(weights).__name__
        raise ModelFileError(
            N_("{path}: expected arrays {expected}, found {found}"),
            path=path,
            expected=sorted(keys),
            found=found,
        )
    for key, value in weights.items():
        ndim = 2 if key.startswith("W") else 1
        if not (isinstance(value, np.ndarray) and value.ndim == ndim):
            raise ModelFileError(
                N_("{path}: {key} is not a {ndim}-D array"), path=path, key=key, ndim=ndim
            )
    _check_finite_floats(path, weights)
    sizes = [weights["W1"].shape[0], *(weights[f"W{i}"].shape[1] for i in (1, 2, 3))]
    try:
        return Network(sizes, "sigmoid", "softmax", "book", np.float32, params=weights)
    except ValueError as exc:
        raise ModelFileError(N_("{path}: {reason}"), path=path, reason=exc) from None
