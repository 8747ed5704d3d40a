"""Every screen at 80×24 and 120×40 shows all of its text: no word or line is cut off
at a container's edge, and no ellipsis stands where the rest was meant to be read.

``cut_text.cuts_on`` compares each widget's text with what reaches the screen; the first
tests prove it finds an overlong status line, a clipped label and a crushed dialog. The
walks through the screens are ``screen_walks``' (the Korean and Japanese test takes them too).
"""

from __future__ import annotations

import screen_walks as walk
from cut_text import cuts_on
from screen_walks import Screens, size_ids
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, Static

from tui.app import NNLabApp

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
        screens = Screens(app)
        await walk.gate_tasks(pilot, screens)
        screens.assert_all_fit()


@size_ids
async def test_mnist_panes_show_all_their_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app)
        await walk.mnist_panes(pilot, screens)
        screens.assert_all_fit()


@size_ids
async def test_mnist_without_data_shows_all_its_text(size, no_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app)
        await walk.mnist_without_data(pilot, screens)
        screens.assert_all_fit()


@size_ids
async def test_draw_page_shows_all_its_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app)
        await walk.draw_page(pilot, screens)
        screens.assert_all_fit()


@size_ids
async def test_concept_pages_show_all_their_text(size, tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app)
        await walk.concept_pages(pilot, screens)
        screens.assert_all_fit()


@size_ids
async def test_help_dialogs_and_palette_show_all_their_text(size, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a model")
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app)
        await walk.help_dialogs_and_palette(
            pilot, screens, tmp_path, lambda entries: "Go to epoch 2" in entries
        )
        screens.assert_all_fit()
