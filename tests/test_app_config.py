"""The app remembers its theme, pace and last task in config.toml, restores them at launch,
tells a bad file in one line, and ``nnlab --no-config`` neither reads nor writes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pilot import wait_until
from textual.command import CommandList, CommandPalette

from tui.app import NNLabApp
from tui.cli.main import main
from tui.config_file import Settings, config_path, read_settings, write_settings
from tui.tasks import GATE_TASKS
from tui.widgets.task_chooser import TaskChooser

XOR_2 = GATE_TASKS[4]


@pytest.fixture
def config() -> Path:
    """The config path ``nnlab`` uses, inside this test's own ``$XDG_CONFIG_HOME``."""
    path = config_path()
    assert path.is_relative_to(os.environ["XDG_CONFIG_HOME"])
    return path


def saved(app: NNLabApp, path: Path) -> Settings:
    settings, problems = read_settings(path, app.available_themes)
    assert problems == []
    return settings


def toasts(app) -> list[str]:
    return [str(toast.render()).replace("\n", "") for toast in app.screen.query("Toast")]


def status(app) -> str:
    return str(app.screen.workbench.query_one("#wb-status").render())


async def launched(app, pilot) -> None:
    await app.screen.wait_for_first_task()
    await pilot.pause()


async def test_a_saved_theme_pace_and_task_are_restored_at_launch(config):
    write_settings(config, Settings("nord", 10, "gate/xor-2"))
    app = NNLabApp(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await launched(app, pilot)
        assert app.theme == "nord"
        assert app.screen.workbench.title == "XOR 2 layers"
        chooser = app.screen.query_one(TaskChooser)
        assert chooser.get_option_at_index(chooser.highlighted).id == XOR_2.id
        assert app.screen.pace == 10 and app.screen.workbench.runner.pace == 10
        assert "10 epochs/s" in status(app)
        await pilot.press("minus")  # slower from the restored pace, not from full speed
        assert app.screen.pace == 3
    assert saved(app, config) == Settings("nord", 3, "gate/xor-2")


async def test_a_plain_launch_writes_nothing_and_each_change_is_saved(config):
    app = NNLabApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await launched(app, pilot)
        assert not config.parent.exists()  # nothing changed yet
        await pilot.press("down", "enter")  # the chooser: OR
        await wait_until(pilot, lambda: app.screen.workbench.title == "OR", what="OR")
        assert saved(app, config) == Settings(None, None, "gate/or")
        await pilot.press("minus")
        assert saved(app, config) == Settings(None, 300, "gate/or")
        await pilot.press("plus")
        assert saved(app, config) == Settings(None, None, "gate/or")
    again = NNLabApp(config)
    async with again.run_test(size=(80, 24)) as pilot:
        await launched(again, pilot)
        assert again.screen.workbench.title == "OR"


async def test_a_theme_chosen_in_the_palette_is_saved(config):
    def top_entry() -> str:
        results = app.screen.query_one(CommandList)
        # An entry's prompt is its title, then its help on the next line.
        return (
            str(results.get_option_at_index(0).prompt).split("\n")[0]
            if results.option_count
            else ""
        )

    app = NNLabApp(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await launched(app, pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
        commands = app.screen
        await pilot.press(*"theme")
        await wait_until(pilot, lambda: top_entry() == "Theme", what="Theme on top")
        await pilot.press("enter")
        # Textual's Theme entry opens a second palette, of themes.
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, CommandPalette) and app.screen is not commands,
            what="the theme palette",
        )
        await pilot.press(*"nord")
        await wait_until(pilot, lambda: top_entry() == "nord", what="nord on top")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.theme == "nord", what="nord applied")
        assert saved(app, config) == Settings("nord", None, "gate/and")
    again = NNLabApp(config)
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "nord"


async def test_a_corrupt_file_is_one_warning_and_the_defaults(config):
    config.parent.mkdir(parents=True)
    config.write_bytes(b'theme = "nord\x1b[31m\npace = \x00\xff')
    app = NNLabApp(config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await launched(app, pilot)
        (warning,) = toasts(app)
        assert f"Config {config}: not UTF-8 text; using the defaults." in warning
        assert app.theme == "textual-dark" and app.screen.pace is None
        assert app.screen.workbench.title == "AND"
    assert config.read_bytes() == b'theme = "nord\x1b[31m\npace = \x00\xff'  # left as it was


async def test_bad_settings_are_named_and_the_good_ones_kept(config):
    config.parent.mkdir(parents=True)
    config.write_text('theme = "no-such-theme"\npace = 30\ntask = "gate/xor-9"\n')
    app = NNLabApp(config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await launched(app, pilot)
        (warning,) = toasts(app)  # one notification for the file, naming it once
        assert warning.count("config.toml") == 1
        assert 'theme = "no-such-theme" is not a theme' in warning
        assert 'task = "gate/xor-9" is not a task' in warning
        assert app.theme == "textual-dark" and app.screen.workbench.title == "AND"
        assert app.screen.pace == 30


async def test_a_config_folder_that_cannot_be_written_is_one_notice_not_a_crash(config):
    config.parent.parent.mkdir(parents=True, exist_ok=True)
    config.parent.write_text("a file where the nnlab folder should be")
    app = NNLabApp(config)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await launched(app, pilot)
        await pilot.press("minus", "minus", "plus")  # three changes, one notice
        assert app.screen.pace == 300
        (notice,) = toasts(app)
        assert "Settings not saved to" in notice and "nnlab is not a folder" in notice
        await pilot.press("n")  # the app goes on working
        await wait_until(pilot, lambda: app.screen.workbench.runner.trainer.epoch == 1)


async def test_no_config_neither_reads_nor_writes(config, monkeypatch):
    write_settings(config, Settings("nord", 10, "gate/xor-2"))
    before = config.read_bytes(), config.stat().st_mtime_ns
    apps: list[NNLabApp] = []
    monkeypatch.setattr(NNLabApp, "run", lambda app, *args, **kwargs: apps.append(app))
    assert main(["--no-config"]) == 0
    assert main([]) == 0
    ignoring, remembering = apps
    async with ignoring.run_test(size=(120, 40)) as pilot:
        await launched(ignoring, pilot)
        assert ignoring.theme == "textual-dark" and ignoring.screen.pace is None
        assert ignoring.screen.workbench.title == "AND"
        ignoring.theme = "gruvbox"
        await pilot.press("plus")
        await ignoring.screen.open_task(GATE_TASKS[1])
    assert (config.read_bytes(), config.stat().st_mtime_ns) == before
    async with remembering.run_test(size=(120, 40)) as pilot:
        await launched(remembering, pilot)
        assert remembering.theme == "nord" and remembering.screen.workbench.title == "XOR 2 layers"
