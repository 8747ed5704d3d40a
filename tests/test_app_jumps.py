"""Jumps through the epochs: home/end, a tenth at a time, and "go to epoch N" typed in
the command palette."""

from __future__ import annotations

from pilot import settle, wait_until

from tui.app import NNLabApp
from tui.screens.epoch_jump import parse_epoch_query


def bench(app):
    return app.screen.workbench


async def trained(pilot, epochs: int):
    """The AND workbench after ``epochs`` epochs, focus on its panes (off the task list)."""
    app = pilot.app
    await app.screen.wait_for_first_task()
    workbench = bench(app)
    workbench.runner.epochs = epochs
    await pilot.press("space")
    await settle(pilot)
    assert workbench.runner.trainer.epoch == epochs
    await pilot.press("tab")  # from the task list to the workbench
    assert app.focused is workbench
    return workbench


async def test_home_end_and_pages_cross_a_thousand_epochs_in_few_keys():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        workbench = await trained(pilot, 1000)
        runner = workbench.runner
        await pilot.press("home")
        assert runner.shown_epoch == 0
        assert "epoch 0/1000" in str(workbench.query_one("#wb-status").render())
        await pilot.press("pagedown", "pagedown")
        assert runner.shown_epoch == 200
        await pilot.press("end")
        assert runner.shown_epoch == 1000 and runner.viewed_epoch is None
        await pilot.press("pageup")
        assert runner.shown_epoch == 900
        for _ in range(12):  # past the start: it stops at epoch 0
            await pilot.press("pageup")
        assert runner.shown_epoch == 0
        assert runner.trainer.epoch == 1000  # only viewing: nothing trained or dropped


async def test_the_task_list_keeps_its_own_home_and_end():
    from tui.tasks import SECTIONS

    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        workbench = await trained(pilot, 5)
        chooser = app.screen.query_one("#chooser")
        chooser.focus()
        await pilot.press("end")
        assert chooser.get_option_at_index(chooser.highlighted).id == SECTIONS[-1][1][-1].id
        assert workbench.runner.viewed_epoch is None  # the list moved, not the epochs


def test_the_palette_reads_an_epoch_from_what_is_typed():
    assert parse_epoch_query("epoch 300") == 300
    assert parse_epoch_query("Go to epoch 7") == 7
    assert parse_epoch_query("goto 12") == 12
    assert parse_epoch_query("300") is None  # a bare number is no command
    assert parse_epoch_query("epoch") is None
    assert parse_epoch_query("epoch 3x") is None
    assert parse_epoch_query("epoch " + "9" * 5000) is None


async def test_go_to_epoch_typed_in_the_palette():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        workbench = await trained(pilot, 1000)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), what="palette")
        await pilot.press(*"epoch 300")
        await wait_until(
            pilot,
            lambda: (
                "Go to epoch 300"
                in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt)
            ),
            what="the hit",
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: workbench.runner.shown_epoch == 300, what="epoch 300")
        assert "epoch 300/1000" in str(workbench.query_one("#wb-status").render())
        assert workbench.runner.trainer.epoch == 1000


async def test_going_past_the_last_epoch_says_so():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        workbench = await trained(pilot, 5)
        await pilot.press("home")
        await app.screen.go_to_epoch(5000)
        assert workbench.runner.shown_epoch == 5
        assert "Epoch 5000 is not trained yet; showing the latest, 5." in str(
            workbench.query_one("#wb-line").render()
        )
