"""One map per hidden unit: each map is that unit's activation at the grid's points."""

from __future__ import annotations

import numpy as np
from pilot import OneWidgetApp, settle

from nncore.hidden_units import hidden_outputs, unit_shades
from nncore.network import Network
from tui.app import NNLabApp
from tui.render.decision_map import grid_inputs
from tui.render.unit_maps import MAP_SIZES, fit_maps, maps_height
from tui.widgets.unit_maps import RESOLUTION, UnitMaps


def test_hidden_outputs_are_each_layers_activation():
    network = Network((2, 3, 2, 1), "relu", "sigmoid", "he", np.float64, seed=4)
    x = grid_inputs(6)
    first, second = hidden_outputs(network, x)
    p = network.params
    expected_first = np.maximum(x @ p["W1"] + p["b1"], 0)
    np.testing.assert_allclose(first, expected_first, atol=1e-12)
    np.testing.assert_allclose(second, np.maximum(expected_first @ p["W2"] + p["b2"], 0))
    assert hidden_outputs(Network((2, 1), output="sigmoid"), x) == []


def test_unit_shades_use_the_activation_range():
    np.testing.assert_allclose(unit_shades(np.array([-1.0, 0.0, 1.0]), "tanh"), [0, 0.5, 1])
    np.testing.assert_allclose(unit_shades(np.array([0.0, 1.0, 4.0]), "relu"), [0, 0.25, 1])


async def test_xor_map_pane_draws_each_hidden_units_tanh():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("n", "n", "2")
        await settle(pilot)
        bench = app.screen.workbench
        maps = bench.query_one(UnitMaps)
        p = bench.runner.network_at(2).params
        n = maps.grids[0][1].shape[0]
        assert n > RESOLUTION  # 120x40 has room for maps larger than the first guess
        x = grid_inputs(n)
        tanh = np.tanh(x @ p["W1"] + p["b1"])
        assert [label for label, _ in maps.grids] == ["h1", "h2", "h3", "h4"]
        for k, (_, grid) in enumerate(maps.grids):
            np.testing.assert_allclose(grid.ravel(), tanh[:, k], atol=1e-12)
            # Row 0 is x2 = 1, column 0 is x1 = 0: the corner (0, 1) sits top left.
            top_left = np.tanh(np.array([0.0, 1.0]) @ p["W1"][:, k] + p["b1"][k])
            assert abs(grid[0, 0] - top_left) < 1e-12
        await pilot.press("n")
        await settle(pilot)
        later = bench.runner.network_at(3).params
        assert np.allclose(maps.grids[0][1].ravel(), np.tanh(x @ later["W1"] + later["b1"])[:, 0])


async def test_more_than_eight_units_says_how_many_are_hidden():
    network = Network((2, 10, 1), "sigmoid", "sigmoid", "xavier", np.float64, seed=2)
    outputs = hidden_outputs(network, grid_inputs(RESOLUTION))
    app = OneWidgetApp(lambda: UnitMaps(id="u"))
    async with app.run_test(size=(80, 30)) as pilot:
        widget = app.query_one(UnitMaps)
        widget.show(outputs, "sigmoid")
        await pilot.pause()
        assert len(widget.grids) == 8 and widget.hidden == 2
        text = str(widget.render())
        assert "h8" in text and "h9" not in text
        assert "+2 more hidden units not shown" in text


def test_maps_fit_the_largest_size_that_shows_them_all():
    # 80x24's Map pane side: 31 cells by 10 lines under the title. 12-cell maps (2 a row,
    # 7 lines each) need 14; 10-cell need 12; 8-cell go 3 a row: 2 rows of 5 lines.
    assert fit_maps(4, 31, 10) == (8, 4)
    assert maps_height(8, 4, 31, False) == 10
    assert fit_maps(4, 60, 40) == (MAP_SIZES[0], 4)
    # Ten units: eight drawn at most, and the line saying so counts against the height.
    n, shown = fit_maps(10, 60, 40)
    assert shown == 8 and maps_height(n, 8, 60, True) <= 40
    # Too little room even for the smallest: whole rows of them, the rest said.
    assert fit_maps(8, 14, 9) == (MAP_SIZES[-1], 4)  # 2 a row, 2 rows of 4 lines + note
    assert fit_maps(8, 14, 4) == (MAP_SIZES[-1], 0)


async def test_xor_unit_maps_are_never_cut_at_80x24():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.pause()
        bench = app.screen.workbench
        maps = bench.query_one(UnitMaps)
        assert [label for label, _ in maps.grids] == ["h1", "h2", "h3", "h4"]
        assert maps.hidden == 0
        lines = str(maps.render()).split("\n")
        width, height = maps.content_size
        assert len(lines) <= height and max(map(len, lines)) <= width
        assert app.screen.region.contains_region(maps.region)
        # Each map still equals its unit's tanh at its (smaller) grid's points.
        n = maps.grids[0][1].shape[0]
        assert n < RESOLUTION
        p = bench.runner.network_at(1).params
        tanh = np.tanh(grid_inputs(n) @ p["W1"] + p["b1"])
        for k, (_, grid) in enumerate(maps.grids):
            np.testing.assert_allclose(grid.ravel(), tanh[:, k], atol=1e-12)
