"""Gradient descent page: the arrows of the field point along −∇f, the start moves with
the arrow keys and the path is descended anew from it; the book's run still ends where
the book says."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pilot import wait_until
from test_app_palette import palette_pick
from test_concept_pages import SIZE, open_page, text

from nncore.gradient import numerical_gradient_rows
from tui.app import NNLabApp
from tui.concepts.descent import (
    LIMIT,
    START,
    START_STEP,
    STEPS,
    DescentMap,
    DescentPage,
    function_2,
)
from tui.render.descent_map import (
    ARROWS,
    FLAT,
    FLAT_BELOW,
    MapColours,
    MapGeometry,
    arrow_glyph,
    field_arrows,
    render_descent_map,
)

COLOURS = MapColours("#202020", "#3050a0", "#ffffff", "#888888")


def gradient(points: np.ndarray) -> np.ndarray:
    return numerical_gradient_rows(function_2, points)


@pytest.mark.parametrize(
    ("dx", "dy", "glyph"),
    [(1, 0, "→"), (1, 1, "↗"), (0, 1, "↑"), (-1, 1, "↖"), (-1, 0, "←"), (-1, -1, "↙"),
     (0, -1, "↓"), (1, -1, "↘"), (3, 1, "→"), (3, 2, "↗"), (0, 0, FLAT)],
)  # fmt: skip
def test_arrow_glyph_is_the_nearest_compass_arrow(dx, dy, glyph):
    assert arrow_glyph(dx, dy) == glyph


@pytest.mark.parametrize("size", [(39, 21), (74, 37), (120, 55)])
def test_every_field_arrow_points_along_minus_the_gradient(size):
    geometry = MapGeometry(*size, LIMIT)
    arrows = field_arrows(geometry, gradient)
    points = geometry.field_points()
    assert len(arrows) == len(points) >= 49
    for x0, x1 in points:
        arrow = arrows[geometry.cell(x0, x1)]
        length = math.hypot(x0, x1) / math.hypot(*points[0])  # relative to a corner's
        assert arrow.strength == pytest.approx(length)
        if length < FLAT_BELOW:  # the minimum, and next to it where the slope is slight
            assert arrow.glyph == FLAT
            continue
        # −∇f of x0² + x1² is −2x; the plot is square, so on screen it points as on paper.
        wanted = math.atan2(-2 * x1, -2 * x0)
        drawn = ARROWS.index(arrow.glyph) * math.pi / 4
        off = abs((drawn - wanted + math.pi) % (2 * math.pi) - math.pi)
        assert off <= math.pi / 8 + 1e-9, (x0, x1, arrow.glyph)
        assert arrow.strength == pytest.approx(
            math.hypot(x0, x1) / max(map(abs, points[0])) / 2**0.5
        )


def test_the_arrow_at_3_0_points_left_and_the_longest_are_the_corners():
    geometry = MapGeometry(74, 37, LIMIT)  # a grid of step 1: (3, 0) is on it
    arrows = field_arrows(geometry, gradient)
    assert arrows[geometry.cell(3.0, 0.0)].glyph == "←"
    assert arrows[geometry.cell(0.0, -3.0)].glyph == "↑"
    assert arrows[geometry.cell(-4.0, 4.0)].glyph == "↘"
    assert arrows[geometry.cell(-4.0, 4.0)].strength == 1.0
    assert arrows[geometry.cell(3.0, 0.0)].strength == pytest.approx(3 / math.hypot(4, 4))


def test_the_map_is_square_with_labelled_axes():
    geometry = MapGeometry(39, 21, LIMIT)
    assert (geometry.plot_rows, geometry.plot_cols) == (17, 33)  # 8 steps of 2 rows, 4 cols
    x0, x1 = geometry.centres()
    shade = np.sqrt((x0[None, :] ** 2 + x1[:, None] ** 2) / 50)
    lines = render_descent_map(geometry, shade, field_arrows(geometry, gradient), {}, COLOURS)
    rows = lines.plain.splitlines()
    assert len(rows) == 20 and {len(row) for row in rows} == {geometry.width}
    assert rows[0].startswith("x1")
    assert [row[:3] for row in rows[1:18] if "┤" in row[:3]] == [" 4┤", " 2┤", " 0┤", "-2┤", "-4┤"]
    assert rows[9][3:].rstrip() == "    →   →   →   ·   ←   ←   ←"  # x1 = 0: the middle row
    assert rows[-2].startswith("  └") and rows[-2].count("┬") == 5
    assert rows[-1].split() == ["-4", "-2", "0", "2", "4", "x0"]
    for tick, label in zip(
        [i for i, c in enumerate(rows[-2]) if c == "┬"], rows[-1].split()[:5], strict=True
    ):
        assert rows[-1][tick] == label[-1]  # each label ends under its tick (one digit)


def test_a_map_too_small_to_draw_says_so():
    assert not MapGeometry(20, 10, LIMIT).drawable()


def drawn_at(page, point) -> str:
    """The glyph the page's map shows at the (2,) ``point``."""
    view = page.query_one(DescentMap)
    geometry = view.field()[0]
    row, col = geometry.cell(*point)
    return view.render().plain.splitlines()[1 + row][geometry.gutter + col]  # 1: the x1 line


async def test_arrows_move_the_start_and_the_path_follows_from_it():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "descent")
        assert page.start.tolist() == list(START) and page.path[0].tolist() == list(START)
        await pilot.press("n", "n", "n")
        await pilot.press("right")
        assert page.start.tolist() == [START[0] + START_STEP, START[1]]
        assert page.path[0].tolist() == page.start.tolist() and page.current == 3
        assert "start (-2.5, 4)" in text(page, "#gd-text")
        # Step 1 of the new path: x − lr·2x = 0.8x, from the new start.
        np.testing.assert_allclose(page.path[1], 0.8 * page.start, rtol=1e-7)
        assert drawn_at(page, page.start) == "◆"
        await pilot.press("down", "down", "left")
        assert page.start.tolist() == [START[0], START[1] - 2 * START_STEP]
        await pilot.press(*["up"] * 6)  # 3 + 6·0.5 = 6 is off the map: it stops at 5
        assert page.start.tolist() == [START[0], LIMIT]
        await pilot.press("down", "down")
        await pilot.press("end")
        shown = text(page, "#gd-text")
        assert "x0 = -6.111e-10" in shown and "x1 = 8.148e-10" in shown  # the book's again
        np.testing.assert_allclose(page.path[-1], [-6.11110793e-10, 8.14814391e-10], rtol=1e-8)


async def test_the_pages_keys_are_in_the_palette_and_work_from_it():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "descent")
        entries = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert entries["Page: lr +"] == "Larger learning rate (])"
        assert entries["Page: Start ↑"] == "Move the start up by 0.5 (↑)"
        assert {"Page: Step", "Page: Back", "Page: Run", "Page: First", "Page: Last"} <= set(
            entries
        )
        await palette_pick(pilot, "page: lr +", "Page: lr +")
        await wait_until(pilot, lambda: page.lr == 0.3, what="lr 0.3")
        assert "lr = 0.3" in text(page, "#gd-text")


async def test_a_path_bouncing_back_over_the_start_keeps_the_start_marked():
    app = NNLabApp()
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "descent")
        await pilot.press(*["right_square_bracket"] * 4, "n", "n", "n")  # lr 1: x → −x → x
        assert page.lr == 1.0
        np.testing.assert_allclose(page.path[2], START, rtol=1e-6)
        assert drawn_at(page, page.start) == "◆"
        assert drawn_at(page, page.path[3]) == "●"
        assert "stuck" in text(page, "#gd-text")


def test_the_tooltips_say_the_step_and_the_number_of_steps_the_page_uses():
    """A catalog holds literal text, so the tooltips write START_STEP and STEPS out."""
    tips = {b.key: b.tooltip for b in DescentPage.BINDINGS}
    for key in ("left", "up", "right", "down"):
        assert tips[key] == f"Move the start {key} by {START_STEP:g}"
    assert tips["end"] == f"The last of the {STEPS} steps"
