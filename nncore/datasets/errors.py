"""The one exception every dataset failure is reported as."""

from __future__ import annotations

from nncore.text import one_line


class DatasetError(Exception):
    """A dataset file is missing, unreadable, corrupt or could not be downloaded.

    The message is a single line that names the file, says what is wrong and how
    to fix it, so a command line can print it as-is. It may quote a file or a
    server, so it is made printable here (see ``nncore.text.one_line``).
    """

    def __init__(self, message: object) -> None:
        super().__init__(one_line(message))
