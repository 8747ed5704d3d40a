"""The Concepts pages, driven by keys as a user would, asserting the numbers they show."""

from __future__ import annotations

import re

import numpy as np
import pytest
from pilot import main_screen_ready, wait_until

from nncore.datasets import DatasetError
from tui.app import NNLabApp
from tui.concepts import CONCEPT_PAGES, activations, batches
from tui.concepts.base import ConceptPage
from tui.screens.main import MainScreen
from tui.tasks import CONCEPT_TASKS, SECTIONS, Task

SIZE = (80, 24)


def task(key: str) -> Task:
    return next(t for t in CONCEPT_TASKS if t.key == key)


async def open_page(pilot, key: str) -> ConceptPage:
    app = pilot.app
    await main_screen_ready(pilot)
    await app.screen.open_task(task(key))
    await pilot.pause()
    return app.screen.query_one(f"#{task(key).id}", ConceptPage)


def text(page: ConceptPage, selector: str) -> str:
    return str(page.query_one(selector).render())


def line(page: ConceptPage) -> str:
    return text(page, ".concept-line")


async def type_into(pilot, page: ConceptPage, selector: str, value: str) -> None:
    field = page.query_one(selector)
    field.focus()
    field.value = ""
    await pilot.press(*value)
    await pilot.pause()


def test_concepts_is_the_last_section_with_one_task_per_page():
    heading, tasks = SECTIONS[-1]
    assert heading == "Concepts"
    assert [t.key for t in tasks] == list(CONCEPT_PAGES)
    assert {t.kind for t in tasks} == {"concept"}
    assert all(len(t.label) <= 14 for t in tasks)


async def test_keyboard_alone_opens_a_concept_page_and_hides_the_training_keys():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end", "up", "enter")  # the last task but one: gradient descent
        await pilot.pause()
        page = app.screen.query_one(f"#{task('descent').id}", ConceptPage)
        assert page.has_focus
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.check_action("toggle_run", ())
        await pilot.press("escape")
        assert app.screen.query_one("#chooser").has_focus


# --- activations ---


async def test_activations_table_plot_and_keys():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "activations")
        table = text(page, "#act-table")
        assert re.search(r"▶sigmoid\s+0\.731059\s+0\.196612", table)
        assert re.search(r"tanh\s+0\.761594\s+0\.419974", table)
        assert "layer.backward" in line(page) and "numerical_diff" in line(page)
        await pilot.press("left", "left", "left", "left", "down")
        table = text(page, "#act-table")
        assert "x = 0" in table and re.search(r"▶relu\s+0\.000000\s+0\.000000", table)
        plot = page.query_one("#act-plot")
        labels = [label for label, *_ in plot._series]
        assert labels == ["step(x)", "relu(x)", "relu′(x)"]  # step overlaid, as in Fig. 3-8
        await pilot.press("d", "5", "1")  # no derivative; tanh on, step off
        assert not page.derivatives
        assert [label for label, *_ in plot._series] == ["relu(x)", "tanh(x)"]
        _, xs, ys = plot._series[1]
        np.testing.assert_allclose(ys, np.tanh(xs))
        table = text(page, "#act-table")
        assert re.search(r"•tanh\s+0\.000000\s+1\.000000", table)
        assert re.search(r" step\s+0\.000000", table)  # no longer marked
        footer = [str(key.render()) for key in app.screen.query("FooterKey")]
        assert any("1-6" in key and "Overlay" in key for key in footer), footer


def test_activation_derivatives_come_from_layers_and_numerical_diff():
    xs = np.array([-2.0, 0.5, 3.0])
    np.testing.assert_allclose(
        activations.derivative("sigmoid", xs),
        activations.sigmoid(xs) * (1 - activations.sigmoid(xs)),
    )
    np.testing.assert_array_equal(activations.derivative("relu", xs), [0, 1, 1])
    np.testing.assert_allclose(activations.derivative("leaky", xs), [0.01, 1, 1])
    np.testing.assert_allclose(activations.derivative("identity", xs), [1, 1, 1])
    np.testing.assert_array_equal(activations.derivative("step", xs), [0, 0, 0])


# --- softmax ---


async def test_softmax_of_the_overflow_example():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "softmax")
        result = text(page, "#sm-result")
        assert "= [nan nan nan]" in result
        assert "exp(1010) overflows to inf" in result and "inf/inf = nan" in result
        y_line = next(r for r in result.splitlines() if r.strip().startswith("y ="))
        assert "nan" not in y_line
        assert "sum(y) = 1.000000" in result
        assert "argmax(a) = 1, argmax(y) = 1: unchanged" in result
        await pilot.press("tab", "tab", "enter")  # the second example button
        await pilot.pause()
        assert "no overflow here" in text(page, "#sm-result")
        await type_into(pilot, page, "#sm-input", "1 two")
        assert "only numbers" in text(page, "#sm-input-hint")


# --- loss ---


async def test_loss_on_the_books_examples_and_the_delta():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "loss")
        result = text(page, "#loss-result")
        assert "= 0.097500" in result and "= 0.510825" in result
        page.query_one("#loss-example-1").focus()
        await pilot.press("enter")
        await pilot.pause()
        result = text(page, "#loss-result")
        assert "= 0.597500" in result and "= 2.302584" in result
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert "−log(0) = inf; with δ = 1e-07: 16.118096" in text(page, "#loss-result")
        assert "without δ, −log(y) = inf" in text(page, "#loss-result")
        await type_into(pilot, page, "#loss-t", "7")
        assert "right class 7: y = 0.7" in text(page, "#loss-result")
        await type_into(pilot, page, "#loss-t", "0 1 1")
        assert "t: 3 numbers, but y has 10" in text(page, "#loss-t-hint")


# --- forward ---


async def test_forward_walkthrough_ends_at_the_books_output():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "forward")
        assert page.has_focus  # not the x field: the arrows step at once
        steps = text(page, "#fw-steps")
        assert re.search(r"▶ x = input\s+\(2,\)\s+\[1 0\.5\]", steps)
        assert re.search(r"y = identity\(a3\)\s+\(2,\)\s+\[0\.31682708 0\.69627909\]", steps)
        await pilot.press("right")
        steps = text(page, "#fw-steps")
        assert re.search(r"▶ a1 = x·W1 \+ b1\s+\(3,\)\s+\[0\.3 0\.7 1\.1\]", steps)
        assert "x (2,) · W1 (2, 3) + b1 (3,) → a1 (3,)" in text(page, "#fw-detail")
        await pilot.press("right")
        assert "[0.57444252 0.66818777 0.75026011]" in text(page, "#fw-steps")
        await pilot.press("end")
        steps = text(page, "#fw-steps")
        assert re.search(r"▶ y = identity\(a3\)\s+\(2,\)\s+\[0\.31682708 0\.69627909\]", steps)
        assert "step 6 of 6" in line(page)
        await pilot.press("left")
        assert page.current == 5


# --- arrays ---


async def test_dot_shapes_result_and_mismatch_sentence():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "arrays")
        assert "(2, 2) · (2, 2) → (2, 2)" in text(page, "#arr-result")
        assert "[[19 22]" in text(page, "#arr-values")  # the book's [[1,2],[3,4]]·[[5,6],[7,8]]
        await type_into(pilot, page, "#arr-b", "3 2")
        assert "(2, 2) · (3, 2): inner sizes 2 and 3 differ" in text(page, "#arr-result")
        assert "np.dot" not in text(page, "#arr-values")
        await type_into(pilot, page, "#arr-a", "(2, 3)")
        assert "(2, 3) · (3, 2) → (2, 2)" in text(page, "#arr-result")
        await type_into(pilot, page, "#arr-b", "3")
        assert "(2, 3) · (3,) → (2,)" in text(page, "#arr-result")
        await type_into(pilot, page, "#arr-b", "0")
        assert "from 1 to 12" in text(page, "#arr-b-hint")


# --- nonlinear ---


async def test_linear_layers_collapse_and_sigmoid_layers_do_not():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "nonlinear")
        for _ in range(2):
            shown = text(page, "#nl-text")
            gap = float(re.search(r"outputs differ by (\S+) at most", shown).group(1))
            miss = float(re.search(r"best straight line misses by (\S+)", shown).group(1))
            assert gap < 1e-12 and miss > 0.01
            await pilot.press("r")
        assert page.seed == 3


# --- numerical differentiation ---


async def test_numdiff_shows_the_books_numbers_and_refuses_code():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "numdiff")
        shown = text(page, "#nd-text")
        assert "exact f′(5) = 0.2  (known formula" in shown
        assert re.search(r"1e-4\s+0\.20000099999917254\s+0\.1999999999990898", shown)
        assert re.search(r"1e-50\s+0\.0\s+0\.0", shown)
        assert "np.float32(1e-50) = 0.0" in shown
        await type_into(pilot, page, "#nd-f", "__import__('os')")
        assert "f(x): only the functions" in text(page, "#nd-f-hint")
        await type_into(pilot, page, "#nd-f", "x**3")
        await type_into(pilot, page, "#nd-x", "2")
        assert "exact f′(2) = 12  (derived symbolically" in text(page, "#nd-text")
        page.query_one("#nd-preset-1").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "exact f′(2) = -0.4161468365471424  (known formula: cos(x))" in text(
            page, "#nd-text"
        )


# --- gradient descent ---


async def test_descent_reaches_the_minimum_and_bad_rates_misbehave():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "descent")
        await pilot.press("n", "space")
        assert "step 2/100" in text(page, "#gd-text")
        await pilot.press("end")
        shown = text(page, "#gd-text")
        assert "x0 = -6.111e-10" in shown and "x1 = 8.148e-10" in shown
        assert "converges" in shown
        await pilot.press(*["right_square_bracket"] * 6)  # 0.1 -> 10, still at step 100
        shown = text(page, "#gd-text")
        assert "lr = 10" in shown and "x0 = -2.59e+13" in shown and "diverges" in shown
        assert "off the map" in shown
        await pilot.press(*["left_square_bracket"] * 9)  # -> 1e-10
        shown = text(page, "#gd-text")
        assert "lr = 1e-10" in shown and "x0 = -3" in shown and "stuck" in shown
        await pilot.press("home", "r")
        await wait_until(pilot, lambda: page.current > 0, what="a run's first step")


# --- batches ---


@pytest.fixture
def no_mnist(monkeypatch):
    def missing(fetcher, **kwargs):
        assert kwargs.get("download") is False  # the page never starts a download
        raise DatasetError("no MNIST here")

    monkeypatch.setattr(batches.MnistFetcher, "load", missing)


async def wait_for_timing(pilot, page) -> None:
    await wait_until(
        pilot, lambda: page.data is not None and not page.timing and len(page.timings) == 3
    )


async def test_batches_times_three_ways_and_draws_fair_mini_batches(no_mnist):
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "batches")
        await wait_for_timing(pilot, page)
        assert "MNIST not found: random stand-in" in text(page, "#bt-source")
        assert "the weights don't change the timing" in text(page, "#bt-source")
        timing = text(page, "#bt-timing")
        for label in ("one at a time", "batches of 100", "all at once"):
            assert re.search(rf"{label}\s+[\d,]+\s+\d+\.\d+s", timing)
        assert all(n == 10_000 for n, _ in page.timings.values())
        table = text(page, "#bt-batch").splitlines()
        counts = [int(c) for c in table[2].split()[1:]]
        assert sum(counts) == 100 and len(counts) == 10
        expected = [float(e) for e in table[3].split()[1:]]
        assert sum(expected) == pytest.approx(100, abs=0.1)
        await pilot.press("m")
        assert text(page, "#bt-batch").splitlines()[2] != table[2]
