"""Invalid input on a concept page: the reason appears under the field that caused it,
the results (still the last valid input's) are dimmed at once, and no exact derivative
is claimed where f or its formula has no value."""

from __future__ import annotations

import pytest
from test_concept_pages import SIZE, line, open_page, text, type_into

from tui.app import NNLabApp
from tui.concepts.base import STALE, ConceptPage

RESULTS = {
    "arrays": ("#arr-result", "#arr-values"),
    "softmax": ("#sm-result", "#sm-bars"),
    "numdiff": ("#nd-text", "#nd-plot"),
    "loss": ("#loss-result", "#loss-plot"),
}


async def paste(pilot, page: ConceptPage, selector: str, value: str) -> None:
    """The whole value at once, as a paste: no valid text on the way to it."""
    page.query_one(selector).value = value
    await pilot.pause()


def shown_hints(page: ConceptPage) -> dict[str, str]:
    return {h.id: str(h.render()) for h in page.query(".concept-hint") if h.display}


def assert_stale(page: ConceptPage, key: str, field_id: str, reason: str) -> None:
    assert shown_hints(page) == {f"{field_id}-hint": f"↑ {reason}"}
    assert page.has_class("-stale") and line(page) == STALE
    for selector in RESULTS[key]:
        assert page.query_one(selector).styles.text_opacity < 0.5


def assert_fresh(page: ConceptPage, key: str) -> None:
    assert shown_hints(page) == {} and not page.has_class("-stale")
    for selector in RESULTS[key]:
        assert page.query_one(selector).styles.text_opacity == 1


async def test_dot_shapes_too_big_dims_the_old_result_and_says_why_under_a():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "arrays")
        assert_fresh(page, "arrays")
        await paste(pilot, page, "#arr-a", "100000 100000")
        reason = "A shape: 100000? sizes are whole numbers from 1 to 12"
        assert_stale(page, "arrays", "arr-a", reason)
        assert "(2, 2) · (2, 2) → (2, 2)" in text(page, "#arr-result")  # the last valid one
        await type_into(pilot, page, "#arr-a", "100000 100000")  # typed: "10" was valid
        assert_stale(page, "arrays", "arr-a", reason)
        assert "(10,) · (2, 2): inner sizes 10 and 2 differ" in text(page, "#arr-result")
        await type_into(pilot, page, "#arr-a", "2 3")
        await type_into(pilot, page, "#arr-b", "3 x 4")
        assert_fresh(page, "arrays")
        assert "(2, 3) · (3, 4) → (2, 4)" in text(page, "#arr-result")
        await type_into(pilot, page, "#arr-b", "3 4 5 6")
        assert_stale(page, "arrays", "arr-b", "B shape: at most 3 dimensions here")


async def test_softmax_of_an_overflowing_input_names_it_and_dims_the_result():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "softmax")
        await type_into(pilot, page, "#sm-input", "1e999 1")
        reason = "a: 1e999 is inf in float64: only finite numbers (|a| < 1.8e308)"
        assert_stale(page, "softmax", "sm-input", reason)
        # "1e99" on the way was valid: its softmax is what stays on screen, dimmed.
        assert "exp(1e+99) overflows" in text(page, "#sm-result")
        await paste(pilot, page, "#sm-input", "0.3 2.9 4.0")
        assert_fresh(page, "softmax")
        await paste(pilot, page, "#sm-input", "1e999 1")
        assert_stale(page, "softmax", "sm-input", reason)
        assert "y = [0.0182113 0.245192 0.736597]"  # the book's in text(page, "#sm-result")
        await type_into(pilot, page, "#sm-input", "710 0")
        assert_fresh(page, "softmax")
        assert "exp(710) overflows to inf" in text(page, "#sm-result")


async def test_numdiff_claims_no_derivative_where_f_is_undefined():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "numdiff")
        await type_into(pilot, page, "#nd-f", "log(x)")
        assert "exact f′(5) = 0.2  (derived symbolically: 1 / x)" in text(page, "#nd-text")
        await type_into(pilot, page, "#nd-x", "-1")
        assert_stale(page, "numdiff", "nd-x", "x: f(-1) = nan: log(x) is undefined there")
        assert "f′(-1)" not in text(page, "#nd-text")
        await type_into(pilot, page, "#nd-x", "1e999")
        assert_stale(page, "numdiff", "nd-x", "x: type a finite number, e.g. 5")
        await type_into(pilot, page, "#nd-x", "0.5")
        assert_fresh(page, "numdiff")
        assert "exact f′(0.5) = 2  (derived symbolically: 1 / x)" in text(page, "#nd-text")
        await type_into(pilot, page, "#nd-f", "exp(x")
        assert shown_hints(page).keys() == {"nd-f-hint"} and page.has_class("-stale")


@pytest.mark.parametrize(
    ("f", "formula"), [("abs(x)", "x / abs(x)"), ("sqrt(x)", "1 / (2 * sqrt(x))")]
)
async def test_numdiff_at_a_point_where_the_derivative_has_no_value(f, formula):
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "numdiff")
        await type_into(pilot, page, "#nd-x", "0")
        await type_into(pilot, page, "#nd-f", f)
        assert_fresh(page, "numdiff")  # f(0) = 0 is shown; only f′(0) has no value
        shown = text(page, "#nd-text")
        assert (
            "exact f′(0) =" not in shown and f"no exact f′(0): the formula {formula} gives" in shown
        )
        assert "f′ has no value at x = 0" in line(page)
        plot = page.query_one("#nd-plot")
        assert [label for label, *_ in plot._series] == ["forward", "central"]
        if f == "abs(x)":  # (|h| - 0)/h = 1 forward, (|h| - |-h|)/2h = 0 central
            assert "1e-4  1.0" in shown and shown.splitlines()[3].split()[-1] == "0.0"


async def test_loss_marks_the_field_at_fault():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "loss")
        await type_into(pilot, page, "#loss-t", "0 1 1")
        assert_stale(page, "loss", "loss-t", "t: 3 numbers, but y has 10")
        await type_into(pilot, page, "#loss-t", "2")
        await type_into(pilot, page, "#loss-y", "0.5")
        assert_stale(page, "loss", "loss-y", "y: two or more numbers, one per class")
        assert "= 0.510825" in text(page, "#loss-result")  # the book's "net says 2" still
