"""Half-block image rendering: geometry, colours, markers, how the work scales."""

import numpy as np
import pytest
from rich.color import Color
from rich.style import Style
from rich.text import Text

from tui.render.colors import pair_style
from tui.render.halfblock import UPPER_HALF, quantise, render_halfblock

BLACK = Color.parse("#000000")
WHITE = Color.parse("#ffffff")


def cell_styles(text: Text) -> list[Style]:
    """The effective style of every character in ``text`` (later spans win)."""
    styles = [Style()] * len(text.plain)
    for span in text.spans:
        for i in range(span.start, span.end):
            styles[i] = styles[i] + span.style
    return styles


def test_checkerboard_is_one_row_of_two_cells_with_swapped_colours():
    text = render_halfblock(np.array([[0.0, 1.0], [1.0, 0.0]]), paper="#000000", ink="#ffffff")
    assert text.plain == UPPER_HALF * 2
    left, right = cell_styles(text)
    assert (left.color, left.bgcolor) == (BLACK, WHITE)
    assert (right.color, right.bgcolor) == (WHITE, BLACK)


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_mnist_digit_is_14_rows_of_28_times_scale_cells(scale):
    lines = render_halfblock(np.random.default_rng(0).random((28, 28)), scale=scale).plain
    assert [len(line) for line in lines.split("\n")] == [28 * scale] * 14


def test_scale_repeats_each_pixel_horizontally():
    text = render_halfblock(np.array([[1.0, 0.0], [1.0, 0.0]]), scale=3)
    styles = cell_styles(text)
    assert [s.color for s in styles] == [WHITE] * 3 + [BLACK] * 3


def test_odd_height_pads_bottom_half_with_paper():
    text = render_halfblock(np.ones((3, 1)), paper="#000000", ink="#ffffff")
    assert text.plain == f"{UPPER_HALF}\n{UPPER_HALF}"
    last = cell_styles(text)[-1]
    assert (last.color, last.bgcolor) == (WHITE, BLACK)


def test_grey_levels_blend_between_the_given_colours():
    text = render_halfblock(np.array([[0.5], [0.5]]), paper=(0, 0, 0), ink=(200, 100, 0), levels=3)
    (style,) = cell_styles(text)
    assert style.color.get_truecolor() == (100, 50, 0)


def test_quantise_clips_and_treats_nan_as_zero():
    q = quantise(np.array([[-1.0, 0.0, 0.49, 0.51, 1.0, 7.0, np.nan]]), levels=3)
    assert q.tolist() == [[0, 0, 1, 1, 2, 2, 0]]


def test_markers_replace_the_cell_glyph_and_style():
    mark = Style(color="red", bgcolor="black")
    text = render_halfblock(
        np.zeros((4, 3)), scale=2, markers={(1, 4): ("●", mark), (9, 9): ("x", mark)}
    )
    lines = text.plain.split("\n")
    assert lines == [UPPER_HALF * 6, UPPER_HALF * 4 + "●" + UPPER_HALF]
    assert cell_styles(text)[7 + 4] == mark


def test_style_objects_are_cached_per_level_pair():
    assert pair_style("#000000", "#ffffff", 16, 3, 9) is pair_style("#000000", "#ffffff", 16, 3, 9)


def test_rejects_non_2d_input():
    with pytest.raises(ValueError, match="2-D"):
        render_halfblock(np.zeros((2, 2, 2)))


def test_runs_of_equal_cells_are_one_span_each():
    # What keeps a frame cheap: the work grows with the runs of equal cells, not with
    # the cells (a digit is mostly paper).
    image = np.zeros((28, 28))
    image[4:24, 10:18] = 1.0
    text = render_halfblock(image)
    # Cell rows 2-11 (pixel rows 4-23) are paper, ink, paper; the other 4 all paper.
    assert len(text.spans) == 10 * 3 + 4 * 1
    assert [(s.start, s.end) for s in text.spans[2:5]] == [(58, 68), (68, 76), (76, 86)]
