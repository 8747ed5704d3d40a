"""Snapshots of the draw page after drawing a "1" with the keys (no dataset, no time)."""

from __future__ import annotations

import pytest
from pilot import main_screen_ready, wait_until

from tui.app import NNLabApp
from tui.tasks import DRAW_TASKS
from tui.widgets.drawing_pad import DrawingPad

SIZES = [(120, 40), (80, 24)]
ONE = ("up",) * 9 + ("space",) + ("down",) * 18 + ("space",)


async def draw_a_one(pilot) -> None:
    app = pilot.app
    app.animation_level = "none"
    await main_screen_ready(pilot)
    await app.screen.open_task(DRAW_TASKS[0])
    # The page focuses its pad when shown; wait for that and for the pad's final size.
    await wait_until(pilot, lambda: app.screen.query_one(DrawingPad).has_focus)
    await pilot.press(*ONE)
    await pilot.pause(0.3)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_draw_page_after_drawing_a_one(snap_compare, size):
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=draw_a_one)
