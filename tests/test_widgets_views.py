"""DigitView, ProbabilityBars, ConfusionMatrix, DecisionMap and TooSmall inside a real app."""

import numpy as np
from rich.color import Color
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical

from tui.render.decision_map import grid_inputs, to_grid
from tui.render.halfblock import UPPER_HALF
from tui.widgets import ConfusionMatrix, DecisionMap, DigitView, ProbabilityBars, TooSmall


class ViewsApp(App):
    CSS = """
    DigitView > .digit-view--pixels { color: #ff0000; background: #0000ff; }
    #left { width: 30; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield DigitView(id="digit")
                yield ProbabilityBars(id="bars")
            with Vertical():
                yield ConfusionMatrix(id="confusion")
                yield DecisionMap(id="map")


async def test_digit_view_is_28_by_14_and_uses_component_colours():
    image = np.zeros((28, 28))
    image[0, 0] = 1.0
    app = ViewsApp()
    async with app.run_test(size=(80, 24)):
        digit = app.query_one(DigitView)
        assert (digit.size.width, digit.size.height) == (28, 14)
        text = digit.render()
        assert set(text.plain) == {UPPER_HALF, "\n"}
        digit.image = image
        first = next(s.style for s in digit.render().spans if s.start == 0)
        assert first.color == Color.parse("#ff0000") and first.bgcolor == Color.parse("#0000ff")


async def test_digit_view_scale_changes_layout():
    app = ViewsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        digit = app.query_one(DigitView)
        digit.scale = 2
        digit.image = np.ones((10, 20))
        await pilot.pause()
        assert (digit.size.width, digit.size.height) == (40, 5)


async def test_probability_bars_placeholder_then_bars_fitting_the_width():
    app = ViewsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bars = app.query_one(ProbabilityBars)
        assert bars.render().plain == "no prediction yet"
        probs = np.full(10, 0.02)
        probs[3] = 0.82
        bars.probs = probs
        bars.true_label = 5
        await pilot.pause()
        lines = bars.render().plain.split("\n")
        assert len(lines) == 10 and bars.size.height == 10
        assert lines[3].startswith("▶ 3") and "82.0%" in lines[3]
        assert lines[5].endswith("◀") or lines[5].endswith("◀ true")
        assert max(map(len, lines)) <= bars.size.width == 30


async def test_confusion_matrix_sizes_itself_to_its_text():
    m = np.eye(10, dtype=int) * 90
    m[2, 7] = 10
    app = ViewsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        confusion = app.query_one(ConfusionMatrix)
        confusion.matrix = m
        await pilot.pause()
        plain = confusion.render().plain
        assert plain.endswith("accuracy 98.9% (900/910)")
        assert confusion.size.width == 44 and confusion.size.height == 13


async def test_decision_map_placeholder_then_map_with_markers():
    app = ViewsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        decision = app.query_one(DecisionMap)
        assert decision.render().plain == "no network yet"
        x = grid_inputs(24)
        decision.grid = to_grid(x[:, 0] * x[:, 1], 24)
        decision.targets = (0, 0, 0, 1)
        await pilot.pause()
        lines = decision.render().plain.split("\n")
        assert len(lines) == 15 and decision.size.height == 15
        assert lines[0][3] == "0" and lines[0][3 + 23] == "1"
        assert lines[11][3] == "0" and lines[11][3 + 23] == "0"


class SmallApp(App):
    def compose(self) -> ComposeResult:
        yield TooSmall()


async def test_too_small_reports_current_size_and_follows_resizes():
    app = SmallApp()
    async with app.run_test(size=(60, 20)) as pilot:
        notice = app.query_one(TooSmall)
        assert str(notice.render()) == "Enlarge the terminal to at least 80×24 (now 60×20)"
        await pilot.resize_terminal(70, 22)
        await pilot.pause()
        assert str(notice.render()).endswith("(now 70×22)")
