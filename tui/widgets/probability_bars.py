"""ProbabilityBars: a classifier's output as one labelled bar per class."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.i18n import _
from tui.render.bars import render_bars


class ProbabilityBars(Widget):
    """Shows (K,) probabilities as K lines, the argmax highlighted and the true label tagged.

    Fills the available width; the bars get whatever the labels leave.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "probability-bars--bar",
        "probability-bars--best",
        "probability-bars--true",
    }

    DEFAULT_CSS = """
    ProbabilityBars {
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    ProbabilityBars > .probability-bars--bar {
        color: $primary;
    }
    ProbabilityBars > .probability-bars--best {
        color: $accent;
        text-style: bold;
    }
    ProbabilityBars > .probability-bars--true {
        color: $success;
        text-style: bold reverse;
    }
    """

    # always_update: arrays can't be compared with !=, and callers may refill one in place.
    # The height only changes with the number of classes, so watch_probs relayouts then
    # alone: a relayout costs the whole screen, taken from the training thread.
    probs: reactive[np.ndarray | None] = reactive(None, always_update=True)
    true_label: reactive[int | None] = reactive(None)

    def __init__(
        self,
        probs: np.ndarray | None = None,
        *,
        true_label: int | None = None,
        labels: Sequence[str] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels = labels
        self.set_reactive(ProbabilityBars.probs, probs)
        self.set_reactive(ProbabilityBars.true_label, true_label)

    def watch_probs(self, old: np.ndarray | None, new: np.ndarray | None) -> None:
        self.refresh(layout=self._rows(old) != self._rows(new))

    def _rows(self, probs: np.ndarray | None) -> int:
        if probs is None:
            return len(self._labels) if self._labels is not None else 10
        return int(np.asarray(probs).size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._rows(self.probs)

    def render(self) -> Text:
        if self.probs is None:
            return Text(_("no prediction yet"), style="dim")
        return render_bars(
            self.probs,
            true_label=self.true_label,
            width=self.size.width,
            labels=self._labels,
            bar_style=self.get_component_rich_style("probability-bars--bar"),
            best_style=self.get_component_rich_style("probability-bars--best"),
            true_style=self.get_component_rich_style("probability-bars--true"),
        )
