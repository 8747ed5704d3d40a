"""Where the four MNIST files live, what they are called and what they hash to."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from nncore.datasets.cache import nnlab_cache_home
from nncore.datasets.errors import DatasetError
from nncore.datasets.idx import content_sha256
from nncore.text import N_, Phrase

# Same keys and names as the book's ``dataset/mnist.py`` (``key_file``).
MNIST_FILES: dict[str, str] = {
    "train_img": "train-images-idx3-ubyte.gz",
    "train_label": "train-labels-idx1-ubyte.gz",
    "test_img": "t10k-images-idx3-ubyte.gz",
    "test_label": "t10k-labels-idx1-ubyte.gz",
}

# SHA-256 of each file's DECOMPRESSED content, so a recompressed or gunzipped
# copy still verifies.
MNIST_SHA256: dict[str, str] = {
    "train_img": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train_label": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "test_img": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "test_label": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


# Decompressed size of each file: reading or hashing stops past it, so a gzip bomb under
# one of these names costs no more than the real file.
MNIST_BYTES: dict[str, int] = {
    "train_img": 47_040_016,
    "train_label": 60_008,
    "test_img": 7_840_016,
    "test_label": 10_008,
}


def default_data_dir() -> Path:
    """The MNIST folder used when none is given: ``$NNLAB_DATA``, else ``<cache>/mnist``.

    ``<cache>`` is ``$XDG_CACHE_HOME/nnlab`` (default ``~/.cache/nnlab``).
    """
    env = os.environ.get("NNLAB_DATA")
    if env:
        return Path(env).expanduser()
    return nnlab_cache_home() / "mnist"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``data_dir`` if given, else :func:`default_data_dir`."""
    return Path(data_dir).expanduser() if data_dir is not None else default_data_dir()


def candidate_names(key: str) -> list[str]:
    """Accepted file names for ``key``, in order of preference.

    The official gzipped name, then gunzipped, then the same two with a dot
    before ``idx`` (``train-images.idx3-ubyte``), as some copies are named.
    """
    stem = MNIST_FILES[key].removesuffix(".gz")
    dotted = ".idx".join(stem.rsplit("-idx", 1))
    return [f"{stem}.gz", stem, f"{dotted}.gz", dotted]


def find_file(data_dir: Path, key: str) -> Path | None:
    """The first accepted file for ``key`` present in ``data_dir``, or None."""
    for name in candidate_names(key):
        path = data_dir / name
        if path.is_file():
            return path
    return None


def manual_instructions(data_dir: Path, *, sentence: bool = False) -> Phrase:
    """Where to put the files by hand: a clause to end another sentence, or (``sentence``)
    a sentence of its own."""
    template = (
        N_(
            "Put the four files {names} (gzipped or not) in {folder}, "
            "or set NNLAB_DATA to a folder that has them."
        )
        if sentence
        else N_(
            "put the four files {names} (gzipped or not) in {folder}, "
            "or set NNLAB_DATA to a folder that has them"
        )
    )
    return Phrase(template, names=", ".join(MNIST_FILES.values()), folder=data_dir)


@dataclass(frozen=True)
class FileCheck:
    """Outcome of checking one MNIST file.

    ``status`` is ``"OK"``, ``"MISMATCH"`` (checksum differs), ``"MISSING"`` or
    ``"UNREADABLE"`` (cannot be read or corrupt gzip); ``detail`` explains it (a
    ``Phrase`` but for an unreadable file's, which is the error's printable English).
    """

    key: str
    path: Path | None
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.status == "OK"


def check_file(data_dir: Path, key: str, checksums: dict[str, str] | None = None) -> FileCheck:
    """Checksum the decompressed content of the file for ``key`` in ``data_dir``."""
    expected = {**MNIST_SHA256, **(checksums or {})}[key]
    path = find_file(data_dir, key)
    if path is None:
        names = ", ".join(candidate_names(key))
        return FileCheck(key, None, "MISSING", Phrase(N_("none of {names}"), names=names))
    try:
        actual = content_sha256(path, MNIST_BYTES[key])
    except DatasetError as exc:
        return FileCheck(key, path, "UNREADABLE", str(exc))
    if actual != expected:
        detail = Phrase(
            N_("sha256 {actual}, expected {expected}"), actual=actual, expected=expected
        )
        return FileCheck(key, path, "MISMATCH", detail)
    return FileCheck(key, path, "OK", f"sha256 {actual}")


def verify_mnist(
    data_dir: str | os.PathLike[str] | None = None, checksums: dict[str, str] | None = None
) -> list[FileCheck]:
    """Check all four files against their SHA-256 (of the decompressed content).

    Parameters
    ----------
    data_dir : path, optional
        Folder to check; see :func:`resolve_data_dir`.
    checksums : dict, optional
        ``{key: sha256 hex}`` overriding those keys of :data:`MNIST_SHA256`
        (tests use tiny files).

    Returns
    -------
    list of FileCheck, one per key of :data:`MNIST_FILES`, in that order.
    """
    folder = resolve_data_dir(data_dir)
    return [check_file(folder, key, checksums) for key in MNIST_FILES]
