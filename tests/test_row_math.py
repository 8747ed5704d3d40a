"""The Math view's one-row forward and backward pass against nncore's own gradients."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import settle

from nncore.gates import default_preset, gate_data
from nncore.network import Network
from nncore.row_math import row_math
from tui.app import NNLabApp
from tui.render.row_math import numbers
from tui.widgets.math_view import MathView


def trained(gate: str, hidden: int | None, epochs: int):
    trainer = default_preset(gate, hidden).trainer()
    for _ in range(epochs):
        trainer.run_epoch()
    return trainer.network


@pytest.mark.parametrize("row", range(4))
def test_xor_row_backward_is_network_gradient_and_numerical(row):
    network = trained("xor", None, 30)
    x, t = gate_data("xor")
    math = row_math(network, x[row], t[row])
    backprop = network.gradient(x[row : row + 1], t[row : row + 1])
    numerical = network.gradient(x[row : row + 1], t[row : row + 1], "numerical")
    for m in math.layers:
        for key, ours in ((f"W{m.index}", m.dW), (f"b{m.index}", m.db)):
            assert np.abs(ours - backprop[key]).max() < 1e-6, key
            assert np.abs(ours - numerical[key]).max() < 1e-4, key
    assert math.loss == pytest.approx(network.loss(x[row : row + 1], t[row : row + 1]))
    assert math.y.item() == pytest.approx(network.predict(x[row : row + 1]).item())
    assert math.max_difference < 1e-4


def test_deeper_relu_network_rows_match():
    network = Network((2, 3, 5, 1), "relu", "sigmoid", "he", np.float64, seed=3)
    x, t = gate_data("xor")
    for row in range(4):
        math = row_math(network, x[row], t[row])
        grads = network.gradient(x[row : row + 1], t[row : row + 1])
        assert [m.activation for m in math.layers] == ["relu", "relu", "sigmoid"]
        for m in math.layers:
            assert np.abs(m.dW - grads[f"W{m.index}"]).max() < 1e-6
            assert np.abs(m.db - grads[f"b{m.index}"]).max() < 1e-6


def test_book_unit_row_uses_its_halved_loss():
    unit = trained("and", 0, 100)
    x, t = gate_data("and")
    math = row_math(unit, x[3], t[3])
    grads = unit.gradient(x[3:4], t[3:4], "backprop")
    assert math.loss_scale == 0.5
    assert np.abs(math.layers[0].dW.ravel() - grads["W1"]).max() < 1e-6
    assert np.abs(math.layers[0].db - grads["b1"]).max() < 1e-6
    assert np.abs(math.layers[0].dW.ravel() - unit.gradient(x[3:4], t[3:4])["W1"]).max() < 1e-4
    assert math.loss == pytest.approx(unit.loss(x[3:4], t[3:4]))


async def test_math_pane_shows_the_chosen_rows_numbers():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")
        await pilot.pause()
        await pilot.press("n", "n", "n", "5")
        await settle(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        bench = app.screen.workbench
        view = bench.query_one(MathView)
        assert view.row == 2
        text = str(view.query_one("Static").render())
        network = bench.runner.network_at(3)
        x, t = gate_data("xor")
        expected = row_math(network, x[2], t[2])
        assert "row x = [1 0], t = 1" in text
        assert "epoch 3" in text
        for m in expected.layers:
            for line in numbers(m.a) + numbers(m.dW) + numbers(m.num_dW):
                assert line in text
        assert "agree ✓" in text
        await pilot.press("up", "up", "up")
        await pilot.pause()
        assert view.row == 0
        assert "row x = [0 0], t = 0" in str(view.query_one("Static").render())
