"""The digit gallery's tiles: thumbnails of MNIST digits with a label line under each,
drawn as lines of segments for the line API.

A digit's picture never changes, only its label and its colours (wrong, selected) do, so
:class:`TilePainter` draws each look of a thumbnail once and reuses it while the page
shows it: an epoch's new predictions then cost the UI thread (and the GIL the training
thread needs) next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from nncore.preprocess import MNIST_SIDE
from tui.i18n import _
from tui.render.cells import ljust
from tui.render.colors import SIXTEEN_COLOUR_SYSTEMS
from tui.render.halfblock import render_halfblock
from tui.widgets.styling import RGB

MARGIN = 2
"""Pixels cropped from each side: MNIST centres a 20×20 digit in a 28×28 frame."""
POOL = 2
"""Thumbnails average POOL×POOL pixels, so a digit is 12×12 pixels = 12 cells × 6 rows
(one cell holds two stacked pixels, which keeps them square)."""
THUMB_SIDE = (MNIST_SIDE - 2 * MARGIN) // POOL
TILE_WIDTH = THUMB_SIDE + 1  # one blank column between tiles
TILE_HEIGHT = THUMB_SIDE // 2 + 1  # pixel rows plus the label line


def thumbnails(images: np.ndarray) -> np.ndarray:
    """(N, 28, 28) images in [0, 1] → (N, 12, 12) cropped and average-pooled thumbnails."""
    inner = images[:, MARGIN : images.shape[1] - MARGIN, MARGIN : images.shape[2] - MARGIN]
    n, h, w = inner.shape
    return inner.reshape(n, h // POOL, POOL, w // POOL, POOL).mean(axis=(2, 4))


def tile_label(true: int, predicted: int | None) -> str:
    """``"7 ✓"`` when right, ``"8 ✗ true 3"`` when wrong, ``"true 7"`` before any prediction."""
    if predicted is None:
        return _("true {true}").format(true=true)
    if predicted == true:
        return f"{predicted} ✓"
    return _("{predicted} ✗ true {true}").format(predicted=predicted, true=true)


@dataclass(frozen=True)
class Palette:
    """The gallery's CSS resolved: pixel colours, and the styles of the gaps (``base``)
    and of the labels of right, wrong and selected digits."""

    ink: RGB
    paper: RGB
    wrong_ink: RGB
    selected_paper: RGB
    base: Style
    right: Style
    mistake: Style
    selected: Style


class TilePainter:
    """Draws pages of tiles in one palette, keeping the thumbnails of the last page."""

    def __init__(self, thumbs: np.ndarray, palette: Palette, console: Console) -> None:
        self._thumbs = thumbs
        self._palette = palette
        self._console = console
        self._tiles: dict[tuple[int, bool, bool], list[list[Segment]]] = {}
        self._colors16 = console.color_system in SIXTEEN_COLOUR_SYSTEMS

    def _pixels(self, index: int, wrong: bool, selected: bool) -> list[list[Segment]]:
        key = (index, wrong, selected)
        if key not in self._tiles:
            p = self._palette
            tile = render_halfblock(
                self._thumbs[index],
                paper=p.selected_paper if selected else p.paper,
                ink=p.wrong_ink if wrong else p.ink,
                colors16=self._colors16,
            )
            self._tiles[key] = [list(line.render(self._console)) for line in tile.split("\n")]
        return self._tiles[key]

    def page(
        self,
        page: np.ndarray,
        columns: int,
        labels: np.ndarray,
        predicted: np.ndarray | None,
        selected: int | None,
    ) -> list[Strip]:
        """Lines of the tiles of dataset indices ``page``, ``columns`` to a row, labelled
        from (N,) true ``labels`` and ``predicted`` digits; ``selected`` is a dataset index."""
        p = self._palette
        gap = Segment(" ", p.base)
        strips = []
        for row_start in range(0, page.size, columns):
            lines: list[list[Segment]] = [[] for _row in range(TILE_HEIGHT)]
            for index in page[row_start : row_start + columns].tolist():
                guess = None if predicted is None else int(predicted[index])
                wrong = guess is not None and guess != labels[index]
                pixels = self._pixels(index, wrong, index == selected)
                for line, row in zip(lines, pixels, strict=False):  # the label line has none
                    line += row
                    line.append(gap)
                style = p.base + (p.mistake if wrong else p.right)
                if index == selected:
                    style += p.selected
                label = ljust(tile_label(int(labels[index]), guess), THUMB_SIDE)
                lines[-1] += [Segment(label, style), gap]
            strips += [Strip(line) for line in lines]
        # Every look of this page's digits (a verdict may flip back next epoch), no more.
        on_page = set(page.tolist())
        self._tiles = {key: rows for key, rows in self._tiles.items() if key[0] in on_page}
        return strips
