"""Probability bars: lengths, highlighting, tags, NaN."""

import numpy as np
import pytest
from rich.style import Style

from tui.render.bars import FULL, PARTIALS, bar_string, render_bars

EIGHTHS = {FULL: 8, " ": 0} | {c: i for i, c in enumerate(PARTIALS) if c}


def eighths(bar: str) -> int:
    return sum(EIGHTHS[c] for c in bar)


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0.0, " " * 4), (1.0, FULL * 4), (0.5, FULL * 2 + "  "), (1 / 32, "▏   "), (0.375, "█▌  ")],
)
def test_bar_string_uses_eighth_blocks(fraction, expected):
    assert bar_string(fraction, 4) == expected


def test_bar_string_clips_out_of_range():
    assert bar_string(-0.2, 3) == "   "
    assert bar_string(1.7, 3) == FULL * 3


def test_ten_lines_with_bar_lengths_proportional_to_probability():
    probs = np.array([0.0, 0.1, 0.2, 0.05, 0.4, 0.0, 0.0, 0.25, 0.0, 0.0])
    lines = render_bars(probs, width=40).plain.split("\n")
    assert len(lines) == 10
    assert all(len(line) == 40 for line in lines)
    bar_width = 40 - len("▶ 0 ") - len(" 100.0%")
    bars = [line[4 : 4 + bar_width] for line in lines]
    assert [eighths(b) for b in bars] == [round(p * bar_width * 8) for p in probs]
    assert lines[4].endswith(" 40.0%")


def test_argmax_gets_pointer_and_best_style():
    best = Style(bold=True, color="yellow")
    text = render_bars(np.array([0.1, 0.7, 0.2]), best_style=best)
    lines = text.plain.split("\n")
    assert [line[:2] for line in lines] == ["  ", "▶ ", "  "]
    start = len(lines[0]) + 1
    assert any(s.start <= start + 4 < s.end and s.style == best for s in text.spans)


def test_true_label_is_tagged_long_or_short_by_width():
    probs = np.array([0.6, 0.4])
    wide = render_bars(probs, true_label=1, width=40).plain.split("\n")
    narrow = render_bars(probs, true_label=1, width=24).plain.split("\n")
    assert wide[1].endswith(" ◀ true") and "◀" not in wide[0]
    assert narrow[1].endswith(" ◀") and len(narrow[1]) == 24
    assert len(wide[1]) == 40


def test_nan_has_no_bar_and_is_not_the_argmax():
    lines = render_bars(np.array([np.nan, 0.3]), width=30).plain.split("\n")
    assert lines[0].startswith("  0 ") and lines[0].endswith("NaN")
    assert FULL not in lines[0]
    assert lines[1].startswith("▶ ")


def test_custom_labels_and_mismatch():
    assert render_bars(np.array([1.0, 0.0]), labels=["cat", "dog"]).plain.startswith("▶ cat")
    with pytest.raises(ValueError):
        render_bars(np.array([1.0, 0.0]), labels=["cat"])
