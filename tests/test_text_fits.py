"""Every screen at 80×24 and 120×40 shows all of its text: no word or line is cut off
at a container's edge, and no ellipsis stands where the rest was meant to be read.

``cut_text.cuts_on`` compares each widget's text with what reaches the screen; the first
tests prove it finds an overlong status line, a clipped label and a crushed dialog.
"""

from __future__ import annotations

import pytest
from cut_text import cuts_on, screen_lines
from idx_fixtures import UNREACHABLE_MIRROR
from pilot import main_screen_ready, settle, wait_until
from textual.app import App, ComposeResult
from textual.command import CommandList, CommandPalette
from textual.containers import Horizontal
from textual.widgets import Label, Static

from tui.app import NNLabApp
from tui.dialogs.download import DownloadDialog
from tui.dialogs.model_file import ModelFileScreen
from tui.screens.help import HelpScreen
from tui.tasks import CONCEPT_TASKS, DRAW_TASKS, GATE_TASKS, MNIST_TASKS

SIZES = [(80, 24), (120, 40)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")


class Screens:
    """Collects the cuts of each screen looked at, to report them all at once."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.cuts: list[str] = []

    def look(self, name: str) -> None:
        cuts = cuts_on(self.app.screen)
        if cuts:
            picture = "\n".join(f"    |{line}" for line in screen_lines(self.app.screen))
            self.cuts.append(f"{name}:\n" + "\n".join(f"  {cut}" for cut in cuts) + "\n" + picture)

    def assert_all_fit(self) -> None:
        assert not self.cuts, "\n\n".join(self.cuts)


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


# --- the finder finds what it should ---


class Overlong(App):
    CSS = """
    #status { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #row { height: 1; width: 30; }
    #row Label { width: auto; }
    #short { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        with Horizontal(id="row"):
            yield Label("a label in a row narrower than itself", id="clipped")
        yield Static("", id="short")


async def test_an_overlong_status_line_is_a_cut_and_a_fitting_one_is_not():
    app = Overlong()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one("#clipped").update("fits")
        status = app.query_one("#status", Static)
        status.update("epoch 3/17 · 94.1% test · paused")
        await pilot.pause()
        assert cuts_on(app.screen) == []
        status.update("epoch 3/17 · 94.1% test · 0.213 loss · 1,234 img/s · ETA 0:41")
        await pilot.pause()
        (cut,) = cuts_on(app.screen)
        assert cut.why == "ends in an ellipsis" and cut.shown.endswith("…")
        assert "Static#status" in cut.widget


async def test_a_label_clipped_by_its_row_and_text_with_too_few_rows_are_cuts():
    app = Overlong()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one("#short", Static).update("two lines of text " * 3)
        await pilot.pause()
        cuts = {cut.widget.rsplit(" > ", 1)[-1]: cut for cut in cuts_on(app.screen)}
        assert cuts.keys() == {"Label#clipped", "Static#short"}
        assert cuts["Label#clipped"].why == "cut at its container's side"
        assert cuts["Label#clipped"].shown == "a label in a row narrower than itself"[:30]
        assert cuts["Static#short"].why == "does not show all its text"


# --- every screen of the app ---


@size_ids
async def test_gate_tasks_show_all_their_text(size):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
        screens.look("the task chooser, first frame")
        for task in GATE_TASKS:
            await open_page(pilot, task)
            await look_at_panes(pilot, screens, task.label)
            await pilot.press("n", "n")  # two epochs: the messages a first run brings
            await settle(pilot)
            await look_at_panes(pilot, screens, f"{task.label} after two epochs")
        screens.assert_all_fit()


@size_ids
async def test_mnist_panes_show_all_their_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
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
        screens.assert_all_fit()


@size_ids
async def test_mnist_without_data_shows_all_its_text(size, tmp_path, monkeypatch):
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path / "no-mnist-here"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", UNREACHABLE_MIRROR)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
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
        screens.assert_all_fit()


@size_ids
async def test_draw_page_shows_all_its_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
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
        screens.assert_all_fit()


@size_ids
async def test_concept_pages_show_all_their_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
        for task in CONCEPT_TASKS:
            await open_page(pilot, task)
            screens.look(f"concept {task.label}")
        screens.assert_all_fit()


@size_ids
async def test_help_dialogs_and_palette_show_all_their_text(size, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a model")
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        screens = Screens(app)
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
            path.value = str(tmp_path / ("notes.txt" if key == "o" else "no/such/folder/x.npz"))
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
        await wait_until(pilot, lambda: "Go to epoch 2" in entries(app), what="the epoch entry")
        screens.look("the palette's go-to-epoch entry")
        screens.assert_all_fit()
