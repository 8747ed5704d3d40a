"""The MNIST workbench uses the room it has: more gallery tiles and larger plots on a big
terminal, and a digit preview that is never cut on a small one."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import OneWidgetApp, settle
from test_mnist_workbench import open_mnist

from tui.app import NNLabApp
from tui.render.activation_strip import activation_strip
from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.digit_detail import DetailLayout, DigitDetail, plan_layout
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.digit_tiles import TILE_HEIGHT
from tui.widgets.digit_view import DigitView, half_size
from tui.widgets.loss_plot import LossPlot
from tui.widgets.mnist_curves import MnistCurves
from tui.widgets.probability_bars import ProbabilityBars


def tiles_on_screen(gallery: DigitGallery) -> int:
    """Tiles the gallery draws, counted by their label lines ("7 ✓", "4 ✗ true 9")."""
    lines = [gallery.render_line(y).text for y in range(gallery.content_size.height)]
    labels = lines[TILE_HEIGHT - 1 :: TILE_HEIGHT]
    return sum(line.count("✓") + line.count("✗") for line in labels)


async def gallery_and_plots(pilot, bench) -> tuple[int, dict[str, tuple[int, int]]]:
    """The tiles on the Digits pane, and the sizes of the curves pane and its plots."""
    await pilot.press("2")
    await pilot.pause()
    gallery = bench.query_one(DigitGallery)
    tiles = tiles_on_screen(gallery)
    assert tiles == gallery.page_size  # as many as fit, every one drawn
    await pilot.press("1")
    await pilot.pause()
    sizes = {
        name: tuple(bench.query_one(kind).size)
        for name, kind in (("curves", MnistCurves), ("loss", LossPlot), ("acc", AccuracyPlot))
    }
    return tiles, sizes


async def test_at_200x60_the_gallery_holds_more_tiles_and_the_plots_grow(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        tiles, sizes = await gallery_and_plots(pilot, bench)
        assert tiles == 4 * 4
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        big_tiles, big = await gallery_and_plots(pilot, bench)
    assert big_tiles == 10 * 7
    for plot in ("loss", "acc"):
        (width, height), (big_width, big_height) = sizes[plot], big[plot]
        assert big_height > 2 * height and big_width * big_height > 2 * width * height
    # Each fills the pane: stacked at 120×40, side by side at 200×60.
    curves_width, curves_height = sizes["curves"]
    assert sizes["loss"][0] == sizes["acc"][0] == curves_width
    assert sizes["loss"][1] + sizes["acc"][1] == curves_height
    curves_width, curves_height = big["curves"]
    assert big["loss"][1] == big["acc"][1] == curves_height
    assert big["loss"][0] + big["acc"][0] == curves_width


@pytest.mark.parametrize(("size", "full"), [((80, 24), False), ((120, 40), True)])
async def test_the_digit_preview_is_whole_and_inside_its_pane(tiny_mnist, size, full):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2", "down", "down")
        await pilot.pause()
        detail = bench.query_one(DigitDetail)
        view = detail.query_one(DigitView)
        digit = bench.data.test_images[2]
        if full:  # all 28×28 pixels, in 14 rows of half blocks
            assert np.array_equal(view.image, digit) and view.size == (28, 14)
        else:  # every pixel counted in a 2×2 mean, none cropped: 14 cells × 7 rows
            assert view.image.shape == (14, 14) and view.size == (14, 7)
            assert view.image[0, 0] == pytest.approx(digit[:2, :2].mean())
            assert view.image[13, 13] == pytest.approx(digit[26:, 26:].mean())
        assert len(view.render().plain.split("\n")) == view.size.height
        bars = detail.query_one(ProbabilityBars)
        hidden = detail.query_one("#digit-hidden")
        shown = detail.content_region
        for part in (view, bars, hidden):
            assert shown.contains_region(part.region), part
        assert bars.size.height == 10 and hidden.size.height == 1 + len(
            activation_strip(np.zeros(50), detail.content_size.width)
        )
        if not full:  # at 80×24 the gallery keeps its two tiles a row
            assert (detail.layout_plan.beside, bench.query_one(DigitGallery).page_size) == (
                True,
                2 * 2,
            )


def test_the_plan_prefers_the_full_digit_and_never_cuts_it():
    # 80×24, the book's 50 hidden units: halved digit beside the bars, the whole strip.
    assert plan_layout(33, 17, 50) == DetailLayout(full=False, beside=True, strip_rows=3)
    # 120×40, 256 units: the full digit above the bars, 256 units in 7 rows of 42.
    assert plan_layout(42, 34, 256) == DetailLayout(full=True, beside=False, strip_rows=8)
    # A pane one row shorter gives up the full size before any unit.
    assert plan_layout(42, 33, 256) == DetailLayout(full=True, beside=False, strip_rows=8)
    assert plan_layout(42, 32, 256) == DetailLayout(full=False, beside=False, strip_rows=8)
    # Wide and short: the full digit beside the bars.
    assert plan_layout(60, 20, 50) == DetailLayout(full=True, beside=True, strip_rows=2)
    # 80×24 and 256 units: the strip gets the 6 rows left (a caption and 5 rows).
    assert plan_layout(33, 17, 256) == DetailLayout(full=False, beside=True, strip_rows=6)
    # Every plan's digit and bars fit the height they were planned for.
    for width, height, units in [(33, 17, 256), (18, 18, 0), (42, 34, 256), (100, 53, 50)]:
        plan = plan_layout(width, height, units)
        assert 1 + plan.top_rows + plan.strip_rows <= height
        assert plan.image_width + (1 + 18 if plan.beside else 0) <= max(width, 14)


def test_half_size_keeps_every_pixel_of_the_frame():
    image = np.zeros((28, 28))
    image[0, 0] = 1.0  # ink in the corner, which the gallery's 24×24 crop drops
    image[27, 26:28] = 0.5
    halved = half_size(image)
    assert halved.shape == (14, 14)
    assert halved[0, 0] == 0.25 and halved[13, 13] == 0.25
    assert halved.sum() * 4 == pytest.approx(image.sum())
    assert half_size(np.ones((3, 5))).tolist() == [[1.0, 1.0, 0.5], [0.5, 0.5, 0.25]]


async def test_a_strip_too_long_for_the_pane_says_how_much_it_shows():
    app = OneWidgetApp(DigitDetail, "DigitDetail { width: 33; height: 17; }")
    async with app.run_test(size=(60, 50)) as pilot:
        detail = app.query_one(DigitDetail)
        hidden = np.linspace(0.0, 1.0, 256)
        detail.show(0, np.zeros((28, 28)), 3, np.full(10, 0.1), hidden)
        await pilot.pause()
        rows = str(detail.query_one("#digit-hidden").render()).split("\n")
        assert rows[0] == "hidden: 165/256 units, max 1.00"
        assert rows[1:] == activation_strip(hidden, 33)[:5]
        view = detail.query_one(DigitView)
        assert detail.content_region.contains_region(view.region) and view.size == (14, 7)
        detail.styles.height = 40  # room for the full digit and the whole strip
        await pilot.pause()
        rows = str(detail.query_one("#digit-hidden").render()).split("\n")
        assert rows[0] == "hidden: 256 units, max 1.00" and len(rows) == 1 + 8
        assert view.size == (28, 14) and detail.layout_plan.full


async def test_a_confusion_cell_caption_fits_a_narrow_gallery():
    app = OneWidgetApp(DigitGallery, "DigitGallery { width: 27; height: 16; border: round white; }")
    async with app.run_test(size=(80, 24)) as pilot:
        gallery = app.query_one(DigitGallery)
        labels = np.array([8, 8, 3, 8] * 10)
        gallery.set_digits(np.zeros((40, 28, 28)), labels)
        gallery.set_predictions(np.where(labels == 8, 4, 3))
        gallery.cell = (8, 4)
        await pilot.pause()
        # The confusion note's "8→4" when "true 8, said 4: …" would be cut.
        assert gallery.border_title == "8→4: 1–4 of 30"
        gallery.styles.width = 60
        await pilot.pause()
        assert gallery.border_title == "true 8, said 4: 1–8 of 30"
