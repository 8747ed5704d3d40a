"""Snapshots of the MNIST workbench after one epoch on a tiny synthetic MNIST.

Deterministic: fixed data and seed, timings hidden, no animation, no blinking cursor.
"""

from __future__ import annotations

import pytest
from pilot import settle

from tui.app import NNLabApp
from tui.tasks import Task
from tui.widgets.mnist_status import MnistStatus

pytestmark = pytest.mark.usefixtures("tiny_mnist")

SIZES = [(120, 40), (80, 24)]
PANES = {"curves": "1", "digits": "2", "confusion": "3"}


def one_epoch_then(pane_key: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await pilot.pause()  # the main screen finishes mounting first
        app.animation_level = "none"  # the tab underline would otherwise slide mid-snapshot
        for input_widget in app.screen.query("Input"):
            input_widget.cursor_blink = False
        await app.screen.open_task(Task("mnist", "book", "book"))
        await settle(pilot)
        bench = app.screen.workbench
        bench.query_one(MnistStatus).show_timings = False
        for input_widget in bench.query("Input"):
            input_widget.cursor_blink = False
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(pane_key)
        # Past the plots' redraw interval, so the final curves are drawn.
        await pilot.pause(1.2)

    return run_before


@pytest.mark.parametrize("pane", PANES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_mnist_workbench_after_one_epoch(snap_compare, size, pane):
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=one_epoch_then(PANES[pane]))
