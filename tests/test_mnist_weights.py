"""The MNIST workbench's Weights pane: each first-layer weight column as a 28×28 tile on a
diverging scale (glyphs where colours cannot tell the sign), and what the unit under the
cursor does with the selected test digit; on a tiny synthetic MNIST."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import OneWidgetApp, settle
from rich.color import ColorSystem
from rich.console import Console
from test_app_palette import palette_pick
from test_mnist_workbench import open_mnist
from textual.widgets import TabbedContent

from nncore.hidden_units import first_layer_unit
from nncore.network import Network
from tui.app import NNLabApp
from tui.render.weight_tiles import (
    NEGATIVE_GLYPHS,
    POSITIVE_GLYPHS,
    STEPS,
    diverging_shades,
    glyph,
    glyph_levels,
    render_tile_colour,
    render_tile_glyphs,
    signed_levels,
    tile_pixels,
    tile_scale,
)
from tui.screens.help import help_text
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.styling import component_colors
from tui.widgets.weight_tiles import WeightTiles, fit_grid
from tui.widgets.weights_pane import WeightsPane

BLUE, WHITE, RED = (0, 0, 255), (255, 255, 255), (255, 0, 0)


CONSOLE = Console(color_system="truecolor", width=200)


def cells(text) -> list[list[tuple[str, object]]]:
    """Each line of a rendered Text as (character, style) per cell."""
    return [
        [(char, segment.style) for segment in line.render(CONSOLE) for char in segment.text]
        for line in text.split("\n")
    ]


def test_a_tile_is_its_column_as_28x28_on_a_symmetric_scale():
    rng = np.random.default_rng(0)
    column = rng.normal(0.0, 0.05, 784)
    column[0], column[1] = 0.2, -0.1  # the largest |w|; half of it, negative
    image = tile_pixels(column)
    assert np.array_equal(image, column.reshape(28, 28))
    # Half size: 2×2 means, the top-left of pixels 0, 1, 28, 29.
    half = tile_pixels(column, 2)
    assert half.shape == (14, 14)
    assert half[0, 0] == pytest.approx((0.2 - 0.1 + column[28] + column[29]) / 4)
    assert tile_scale(column) == 0.2
    levels = signed_levels(image, 0.2)
    assert levels[0, 0] == STEPS and levels[0, 1] == -STEPS // 2
    assert np.array_equal(levels, np.rint(column.reshape(28, 28) / 0.2 * STEPS))
    shades = diverging_shades(BLUE, WHITE, RED)
    assert shades[STEPS].triplet == WHITE and shades[0].triplet == BLUE
    assert shades[-1].triplet == RED and shades[STEPS // 2].triplet == (128, 128, 255)
    drawn = cells(render_tile_colour(image, 0.2, negative=BLUE, zero=WHITE, positive=RED))
    assert len(drawn) == 14 and all(len(row) == 28 for row in drawn)
    for r, row in enumerate(drawn):
        for c, (char, style) in enumerate(row):
            assert char == "▀"
            assert style.color == shades[STEPS + levels[2 * r, c]]
            assert style.bgcolor == shades[STEPS + levels[2 * r + 1, c]]
            # The sign of the colour is the sign of the weight: here red for +, blue for −.
            red, _, blue = style.color.triplet
            assert np.sign(red - blue) == np.sign(levels[2 * r, c])


def test_glyphs_tell_the_sign_and_the_size_without_colour():
    column = np.zeros(784)
    column[0:4] = [0.4, 0.2, -0.4, -0.1]  # row 0; row 1 stays 0, so cells hold half
    column[28 + 4] = 0.4  # and one cell whose top pixel is 0
    image = tile_pixels(column)
    levels = glyph_levels(image, 0.4)
    assert levels.shape == (14, 28)
    # Cell means 0.2, 0.1, -0.2, -0.05, 0.2 of 0.4 → quarters rounded: 2, 1, -2, 0, 2.
    assert levels[0, :5].tolist() == [2, 1, -2, 0, 2]
    text = render_tile_glyphs(image, 0.4, negative=BLUE, zero=(0, 0, 0), positive=RED)
    drawn = cells(text)
    assert "".join(char for char, _ in drawn[0][:5]) == "▒░- ▒"
    assert drawn[0][0][1].color.triplet == RED and drawn[0][2][1].color.triplet == BLUE
    assert set(POSITIVE_GLYPHS).isdisjoint(NEGATIVE_GLYPHS) and glyph(0) == " "
    assert [glyph(level) for level in (-4, -1, 1, 4)] == ["≡", "·", "░", "█"]
    # In 16 colours the two signs stay two colours (bright blue, bright red).
    numbers = {drawn[0][i][1].color.downgrade(ColorSystem.STANDARD).number for i in (0, 2)}
    assert len(numbers) == 2


def test_an_all_zero_or_broken_column_still_draws():
    assert tile_scale(np.zeros(784)) == 0.0
    assert not signed_levels(np.zeros((28, 28)), 0.0).any()
    column = np.full(784, np.nan)
    column[0] = np.inf
    column[1] = 0.5
    assert tile_scale(column) == 0.5
    assert signed_levels(np.array([np.nan, np.inf, -np.inf]), 0.5).tolist() == [0, 8, -8]


def test_grid_takes_full_size_tiles_once_a_dozen_fit():
    assert fit_grid(62, 12).pool == 2  # 80×24: four half-size tiles
    assert (fit_grid(62, 12).columns, fit_grid(62, 12).rows) == (4, 1)
    big = fit_grid(180, 48)  # 200×60
    assert (big.pool, big.columns, big.rows) == (1, 6, 3)
    assert fit_grid(1, 1).page_size == 1


def tile_colours(tiles: WeightTiles, unit_on_page: int):
    """The (fg, bg) colours of one tile's cells, as the widget draws them."""
    grid = tiles.grid
    row, column = divmod(unit_on_page, grid.columns)
    x0 = column * grid.width
    result = []
    for y in range(row * grid.height, row * grid.height + grid.height - 1):
        line = [s.style for s in tiles.render_line(y) for _ in s.text]
        result.append([(style.color, style.bgcolor) for style in line[x0 : x0 + grid.side]])
    return result


def hand_unit(network: Network, x: np.ndarray, unit: int) -> tuple[float, float]:
    """The book's first layer by hand: a = x·W1[:, j] + b1[j], z = sigmoid(a)."""
    a = float(x.astype(np.float64) @ network.params["W1"][:, unit].astype(np.float64))
    a += float(network.params["b1"][unit])
    return a, 1 / (1 + np.exp(-a))


async def test_weights_pane_follows_epochs_rewind_and_the_selected_digit(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2", "down", "down", "down")  # test digit #3
        await pilot.press("5")
        tiles = bench.query_one(WeightTiles)
        pane = bench.query_one(WeightsPane)
        assert tiles.has_focus and not tiles.glyphs
        first = bench.runner.network_at(1)
        assert np.array_equal(tiles.weights, first.params["W1"])
        # The drawn tile is W1[:, j] reshaped 28×28, 2×2 means at this size, on its scale.
        grid = tiles.grid
        assert grid.pool == 2 and grid.page_size > 4
        shades = diverging_shades(
            component_colors(tiles, "weight-tiles--negative")[0],
            component_colors(tiles, "weight-tiles--zero")[1],
            component_colors(tiles, "weight-tiles--positive")[0],
        )
        unit = 2
        column = first.params["W1"][:, unit]
        levels = signed_levels(tile_pixels(column, 2), tile_scale(column)) + STEPS
        drawn = tile_colours(tiles, unit)
        assert drawn == [
            [(shades[top], shades[bottom]) for top, bottom in zip(*pair, strict=True)]
            for pair in zip(levels[0::2], levels[1::2], strict=True)
        ]
        # The cursor's unit on the Digits pane's digit, by hand.
        x = bench.data.x_test[3]
        label = int(bench.data.t_test[3])
        a, z = hand_unit(first, x, 0)
        assert (a, z) == pytest.approx(first_layer_unit(first, x, 0), abs=1e-9)
        assert pane.lines[0] == f"h1 on test #3 (a {label}): a = {a:.2f}, z = sigmoid(a) = {z:.2f}"
        await pilot.press("right", "right", "down")
        assert tiles.unit == 2 + grid.columns
        a, z = hand_unit(first, x, tiles.unit)
        assert pane.lines[0].startswith(f"h{tiles.unit + 1} on test #3 (a {label}): a = {a:.2f}")
        assert f"x·W1[:, {tiles.unit}] + b1[{tiles.unit}]" in pane.lines[1]
        # One more epoch, trained with the pane on show, is drawn.
        await pilot.press("n")
        await settle(pilot)
        second = bench.runner.network_at(2)
        assert np.array_equal(tiles.weights, second.params["W1"])
        assert not np.array_equal(second.params["W1"], first.params["W1"])
        a, _ = hand_unit(second, x, tiles.unit)
        assert f"a = {a:.2f}," in pane.lines[0]
        # Rewound, the pane shows epoch 0's weights (the arrows first go back to the epochs).
        await pilot.press("escape", "left", "left")
        assert bench.runner.viewed_epoch == 0
        assert np.array_equal(tiles.weights, bench.runner.network_at(0).params["W1"])
        assert tiles.unit == 2 + grid.columns  # the cursor stays on its unit


async def test_arrows_and_page_keys_reach_every_unit(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("5")
        tiles = bench.query_one(WeightTiles)
        assert tiles.units == 50 and tiles.grid.page_size == 4
        assert tiles.border_title == "h1–h4 of 50"
        await pilot.press("right_square_bracket")
        assert tiles.unit == 4 and tiles.border_title == "h5–h8 of 50"
        await pilot.press("pagedown", "pagedown", "left")
        assert tiles.unit == 11 and tiles.border_title == "h9–h12 of 50"
        await pilot.press("end")
        assert tiles.unit == 49 and tiles.border_title == "h49–h50 of 50"
        await pilot.press("pageup", "home")
        assert tiles.unit == 0
        # The tile labels read h1… and each tile's scale.
        labels = "".join(s.text for s in tiles.render_line(tiles.grid.height - 1))
        scale = tile_scale(tiles.weights[:, 0])
        assert labels.startswith(f"h1 ±{scale:.2g}") and "h4 ±" in labels
        # A digit picked with no digit selectable: the gallery's filter leaves none.
        bench.query_one(DigitGallery).mistakes_only = True  # before any epoch: no mistakes
        await pilot.press("1", "5")
        assert bench.query_one(WeightsPane).lines[0] == (
            "h1: select a test digit in the Digits pane (2)"
        )


@pytest.fixture(params=["linux", "NO_COLOR"])
def colourless(request, monkeypatch) -> str:
    """A 16-colour terminal, or a full-colour one with NO_COLOR set."""
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    if request.param == "NO_COLOR":
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setenv("COLORTERM", "truecolor")
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.setenv("TERM", "linux")
    return request.param


async def test_sixteen_colours_and_no_color_draw_glyphs_by_sign(tiny_mnist, colourless):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("5")
        tiles = bench.query_one(WeightTiles)
        assert tiles.glyphs
        sixteen = app.console.color_system in ("standard", "windows")
        assert (app.no_color, sixteen) == (
            (True, False) if colourless == "NO_COLOR" else (False, True)
        )
        legend = str(bench.query_one("#weights-legend").render())
        assert "≡=-· ░▒▓█" in legend
        column = tiles.weights[:, 1]
        expected = glyph_levels(tile_pixels(column, 2), tile_scale(column))
        grid = tiles.grid
        x0 = grid.width
        rows = [
            "".join(s.text for s in tiles.render_line(y))[x0 : x0 + grid.side] for y in range(7)
        ]
        assert rows == ["".join(glyph(level) for level in row) for row in expected.tolist()]
        drawn = "".join(rows)
        positive = sum(char in POSITIVE_GLYPHS for char in drawn)
        negative = sum(char in NEGATIVE_GLYPHS for char in drawn)
        assert positive == np.count_nonzero(expected > 0) and negative == np.count_nonzero(
            expected < 0
        )
        assert positive and negative


async def test_palette_and_help_know_the_weights_pane(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        await palette_pick(pilot, "weights", "Pane: Weights")
        assert bench.query_one(TabbedContent).active == "tab-weights"
        assert bench.query_one(WeightTiles).has_focus
    assert "* **Weights** — each first-layer weight column `W1[:, j]`" in help_text()


async def test_without_a_hidden_layer_the_tiles_are_the_ten_digit_scores():
    network = Network((784, 10), "sigmoid", "softmax", seed=3)
    x = np.linspace(0.0, 1.0, 784)
    app = OneWidgetApp(lambda: WeightsPane(), css="WeightsPane { height: 24; }")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(WeightsPane)
        pane.show(network)
        pane.set_digit(5, x, 7)
        tiles = pane.query_one(WeightTiles)
        tiles.focus()
        await pilot.press("right", "right", "right")
        assert tiles.names[3] == "digit 3" and tiles.border_title.startswith("digit 0–digit")
        a = float(x @ network.params["W1"][:, 3].astype(np.float64) + network.params["b1"][3])
        assert pane.lines[0] == (
            f"digit 3 on test #5 (a 7): a = {a:.2f}, a score the softmax turns into a probability"
        )
        # A click picks a tile: the second one, past the border and the first tile.
        await pilot.click(WeightTiles, offset=(1 + tiles.grid.width + 2, 2))
        assert tiles.unit == 1
