"""The remembered-settings file: round trip, strict reading with one line per problem and
defaults for what was bad, and atomic writing that never leaves half a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui import config_file
from tui.config_file import (
    MAX_BYTES,
    TASKS,
    ConfigWriteError,
    Settings,
    config_path,
    read_settings,
    report,
    saved_language,
    task_name,
    write_settings,
)
from tui.tasks import SECTIONS

THEMES = {"textual-dark", "nord", 'odd "name"\\ with\ttab and \x1b escape'}


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "nnlab" / "config.toml"


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def assert_one_printable_line(problem: str, *words: str) -> None:
    assert "\n" not in problem and all(ch.isprintable() for ch in problem), repr(problem)
    for word in words:
        assert word in problem, (word, problem)


# --- where ---


def test_the_path_follows_xdg_config_home_when_it_is_absolute(tmp_path):
    home = Path.home()
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "nnlab" / "config.toml"
    assert config_path({}) == home / ".config" / "nnlab" / "config.toml"
    assert config_path({"XDG_CONFIG_HOME": ""}) == home / ".config" / "nnlab" / "config.toml"
    # The spec: a relative path is invalid and is ignored.
    assert config_path({"XDG_CONFIG_HOME": "rel/dir"}) == home / ".config" / "nnlab" / "config.toml"


def test_every_task_has_a_distinct_name():
    tasks = [task for _section, section_tasks in SECTIONS for task in section_tasks]
    assert len(TASKS) == len(tasks)
    assert TASKS["gate/xor-2"].label == "XOR 2 layers"
    assert all(TASKS[task_name(task)] is task for task in tasks)


# --- round trip ---


@pytest.mark.parametrize(
    "settings",
    [
        Settings("nord", 30, "gate/xor-2"),
        Settings(None, None, None),
        Settings("textual-dark", 1, "concept/softmax"),
        Settings('odd "name"\\ with\ttab and \x1b escape', 300, "mnist/best"),
        Settings(None, 10, "gate/and", "ko"),
        Settings("nord", None, None, "ja"),
    ],
)
def test_settings_written_read_back_the_same(path, settings):
    write_settings(path, settings)
    assert read_settings(path, THEMES) == (settings, [])


def test_the_file_is_short_commented_toml(path):
    write_settings(path, Settings("nord", None, "gate/or"))
    text = path.read_text(encoding="utf-8")
    assert text.splitlines() == [
        "# nnlab's remembered settings, rewritten by the app; `nnlab --no-config` ignores them.",
        'theme = "nord"',
        'pace = "full"',
        'task = "gate/or"',
    ]


def test_a_missing_file_is_the_defaults_without_a_word(path):
    assert read_settings(path, THEMES) == (Settings(), [])


# --- bad files: one line and the defaults ---


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ('theme = "nord"\npace = \n', ["not TOML", "line 2"]),
        ("theme = 'nord\n", ["not TOML"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\xff\xfe", ["not UTF-8 text"]),
        (b'theme = "nord"\x00\n', ["not TOML"]),
        ("# just a comment\n" * (MAX_BYTES // 17 + 1), ["larger than 64 KB"]),
    ],
    ids=["truncated", "unclosed", "binary", "nul", "huge"],
)
def test_a_corrupt_file_gives_one_line_and_the_defaults(path, data, words):
    write(path, data)
    settings, problems = read_settings(path, THEMES)
    assert settings == Settings()
    assert len(problems) == 1
    assert_one_printable_line(
        report(path, problems), f"Config {path}: ", *words, "using the defaults."
    )


def test_a_file_of_gigabytes_is_refused_after_reading_64_kb(path):
    write(path, b"")
    os.truncate(path, 8 * 2**30)  # sparse: no disk used
    settings, (problem,) = read_settings(path, THEMES)
    assert settings == Settings()
    assert_one_printable_line(problem, "larger than 64 KB")


def test_a_folder_or_a_pipe_in_its_place_is_not_read(path):
    path.mkdir(parents=True)
    settings, (problem,) = read_settings(path, THEMES)
    assert settings == Settings() and problem == "not a regular file; using the defaults"
    path.rmdir()
    os.mkfifo(path)  # opening a pipe to read blocks until a writer comes: it must not
    settings, (problem,) = read_settings(path, THEMES)
    assert settings == Settings() and problem == "not a regular file; using the defaults"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("theme = 3", ["theme = 3 is not a theme"]),
        ('theme = "solarized-purple"', ['theme = "solarized-purple" is not a theme']),
        ('pace = "fast"', ['pace = "fast" is not 1, 3, 10, 30, 100, 300 or', "full"]),
        ("pace = 7", ["pace = 7 is not 1, 3"]),
        ("pace = true", ["pace = true is not"]),  # True == 1 to Python, not a pace
        ("pace = nan", ["pace = nan is not"]),
        ('task = "gate/xor-3"', ['task = "gate/xor-3" is not a task']),
        ("task = ['gate/and']", ["task = ['gate/and'] is not a task"]),
        ('language = "fr"', ['language = "fr" is not "en", "ko", "ja"']),
    ],
)
def test_a_bad_setting_gets_its_default_and_the_good_ones_are_kept(path, line, words):
    good = {
        "theme": 'theme = "nord"',
        "pace": "pace = 30",
        "task": 'task = "gate/or"',
        "language": 'language = "ko"',
    }
    key = line.split(" ", 1)[0]
    write(path, "\n".join([*(v for k, v in good.items() if k != key), line]) + "\n")
    settings, problems = read_settings(path, THEMES)
    expected = {"theme": "nord", "pace": 30, "task": "gate/or", "language": "ko", key: None}
    assert settings == Settings(**expected)
    assert len(problems) == 1
    assert_one_printable_line(report(path, problems), f"Config {path}: ", *words, "the default.")


def test_unknown_keys_and_bad_values_are_told_together_naming_the_file_once(path):
    write(path, 'theme = "nord"\ncolour = "red"\npace = 7\n[window]\nwidth = 80\n')
    settings, problems = read_settings(path, THEMES)
    assert settings == Settings(theme="nord")
    assert report(path, problems).split("\n") == [
        f"Config {path}:",
        '• pace = 7 is not 1, 3, 10, 30, 100, 300 or "full"; using the default',
        '• unknown setting "colour" ignored (known: theme, pace, task, language)',
        '• unknown setting "window" ignored (known: theme, pace, task, language)',
    ]


def test_the_saved_language_is_read_without_checking_the_theme(path):
    write(path, 'theme = "a-theme-only-the-app-knows"\nlanguage = "ja"\n')
    assert saved_language(path) == "ja"
    write(path, 'language = "klingon"\n')
    assert saved_language(path) is None
    assert saved_language(path.with_name("missing.toml")) is None


def test_control_characters_from_the_file_or_its_path_never_reach_a_message(tmp_path):
    path = tmp_path / "evil\x1b[2Jdir\nname" / "config.toml"
    write(path, 'theme = "\\u001b]0;pwned\\u0007\\u001b[31m"\n')
    _settings, problems = read_settings(path, THEMES)
    message = report(path, problems)
    assert_one_printable_line(message, "evil[2Jdir name", "is not a theme")
    assert "\x1b" not in message and "\x07" not in message


# --- atomic writes ---


def test_a_write_leaves_no_temporary_file_and_keeps_the_mode(path):
    write(path, 'theme = "nord"\n')
    path.chmod(0o600)
    write_settings(path, Settings("textual-dark", 10, "gate/and"))
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_settings(path, THEMES) == (Settings("textual-dark", 10, "gate/and"), [])


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_whole_and_leaves_no_temporary(
    path, monkeypatch, failing
):
    write_settings(path, Settings("nord", 3, "gate/or"))
    before = path.read_bytes()

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config_file.os, failing, fail)
    with pytest.raises(ConfigWriteError) as error:
        write_settings(path, Settings("textual-dark", 300, "gate/xor-2"))
    assert_one_printable_line(str(error.value), str(path), "No space left on device")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "nnlab").write_text("a file where the folder should be")
    with pytest.raises(ConfigWriteError) as error:
        write_settings(tmp_path / "nnlab" / "config.toml", Settings("nord"))
    assert_one_printable_line(str(error.value), "Settings not saved to", "nnlab is not a folder")
    # Nor is there anything to read: no warning at launch, the defaults.
    assert read_settings(tmp_path / "nnlab" / "config.toml", THEMES) == (Settings(), [])


def test_a_read_only_file_is_left_alone(path):
    write(path, 'theme = "nord"\n')
    path.chmod(0o444)  # even for root, who could write it: no write bit is a wish
    with pytest.raises(ConfigWriteError) as error:
        write_settings(path, Settings("textual-dark"))
    assert_one_printable_line(str(error.value), str(path), "read-only")
    assert path.read_text() == 'theme = "nord"\n'


def test_a_linked_config_is_written_through_the_link(tmp_path, path):
    dotfiles = tmp_path / "dotfiles" / "nnlab.toml"
    write(dotfiles, 'theme = "nord"\n')
    path.parent.mkdir(parents=True)
    path.symlink_to(dotfiles)
    write_settings(path, Settings("textual-dark", 1, "gate/nand"))
    assert path.is_symlink()
    assert read_settings(dotfiles, THEMES) == (Settings("textual-dark", 1, "gate/nand"), [])
    assert sorted(p.name for p in dotfiles.parent.iterdir()) == ["nnlab.toml"]
