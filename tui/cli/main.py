"""The ``nnlab`` command: no arguments opens the app, subcommands run headless."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence

from tui.blas import limit_blas_threads
from tui.cli.argparse_words import in_our_words
from tui.cli.errors import CommandError
from tui.cli.help_format import CellFormatter
from tui.cli.signals import exit_code, stop_signals_interrupt, what_stopped
from tui.i18n import N_, _


class _Parser(argparse.ArgumentParser):
    """Argument errors are one line and exit code 2, with no usage dump; argparse's own
    words are said in nnlab's language (``tui.cli.argparse_words``) and its help is laid
    out by cells (``tui.cli.help_format``)."""

    @in_our_words
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", CellFormatter)
        super().__init__(*args, **kwargs)

    parse_known_args = in_our_words(argparse.ArgumentParser.parse_known_args)
    format_usage = in_our_words(argparse.ArgumentParser.format_usage)
    format_help = in_our_words(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> None:  # type: ignore[override]
        line = _("nnlab: error: {message} (see '{prog} --help')").format(
            message=message, prog=self.prog
        )
        self.exit(2, line + "\n")


class _Version(argparse.Action):
    """``--version``, as argparse's own, but the version is looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str) -> None:
        super().__init__(
            option_strings,
            dest=argparse.SUPPRESS,
            default=argparse.SUPPRESS,
            nargs=0,
            help=_("show program's version number and exit"),
        )

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from tui import __version__

        print(f"nnlab {__version__}")
        parser.exit()


DESCRIPTION = N_("Open the nnlab app (no arguments), or run a subcommand headless.")


LANG_HELP = N_(
    "speak ko (Korean), ja (Japanese) or en (English); else $NNLAB_LANG, the language "
    "chosen in the app, the locale ($LC_ALL, $LC_MESSAGES, $LANG), English"
)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    # Read before parsing (``language_flag``), so that the help is in that language too;
    # declared on every parser so that it may come before or after the subcommand.
    parser.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help=_(LANG_HELP))


def language_flag(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang CODE`` / ``--lang=CODE`` before a lone ``--``."""
    flag = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            flag = argv[i + 1]
        elif arg.startswith("--lang="):
            flag = arg.partition("=")[2]
    return flag


def build_parser() -> argparse.ArgumentParser:
    from tui.cli import commands  # here, not at import: the app starts without them

    parser = _Parser(prog="nnlab", description=_(DESCRIPTION))
    parser.add_argument("--version", action=_Version)
    _add_lang(parser)
    parser.add_argument(
        "--no-config",
        action="store_true",
        help=_(
            "open the app with the default theme, pace and first task, and remember "
            "none of them: $XDG_CONFIG_HOME/nnlab/config.toml is neither read nor written"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in commands.REGISTRARS:
        register(sub)
    for command in list(every_parser(parser))[1:]:
        _add_lang(command)
    return parser


def every_parser(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every subcommand's parser below it, down to ``nnlab data info``'s."""
    yield parser
    for action in parser._actions:  # argparse keeps its subparsers nowhere public
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                yield from every_parser(command)


def choose_and_use_language(argv: Sequence[str]) -> str | None:
    """Speak the language ``argv``, the environment and the settings file ask for; the
    warning when the one asked for is unknown (English is spoken then)."""
    from tui.config_file import config_path, saved_language
    from tui.i18n import use_language
    from tui.i18n.choice import choose_language

    saved = None if "--no-config" in argv else saved_language(config_path())
    code, warning = choose_language(language_flag(argv), os.environ, saved)
    use_language(code)
    return warning


def opens_the_app(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for the app: nothing but ``--no-config`` and ``--lang CODE``.
    The app then starts without building the subcommands' parsers, whose modules cost
    its first frame some 60 ms; anything else (a subcommand, ``--help``, a mistake) goes
    to the parser."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--lang" and rest:
            rest.pop(0)
        elif arg != "--no-config" and not arg.startswith("--lang="):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    warning = choose_and_use_language(argv)
    if warning:
        print(f"nnlab: {warning}", file=sys.stderr)
    if opens_the_app(argv):
        from tui.app import run_app
        from tui.config_file import config_path

        # The app caps BLAS threads when it builds its first page (``create_page``), after
        # the first frame: NumPy and threadpoolctl take ~0.2 s to load.
        no_config = "--no-config" in argv
        return run_app(config=None if no_config else config_path(), notice=warning)
    args = build_parser().parse_args(argv)
    limit_blas_threads()
    try:
        with stop_signals_interrupt():
            return args.run(args)
    except KeyboardInterrupt as exc:
        print(f"nnlab: {what_stopped(exc)}", file=sys.stderr)
        return exit_code(exc)
    except BrokenPipeError:
        # The reader (e.g. `head`) left early: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except CommandError as exc:
        print(_("nnlab: error: {message}").format(message=exc), file=sys.stderr)
        for line in exc.details:
            print(line, file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
