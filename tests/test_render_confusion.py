"""Confusion matrix text: numbers round-trip, shading, width."""

import numpy as np
import pytest
from rich.style import Style

from tui.render.confusion import ZERO, error_shade, render_confusion


def sample_matrix(diagonal: int = 95) -> np.ndarray:
    m = np.zeros((10, 10), dtype=int)
    np.fill_diagonal(m, diagonal)
    m[4, 9], m[9, 4], m[7, 1] = 6, 2, 1
    return m


def parse_rows(plain: str) -> np.ndarray:
    rows = plain.split("\n")[2:12]
    cells = [row[4:].split() for row in rows]
    return np.array([[0 if c == ZERO else int(c) for c in row] for row in cells])


def test_numbers_round_trip_and_footer_sums():
    m = sample_matrix()
    plain = render_confusion(m).plain
    np.testing.assert_array_equal(parse_rows(plain), m)
    assert plain.split("\n")[-1] == f"accuracy {950 / 959:.1%} (950/959)"


def test_layout_headers_and_width():
    lines = render_confusion(sample_matrix()).plain.split("\n")
    assert len(lines) == 13
    assert lines[0].strip() == "predicted"
    assert lines[1].split() == [str(i) for i in range(10)]
    assert "".join(line[0] for line in lines[2:6]) == "true"
    assert max(map(len, lines)) == 44
    wide = render_confusion(sample_matrix(diagonal=1135)).plain.split("\n")
    assert max(map(len, wide)) == 54


def styles_at(text, offset):
    found = [s.style for s in text.spans if s.start <= offset < s.end]
    return [Style.parse(style) if isinstance(style, str) else style for style in found]


def test_diagonal_highlighted_and_errors_shaded_by_magnitude():
    diag = Style(color="green", bold=True)
    text = render_confusion(sample_matrix(), diagonal_style=diag, paper="#000000", error="#ff0000")
    lines = text.plain.split("\n")

    def offset(row: int, col: int) -> int:
        return sum(len(line) + 1 for line in lines[: row + 2]) + 4 + col * 4 + 3

    assert diag in styles_at(text, offset(3, 3))
    worst = styles_at(text, offset(4, 9))[0].bgcolor.get_truecolor()
    small = styles_at(text, offset(9, 4))[0].bgcolor.get_truecolor()
    assert worst == (255, 0, 0)
    assert 0 < small[0] < worst[0]
    assert all(s.bgcolor is None for s in styles_at(text, offset(0, 1)))


def test_shading_gap_between_neighbouring_cells():
    m = sample_matrix()
    m[0, 1] = m[0, 2] = 5
    text = render_confusion(m, paper="#000000", error="#ff0000")
    row = len(text.plain.split("\n")[0]) + len(text.plain.split("\n")[1]) + 2
    gap = row + 4 + 2 * 4  # first character of column 2's cell
    assert all(s.bgcolor is None for s in styles_at(text, gap))


def test_error_shade_levels():
    assert error_shade(0, 10) == 0.0
    assert error_shade(10, 10) == 1.0
    assert 0.25 <= error_shade(1, 1000) < error_shade(500, 1000) < 1.0


def test_rejects_non_square():
    with pytest.raises(ValueError, match="square"):
        render_confusion(np.zeros((3, 4), dtype=int))


def test_cursor_cell_is_drawn_in_reverse_video_and_only_it():
    matrix = np.array([[5, 0, 2], [1, 7, 0], [0, 3, 9]])
    text = render_confusion(matrix, cursor=(2, 1))
    reversed_spans = [s for s in text.spans if getattr(s.style, "reverse", False)]
    assert len(reversed_spans) == 1
    row = text.plain.split("\n")[2 + 2]
    start = text.plain.index(row)
    span = reversed_spans[0]
    assert start <= span.start and span.end <= start + len(row)
    assert text.plain[span.start : span.end].strip() == "3"
    assert not [s for s in render_confusion(matrix).spans if getattr(s.style, "reverse", False)]
