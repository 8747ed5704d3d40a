"""The one exception every model-file failure is reported as."""

from __future__ import annotations

from nncore.text import PrintableWorded


class ModelFileError(PrintableWorded, ValueError):
    """A model file that cannot be used; the message is one line naming file and problem.

    The message often quotes the file (a key, a module name, a parser's complaint), so
    it is made printable here: see ``nncore.text.one_line``. Raised with a marked
    template and its fields (``ModelFileError(N_("{path}: …"), path=path)``) or a
    ``Phrase``.
    """
