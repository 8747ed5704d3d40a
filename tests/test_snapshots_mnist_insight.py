"""Snapshots of the MNIST workbench's new views after one epoch on a tiny synthetic MNIST."""

from __future__ import annotations

import pytest
from test_snapshots_mnist import SIZES, one_epoch_then

from tui.app import NNLabApp

pytestmark = pytest.mark.usefixtures("tiny_mnist")


def opened_cell(pilot_keys: tuple[str, ...]):
    first = one_epoch_then("3")

    async def run_before(pilot) -> None:
        await first(pilot)
        await pilot.press(*pilot_keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_gallery_of_one_confusion_cell(snap_compare, size):
    # true 8, said 4: the synthetic set's first epoch calls most digits 4.
    keys = (*["down"] * 8, *["right"] * 4, "enter")
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=opened_cell(keys))
