"""The Gradient check page: backprop against central differences on the book's net."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from pilot import main_screen_ready, wait_until

from nncore.datasets import DatasetError
from tui.app import NNLabApp
from tui.concepts import gradcheck
from tui.mnist_data import MnistData, MnistFetcher
from tui.tasks import CONCEPT_TASKS

TASK = next(t for t in CONCEPT_TASKS if t.key == "gradcheck")


def stand_in():
    return gradcheck.load_images()


@pytest.fixture
def no_mnist(monkeypatch):
    def missing(fetcher, **kwargs):
        raise DatasetError("no MNIST here")

    monkeypatch.setattr(MnistFetcher, "load", missing)


def test_backprop_matches_the_numerical_gradient_and_a_wrong_one_is_caught(no_mnist):
    images = stand_in()
    x, t = images.x[:10], images.t[:10]
    network = gradcheck.book_network()
    backprop = network.gradient(x, t, "backprop")
    numerical = network.gradient(x, t, "numerical")
    for key in ("W1", "b1", "W2", "b2"):
        most, relative = gradcheck.differences(numerical[key], backprop[key])
        assert most < 1e-6, key
        assert relative < 1e-5, key
        assert np.abs(backprop[key]).max() > 1e-5  # not trivially zero
    # The gradient of other images is no match: the check can fail.
    other = network.gradient(images.x[10:20], images.t[10:20], "backprop")
    assert gradcheck.differences(numerical["W2"], other["W2"])[1] > 0.1


def test_differences_of_known_arrays():
    most, relative = gradcheck.differences(np.array([3.0, 0.0]), np.array([0.0, 4.0]))
    assert most == 4.0
    assert relative == pytest.approx(5.0 / 7.0)


async def test_page_tables_both_gradients_of_the_batch_with_their_times(no_mnist, monkeypatch):
    monkeypatch.setattr(gradcheck, "BATCH", 10)
    ticks = itertools.chain([0.0, 0.01, 0.01, 0.51, 1.0, 1.02, 1.02, 1.42])
    monkeypatch.setattr(gradcheck, "clock", lambda: next(ticks))
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen_ready(pilot)
        await app.screen.open_task(TASK)
        page = app.screen.query_one(f"#{TASK.id}", gradcheck.GradcheckPage)
        await wait_until(pilot, lambda: len(page.results) == 2, what="both gradients")
        await pilot.pause()
        images = stand_in()
        network = gradcheck.book_network()
        x, t = images.x[:10], images.t[:10]
        expected = gradcheck.differences(
            network.gradient(x, t, "numerical")["W1"], network.gradient(x, t)["W1"]
        )
        table = str(page.query_one("#gc-table").render())
        row = re.search(r"W1\s+784×50\s+(\S+)\s+(\S+)\s+(\S+)", table)
        assert row, table
        assert float(row[1]) == pytest.approx(expected[0], rel=0.01)
        assert float(row[2]) == pytest.approx(expected[1], rel=0.01)
        assert float(row[1]) < 1e-6
        times = str(page.query_one("#gc-times").render())
        assert re.search(r"backprop\s+0\.010 s", times)
        assert re.search(r"numerical\s+0\.500 s\s+50× backprop", times)
        assert "random stand-in" in str(page.query_one("#gc-source").render())
        assert "batch 1: backprop agrees" in str(page.query_one(".concept-line").render())
        await pilot.press("n")  # the next 10 images
        await wait_until(pilot, lambda: page.batch == 2 and len(page.results) == 2)
        await pilot.pause()
        times = str(page.query_one("#gc-times").render())
        assert re.search(r"numerical\s+0\.400 s\s+20× backprop", times)
        grads = page.results["backprop"].grads
        np.testing.assert_allclose(
            grads["b2"], network.gradient(images.x[10:20], images.t[10:20])["b2"]
        )


async def test_page_uses_mnist_when_it_is_there(monkeypatch):
    rng = np.random.default_rng(1)
    x = (rng.integers(0, 256, (300, 784)) / 255.0).astype(np.float32)
    t = rng.integers(0, 10, 300).astype(np.uint8)
    data = MnistData(x, t, x[:10], t[:10], folder=None)
    monkeypatch.setattr(MnistFetcher, "load", lambda fetcher, **kwargs: data)
    monkeypatch.setattr(gradcheck, "BATCH", 5)
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await main_screen_ready(pilot)
        await app.screen.open_task(TASK)
        page = app.screen.query_one(f"#{TASK.id}", gradcheck.GradcheckPage)
        await wait_until(pilot, lambda: len(page.results) == 2, what="both gradients")
        assert "MNIST: batches of 5 from 300 training images" in str(
            page.query_one("#gc-source").render()
        )
        expected = gradcheck.book_network().gradient(x[:5].astype(np.float64), t[:5])
        np.testing.assert_allclose(page.results["backprop"].grads["W1"], expected["W1"])
