"""Checking a path the user typed before using it, with one line saying what is wrong.

Every command that takes a path and the app's file dialogs use these, so a path that
cannot even be looked up (a name too long, a loop of links, a folder that cannot be
searched) gets the same one-line answer everywhere instead of an ``OSError``. The answer is
a ``Phrase``: English text that the app says in the chosen language.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from nncore.text import N_, Phrase

# One sentence per kind of thing looked for: the words around it differ by language.
_NO_SUCH = {
    "file": N_("{path}: no such file"),
    "model file": N_("{path}: no such model file"),
    "folder": N_("{path}: no such folder"),
}
_FOLDER_NOT = {
    "file": N_("{path} is a folder, not a file"),
    "model file": N_("{path} is a folder, not a model file"),
}


def _stat(path: Path) -> os.stat_result | Phrase | None:
    """``os.stat(path)``; None if nothing is there; a one-line problem if it cannot tell."""
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return None
        if exc.errno == errno.ENAMETOOLONG:
            return Phrase(N_("{path}: the path is too long"), path=_short(path))
        return Phrase(N_("{path}: {reason}"), path=_short(path), reason=exc.strerror or exc)


def _short(path: Path) -> str:
    # The path may be thousands of characters: enough of it to recognise.
    text = str(path)
    return text if len(text) <= 80 else f"{text[:40]}…{text[-30:]}"


def _existing(path: Path, what: str) -> os.stat_result | Phrase:
    """``os.stat(path)``, or a one-line problem if nothing is there or it cannot tell."""
    st = _stat(path)
    return Phrase(_NO_SUCH[what], path=_short(path)) if st is None else st


def file_problem(path: str | os.PathLike, what: str = "file") -> Phrase | None:
    """None if ``path`` is an existing regular file; else one line saying why it is not.

    A folder, a FIFO or a device is refused here, before anything opens it (opening a
    FIFO would wait for a writer forever).
    """
    path = Path(path)
    st = _existing(path, what)
    if isinstance(st, Phrase):
        return st
    if stat.S_ISDIR(st.st_mode):
        return Phrase(_FOLDER_NOT[what], path=_short(path))
    if not stat.S_ISREG(st.st_mode):
        return Phrase(N_("{path} is not a regular file (a pipe or a device?)"), path=_short(path))
    return None


def folder_problem(path: str | os.PathLike) -> Phrase | None:
    """None if ``path`` is an existing folder; else one line saying why it is not."""
    path = Path(path)
    st = _existing(path, "folder")
    if isinstance(st, Phrase):
        return st
    if stat.S_ISDIR(st.st_mode):
        return None
    return Phrase(N_("{path} is not a folder"), path=_short(path))


def save_problem(path: str | os.PathLike) -> Phrase | None:
    """None if a file can be written to ``path``: its folder exists and is writable and
    nothing but a regular file is in the way; else one line saying why not."""
    path = Path(path)
    problem = folder_problem(path.parent)
    if problem:
        return problem
    st = _stat(path)
    if isinstance(st, Phrase):
        return st
    if st is not None and stat.S_ISDIR(st.st_mode):
        return Phrase(_FOLDER_NOT["file"], path=_short(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        return Phrase(N_("{path} is not a regular file"), path=_short(path))
    if not os.access(path.parent, os.W_OK):
        return Phrase(
            N_("the folder {path} is not writable; choose another"), path=_short(path.parent)
        )
    return None


def path_problem(path: str | os.PathLike) -> Phrase | None:
    """None if ``path`` can be looked up (whether or not anything is there)."""
    st = _stat(Path(path))
    return st if isinstance(st, Phrase) else None
