"""The MNIST workbench's views that show what the network does, on a tiny synthetic MNIST."""

from __future__ import annotations

from pilot import settle

from tui.app import NNLabApp
from tui.tasks import Task
from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.curve_readout import CurveReadout
from tui.widgets.loss_plot import LossPlot
from tui.widgets.mnist_status import MnistStatus
from tui.workbenches.mnist import MnistWorkbench

BOOK = Task("mnist", "book", "book")


async def open_mnist(app, pilot) -> MnistWorkbench:
    await app.screen.open_task(BOOK)
    await settle(pilot)
    bench = app.screen.workbench
    assert isinstance(bench, MnistWorkbench) and bench.data is not None
    return bench


async def test_curves_print_the_shown_epochs_numbers(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        readout = bench.query_one(CurveReadout)
        assert "when an epoch ends" in str(readout.render())
        await pilot.press("n", "n")
        await settle(pilot)
        second = bench.runner.trainer.history.epochs[1]
        expected = (
            f"epoch 2: train {second.train_acc * 100:.1f} % · test {second.test_acc * 100:.1f} %"
            f" · loss {second.loss:.3f}"
        )
        assert str(readout.render()) == expected
        status = bench.query_one(MnistStatus)
        line = status.render().plain
        assert f"test {second.test_acc * 100:.1f} %" in line
        assert f"train {second.train_acc * 100:.1f} %" in line
        # Viewing epoch 1 shows epoch 1's numbers, in both places.
        await pilot.press("left")
        first = bench.runner.trainer.history.epochs[0]
        assert str(readout.render()).startswith(f"epoch 1: train {first.train_acc * 100:.1f} %")
        assert f"test {first.test_acc * 100:.1f} %" in status.render().plain
        await pilot.pause(1.2)  # past the plots' redraw interval
        assert "cross-entropy/step, avg ~20" in bench.query_one(LossPlot).render().plain
        accuracy = bench.query_one(AccuracyPlot).render().plain
        assert "100%" in accuracy
