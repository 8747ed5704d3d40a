"""The one exception every dataset failure is reported as."""

from __future__ import annotations

from pathlib import Path

from nncore.text import N_, Phrase, PrintableWorded


class DatasetError(PrintableWorded):
    """A dataset file is missing, unreadable, corrupt or could not be downloaded.

    The message is a single line that names the file, says what is wrong and how
    to fix it, so a command line can print it as-is. It may quote a file or a
    server, so it is made printable here (see ``nncore.text.one_line``).
    """


def damaged(problem: Phrase) -> DatasetError:
    """The error for a damaged dataset file: what is wrong with it, then what to do."""
    return DatasetError(
        N_("{problem}; {fix}"),
        problem=problem,
        fix=Phrase(N_("delete it and run `nnlab data download`")),
    )


def cannot_write(path: Path, exc: OSError) -> DatasetError:
    """The one-line error for a file or folder that cannot be created or written."""
    return DatasetError(
        N_(
            "cannot write {path} ({reason}); make the folder writable or choose "
            "another (data_dir, --data-dir or NNLAB_DATA)"
        ),
        path=path,
        reason=exc,
    )
