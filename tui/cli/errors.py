"""The error a subcommand raises for a failure the user can fix."""


class CommandError(Exception):
    """Printed as one line (``nnlab: error: ...``), no traceback; exit code 1 unless told."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
