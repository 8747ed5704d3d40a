"""The gate workbench driven by keys only, at 80×24 and 120×40."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import set_learning_rate, settle

from tui.app import NNLabApp
from tui.widgets.too_small import TooSmall
from tui.widgets.truth_table import TruthTable
from tui.workbenches.gate import GateWorkbench

SIZES = [(80, 24), (120, 40)]


def bench(app) -> GateWorkbench:
    return app.screen.workbench


async def open_task(pilot, downs: int) -> None:
    """Select the task ``downs`` rows below AND in the chooser, with keys."""
    await pilot.press("home", *["down"] * downs, "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_and_learns_with_keys(size):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await open_task(pilot, 0)
        assert bench(app).title == "AND"
        await pilot.press("space")
        await settle(pilot)
        runner = bench(app).runner
        assert runner.trainer.epoch == 1000
        assert bench(app).query_one("#truth", TruthTable).right_count == 4
        assert "4/4 ✓" in str(bench(app).query_one("#wb-status").render())


async def test_xor_single_layer_stays_wrong():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_task(pilot, 3)
        assert bench(app).title.startswith("XOR 1")
        await pilot.press("space")
        await settle(pilot)
        assert bench(app).runner.trainer.epoch == 1000
        assert bench(app).query_one("#truth", TruthTable).right_count < 4


async def test_xor_two_layers_becomes_right():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_task(pilot, 4)
        await pilot.press("space")
        await settle(pilot)
        assert bench(app).query_one("#truth", TruthTable).right_count == 4


async def test_n_and_b_train_one_epoch_each():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert bench(app).runner.trainer.epoch == 1
        await pilot.press("b")  # a gate's one mini-batch is the whole epoch
        await settle(pilot)
        assert bench(app).runner.trainer.epoch == 2
        assert bench(app).runner.trainer.steps == 2


async def test_space_pauses_a_run():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        bench(app).runner.epochs = 100_000
        await pilot.press("space")
        await pilot.pause(0.3)
        assert bench(app).runner.running
        await pilot.press("space")
        await settle(pilot)
        runner = bench(app).runner
        assert not runner.running
        assert 0 < runner.trainer.epoch < 100_000
        assert "paused" in str(bench(app).query_one("#wb-status").render())


async def test_reset_gives_new_weights_and_epoch_zero():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        before = bench(app).runner.network_at(0).params["W1"].copy()
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        runner = bench(app).runner
        assert runner.trainer.epoch == 0
        assert np.array_equal(runner.network_at(0).params["W1"], before)  # same seed


async def test_rewind_forward_then_resume_drops_later_epochs():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("n")
            await settle(pilot)
        await pilot.press("left", "left", "left")
        runner = bench(app).runner
        assert runner.shown_epoch == 2
        assert "epoch 2 (of 5)" in str(bench(app).query_one("#truth").render())
        await pilot.press("right")
        assert runner.shown_epoch == 3
        await pilot.press("n")  # resumes from epoch 3: epochs 4 and 5 are dropped
        await settle(pilot)
        assert runner.trainer.epoch == 4
        assert len(runner.trainer.history.epochs) == 4
        assert runner.viewed_epoch is None


async def test_arrows_and_space_type_into_a_focused_input():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("4")
        lr = bench(app).query_one("#hp-lr")
        lr.focus()
        await pilot.press("end", "left", "space", "right", "n", "b")
        await pilot.pause()
        assert lr.value == "0. 1nb"
        assert bench(app).runner.trainer.epoch == 1  # no training key fired
        assert bench(app).runner.viewed_epoch is None


INVALID = [("lr", "abc"), ("lr", "-1"), ("batch_size", "0"), ("hidden", "3,x")]


async def test_invalid_values_show_inline_and_are_not_applied():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        workbench = bench(app)
        before = (workbench.applied, workbench.pending)
        await pilot.press("4")
        for field, text in INVALID:
            field_input = bench(app).query_one(f"#hp-{field}")
            field_input.disabled = False  # batch size is off for a gate; it still validates
            field_input.focus()
            field_input.value = ""
            await pilot.press(*text, "enter", "tab")
            await pilot.pause()
            error = str(bench(app).query_one(f"#hp-error-{field}").render())
            assert "not applied" in error, (field, text)
            assert (workbench.applied, workbench.pending) == before, (field, text)


async def test_valid_lr_applies_at_next_step_and_hidden_on_reset():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await set_learning_rate(pilot, "0.5")
        assert bench(app).runner.trainer.optimizer.lr == 0.5
        hidden = bench(app).query_one("#hp-hidden")
        hidden.focus()
        await pilot.press("3", "enter")
        assert bench(app).runner.trainer.network.sizes == (2, 1)
        assert "apply on reset" in str(bench(app).query_one("#wb-line").render())
        app.screen.query_one("#chooser").focus()
        await pilot.press("r")
        await settle(pilot)
        assert bench(app).runner.trainer.network.sizes == (2, 3, 1)


async def test_too_small_notice_replaces_layout():
    app = NNLabApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TooSmall).display
        assert app.screen.query_one(TooSmall).region.width > 0
        assert app.screen.query_one("#main").region.width == 0


async def test_footer_is_rebuilt_only_when_a_key_changes():
    from textual.widgets._footer import FooterKey

    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        await settle(pilot)
        rebuilds = []
        app.screen.bindings_updated_signal.subscribe(app.screen, rebuilds.append)

        def enabled(action: str) -> bool:
            key = next(k for k in app.screen.query(FooterKey) if k.action == action)
            return not key.has_class("-disabled")

        assert not enabled("rewind")
        await pilot.press("n")  # epoch 1: ← now has an epoch to go back to
        await settle(pilot)
        assert len(rebuilds) == 1 and enabled("rewind")
        await pilot.press("n")  # no key changes: starting and stopping rebuild nothing
        await settle(pilot)
        assert len(rebuilds) == 1
        await pilot.press("left")  # viewing epoch 1: → goes forward again
        await settle(pilot)
        assert len(rebuilds) == 2 and enabled("forward")
        await pilot.press("n")  # resumes from epoch 1, the live epoch: → has nowhere to go
        await settle(pilot)
        assert len(rebuilds) == 3 and not enabled("forward")


async def test_footer_follows_resizes_through_narrow_and_too_small():
    from textual.widgets._footer import FooterKey

    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        await pilot.press("n")
        await settle(pilot)

        def shown() -> dict[str, bool]:
            keys = app.screen.query(FooterKey)
            return {k.action: not k.has_class("-disabled") for k in keys}

        assert "command_palette" in shown()
        for size in [(80, 24), (120, 40), (60, 20), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause(0.1)
            await pilot.pause()
            if size == (80, 24):
                assert "command_palette" not in shown()  # no room: help lists ctrl+p
            elif size == (120, 40):
                assert shown()["command_palette"] and shown()["step_epoch"]


async def test_a_rate_too_large_for_the_gate_says_so_in_the_status_line(recwarn):
    """OR at Settings' largest rate, 100: an output lands on exactly 1 and the book's
    loss becomes nan, shown before as a nan epoch; now the run pauses and says why,
    and NumPy's overflow warnings are not written under the app."""
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_task(pilot, 1)
        assert bench(app).title == "OR"
        await set_learning_rate(pilot, "100")
        app.screen.query_one("#chooser").focus()
        await pilot.press("space")
        await settle(pilot)
        line = str(bench(app).query_one("#wb-line").render())
        assert line.startswith(
            "Paused: training diverged at step 1 (epoch 1) — try a smaller learning rate than 100"
        )
        assert bench(app).runner.trainer.epoch == 0
        assert bench(app).records == []
    assert [w for w in recwarn if issubclass(w.category, RuntimeWarning)] == []
