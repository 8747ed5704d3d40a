"""The draw page: drawing with keys and with the mouse, predictions, test digits, models."""

from __future__ import annotations

import numpy as np
import pytest
from idx_fixtures import write_idx
from pilot import settle

from nncore.io import save_model
from nncore.network import Network
from tui.app import NNLabApp
from tui.pages.draw import DrawPage
from tui.screens.main import MainScreen
from tui.tasks import DRAW_TASKS
from tui.widgets.digit_view import DigitView
from tui.widgets.drawing_pad import DrawingPad
from tui.widgets.probability_bars import ProbabilityBars

ONE = ("up",) * 9 + ("space",) + ("down",) * 18 + ("space",)
"""From the pad's centre: a vertical stroke, rows 5 to 23 of column 14."""


async def open_draw(app, pilot) -> DrawPage:
    """Open the page with keys, as a user would: it sits below the gate tasks."""
    await pilot.press("home", *["down"] * 5, "enter")
    await pilot.pause()
    page = app.screen.query_one(DrawPage)
    assert app.screen.query_one(DrawingPad).has_focus
    return page


def text(page: DrawPage, selector: str) -> str:
    return str(page.query_one(selector).render())


@pytest.mark.parametrize(("size", "scale"), [((80, 24), 1), ((120, 40), 2)])
async def test_keys_draw_a_one_that_the_shipped_model_reads(size, scale):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        page = await open_draw(app, pilot)
        pad = page.query_one(DrawingPad)
        assert pad.scale == scale
        assert "Nothing drawn yet" in text(page, "#draw-guess")
        await pilot.press(*ONE)
        await pilot.pause()
        assert pad.image[5:24, 14].min() == 1.0  # the stroke's core is full ink
        assert pad.image[:, :12].max() < 0.1 and pad.image[:3].max() == 0.0
        assert not pad.pen_down
        bars = page.query_one(ProbabilityBars)
        assert int(np.argmax(bars.probs)) == 1
        assert "It reads 1" in text(page, "#draw-guess")
        assert page.query_one(DigitView).image.any()


async def test_c_clears_and_the_prediction_goes_away():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        await pilot.press(*ONE, "c")
        await pilot.pause()
        assert not page.query_one(DrawingPad).image.any()
        assert page.query_one(ProbabilityBars).probs is None
        assert "Nothing drawn yet" in text(page, "#draw-guess")


async def test_x_turns_the_pen_into_an_eraser():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        pad = page.query_one(DrawingPad)
        await pilot.press(*ONE)
        assert pad.border_subtitle == "pen up · ink"
        await pilot.press("x")
        assert pad.eraser and pad.border_subtitle == "pen up · eraser"
        await pilot.press("space", *["up"] * 18, "space")
        assert pad.image.max() < 0.05
        await pilot.press("x")
        assert not pad.eraser


async def test_mouse_drag_draws_and_right_drag_erases():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        pad = page.query_one(DrawingPad)
        # Offsets are cells of the pad including its border; row 3 holds pixels 4 and 5.
        await pilot.mouse_down(pad, offset=(6, 3))
        for x in range(8, 24, 2):
            await pilot.hover(pad, offset=(x, 3))
        await pilot.mouse_up(pad, offset=(23, 3))
        await pilot.pause()
        assert pad.image[4:6, 6:22].min() > 0.8  # a connected horizontal stroke
        assert pad.image[10:].max() == 0.0
        assert page.query_one(ProbabilityBars).probs is not None

        await pilot.mouse_down(pad, offset=(6, 3), button=3)
        for x in range(8, 26, 2):
            await pilot.hover(pad, offset=(x, 3))
        await pilot.mouse_up(pad, offset=(25, 3))
        await pilot.pause()
        assert pad.image.max() < 0.05


async def test_test_digit_needs_the_dataset_and_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path))
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.pause()
        assert "nnlab data download" in text(page, "#draw-line")
        assert isinstance(app.screen, MainScreen)  # no download dialog


async def test_test_digit_loads_into_the_pad(tiny_test_set):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.pause()
        images, labels = tiny_test_set
        pad = page.query_one(DrawingPad)
        index = next(i for i in range(len(images)) if np.allclose(pad.image, images[i] / 255))
        assert page.query_one(ProbabilityBars).true_label == labels[index]
        assert f"labelled {labels[index]}" in text(page, "#draw-status")
        await pilot.press("c")
        assert page.query_one(ProbabilityBars).probs is None
        assert "labelled" not in text(page, "#draw-status")


@pytest.fixture
def tiny_test_set(tmp_path, monkeypatch):
    """A 3-digit MNIST test set (blocky shapes) in a folder NNLAB_DATA points at."""
    images = np.zeros((3, 28, 28), np.uint8)
    images[0, 4:24, 13:15] = 255
    images[1, 6:22, 8:20] = 200
    images[2, 10:12, 4:24] = 255
    labels = np.array([1, 0, 7], np.uint8)
    write_idx(tmp_path / "t10k-images-idx3-ubyte", images, gz=False)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", labels, gz=False)
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path))
    return images, labels


async def test_m_without_a_trained_workbench_says_so():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        shipped = page.model
        await pilot.press("m")
        assert page.model is shipped
        assert "No other model" in text(page, "#draw-line")


async def test_opening_a_model_file_switches_and_m_cycles_back(tmp_path):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        page = await open_draw(app, pilot)
        gate = tmp_path / "gate.npz"
        save_model(gate, Network((2, 3, 1), "sigmoid", "sigmoid", seed=0))
        assert "784 inputs and 10 outputs" in page._open_model(gate)
        mnist = tmp_path / "mine.npz"
        save_model(mnist, Network((784, 10), "relu", "softmax", seed=0))
        assert page._open_model(mnist) is None
        assert page.model.key == "file" and "mine.npz" in text(page, "#draw-status")
        await pilot.press("m")
        assert page.model.key == "shipped"
        await pilot.press("m")
        assert page.model.key == "file"


async def test_escape_returns_to_the_task_chooser():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_draw(app, pilot)
        await pilot.press("escape")
        assert app.screen.query_one("#chooser").has_focus
        await pilot.press("enter")  # the highlighted task is still the draw page
        assert app.screen.query_one("ContentSwitcher").current == DRAW_TASKS[0].id
