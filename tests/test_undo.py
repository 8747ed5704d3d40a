"""Undo (``u``) of a replaced run: resuming from an earlier epoch or opening a model drops
epochs, the line says which, and ``u`` puts them back once: the same losses, the same
weights, and training on from there gives the numbers it would have given."""

from __future__ import annotations

import numpy as np
from pilot import settle, wait_until

from nncore.gates import default_preset
from nncore.io import save_model
from nncore.network import Network
from tui.app import NNLabApp
from tui.tasks import Task
from tui.widgets.mnist_curves import MnistCurves

XOR = Task("gate", "xor-2", "XOR 2 layers")
BOOK = Task("mnist", "book", "book")


def line(bench) -> str:
    return str(bench.query_one("#wb-line").render())


def offered(app) -> tuple[bool, bool]:
    """Whether ``u`` is in the footer's keys, and Undo in the command palette."""
    screen = app.screen
    in_palette = any(c.title == "Undo" for c in app.get_system_commands(screen))
    return "u" in screen.active_bindings, in_palette


def run_as_it_is(bench):
    trainer = bench.runner.trainer
    return (
        [r.loss for r in bench.records],
        list(trainer.history.step_losses),
        {key: value.copy() for key, value in trainer.network.params.items()},
        trainer.epoch,
    )


def assert_same_run(before, after) -> None:
    losses, steps, params, epoch = before
    assert after[0] == losses and after[1] == steps and after[3] == epoch
    assert params.keys() == after[2].keys()
    for key in params:
        np.testing.assert_array_equal(after[2][key], params[key])


async def train(pilot, epochs: int):
    """The open workbench after ``epochs`` epochs, the keyboard on its panes."""
    bench = pilot.app.screen.workbench
    bench.runner.epochs = epochs
    await pilot.press("space")
    await settle(pilot)
    assert len(bench.records) == epochs
    if pilot.app.focused is not bench:
        await pilot.press("tab")
    return bench


async def test_undo_puts_back_the_epochs_a_resume_dropped():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()  # AND: the book's unit, numerical gradients
        bench = await train(pilot, 17)
        before = run_as_it_is(bench)
        assert offered(app) == (False, False)  # nothing replaced yet: no undo on offer
        await pilot.press("home", "right", "right", "right", "n")
        await settle(pilot)
        assert line(bench) == "Resumed from epoch 3: epochs 4–17 dropped — u to undo."
        assert bench.runner.trainer.epoch == 4 and len(bench.records) == 4
        assert offered(app) == (True, True)
        await pilot.press("u")
        await settle(pilot)
        assert_same_run(before, run_as_it_is(bench))
        assert line(bench) == "Undid the resume from epoch 3: 17 epochs back as they were."
        assert "epoch 17/1000" in str(bench.query_one("#wb-status").render())
        assert offered(app) == (False, False)  # once
        await pilot.press("u")
        assert_same_run(before, run_as_it_is(bench))
        # The run goes on as if it had never been cut: epoch 18 as a headless run has it.
        await pilot.press("n")
        await settle(pilot)
        headless = default_preset("and").trainer()
        losses = [headless.step().finished.loss for _ in range(18)]
        assert [r.loss for r in bench.records] == losses


async def test_undo_while_the_resumed_run_trains_waits_for_its_step():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(XOR)
        bench = await train(pilot, 20)
        before = run_as_it_is(bench)
        app.screen.set_pace(30.0)  # slow enough to be running when u arrives
        bench.runner.epochs = 1000
        await pilot.press("home", "right", "right", "right", "right", "right", "space")
        await wait_until(pilot, lambda: len(bench.records) >= 7)
        assert bench.runner.running
        await pilot.press("u")
        await wait_until(pilot, lambda: not bench.can("undo") and not bench.runner.running)
        await settle(pilot)
        assert_same_run(before, run_as_it_is(bench))
        assert bench.runner.pace == 30.0  # the pace is the screen's, not the run's


async def test_undo_after_opening_a_model_brings_the_run_and_its_settings_back(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the Open dialog proposes ./gate-and.npz
    save_model("gate-and.npz", Network((2, 3, 1), "relu", "sigmoid", "xavier", np.float64, 5))
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        bench = await train(pilot, 10)
        before = run_as_it_is(bench)
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen.query("#file-path"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: bench.runner.trainer.network.sizes == (2, 3, 1))
        assert line(bench) == (
            "Opened gate-and.npz (hidden 3) as epoch 0; 10 epochs before it dropped — u to undo."
        )
        assert bench.records == [] and bench.applied.hidden == (3,)
        assert offered(app) == (True, True)
        await pilot.press("u")
        await settle(pilot)
        assert_same_run(before, run_as_it_is(bench))
        assert bench.applied.hidden == () and bench.form.values.hidden == ()
        assert bench.runner.trainer.network.sizes == (2, 1)
        assert "epoch 10/" in str(bench.query_one("#wb-status").render())


async def test_undo_on_mnist_restores_the_epochs_and_the_step_losses(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(BOOK)
        await settle(pilot)
        bench = await train(pilot, 3)
        before = run_as_it_is(bench)
        await pilot.press("home", "right", "n")
        await settle(pilot)
        assert line(bench) == "Resumed from epoch 1: epochs 2–3 dropped — u to undo."
        assert len(bench.runner.trainer.history.step_losses) == 12
        await pilot.press("u")
        await settle(pilot)
        assert_same_run(before, run_as_it_is(bench))
        raw, _smoothed = bench.query_one(MnistCurves)._smoother.series()
        assert list(raw) == before[1]  # the loss curve has all 18 steps again
        await pilot.press("3")  # the confusion matrix is the restored epoch 3's
        test_acc = bench.records[-1].test_acc
        matrix = bench.query_one("#mnist-confusion").matrix
        assert np.trace(matrix) / matrix.sum() == test_acc
