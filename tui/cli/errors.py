"""The error a subcommand raises for a failure the user can fix."""

from collections.abc import Sequence

from tui.i18n import explain


class CommandError(Exception):
    """Printed as one line (``nnlab: error: ...``), no traceback; exit code 1 unless told.
    ``details`` are lines printed under it as they are (e.g. one per download mirror).

    The message and details may quote a file or a server, so they are made printable here.
    """

    def __init__(self, message: str, exit_code: int = 1, details: Sequence[str] = ()) -> None:
        # Imported here: nncore loads NumPy, which `nnlab --help` should not wait for.
        from nncore.text import one_line

        super().__init__(one_line(message))
        self.exit_code = exit_code
        # Each line keeps its indent, which one_line would collapse.
        self.details = tuple(
            " " * (len(line) - len(line.lstrip(" "))) + one_line(line) for line in details
        )


def dataset_error(exc: Exception) -> CommandError:
    """A ``DatasetError`` as a ``CommandError`` in the language spoken; a failed download
    lists each mirror's reason on its own line, wrapped at 80 columns."""
    from nncore.datasets import DownloadFailed

    if isinstance(exc, DownloadFailed):
        headline, *details = exc.report()
        return CommandError(explain(headline), details=[_said(line) for line in details])
    return CommandError(explain(exc))


def _said(line: str) -> str:
    """A line of a report in the language spoken, keeping its indent."""
    return " " * (len(line) - len(line.lstrip(" "))) + explain(line)
