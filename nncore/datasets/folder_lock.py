"""One download into a folder at a time, and what a killed one left behind."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from nncore.datasets.errors import cannot_write

_LOCK_NAME = ".nnlab-download.lock"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's download lock (waiting for another process to release it).

    The lock file is removed on release; a waiter that then holds a removed file's
    lock opens the new one instead, so two processes never both hold it.
    """
    path = folder / _LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise cannot_write(path, exc) from exc
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def remove_stale_parts(folder: Path, filename: str) -> None:
    """Part files of ``filename`` found under the lock were left by a killed download."""
    for stale in (*folder.glob(f".{filename}.*.part"), folder / f"{filename}.part"):
        try:
            stale.unlink(missing_ok=True)
        except OSError:
            continue  # not ours to remove (another user's folder): harmless
