"""The truth table judges an output as shown, strictly against 0.5, and says so."""

from __future__ import annotations

from pilot import settle

from nncore.gates import RULE
from tui.app import NNLabApp
from tui.widgets.truth_table import TruthTable


async def test_xor_single_layer_outputs_near_half_pass_for_neither_class():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("home", *["down"] * 3, "enter")  # XOR 1 layer
        await pilot.pause()
        bench = app.screen.workbench
        await pilot.press("space")
        await settle(pilot)
        assert bench.runner.trainer.epoch == 1000
        table = bench.query_one("#truth", TruthTable)
        rows = str(table.render()).splitlines()
        # One sigmoid unit ends at ~0.5 for every input: 0.49997 for (0, 0) with target 0
        # is shown as 0.5000, and a 0.5000 is on neither side of the threshold.
        assert rows[2].split() == ["0", "0", "0", "0.5000", "✗"]
        assert [r.split()[-1] for r in rows[2:6]] == ["✗"] * 4
        assert table.right_count == 0
        assert "0/4 ✗" in str(bench.query_one("#wb-status").render())
        assert rows[-1] == RULE == "✓: >0.5 if 1, <0.5 if 0"
