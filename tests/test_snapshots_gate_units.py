"""Snapshots of the Map pane with a map per hidden unit: XOR with two layers, epoch 200."""

from __future__ import annotations

import pytest
from pilot import settle, wait_until

from tui.app import NNLabApp
from tui.widgets.unit_maps import UnitMaps

SIZES = [(120, 40), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gate_map_pane_hidden_units_xor(snap_compare, size):
    async def train_then_map(pilot) -> None:
        pilot.app.animation_level = "none"  # the tab underline would otherwise slide
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("2", *["n"] * 20)
        await settle(pilot)
        units = pilot.app.screen.query(UnitMaps)
        await wait_until(pilot, lambda: any(u.region.width for u in units))
        await pilot.pause(0.3)

    assert snap_compare(NNLabApp(), terminal_size=size, run_before=train_then_map)
