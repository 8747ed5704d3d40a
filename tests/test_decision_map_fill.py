"""The Map pane's decision map grows with the terminal and draws the network at its size."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import settle

from tui.app import NNLabApp
from tui.render.decision_map import GUTTER, grid_inputs
from tui.widgets.decision_map import DecisionMap


@pytest.mark.parametrize("size", [(200, 60), (120, 40), (80, 24)])
async def test_map_fills_its_pane(size):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("2", "n", "n")
        await settle(pilot)
        decision_map = app.screen.workbench.query_one("#map", DecisionMap)
        n = decision_map.grid.shape[0]
        width, height = decision_map.content_size
        # Fits, and one more step of 2 would not: width- or height-bound.
        assert GUTTER + n <= width and n // 2 + 3 <= height
        assert GUTTER + n + 2 > width or (n + 2) // 2 + 3 > height
        if size == (200, 60):
            assert n >= 90  # was 24 whatever the size
        network = app.screen.workbench.runner.network_at(2)
        expected = network.predict(grid_inputs(n))[:, 0].reshape(n, n)
        np.testing.assert_allclose(decision_map.grid, expected, atol=1e-12)
