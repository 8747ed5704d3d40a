"""Decision map: grid sampling, orientation, point markers, legend."""

import numpy as np
import pytest
from rich.color import Color

from tui.render.decision_map import (
    GATE_POINTS,
    GUTTER,
    boundary_pixels,
    grid_inputs,
    point_cell,
    render_decision_map,
    to_grid,
)
from tui.render.halfblock import UPPER_HALF

RED, GREEN, BLACK = "#ff0000", "#00ff00", "#000000"


def styles_at(text, offset):
    return [s.style for s in text.spans if s.start <= offset < s.end]


def test_grid_inputs_cover_the_unit_square_with_x2_falling_down_rows():
    x = grid_inputs(3)
    assert x.shape == (9, 2)
    np.testing.assert_allclose(x[:3], [[0.0, 1.0], [0.5, 1.0], [1.0, 1.0]])
    np.testing.assert_allclose(x[-1], [1.0, 0.0])


def test_to_grid_reshape_matches_screen_orientation():
    n = 4
    x = grid_inputs(n)
    grid = to_grid(x[:, 1:2], n)  # a "network" that outputs x2, shaped (n*n, 1)
    np.testing.assert_allclose(grid[:, 0], [1.0, 2 / 3, 1 / 3, 0.0])
    np.testing.assert_allclose(to_grid(x[:, 0], n)[0], [0.0, 1 / 3, 2 / 3, 1.0])
    with pytest.raises(ValueError):
        to_grid(np.zeros(15), n)


def test_point_cell_maps_corners_to_corner_cells():
    assert point_cell(0.0, 1.0, rows=6, cols=12) == (0, 0)
    assert point_cell(1.0, 0.0, rows=6, cols=12) == (5, 11)
    assert point_cell(0.5, 0.5, rows=5, cols=5) == (2, 2)


def test_gate_points_marked_at_the_corners_with_target_glyphs_and_colours():
    n = 4
    text = render_decision_map(
        np.full((n, n), 0.5),
        GATE_POINTS,
        [0, 1, 1, 0],
        zero=RED,
        one=GREEN,
        marker_background=BLACK,
    )
    lines = text.plain.split("\n")
    width = n + 1  # map cells plus the newline
    # GATE_POINTS order: (0,0) (0,1) (1,0) (1,1) with targets 0 1 1 0 (XOR)
    assert lines[0][GUTTER:] == "1" + UPPER_HALF * 2 + "0"
    assert lines[1][GUTTER:] == "0" + UPPER_HALF * 2 + "1"
    top_left = styles_at(text, GUTTER)[-1]
    assert top_left.color == Color.parse(GREEN) and top_left.bgcolor == Color.parse(BLACK)
    bottom_left = styles_at(text, GUTTER + width + GUTTER)[-1]
    assert bottom_left.color == Color.parse(RED)


def test_outputs_shade_from_zero_colour_to_one_colour():
    grid = np.zeros((4, 4))
    grid[:, 2:] = 1.0
    text = render_decision_map(grid, zero=RED, one=GREEN)
    left, right = styles_at(text, GUTTER)[-1], styles_at(text, GUTTER + 3)[-1]
    assert (left.color, left.bgcolor) == (Color.parse(RED), Color.parse(RED))
    assert (right.color, right.bgcolor) == (Color.parse(GREEN), Color.parse(GREEN))


def test_axes_and_legend_lines():
    n = 24
    lines = render_decision_map(np.zeros((n, n)), targets=[0, 0, 0, 1]).plain.split("\n")
    assert len(lines) == n // 2 + 3
    assert lines[0].startswith(" 1 ") and lines[n // 2 - 1].startswith(" 0 ")
    assert lines[n // 4].startswith("x2 ")
    axis = lines[n // 2]
    assert axis[GUTTER] == "0" and axis[GUTTER + n - 1] == "1" and "x1" in axis
    assert "output 0" in lines[-2] and "target" in lines[-1]


def test_scale_widens_the_map():
    text = render_decision_map(np.zeros((4, 4)), scale=2)
    assert len(text.plain.split("\n")[0]) == GUTTER + 8


def test_rejects_odd_or_non_square_grids_and_target_mismatch():
    with pytest.raises(ValueError):
        render_decision_map(np.zeros((5, 5)))
    with pytest.raises(ValueError):
        render_decision_map(np.zeros((4, 6)))
    with pytest.raises(ValueError):
        render_decision_map(np.zeros((4, 4)), targets=[0, 1])


def test_boundary_follows_the_sign_even_when_outputs_hug_one_half():
    # Outputs within 1e-4 of 0.5, as single-layer XOR ends: the line x1 + x2 = 1 still shows.
    n = 8
    x = grid_inputs(n)
    grid = to_grid(0.5 + 1e-5 * (x[:, 0] + x[:, 1] - 1.0), n)
    pixels = boundary_pixels(grid)
    assert len(pixels) == n - 1  # one crossing per row that has one, none missed
    for row, col in pixels:
        assert grid[row, col] < 0.5 <= grid[row, col + 1]


def test_flat_boundary_is_traced_column_by_column():
    grid = np.zeros((6, 6))
    grid[:3] = 1.0  # top half says 1: a horizontal line between rows 2 and 3
    assert boundary_pixels(grid) == [(2, j) for j in range(6)]


def test_no_boundary_when_the_decision_never_flips():
    assert boundary_pixels(np.full((4, 4), 0.7)) == []
