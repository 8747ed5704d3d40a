"""The MNIST speed line agrees with the status line above it: at an epoch boundary it
says which epoch is done, never "0% of" one that is not under way."""

from __future__ import annotations

from pilot import settle

from tui.app import NNLabApp
from tui.tasks import Task
from tui.widgets.mnist_status import MnistStatus, where_in_epochs

BOOK = Task("mnist", "book", "book")


def test_where_in_epochs():
    assert where_in_epochs(1, 0.0) == "0% of epoch 1"
    assert where_in_epochs(3, 0.4) == "40% of epoch 3"
    assert where_in_epochs(10, 0.0) == "epoch 9 done"


async def test_finished_run_says_its_last_epoch_is_done(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(BOOK)
        await settle(pilot)
        bench = app.screen.workbench
        bench.runner.epochs = 2
        await pilot.press("space")
        await settle(pilot)
        assert bench.runner.trainer.epoch == 2
        speed = str(bench.query_one(MnistStatus).render())
        status = str(bench.query_one("#wb-status").render())
        assert "epoch 2 done" in speed and "of epoch 3" not in speed
        assert "epoch 2/2" in status


async def test_viewing_an_earlier_epoch_the_speed_line_says_it_is_the_trainers(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(BOOK)
        await settle(pilot)
        bench = app.screen.workbench
        await pilot.press("n", "n")
        await settle(pilot)
        await pilot.press("left")
        await pilot.pause()
        speed = str(bench.query_one(MnistStatus).render())
        status = str(bench.query_one("#wb-status").render())
        assert "epoch 1/" in status and "viewing (last 2)" in status
        assert speed.startswith("trained to step 12 · epoch 2 done")
        await pilot.press("right")
        await pilot.pause()
        assert str(bench.query_one(MnistStatus).render()).startswith("step 12 · epoch 2 done")


async def test_resuming_from_an_earlier_epoch_names_the_epochs_dropped():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        for _ in range(5):
            await pilot.press("n")
            await settle(pilot)
        await pilot.press("left", "left")
        await pilot.press("n")  # resumes from epoch 3
        await settle(pilot)
        line = str(app.screen.workbench.query_one("#wb-line").render())
        assert line == "Resumed from epoch 3: epochs 4–5 dropped — u to undo."
        await pilot.press("left", "n")  # resumes from epoch 3 again: only epoch 4 goes
        await settle(pilot)
        line = str(app.screen.workbench.query_one("#wb-line").render())
        assert line == "Resumed from epoch 3: epoch 4 dropped — u to undo."
