"""The error a subcommand raises for a failure the user can fix."""


class CommandError(Exception):
    """Printed as one line (``nnlab: error: ...``), no traceback; exit code 1 unless told.

    The message may quote a file or a server, so it is made printable here.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        # Imported here: nncore loads NumPy, which `nnlab --help` should not wait for.
        from nncore.text import one_line

        super().__init__(one_line(message))
        self.exit_code = exit_code
