"""The one exception every dataset failure is reported as."""

from __future__ import annotations

from pathlib import Path

from nncore.text import describe, one_line


class DatasetError(Exception):
    """A dataset file is missing, unreadable, corrupt or could not be downloaded.

    The message is a single line that names the file, says what is wrong and how
    to fix it, so a command line can print it as-is. It may quote a file or a
    server, so it is made printable here (see ``nncore.text.one_line``).
    """

    def __init__(self, message: object) -> None:
        super().__init__(one_line(message))


def cannot_write(path: Path, exc: OSError) -> DatasetError:
    """The one-line error for a file or folder that cannot be created or written."""
    return DatasetError(
        f"cannot write {path} ({describe(exc)}); make the folder writable or choose "
        "another (data_dir, --data-dir or NNLAB_DATA)"
    )
