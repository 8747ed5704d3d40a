"""The settings the app remembers between launches — theme, pace, the last task and the
language — in
``$XDG_CONFIG_HOME/nnlab/config.toml``: read strictly, written atomically.

Pure file logic: no Textual, and no NumPy (the first frame waits for the read). Every
problem is one printable line, in the language in use when it is read or written; a bad
setting falls back to its default alone.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.i18n import LANGUAGES, _
from tui.tasks import SECTIONS, Task
from tui.training.pace import PACES

MAX_BYTES = 64 * 1024
"""A config holds three short lines; anything larger is not one, and is not read."""

FULL_SPEED = "full"
"""How the file spells the pace ``None`` (TOML has no null)."""

HEADER = "# nnlab's remembered settings, rewritten by the app; `nnlab --no-config` ignores them.\n"


def task_name(task: Task) -> str:
    """The name the file gives ``task``, e.g. ``"gate/xor-2"``."""
    return f"{task.kind}/{task.key}"


TASKS: dict[str, Task] = {task_name(task): task for _section, tasks in SECTIONS for task in tasks}
"""Every task of the chooser by its ``task_name``."""


@dataclass(frozen=True)
class Settings:
    """``theme``: a Textual theme name (None: Textual's default); ``pace``: steps a second
    (None: full speed); ``task``: a key of ``TASKS`` (None: the first task);
    ``language``: a key of ``tui.i18n.LANGUAGES`` chosen in the app (None: not chosen,
    so ``--lang``, ``NNLAB_LANG`` or the locale decide)."""

    theme: str | None = None
    pace: float | None = None
    task: str | None = None
    language: str | None = None


class ConfigWriteError(OSError):
    """The settings could not be saved; the message says why in one line."""


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME/nnlab/config.toml``; ``~/.config`` stands in for an unset or
    relative ``XDG_CONFIG_HOME``, as the XDG Base Directory spec says."""
    base = environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "nnlab" / "config.toml"


def read_settings(path: Path, themes: Collection[str] | None) -> tuple[Settings, list[str]]:
    """The settings in ``path`` (``themes``: the names the app can show; None: any name,
    unchecked) and what is wrong
    with it, one printable line per problem, for ``report``. A missing file is no
    problem; a bad file gives the defaults, a bad setting its own default, and the good
    settings are kept."""
    try:
        text = _read_text(path)
    except _Unreadable as exc:
        return Settings(), [_line(_("{problem}; using the defaults").format(problem=exc))]
    if text is None:
        return Settings(), []
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same parser, published for Python 3.10 as tomli
        import tomli as tomllib
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [_line(_("not TOML ({error}); using the defaults").format(error=exc))]
    problems: list[str] = []

    def setting(key: str, valid, problem: str, **fields: str):
        """The value of ``key`` when ``valid``; else None, and ``problem`` (a template with
        ``{key}``, ``{value}`` and ``fields``) told."""
        if key not in table:
            return None
        value = table[key]
        if valid(value):
            return value
        problems.append(_line(problem.format(key=key, value=_shown(value), **fields)))
        return None

    theme = setting(
        "theme",
        lambda v: isinstance(v, str) and (themes is None or v in themes),
        _("{key} = {value} is not a theme of the app (ctrl+p, Theme); using the default"),
    )
    pace = setting(
        "pace",
        _is_pace,
        _("{key} = {value} is not {paces} or {full}; using the default"),
        paces=", ".join(f"{pace:g}" for pace in PACES[1:]),
        full=_toml_string(FULL_SPEED),
    )
    task = setting(
        "task",
        lambda v: isinstance(v, str) and v in TASKS,
        _('{key} = {value} is not a task (such as "gate/xor-2"); using the default'),
    )
    language = setting(
        "language",
        lambda v: isinstance(v, str) and v in LANGUAGES,
        _("{key} = {value} is not {codes}; using the default"),
        codes=", ".join(_toml_string(code) for code in LANGUAGES),
    )
    known = ("theme", "pace", "task", "language")
    for key in table:
        if key not in known:
            problems.append(
                _line(
                    _("unknown setting {key} ignored (known: {known})").format(
                        key=_toml_string(key), known=", ".join(known)
                    )
                )
            )
    pace = None if pace in (None, FULL_SPEED) else pace
    return Settings(theme, pace, task, language), problems


def saved_language(path: Path) -> str | None:
    """The language the app last chose, as ``read_settings`` reads it; None when there is
    none or the file cannot say (the app tells its problems when it opens)."""
    return read_settings(path, themes=None)[0].language


def report(path: Path, problems: Sequence[str]) -> str:
    """``read_settings``'s problems as one message naming ``path`` once: one line for a
    single problem, else the path's line and a bulleted line each (told apart when a
    narrow notification wraps them)."""
    if len(problems) == 1:
        return _line(_("Config {path}: {problem}.").format(path=path, problem=problems[0]))
    where = _line(_("Config {path}:").format(path=path))
    return "\n".join([where, *(f"• {problem}" for problem in problems)])


def write_settings(path: Path, settings: Settings) -> None:
    """Replace ``path`` with ``settings`` in one step: a temporary file in the same folder,
    renamed over it, so the old file stays whole if anything fails. A link is followed
    (the file it points at is replaced, not the link). Raises ``ConfigWriteError``."""
    try:
        target = path.resolve()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise OSError(
                0, _("{path} is not a folder (a file has its name)").format(path=target.parent)
            ) from None
        mode = _writable_mode(target)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        raise ConfigWriteError(_not_saved(path, exc)) from None
    part = None
    try:
        descriptor, part = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
        with os.fdopen(descriptor, "wb") as file:
            file.write(to_toml(settings).encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(part, mode)
        os.replace(part, target)
    except OSError as exc:
        if part is not None:
            Path(part).unlink(missing_ok=True)
        raise ConfigWriteError(_not_saved(path, exc)) from None


def _not_saved(path: Path, exc: BaseException) -> str:
    return _line(
        _("Settings not saved to {path}: {reason}.").format(path=path, reason=_reason(exc))
    )


def to_toml(settings: Settings) -> str:
    """The file's text: the header, then one ``key = value`` line a setting; a default
    theme or task is left out."""
    lines = [HEADER]
    if settings.theme is not None:
        lines.append(f"theme = {_toml_string(settings.theme)}\n")
    pace = _toml_string(FULL_SPEED) if settings.pace is None else f"{settings.pace:g}"
    lines.append(f"pace = {pace}\n")
    if settings.task is not None:
        lines.append(f"task = {_toml_string(settings.task)}\n")
    if settings.language is not None:
        lines.append(f"language = {_toml_string(settings.language)}\n")
    return "".join(lines)


class _Unreadable(Exception):
    """Why the file at the config path is not read (its message, in a few words)."""


def _read_text(path: Path) -> str | None:
    """The file's text, None when there is none; ``_Unreadable`` when it is not a small
    UTF-8 file. Checked before reading: a pipe would block, a device never end."""
    try:
        # O_NONBLOCK: a pipe swapped in after a stat must not hang the launch either.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):  # nothing there, or a file for a folder
        return None
    except OSError as exc:
        raise _Unreadable(_("cannot be read ({reason})").format(reason=_reason(exc))) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _Unreadable(_("not a regular file"))
        data = b""
        while len(data) <= MAX_BYTES and (chunk := os.read(descriptor, MAX_BYTES + 1 - len(data))):
            data += chunk
    except OSError as exc:
        raise _Unreadable(_("cannot be read ({reason})").format(reason=_reason(exc))) from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_BYTES:
        raise _Unreadable(
            _("larger than {size} KB, so not an nnlab config").format(size=MAX_BYTES // 1024)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unreadable(_("not UTF-8 text")) from None


def _writable_mode(target: Path) -> int:
    """The permissions the new file gets: the old file's, or 0o644 for a first one. A
    read-only old file (no write bit for anyone, even where root could write) is the
    user's wish not to change it: ``PermissionError``."""
    try:
        status = target.stat()
    except FileNotFoundError:
        return 0o644
    if not stat.S_ISREG(status.st_mode):
        raise OSError(0, _("it is not a regular file"))
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(0, _("the file is read-only"))
    return stat.S_IMODE(status.st_mode)


def _is_pace(value: object) -> bool:
    if value == FULL_SPEED:
        return True
    # bool is an int to Python (True == 1) but not a pace.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value in PACES[1:]


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    escapes = {
        '"': '\\"',
        "\\": "\\\\",
        "\b": "\\b",
        "\t": "\\t",
        "\n": "\\n",
        "\f": "\\f",
        "\r": "\\r",
    }
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _shown(value: object) -> str:
    """A value read from the file as TOML spells it (``true``, not Python's ``True``)."""
    if isinstance(value, bool):
        return str(value).lower()
    return _toml_string(value) if isinstance(value, str) else repr(value)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _line(text: str) -> str:
    """``text`` as one printable line: paths and values come from the file system."""
    from nncore.text import one_line  # only on the way to a message: it loads NumPy

    return one_line(text)
