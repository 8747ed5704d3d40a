"""Round-number axis ticks."""

import math

import pytest

from tui.render.ticks import linear_ticks, log_ticks


def test_log_ticks_use_1_2_5_when_they_fit():
    positions, labels = log_ticks(0.05, 2.3)
    assert labels == ["0.05", "0.1", "0.2", "0.5", "1", "2"]
    assert positions == pytest.approx([math.log10(float(label)) for label in labels])


def test_log_ticks_fall_back_to_thinned_decades():
    assert log_ticks(1e-4, 0.25, max_ticks=6)[1] == ["0.0001", "0.001", "0.01", "0.1"]
    assert len(log_ticks(1e-9, 1e3, max_ticks=4)[1]) <= 4


def test_log_ticks_narrow_range_gets_three_ticks():
    assert log_ticks(0.3, 0.35)[1] == ["0.3", "0.324", "0.35"]
    assert log_ticks(1.0, 1.0)[1] == ["1"]
    with pytest.raises(ValueError):
        log_ticks(0.0, 1.0)


def test_linear_ticks_are_round_numbers_inside_the_range():
    assert linear_ticks(1, 30, 5)[1] == ["10", "20", "30"]
    assert linear_ticks(0.1, 0.3, 4)[1] == ["0.1", "0.2", "0.3"]
    assert linear_ticks(0, 60000, 4)[1] == ["0", "20000", "40000", "60000"]
    assert linear_ticks(2, 2)[1] == ["2"]
