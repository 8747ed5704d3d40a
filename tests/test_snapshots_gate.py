"""Snapshots of the gate workbench after training AND (fixed seed, nothing time-based shown)."""

from __future__ import annotations

import pytest
from pilot import settle, wait_until

from tui.app import NNLabApp
from tui.widgets.decision_map import DecisionMap

SIZES = [(120, 40), (80, 24)]


async def train_and(pilot) -> None:
    app = pilot.app
    app.animation_level = "none"  # the tab underline would otherwise slide mid-snapshot
    for input_widget in app.screen.query("Input"):
        input_widget.cursor_blink = False
    await pilot.press("space")
    await settle(pilot)
    # Past the plots' redraw interval, so the final curve is drawn.
    await pilot.pause(0.5)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gate_workbench_after_training_and(snap_compare, size):
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=train_and)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gate_map_pane_after_training_and(snap_compare, size):
    async def train_then_map(pilot) -> None:
        await train_and(pilot)
        await pilot.press("2")
        # Switching panes re-lays out the workbench; wait until the map has its size.
        maps = pilot.app.screen.query(DecisionMap)
        await wait_until(pilot, lambda: any(m.region.width for m in maps))
        await pilot.pause(0.3)

    assert snap_compare(NNLabApp(), terminal_size=size, run_before=train_then_map)
