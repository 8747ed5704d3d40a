"""DigitDetail: the gallery's selected digit large, with its softmax probabilities and
its first hidden layer's activations."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.render.activation_strip import activation_strip
from tui.widgets.digit_tiles import thumbnails
from tui.widgets.digit_view import DigitView
from tui.widgets.probability_bars import ProbabilityBars


class DigitDetail(Vertical):
    """The selected digit: a caption, its 10 softmax probabilities as bars, and the image.

    The image is drawn 28×28 when the pane is tall enough, else at thumbnail
    resolution, so the bars never get pushed out of an 80×24 terminal.
    """

    DEFAULT_CSS = """
    DigitDetail {
        height: 1fr;
    }
    DigitDetail > #digit-hidden {
        height: auto;
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
        self._caption = ""
        self._hidden: np.ndarray | None = None

    def compose(self) -> ComposeResult:
        yield Static("select a digit", id="digit-caption", markup=False)
        yield ProbabilityBars(id="digit-bars")
        yield Static("", id="digit-hidden", markup=False)
        yield DigitView(scale=1, id="digit-image")

    def show(
        self,
        index: int | None,
        image: np.ndarray | None,
        true: int,
        probs: np.ndarray | None,
        hidden: np.ndarray | None = None,
    ) -> None:
        """Show test digit ``index`` ((28, 28) ``image``, label ``true``), the network's
        (10,) ``probs`` for it and its (H,) first-layer ``hidden`` activations; ``index``
        None clears the pane."""
        bars = self.query_one(ProbabilityBars)
        self._hidden = None if index is None else hidden
        self._draw_hidden()
        if index is None or image is None:
            self._set_caption("no digit selected")
            bars.probs = None
            self._set_image(None)
            return
        verdict = ""
        if probs is not None:
            predicted = int(np.argmax(probs))
            verdict = f", says {predicted} " + ("✓" if predicted == true else "✗")
        self._set_caption(f"test #{index:,}: true {true}{verdict}")
        bars.true_label = true
        bars.probs = probs
        self._set_image(image)

    def _set_caption(self, text: str) -> None:
        if text != self._caption:
            self._caption = text
            self.query_one("#digit-caption", Static).update(text, layout=False)  # one fixed row

    def _set_image(self, image: np.ndarray | None) -> None:
        # Every epoch shows the same digit anew; drawing it again would cost the training
        # thread for a picture that cannot have changed.
        if image is None or self._image is None or not np.array_equal(image, self._image):
            self._image = image
            self._draw_image()

    def on_resize(self) -> None:
        self._draw_hidden()
        self._draw_image()

    def _hidden_rows(self) -> list[str]:
        if self._hidden is None:
            return []
        h = self._hidden
        caption = f"hidden: {h.size} units, max {float(np.abs(h).max(initial=0)):.2f}"
        return [caption, *activation_strip(h, self.content_size.width or 31)]

    def _draw_hidden(self) -> None:
        self.query_one("#digit-hidden", Static).update("\n".join(self._hidden_rows()))

    def _draw_image(self) -> None:
        view = self.query_one(DigitView)
        if self._image is None:
            view.image = None
            return
        # caption, bars, hidden strip, image
        full_height = 1 + 10 + len(self._hidden_rows()) + self._image.shape[0] // 2
        fits = self.size.height >= full_height
        view.image = self._image if fits else thumbnails(self._image[np.newaxis])[0]
