"""``nnlab run [--terminal-plots] SCRIPT [ARGS...]``: a book-style script, as ``python
SCRIPT`` runs it, with the book's modules, terminal plots and diagnoses of known errors.

The script runs in this process as ``__main__``: ``sys.argv`` is ``[SCRIPT, *ARGS]``,
``sys.path[0]`` its folder, the current folder is left alone (relative paths mean what
they mean to ``python``), and stdin is the terminal's, so ``input()`` works. Its
traceback is printed as Python prints it; its exit code is this command's.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import importlib.machinery
import importlib.util
import os
import sys
import types
from pathlib import Path

from tui.cli.errors import CommandError
from tui.i18n import N_, _

#: No book script comes near this; refusing more keeps a wrong path from filling memory.
MAX_SCRIPT_BYTES = 16 * 1024 * 1024
_EPILOG = N_(
    "`dataset`, `dataset.mnist`, `common.*` and `two_layer_net` import as nnlab's "
    "nncore.book modules unless the script's folder or its parent has its own. "
    "matplotlib.pyplot draws in the terminal when there is no display (or with "
    "--terminal-plots). Known book errors (np.int, a missing `import pickle`, np.dot "
    "shapes, sample_weight.pkl, the old MNIST host) get a diagnosis after the traceback."
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "run",
        help=_("run a book-style Python script (the book's imports work from any folder)"),
        description=_("Run SCRIPT as `python SCRIPT ARGS...` would, with the book's modules."),
        epilog=_(_EPILOG),
    )
    parser.add_argument(
        "--terminal-plots",
        action="store_true",
        help=_("draw matplotlib plots in the terminal even when there is a display"),
    )
    # Optional only so that a missing SCRIPT is one plain line (argparse would also
    # call the remainder ARGS required).
    parser.add_argument("script", metavar="SCRIPT", nargs="?", help=_("the .py file to run"))
    parser.add_argument(
        "args", nargs=argparse.REMAINDER, metavar="ARGS", help=_("passed to the script")
    )
    parser.set_defaults(run=run_script)


def run_script(args: argparse.Namespace) -> int:
    from tui.cli.book_diagnoses import diagnose
    from tui.cli.book_imports import install

    if args.script is None:
        raise CommandError(_("give the script to run: nnlab run SCRIPT [ARGS...]"), 2)
    path = Path(os.path.abspath(args.script))
    source = _read_script(args.script, path)
    script = str(path)
    install(path, args.terminal_plots or _terminal_plots_needed())
    sys.argv = [args.script, *args.args]
    # python puts the script's folder (symlinks resolved) first; nnlab's own entry stays
    # reachable at the end for its lazy imports.
    previous_first = sys.path[0] if sys.path else ""
    sys.path[:1] = [os.path.dirname(os.path.realpath(script))]
    sys.path.append(previous_first)

    previous_main = sys.modules.get("__main__")
    main = _main_module(script)
    sys.modules["__main__"] = main
    try:
        code = compile(source, script, "exec", dont_inherit=True)
        exec(code, main.__dict__)
    except SystemExit as exc:
        return _exit_status(exc)
    except BaseException as exc:  # the script's failure, reported as python reports it
        _print_traceback(exc, script)
        _print_diagnosis(diagnose(exc, script))
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    finally:
        _flush()
        if previous_main is not None:
            sys.modules["__main__"] = previous_main
    return 0


def _read_script(given: str, path: Path) -> bytes:
    """The script's bytes; nnlab's own problems with it are a one-line exit 2."""
    shown = _printable(given)
    if not path.exists():
        if os.path.isabs(given):
            message = _("no such file: {script}")
        else:
            message = _("no such file: {script} (looked in {folder})")
        raise CommandError(message.format(script=shown, folder=_printable(os.getcwd())), 2)
    if path.is_dir():
        raise CommandError(_("{script} is a folder, not a Python file").format(script=shown), 2)
    if path.suffix.lower() not in (".py", ".pyw"):
        if path.suffix == ".ipynb":
            message = _(
                "{script} is not a Python file: expected a .py script "
                "(export the notebook as a .py script)"
            )
        else:
            message = _("{script} is not a Python file: expected a .py script")
        raise CommandError(message.format(script=shown), 2)
    try:
        size = path.stat().st_size
        if size > MAX_SCRIPT_BYTES:
            message = _("{script} is {mb:.0f} MB: too big to be a Python script")
            raise CommandError(message.format(script=shown, mb=size / 1e6), 2)
        with open(path, "rb") as f:
            source = f.read(MAX_SCRIPT_BYTES + 1)
    except OSError as exc:
        reason = _printable(exc.strerror or str(exc))
        message = _("cannot read {script}: {reason}").format(script=shown, reason=reason)
        raise CommandError(message, 2) from None
    if b"\0" in source:
        message = _("{script} is not a Python file: it holds binary data")
        raise CommandError(message.format(script=shown), 2)
    return source


def _printable(text: str) -> str:
    """``text`` with control characters escaped, safe to print on one line."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def _terminal_plots_needed() -> bool:
    """No display to open a window on, or no matplotlib to open it with."""
    if importlib.util.find_spec("matplotlib") is None:
        return True
    if sys.platform in ("darwin", "win32"):
        return bool(os.environ.get("SSH_CONNECTION"))
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _main_module(script: str) -> types.ModuleType:
    """A fresh ``__main__`` as python makes one for a script file."""
    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = builtins
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", script)
    main.__spec__ = None
    main.__cached__ = None
    return main


def _exit_status(exc: SystemExit) -> int:
    """What python exits with for ``sys.exit(code)``: 0, the number, or 1 after printing."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _print_traceback(exc: BaseException, script: str) -> None:
    """The traceback from the script's first frame on, as python shows it."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    if tb is not None or isinstance(exc, SyntaxError):
        exc = exc.with_traceback(tb)
    _flush()
    sys.excepthook(type(exc), exc, exc.__traceback__)


def _print_diagnosis(lines: list[str]) -> None:
    if not lines:
        return
    print(file=sys.stderr)
    for i, line in enumerate(lines):
        print(("nnlab: " if i == 0 else "       ") + line, file=sys.stderr)
    sys.stderr.flush()


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        # Closed, or a broken pipe: there is nothing more to say there.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
