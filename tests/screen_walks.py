"""Walks through every screen of the app, looking at each one on the way: every task, each
pane before and after training, MNIST with and without data, Draw, every Concepts page,
help, the dialogs and the palette.

``tests/test_text_fits.py`` looks for cut text in English on these walks, and
``tests/test_text_fits_languages.py`` for cut text, lines too wide, English left and
columns out of line in Korean and Japanese. What a look checks is the ``Screens``'
``checks``: each takes the screen and gives its problems, one string each.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from cut_text import cuts_on, screen_lines
from pilot import main_screen_ready, settle, wait_until
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.screen import Screen

from tui.dialogs.download import DownloadDialog
from tui.dialogs.model_file import ModelFileScreen
from tui.screens.help import HelpScreen
from tui.tasks import CONCEPT_TASKS, DRAW_TASKS, GATE_TASKS, MNIST_TASKS

SIZES = [(80, 24), (120, 40)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")

Check = Callable[[Screen], list[str]]


def cut_problems(screen: Screen) -> list[str]:
    return [str(cut) for cut in cuts_on(screen)]


class Screens:
    """Collects the problems of each screen looked at, to report them all at once."""

    def __init__(self, app: App, checks: tuple[Check, ...] = (cut_problems,)) -> None:
        self.app = app
        self.checks = checks
        self.problems: list[str] = []

    def look(self, name: str) -> list[str]:
        """Check the screen shown as ``name``; its lines as drawn."""
        found = [problem for check in self.checks for problem in check(self.app.screen)]
        lines = screen_lines(self.app.screen)
        if found:
            picture = "\n".join(f"    |{line}" for line in lines)
            self.problems.append(
                f"{name}:\n" + "\n".join(f"  {problem}" for problem in found) + "\n" + picture
            )
        return lines

    def assert_all_fit(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


def entries(app: App) -> str:
    """The command palette's entries as listed, or "" while it is not open."""
    if not isinstance(app.screen, CommandPalette):
        return ""
    found = app.screen.query_one(CommandList)
    return "\n".join(str(found.get_option_at_index(i).prompt) for i in range(found.option_count))


async def launched(pilot) -> None:
    await main_screen_ready(pilot)
    await pilot.app.screen.wait_for_first_task()
    await settle(pilot)


async def open_page(pilot, task) -> None:
    await pilot.app.screen.open_task(task)
    await settle(pilot)


async def look_at_panes(pilot, screens: Screens, name: str) -> None:
    bench = pilot.app.screen.workbench
    for index in range(len(bench.PANES)):
        await pilot.press(str(index + 1))
        await settle(pilot)
        screens.look(f"{name}, pane {index + 1}")


async def gate_tasks(pilot, screens: Screens) -> None:
    await launched(pilot)
    screens.look("the task chooser, first frame")
    for task in GATE_TASKS:
        await open_page(pilot, task)
        await look_at_panes(pilot, screens, task.label)
        await pilot.press("n", "n")  # two epochs: the messages a first run brings
        await settle(pilot)
        await look_at_panes(pilot, screens, f"{task.label} after two epochs")


async def mnist_panes(pilot, screens: Screens) -> None:
    """Needs ``tiny_mnist``."""
    await launched(pilot)
    for task in MNIST_TASKS:
        await open_page(pilot, task)
        await look_at_panes(pilot, screens, f"MNIST {task.label}, loaded")
    await open_page(pilot, MNIST_TASKS[0])
    await pilot.press("n")
    await settle(pilot)
    await look_at_panes(pilot, screens, "MNIST book after one epoch")
    await pilot.press("left")
    await settle(pilot)
    await look_at_panes(pilot, screens, "MNIST book viewing epoch 0")


async def mnist_without_data(pilot, screens: Screens) -> None:
    """Needs the ``no_mnist`` fixture."""
    app = pilot.app
    await launched(pilot)
    await app.screen.open_task(MNIST_TASKS[0])
    await wait_until(pilot, lambda: isinstance(app.screen, DownloadDialog), what="dialog")
    await settle(pilot)
    screens.look("the download dialog")
    await pilot.press("d")
    error = app.screen.query_one("#download-error")
    await wait_until(pilot, lambda: error.display, what="the download's failure")
    await settle(pilot)
    screens.look("the download dialog, the download failed")
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(app.screen, DownloadDialog))
    await settle(pilot)
    screens.look("MNIST book without data")
    await pilot.press("space")
    await settle(pilot)
    screens.look("MNIST book without data, space pressed")
    await open_page(pilot, DRAW_TASKS[0])
    await pilot.press("t")  # a test digit, without MNIST
    await settle(pilot)
    screens.look("Draw a digit, t without MNIST")


async def draw_page(pilot, screens: Screens) -> None:
    """Needs ``tiny_mnist``."""
    app = pilot.app
    await launched(pilot)
    await open_page(pilot, DRAW_TASKS[0])
    screens.look("Draw a digit")
    await pilot.press("m")  # no other model yet
    await settle(pilot)
    screens.look("Draw a digit, m with no other model")
    await pilot.press("t")
    await settle(pilot)
    screens.look("Draw a digit, a test digit")
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, ModelFileScreen))
    await settle(pilot)
    screens.look("Draw a digit's Open dialog")
    await pilot.press("escape")
    await settle(pilot)


async def concept_pages(pilot, screens: Screens) -> None:
    """Needs ``tiny_mnist``."""
    await launched(pilot)
    for task in CONCEPT_TASKS:
        await open_page(pilot, task)
        screens.look(f"concept {task.label}")


async def help_dialogs_and_palette(
    pilot, screens: Screens, folder, epoch_entry: Callable[[str], bool]
) -> None:
    """Needs the current folder to be ``folder``, which holds ``notes.txt`` (not a model).
    ``epoch_entry``: whether the palette's entries (one a line) hold the go-to-epoch-2 hit."""
    app = pilot.app
    await launched(pilot)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
    await settle(pilot)
    screens.look("help")
    await pilot.press("escape")
    for key, name in (("o", "Open"), ("s", "Save")):
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, ModelFileScreen))
        await settle(pilot)
        screens.look(f"the {name} dialog")
        path = app.screen.query_one("#file-path")
        path.value = str(folder / ("notes.txt" if key == "o" else "no/such/folder/x.npz"))
        await pilot.press("enter")
        await settle(pilot)
        screens.look(f"the {name} dialog with a wrong file")
        await pilot.press("escape")
        await settle(pilot)
    await pilot.press("n", "n", "n")
    await settle(pilot)
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: entries(app), what="the palette's entries")
    screens.look("the command palette")
    await pilot.press(*"epoch 2")
    await wait_until(pilot, lambda: epoch_entry(entries(app)), what="the epoch entry")
    screens.look("the palette's go-to-epoch entry")
