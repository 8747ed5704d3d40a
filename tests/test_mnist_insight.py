"""The MNIST workbench's views that show what the network does, on a tiny synthetic MNIST."""

from __future__ import annotations

import numpy as np
from pilot import settle
from test_mnist_workbench import open_mnist
from textual.widgets import TabbedContent

from nncore.hidden_units import hidden_outputs
from nncore.presets import predict_test
from tui.app import NNLabApp
from tui.render.activation_strip import activation_strip
from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.curve_readout import CurveReadout
from tui.widgets.digit_detail import DigitDetail
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.loss_plot import LossPlot
from tui.widgets.mnist_status import MnistStatus


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


async def test_enter_on_a_confusion_cell_shows_its_digits_and_escape_goes_back(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("3")
        matrix = bench.query_one(ConfusionMatrix)
        assert matrix.has_focus and matrix.cursor == (0, 0)
        confusion = matrix.matrix
        # The biggest mistake, reached with the arrows from the top-left cell.
        errors = confusion * (1 - np.eye(10, dtype=int))
        true, said = divmod(int(np.argmax(errors)), 10)
        await pilot.press(*["down"] * true, *["right"] * said)
        assert matrix.cursor == (true, said)
        await pilot.press("up", "left", "left", "left")
        assert matrix.cursor == (max(true - 1, 0), max(said - 3, 0))
        await pilot.press(
            *["down"] * (true - matrix.cursor[0]), *["right"] * (said - matrix.cursor[1])
        )
        await pilot.press("enter")
        gallery = bench.query_one(DigitGallery)
        assert bench.query_one(TabbedContent).active == "tab-digits" and gallery.has_focus
        predicted = predict_test(bench.runner.network_at(1), bench.data.x_test, bench.data.t_test)
        expected = np.flatnonzero((bench.data.t_test == true) & (predicted.predicted == said))
        assert len(expected) == confusion[true, said] > 0
        assert np.array_equal(gallery.shown, expected) and gallery.selected == expected[0]
        assert f"true {true}, said {said}" in gallery.border_title
        await pilot.press("escape")
        assert bench.query_one(TabbedContent).active == "tab-confusion"
        assert gallery.cell is None and len(gallery.shown) == 200
        assert matrix.has_focus and matrix.cursor == (true, said)
        await pilot.press("escape", "left")  # released, the arrows step through epochs
        assert not matrix.has_focus and bench.runner.viewed_epoch == 0


async def test_selected_digit_shows_its_hidden_activations_beside_the_softmax(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2", "down", "down", "down")
        network = bench.runner.network_at(1)
        x = bench.data.x_test[3:4]
        # The book's first layer by hand: sigmoid(x·W1 + b1).
        hidden = 1 / (1 + np.exp(-(x @ network.params["W1"] + network.params["b1"])))
        assert np.allclose(hidden_outputs(network, x)[0], hidden, atol=1e-6)
        detail = bench.query_one(DigitDetail)
        rows = str(detail.query_one("#digit-hidden").render()).split("\n")
        assert rows[0] == f"hidden: 50 units, max {hidden.max():.2f}"
        strip = "".join(rows[1:])
        assert strip == "".join(activation_strip(hidden[0], 10_000))
        assert len(strip) == 50 and strip[int(np.argmax(hidden))] == "█"


def test_activation_strip_heights_and_wrapping():
    assert activation_strip(np.array([0.0, 0.5, 1.0, -1.0]), 3) == [" ▄█", "█"]
    assert activation_strip(np.zeros(2), 8) == ["  "]
