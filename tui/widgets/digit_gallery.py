"""DigitGallery: pages of test digits as half-block thumbnails with predicted/true labels,
and DigitDetail: the selected one large with its softmax probabilities."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from tui.messages import DigitSelected
from tui.render.halfblock import render_halfblock
from tui.widgets.digit_view import DigitView
from tui.widgets.probability_bars import ProbabilityBars
from tui.widgets.styling import component_colors

MARGIN = 2
"""Pixels cropped from each side: MNIST centres a 20×20 digit in a 28×28 frame."""
POOL = 2
"""Thumbnails average POOL×POOL pixels, so a digit is 12×12 pixels = 12 cells × 6 rows
(one cell holds two stacked pixels, which keeps them square)."""
THUMB_SIDE = (28 - 2 * MARGIN) // POOL
TILE_WIDTH = THUMB_SIDE + 1  # one blank column between tiles
TILE_HEIGHT = THUMB_SIDE // 2 + 1  # pixel rows plus the label line
DIGIT_KEYS = Binding.Group("Digit", compact=True)


def thumbnails(images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) images in [0, 1] → (N, 12, 12) cropped and average-pooled thumbnails."""
    inner = images[:, MARGIN : images.shape[1] - MARGIN, MARGIN : images.shape[2] - MARGIN]
    n, h, w = inner.shape
    return inner.reshape(n, h // POOL, POOL, w // POOL, POOL).mean(axis=(2, 4))


def tile_label(true: int, predicted: int | None) -> str:
    """``"7 ✓"`` when right, ``"8 ✗ true 3"`` when wrong, ``"true 7"`` before any prediction."""
    if predicted is None:
        return f"true {true}"
    if predicted == true:
        return f"{predicted} ✓"
    return f"{predicted} ✗ true {true}"


class DigitGallery(Widget, can_focus=True):
    """Test digits in a grid that fills the widget, one page at a time.

    The selection moves with ↑/↓ (when focused) or a click, and pages follow it;
    ``mistakes_only`` shows just the digits the network gets wrong. Posts
    :class:`~tui.messages.DigitSelected` whenever the selected digit changes.
    """

    # ←/→ stay the screen's rewind keys, so the selection moves in reading order on ↑/↓.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Digit", key_display="↑", group=DIGIT_KEYS),
        Binding("down", "move(1)", "Digit", key_display="↓", group=DIGIT_KEYS),
        Binding("home", "move(-1_000_000)", "first digit", show=False),
        Binding("end", "move(1_000_000)", "last digit", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "digit-gallery--pixels",
        "digit-gallery--wrong",
        "digit-gallery--label",
        "digit-gallery--mistake",
        "digit-gallery--selected",
    }
    """``--pixels``: ink (color) and paper (background) of the thumbnails; ``--wrong``:
    ink of misclassified digits; ``--selected``: paper and label style of the selection."""

    DEFAULT_CSS = """
    DigitGallery {
        height: 1fr;
        min-height: 7;
    }
    DigitGallery > .digit-gallery--pixels {
        color: $foreground;
        background: $background-darken-1;
    }
    DigitGallery > .digit-gallery--wrong {
        color: $error;
    }
    DigitGallery > .digit-gallery--label {
        color: $success;
    }
    DigitGallery > .digit-gallery--mistake {
        color: $error;
        text-style: bold;
    }
    DigitGallery > .digit-gallery--selected {
        background: $accent 40%;
        text-style: bold reverse;
    }
    """

    mistakes_only: reactive[bool] = reactive(False)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._thumbs = np.zeros((0, THUMB_SIDE, THUMB_SIDE))
        self._labels = np.zeros(0, dtype=int)
        self._predicted: np.ndarray | None = None
        self._shown = np.zeros(0, dtype=int)  # dataset indices passing the filter
        self._cursor = 0  # position of the selection within _shown
        self._posted: int | None = -1  # last selection announced; -1 = none yet

    # --- data -------------------------------------------------------------------

    def set_digits(self, images: np.ndarray, labels: np.ndarray) -> None:
        """Show (N, 28, 28) images in [0, 1] with their (N,) true labels; clears predictions."""
        self._thumbs = thumbnails(np.asarray(images, dtype=np.float32))
        self._labels = np.asarray(labels).astype(int)
        self._predicted = None
        self._cursor = 0
        self._refilter(keep=None)

    def set_predictions(self, predicted: np.ndarray | None) -> None:
        """(N,) predicted digits for the digits shown, or None; keeps the selected digit."""
        self._predicted = None if predicted is None else np.asarray(predicted).astype(int)
        self._refilter(keep=self.selected)

    @property
    def selected(self) -> int | None:
        """Dataset index of the selected digit; None when no digit passes the filter."""
        return int(self._shown[self._cursor]) if self._shown.size else None

    @property
    def mistakes(self) -> int:
        if self._predicted is None:
            return 0
        return int(np.count_nonzero(self._predicted != self._labels))

    def watch_mistakes_only(self) -> None:
        self._refilter(keep=self.selected)

    def _refilter(self, keep: int | None) -> None:
        """Recompute which digits pass the filter; stay on ``keep`` or the next one after it."""
        everything = np.arange(len(self._labels))
        if self.mistakes_only and self._predicted is not None:
            self._shown = everything[self._predicted != self._labels]
        elif self.mistakes_only:
            self._shown = everything[:0]
        else:
            self._shown = everything
        if keep is not None:
            self._cursor = int(np.searchsorted(self._shown, keep))
        self._cursor = min(self._cursor, max(self._shown.size - 1, 0))
        self._changed()

    # --- navigation ---------------------------------------------------------------

    def _grid(self) -> tuple[int, int]:
        """(columns, rows) of tiles that fit the content area, at least 1 × 1."""
        columns = max(1, (self.content_size.width + 1) // TILE_WIDTH)
        rows = max(1, self.content_size.height // TILE_HEIGHT)
        return columns, rows

    @property
    def page_size(self) -> int:
        columns, rows = self._grid()
        return columns * rows

    def action_move(self, delta: int) -> None:
        if self._shown.size:
            self._cursor = int(np.clip(self._cursor + delta, 0, self._shown.size - 1))
            self._changed()

    def page(self, delta: int) -> None:
        """Go ``delta`` pages on, keeping the selection's place on the page."""
        self.action_move(delta * self.page_size)

    def on_resize(self) -> None:
        self._changed()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        columns, rows = self._grid()
        column, row = offset.x // TILE_WIDTH, offset.y // TILE_HEIGHT
        if column < columns and row < rows:
            start = self._cursor - self._cursor % self.page_size
            self.action_move(start + row * columns + column - self._cursor)

    def _changed(self) -> None:
        self._update_caption()
        self.refresh()
        if self.selected != self._posted:
            self._posted = self.selected
            self.post_message(DigitSelected(self.selected))

    def _update_caption(self) -> None:
        total = self._shown.size
        size = self.page_size
        if total == 0:
            where = "no mistakes" if self.mistakes_only else "no digits"
        else:
            first = self._cursor - self._cursor % size
            last = min(first + size, total)
            where = f"{first + 1}–{last} of {total:,}"
        self.border_title = f"mistakes {where}" if self.mistakes_only else where

    # --- drawing -------------------------------------------------------------------

    def render(self) -> Text:
        if self._shown.size == 0:
            message = "no mistakes to show" if self.mistakes_only else "no digits loaded"
            return Text(message, style="dim")
        columns, rows = self._grid()
        size = columns * rows
        start = self._cursor - self._cursor % size
        page = self._shown[start : start + size]
        ink, paper = component_colors(self, "digit-gallery--pixels")
        wrong_ink, _ = component_colors(self, "digit-gallery--wrong")
        _, selected_paper = component_colors(self, "digit-gallery--selected")
        styles = {
            "right": self.get_component_rich_style("digit-gallery--label"),
            "wrong": self.get_component_rich_style("digit-gallery--mistake"),
            "selected": self.get_component_rich_style("digit-gallery--selected"),
        }
        text = Text(no_wrap=True, overflow="crop")
        for row_start in range(0, page.size, columns):
            lines = [Text() for _ in range(TILE_HEIGHT)]
            for position, index in enumerate(page[row_start : row_start + columns].tolist()):
                predicted = None if self._predicted is None else int(self._predicted[index])
                is_wrong = predicted is not None and predicted != self._labels[index]
                is_selected = start + row_start + position == self._cursor
                tile = render_halfblock(
                    self._thumbs[index],
                    scale=1,
                    paper=selected_paper if is_selected else paper,
                    ink=wrong_ink if is_wrong else ink,
                )
                for line, pixels in zip(lines, tile.split("\n"), strict=False):
                    line.append_text(pixels)
                    line.append(" ")
                label_style: Style = styles["wrong" if is_wrong else "right"]
                if is_selected:
                    label_style = label_style + styles["selected"]
                label = tile_label(int(self._labels[index]), predicted)
                lines[-1].append(label.ljust(THUMB_SIDE), label_style)
                lines[-1].append(" ")
            for line in lines:
                text.append_text(line)
                text.append("\n")
        text.rstrip()
        return text


class DigitDetail(Vertical):
    """The selected digit: a caption, its 10 softmax probabilities as bars, and the image.

    The image is drawn 28×28 when the pane is tall enough, else at thumbnail
    resolution, so the bars never get pushed out of an 80×24 terminal.
    """

    DEFAULT_CSS = """
    DigitDetail {
        height: 1fr;
    }
    DigitDetail > #digit-caption {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._image: np.ndarray | None = None

    def compose(self) -> ComposeResult:
        yield Static("select a digit", id="digit-caption", markup=False)
        yield ProbabilityBars(id="digit-bars")
        yield DigitView(scale=1, id="digit-image")

    def show(
        self, index: int | None, image: np.ndarray | None, true: int, probs: np.ndarray | None
    ) -> None:
        """Show test digit ``index`` ((28, 28) ``image``, label ``true``) and the network's
        (10,) ``probs`` for it; ``index`` None clears the pane."""
        caption = self.query_one("#digit-caption", Static)
        bars = self.query_one(ProbabilityBars)
        if index is None or image is None:
            caption.update("no digit selected", layout=False)  # one fixed row
            bars.probs = None
            self._image = None
            self._draw_image()
            return
        verdict = ""
        if probs is not None:
            predicted = int(np.argmax(probs))
            verdict = f", says {predicted} " + ("✓" if predicted == true else "✗")
        caption.update(f"test #{index:,}: true {true}{verdict}", layout=False)
        bars.true_label = true
        bars.probs = probs
        self._image = image
        self._draw_image()

    def on_resize(self) -> None:
        self._draw_image()

    def _draw_image(self) -> None:
        view = self.query_one(DigitView)
        if self._image is None:
            view.image = None
            return
        full_height = 1 + 10 + self._image.shape[0] // 2  # caption, bars, image
        fits = self.size.height >= full_height
        view.image = self._image if fits else thumbnails(self._image[np.newaxis])[0]
