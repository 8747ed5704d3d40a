"""Snapshots of the gate workbench's Math pane: XOR with two layers, row 3, epoch 3."""

from __future__ import annotations

import pytest
from pilot import settle

from tui.app import NNLabApp

SIZES = [(120, 40), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gate_math_pane_xor_row_three(snap_compare, size):
    async def open_math(pilot) -> None:
        pilot.app.animation_level = "none"  # the tab underline would otherwise slide
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("n", "n", "n", "5")
        await settle(pilot)
        await pilot.press("down", "down")
        await pilot.pause(0.3)

    assert snap_compare(NNLabApp(), terminal_size=size, run_before=open_math)
