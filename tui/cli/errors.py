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
        # One line a sentence, in the language spoken, wrapped here by terminal cells
        # (the report's own wrapping counts characters, and Korean ones take two cells).
        headline, *sentences = exc.report(width=10**6, say=explain)
        return CommandError(headline, details=[w for s in sentences for w in _wrapped(s)])
    return CommandError(explain(exc))


def _wrapped(sentence: str, width: int = 80) -> list[str]:
    """``sentence`` in lines of ``width`` cells; an indented one (a mirror's reason)
    keeps its indent and continues two cells further in."""
    from tui.render.line_breaks import wrap_cells

    indent = len(sentence) - len(sentence.lstrip(" "))
    more = indent + 2 if indent else 0
    return wrap_cells(sentence.strip(), width, first=" " * indent, rest=" " * more)
