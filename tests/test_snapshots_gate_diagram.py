"""Snapshots of the Train pane's network diagram, edges drawn by weight: XOR with two
layers, trained to the end. At 80x24 the top row has no room, so it sits beside the loss."""

from __future__ import annotations

import pytest
from pilot import settle, wait_until

from tui.app import NNLabApp
from tui.widgets.network_diagram import NetworkDiagram

SIZES = [(120, 40), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gate_network_diagram_xor(snap_compare, size):
    async def train_xor(pilot) -> None:
        pilot.app.animation_level = "none"  # the tab underline would otherwise slide
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("space")
        await settle(pilot)
        screen = pilot.app.screen
        diagrams = screen.query(NetworkDiagram)

        def placed() -> bool:
            # Placed after a refresh: one diagram shown, whole (80x24: the one below).
            shown = [d for d in diagrams if d.display and d.region.width]
            return len(shown) == 1 and screen.region.contains_region(shown[0].region)

        await wait_until(pilot, placed)
        # Past the plots' redraw interval, so the final curve is drawn.
        await pilot.pause(0.5)

    assert snap_compare(NNLabApp(), terminal_size=size, run_before=train_xor)
