"""A burst of training keys never wedges the runner: every press acts or says why not."""

from __future__ import annotations

from pilot import settle

from tui.app import NNLabApp


async def open_and(pilot) -> None:
    await pilot.press("home", "enter")
    await pilot.pause()


async def test_a_burst_of_n_in_one_go_leaves_the_runner_free():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and(pilot)
        bench = app.screen.workbench
        # Faster than any key repeat: the second call pauses a worker Textual has not
        # started yet, which used to leave ``running`` True for good.
        for _ in range(20):
            bench.step_epoch()
        await settle(pilot)
        runner = bench.runner
        assert not runner.running
        before = runner.trainer.epoch
        await pilot.press("n")
        await settle(pilot)
        assert runner.trainer.epoch == before + 1
        assert "paused" in str(bench.query_one("#wb-status").render())


async def test_twenty_pressed_n_then_one_more_trains_one_epoch():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and(pilot)
        bench = app.screen.workbench
        await pilot.press(*["n"] * 20)
        await settle(pilot)
        before = bench.runner.trainer.epoch
        assert 1 <= before <= 20
        await pilot.press("n")
        await settle(pilot)
        assert bench.runner.trainer.epoch == before + 1


async def test_space_in_a_burst_of_n_still_runs_then_pauses():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_and(pilot)
        bench = app.screen.workbench
        for _ in range(5):
            bench.step_epoch()
            bench.toggle_run()
        await settle(pilot)
        assert not bench.runner.running
        await pilot.press("space")
        await settle(pilot)
        assert bench.runner.trainer.epoch == bench.runner.epochs
