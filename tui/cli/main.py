"""The ``nnlab`` command: no arguments opens the app, subcommands run headless."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.blas import limit_blas_threads
from tui.cli import commands
from tui.cli.errors import CommandError


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line and exit code 2, with no usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"nnlab: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nnlab", description=__doc__)
    parser.add_argument("--version", action="version", version=f"nnlab {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in commands.REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    limit_blas_threads()
    if args.command is None:
        from tui.app import run_app

        return run_app()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("nnlab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `head`) left early: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except CommandError as exc:
        print(f"nnlab: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
