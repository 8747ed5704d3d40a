"""Forward pass page: x is typed, every intermediate follows at once and matches a
forward pass written out by hand in NumPy; bad input is named and dims the old result."""

from __future__ import annotations

import re

import numpy as np
import pytest
from test_concept_pages import SIZE, line, open_page, text, type_into
from test_concept_stale import paste, shown_hints

from tui.app import NNLabApp
from tui.concepts.base import STALE
from tui.concepts.forward import PARAMS, parse_input

NAMES = ("x", "a1", "z1", "a2", "z2", "a3", "y")


def by_hand(x: np.ndarray) -> dict[str, np.ndarray]:
    """The book's forward() (section 3.4.3), spelled out."""
    p = PARAMS
    a1 = x @ p["W1"] + p["b1"]
    z1 = 1 / (1 + np.exp(-a1))
    a2 = z1 @ p["W2"] + p["b2"]
    z2 = 1 / (1 + np.exp(-a2))
    a3 = z2 @ p["W3"] + p["b3"]
    return {"x": x, "a1": a1, "z1": z1, "a2": a2, "z2": z2, "a3": a3, "y": a3}


def shown_values(steps: str) -> dict[str, np.ndarray]:
    """Each step's printed vector, by name, from the steps list."""
    values = {}
    for row in steps.splitlines():
        match = re.match(r"[▶ ] (\w+) = .*\((\d),\)\s+\[([^\]]*)\]", row)
        values[match.group(1)] = np.array([float(v) for v in match.group(3).split()])
    return values


def test_by_hand_gives_the_books_output():
    assert by_hand(np.array([1.0, 0.5]))["y"] == pytest.approx([0.31682708, 0.69627909], abs=1e-8)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "2 numbers, e.g. 1.0 0.5 (the field is empty)"),
        ("1 2 3", "2 numbers, e.g. 1.0 0.5 (got 3)"),
        ("1 two", "'two' is not a number"),
        ("nan 1", "nan is nan in float64: only finite numbers (|x| < 1.8e308)"),
        ("1e999 1", "1e999 is inf in float64: only finite numbers (|x| < 1.8e308)"),
    ],
)
def test_parse_input_is_strict(typed, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_input(typed)


def test_parse_input_takes_commas_and_signs():
    assert parse_input(" -2.5, 3e-1 ").tolist() == [-2.5, 0.3]


async def test_a_typed_x_recomputes_every_step_as_numpy_does_by_hand():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "forward")
        assert shown_values(text(page, "#fw-steps"))["y"].tolist() == [0.31682708, 0.69627909]
        await pilot.press("right", "right")  # the detail follows z1 through the edit
        await pilot.press("tab")
        field = page.query_one("#fw-x")
        assert field.has_focus
        await type_into(pilot, page, "#fw-x", "-2 3.5")
        shown = shown_values(text(page, "#fw-steps"))
        assert list(shown) == list(NAMES)
        for name, value in by_hand(np.array([-2.0, 3.5])).items():
            np.testing.assert_allclose(shown[name], value, rtol=1e-7, err_msg=name)
        assert page.current == 2 and "sigmoid(a1)" in text(page, "#fw-detail")
        await pilot.press("escape")  # out of the field: the steps' keys work again
        assert page.has_focus
        await pilot.press("right")
        assert "z1 (3,) · W2 (3, 2) + b2 (2,) → a2 (2,)" in text(page, "#fw-detail")
        await pilot.press("escape")
        assert app.screen.query_one("#chooser").has_focus


async def test_bad_x_is_named_under_the_field_and_dims_the_last_good_result():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "forward")
        await paste(pilot, page, "#fw-x", "0.5 abc")
        assert shown_hints(page) == {"fw-x-hint": "↑ x: 'abc' is not a number"}
        assert page.has_class("-stale") and line(page) == STALE
        for selector in ("#fw-steps", "#fw-detail"):
            assert page.query_one(selector).styles.text_opacity < 0.5
        assert "[0.31682708 0.69627909]" in text(page, "#fw-steps")  # the book's x, kept
        await paste(pilot, page, "#fw-x", "0 0")
        assert shown_hints(page) == {} and not page.has_class("-stale")
        assert page.query_one("#fw-steps").styles.text_opacity == 1
        y = by_hand(np.zeros(2))["y"]
        np.testing.assert_allclose(shown_values(text(page, "#fw-steps"))["y"], y, rtol=1e-7)
