"""On a 16-colour terminal (TERM=linux, screen) digit pixels stay grey, a wrong digit's
stay in one hue, and confusion counts of different sizes stay told apart.

The app runs in Textual's 16-colour mode (its console detects TERM=linux); each colour
is then downgraded with Rich's ``Color.downgrade``, exactly as the terminal driver does.
"""

from __future__ import annotations

import numpy as np
import pytest
from pilot import settle
from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region

from tui.app import NNLabApp
from tui.render.colors import GREYS, ladder16, ramp
from tui.render.halfblock import UPPER_HALF
from tui.tasks import Task
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.digit_tiles import TILE_HEIGHT, TILE_WIDTH
from tui.widgets.digit_view import DigitView

YELLOW, RED, BRIGHT_RED = 3, 1, 9


@pytest.fixture(params=["linux", "screen"])
def sixteen_colour_terminal(request, monkeypatch) -> None:
    monkeypatch.setenv("TERM", request.param)
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)


class Pictures(App):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield DigitGallery()
            yield DigitView(scale=1)
            yield ConfusionMatrix()


def gradients(n: int) -> np.ndarray:
    """(n, 28, 28) images whose columns run through every grey from 0 to 1."""
    return np.tile(np.linspace(0.0, 1.0, 28), (n, 28, 1))


def terminal_colour(color) -> int | None:
    """What a 16-colour terminal shows for ``color`` (None: the terminal's default)."""
    return None if color is None else color.downgrade(ColorSystem.STANDARD).number


def pixel_colours(gallery: DigitGallery, wrong: set[int]) -> tuple[set[int], set[int]]:
    """The 16-colour numbers of the right and of the wrong tiles' pixels, page 0."""
    columns = (gallery.content_size.width + 1) // TILE_WIDTH
    right_colours, wrong_colours = set(), set()
    for y, strip in enumerate(gallery.render_lines(Region(0, 0, *gallery.size))):
        x = 0
        for segment in strip:
            for char in segment.text:
                tile = (y // TILE_HEIGHT) * columns + x // TILE_WIDTH
                if char == UPPER_HALF and tile != gallery.selected:
                    colours = {terminal_colour(segment.style.color)}
                    colours.add(terminal_colour(segment.style.bgcolor))
                    (wrong_colours if tile in wrong else right_colours).update(colours - {None})
                x += 1
    return right_colours, wrong_colours


async def test_digit_pixels_keep_their_greys_and_wrong_ones_their_red(sixteen_colour_terminal):
    app = Pictures()
    async with app.run_test(size=(80, 40)) as pilot:
        assert app.console.color_system == "standard"
        gallery = app.query_one(DigitGallery)
        labels = np.arange(12) % 10
        predicted = labels.copy()
        predicted[1::2] = (labels[1::2] + 1) % 10
        gallery.set_digits(gradients(12), labels)
        gallery.set_predictions(predicted)
        view = app.query_one(DigitView)
        view.image = gradients(1)[0]
        await pilot.pause()
        right, wrong = pixel_colours(gallery, wrong=set(range(1, 12, 2)))
        assert YELLOW not in right | wrong  # each blend's nearest colour: often yellow
        assert wrong == {0, RED, BRIGHT_RED}  # paper, then the error hue dark and bright
        assert right == set(GREYS)  # black, bright black, white, bright white: four levels
        big = {
            terminal_colour(c)
            for strip in view.render_lines(Region(0, 0, *view.size))
            for segment in strip
            for c in (segment.style.color, segment.style.bgcolor)
        }
        assert big - {None} == set(GREYS)


async def test_confusion_counts_from_1_to_65_get_four_marks_in_order(sixteen_colour_terminal):
    app = Pictures()
    async with app.run_test(size=(80, 40)) as pilot:
        matrix = np.diag(np.full(10, 900))
        counts = [1, 5, 16, 17, 30, 33, 48, 49, 65]
        for i, count in enumerate(counts):
            matrix[i, (i + 1) % 10] = count
        confusion = app.query_one(ConfusionMatrix)
        confusion.matrix = matrix
        await pilot.pause()
        marks = {}
        for strip in confusion.render_lines(Region(0, 0, *confusion.size)):
            for segment in strip:
                # An error's count fills the last 3 of its 4 columns; row labels are 4 wide.
                is_count = len(segment.text) == 3 and segment.text.strip().isdigit()
                if is_count and int(segment.text) in counts:
                    style = segment.style
                    marks[int(segment.text)] = (
                        terminal_colour(style.color),
                        terminal_colour(style.bgcolor),
                    )
        # ceil(count / 65 * 4): four marks, the same within a quarter of the worst count.
        by_level = [[1, 5, 16], [17, 30], [33, 48], [49, 65]]
        levels = [{marks[c] for c in group} for group in by_level]
        assert all(len(level) == 1 for level in levels)
        ordered = [level.pop() for level in levels]
        assert len(set(ordered)) == 4
        assert ordered[0][0] == RED and ordered[1][0] == BRIGHT_RED  # written in red
        assert ordered[2][1] == RED and ordered[3][1] == BRIGHT_RED  # written on red
        assert YELLOW not in {n for mark in ordered for n in mark}


@pytest.mark.parametrize(
    ("paper", "ink", "steps"),
    [
        ("#000000", "#E0E0E0", (0, 8, 7, 15)),  # textual-dark's digits: every grey
        ("#CACACA", "#1F1F1F", (7, 8, 0)),  # textual-light's: white paper, dark ink
        ("#121212", "#B93C5B", (0, 1, 9)),  # a wrong digit: black, red, bright red
        ("#E0E0E0", "#B93C5B", (15, 9, 1)),  # on light paper the dark red is the ink
        ("#000000", "#050505", (0, 8, 7, 15)),  # both black on 16 colours: ink turns white
    ],
)
def test_ladder16_steps_from_paper_through_the_inks_family(paper, ink, steps):
    assert ladder16(paper, ink) == steps
    ramp16 = ramp(paper, ink, 16, colors16=True)
    assert [terminal_colour(c) for c in (ramp16[0], ramp16[-1])] == [steps[0], steps[-1]]
    assert {terminal_colour(c) for c in ramp16} == set(steps)


async def test_the_mnist_workbench_keeps_its_digits_grey_and_its_counts_apart(
    sixteen_colour_terminal, tiny_mnist
):
    """The same, in the app itself (its theme, its panes) after an epoch of training."""
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.console.color_system == "standard"
        await app.screen.open_task(Task("mnist", "book", "book"))
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        gallery = app.query_one(DigitGallery)
        pixels = set()
        for strip in gallery.render_lines(Region(0, 0, *gallery.outer_size)):
            for segment in strip:
                if UPPER_HALF in segment.text:
                    pixels |= {terminal_colour(segment.style.color)}
                    pixels |= {terminal_colour(segment.style.bgcolor)}
        assert YELLOW not in pixels
        assert pixels - {None} <= set(GREYS) | {RED, BRIGHT_RED}
        await pilot.press("3")
        await settle(pilot)
        confusion = app.query_one(ConfusionMatrix)
        matrix = confusion.matrix
        errors = matrix - np.diag(np.diag(matrix))
        marks: dict[int, set] = {}
        for strip in confusion.render_lines(Region(0, 0, *confusion.outer_size)):
            for segment in strip:
                if len(segment.text) == 3 and segment.text.strip().isdigit():
                    style = segment.style
                    mark = (terminal_colour(style.color), terminal_colour(style.bgcolor))
                    marks.setdefault(int(segment.text), set()).add(mark)
        worst = errors.max()
        counts = set(errors[errors > 0].tolist()) - set(np.diag(matrix).tolist())
        levels = {count: int(np.ceil(count / worst * 4)) for count in counts}
        assert levels and set(levels) <= set(marks)
        # One mark per level of the worst count, a different one for each level.
        by_level = {level: set() for level in levels.values()}
        for count, level in levels.items():
            by_level[level] |= marks[count]
        assert all(len(shown) == 1 for shown in by_level.values())
        assert len({shown.pop() for shown in by_level.values()}) == len(by_level)
