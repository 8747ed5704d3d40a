"""Snapshots of the MNIST Weights pane after one epoch on a tiny synthetic MNIST."""

from __future__ import annotations

import pytest
from test_snapshots_mnist import SIZES, one_epoch_then

from tui.app import NNLabApp

pytestmark = pytest.mark.usefixtures("tiny_mnist")


def weights_then(keys: tuple[str, ...]):
    first = one_epoch_then("5")

    async def run_before(pilot) -> None:
        await first(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_weights_pane_with_the_cursor_on_h2(snap_compare, size):
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=weights_then(("right",)))
