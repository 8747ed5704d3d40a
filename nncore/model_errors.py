"""The one exception every model-file failure is reported as."""

from __future__ import annotations

from nncore.text import one_line


class ModelFileError(ValueError):
    """A model file that cannot be used; the message is one line naming file and problem.

    The message often quotes the file (a key, a module name, a parser's complaint), so
    it is made printable here: see ``nncore.text.one_line``.
    """

    def __init__(self, message: object) -> None:
        super().__init__(one_line(message))
