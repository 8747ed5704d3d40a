"""DigitView: one grayscale image drawn with half blocks."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui.render.colors import SIXTEEN_COLOUR_SYSTEMS
from tui.render.halfblock import render_halfblock
from tui.widgets.styling import component_colors


def half_size(image: np.ndarray) -> np.ndarray:
    """An (H, W) image at half its side, each pixel the mean of a 2×2 block: every pixel
    of the original counts, none is cropped (an odd side is padded with a blank row or
    column). (28, 28) → (14, 14), which draws as 14 cells × 7 rows."""
    h, w = image.shape
    padded = np.pad(image, ((0, h % 2), (0, w % 2)))
    return padded.reshape((h + 1) // 2, 2, (w + 1) // 2, 2).mean(axis=(1, 3))


class DigitView(Widget):
    """Shows an (H, W) image in [0, 1] as ceil(H/2) rows × W*scale columns.

    With the default scale 1 a 28×28 MNIST digit is 28×14 cells with square
    pixels; scale 2 stretches it to 56×14. Before an image is set, an empty
    ``shape`` frame keeps the layout from jumping.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"digit-view--pixels"}
    """``color`` is ink (value 1), ``background`` is paper (value 0)."""

    DEFAULT_CSS = """
    DigitView {
        width: auto;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    DigitView > .digit-view--pixels {
        color: $foreground;
        background: $background-darken-1;
    }
    """

    # always_update: arrays can't be compared with !=, and callers may refill one in place.
    # No layout=True: a relayout re-arranges the whole screen (tens of ms taken from the
    # training thread), so watch_image asks for one only when the size can change.
    image: reactive[np.ndarray | None] = reactive(None, always_update=True)
    scale: reactive[int] = reactive(1, layout=True)

    def __init__(
        self,
        image: np.ndarray | None = None,
        *,
        scale: int = 1,
        shape: tuple[int, int] = (28, 28),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._empty_shape = shape
        self.set_reactive(DigitView.image, image)
        self.set_reactive(DigitView.scale, scale)

    def watch_image(self, old: np.ndarray | None, new: np.ndarray | None) -> None:
        self.refresh(layout=np.shape(old) != np.shape(new))

    def _pixels(self) -> np.ndarray:
        return np.zeros(self._empty_shape) if self.image is None else self.image

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._pixels().shape[1] * self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (self._pixels().shape[0] + 1) // 2

    def render(self) -> Text:
        ink, paper = component_colors(self, "digit-view--pixels")
        colors16 = self.app.console.color_system in SIXTEEN_COLOUR_SYSTEMS
        return render_halfblock(
            self._pixels(), scale=self.scale, paper=paper, ink=ink, colors16=colors16
        )
