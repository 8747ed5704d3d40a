"""DigitDetail: the gallery's selected digit large, with its softmax probabilities and
its first hidden layer's activations, laid out to fit whatever room the pane has."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Static

from nncore.preprocess import MNIST_CLASSES, MNIST_SIDE
from tui.i18n import _, ngettext
from tui.render.activation_strip import activation_strip
from tui.widgets.digit_view import DigitView, half_size
from tui.widgets.probability_bars import ProbabilityBars

BARS_MIN_WIDTH = 18
"""Narrowest bars worth drawing beside the digit: label, percentage, "◀" and a 5-cell bar."""


@dataclass(frozen=True)
class DetailLayout:
    """How the pane is arranged: the digit at ``full`` size (else halved, 14×14), the
    bars ``beside`` it (else under it), and ``strip_rows`` rows of the hidden strip."""

    full: bool
    beside: bool
    strip_rows: int

    @property
    def image_rows(self) -> int:
        return MNIST_SIDE // 2 if self.full else MNIST_SIDE // 4

    @property
    def image_width(self) -> int:
        return MNIST_SIDE if self.full else MNIST_SIDE // 2

    @property
    def top_rows(self) -> int:
        """Rows of the digit and the bars together."""
        if self.beside:
            return max(self.image_rows, MNIST_CLASSES)
        return self.image_rows + MNIST_CLASSES


def plan_layout(width: int, height: int, units: int) -> DetailLayout:
    """The arrangement for a pane of ``width`` × ``height`` cells showing ``units``
    hidden activations (0: no strip). In order of preference, the first in which
    everything fits: the full digit above the bars, the full digit beside them, the
    halved digit above them, the halved digit beside them. When none holds all of the
    strip, the one leaving it most rows, and the strip shows what fits of it (its
    caption says how much). The digit comes first, so it is never the part cut."""

    candidates = []
    for full in (True, False):
        for beside in (False, True):
            side = MNIST_SIDE if full else MNIST_SIDE // 2
            needed = side + 1 + BARS_MIN_WIDTH if beside else max(side, BARS_MIN_WIDTH)
            if width >= needed:
                candidates.append(DetailLayout(full, beside, 0))
    if not candidates:  # narrower than any arrangement: the halved digit, bars under it
        candidates.append(DetailLayout(False, False, 0))
    wanted = 0 if units == 0 else 1 + math.ceil(units / max(1, width))  # caption, rows
    for layout in candidates:
        if 1 + layout.top_rows + wanted <= height:
            return DetailLayout(layout.full, layout.beside, wanted)
    roomiest = min(candidates, key=lambda layout: layout.top_rows)
    return DetailLayout(roomiest.full, roomiest.beside, max(0, height - 1 - roomiest.top_rows))


class DigitDetail(Vertical):
    """The selected digit: a caption, the image, its 10 softmax probabilities as bars,
    and its first hidden layer's activations as a strip.

    The image is drawn 28×28 (28 cells × 14 rows) wherever that fits with the bars,
    else halved to 14×14 by averaging 2×2 pixels, the whole frame kept; see
    ``plan_layout``. At 80×24 the halved digit sits beside the bars.
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
    DigitDetail > #digit-top {
        height: auto;
        layout: vertical;
    }
    DigitDetail.-beside > #digit-top {
        layout: horizontal;
    }
    DigitDetail.-beside #digit-image {
        margin-right: 1;
    }
    DigitDetail #digit-bars {
        width: 1fr;
    }
    DigitDetail > #digit-hidden {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._image: np.ndarray | None = None
        self._caption = ""
        self._hidden: np.ndarray | None = None
        self._layout = plan_layout(0, 0, 0)

    @property
    def layout_plan(self) -> DetailLayout:
        """The arrangement drawn now (see ``plan_layout``)."""
        return self._layout

    def compose(self) -> ComposeResult:
        yield Static(_("select a digit"), id="digit-caption", markup=False)
        with Container(id="digit-top"):
            yield DigitView(scale=1, id="digit-image")
            yield ProbabilityBars(id="digit-bars")
        yield Static("", id="digit-hidden", markup=False)

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
        self._arrange()
        self._draw_hidden()
        if index is None or image is None:
            self._set_caption(_("no digit selected"))
            bars.probs = None
            self._set_image(None)
            return
        number = f"{index:,}"
        caption = _("test #{index}: true {true}").format(index=number, true=true)
        if probs is not None:
            predicted = int(np.argmax(probs))
            caption = _("test #{index}: true {true}, says {predicted} {mark}").format(
                index=number, true=true, predicted=predicted, mark="✓" if predicted == true else "✗"
            )
        self._set_caption(caption)
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
        self._arrange()
        self._draw_hidden()
        self._draw_image()

    def _arrange(self) -> None:
        """Plan the layout for the size and strip; restyle only when the plan changes,
        since a relayout costs the whole screen (and the training thread its GIL)."""
        units = 0 if self._hidden is None else self._hidden.size
        plan = plan_layout(self.content_size.width, self.content_size.height, units)
        if plan != self._layout:
            redraw = plan.full != self._layout.full
            self._layout = plan
            self.set_class(plan.beside, "-beside")
            if redraw:
                self._draw_image()

    def _hidden_rows(self) -> list[str]:
        if self._hidden is None or self._layout.strip_rows == 0:
            return []
        h = self._hidden
        peak = f"{float(np.abs(h).max(initial=0)):.2f}"
        rows = activation_strip(h, max(1, self.content_size.width))
        shown = rows[: self._layout.strip_rows - 1]
        if len(shown) == len(rows):
            caption = ngettext(
                "hidden: {n} unit, max {peak}", "hidden: {n} units, max {peak}", h.size
            )
            return [caption.format(n=h.size, peak=peak), *shown]
        units = sum(len(row) for row in shown)  # the first ones; more room shows the rest
        caption = ngettext(
            "hidden: {shown}/{n} unit, max {peak}", "hidden: {shown}/{n} units, max {peak}", h.size
        )
        return [caption.format(shown=units, n=h.size, peak=peak), *shown]

    def _draw_hidden(self) -> None:
        self.query_one("#digit-hidden", Static).update("\n".join(self._hidden_rows()))

    def _draw_image(self) -> None:
        # No digit: blank paper of the planned size, so the layout does not jump.
        image = np.zeros((MNIST_SIDE, MNIST_SIDE)) if self._image is None else self._image
        self.query_one(DigitView).image = image if self._layout.full else half_size(image)
