"""DigitGallery: pages of test digits as half-block thumbnails with predicted/true labels.

It is redrawn after every epoch while training runs, in the UI thread, which holds the GIL
the training thread needs: so it draws through the line API from cached tiles
(``digit_tiles``) and repaints only the lines whose content changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from tui.i18n import N_, _
from tui.widgets.digit_tiles import (
    THUMB_SIDE,
    TILE_HEIGHT,
    TILE_WIDTH,
    Palette,
    TilePainter,
    thumbnails,
)
from tui.widgets.styling import component_colors

DIGIT_KEYS = Binding.Group(N_("Digit"), compact=True)
TITLE_MARGIN = 6
"""Cells of the top border a title cannot use: the corners, a line each side, a space each."""


class DigitGallery(Widget, can_focus=True):
    """Test digits in a grid that fills the widget, one page at a time.

    The selection moves with ↑/↓ (when focused) or a click, and pages follow it;
    ``mistakes_only`` shows just the digits the network gets wrong. Posts
    ``DigitGallery.Selected`` whenever the selected digit changes.
    """

    @dataclass
    class Selected(Message):
        """The selection changed; ``index`` is into the test set (None when the filter
        leaves no digit)."""

        index: int | None

    # ←/→ stay the screen's rewind keys, so the selection moves in reading order on ↑/↓.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", N_("Digit"), key_display="↑", group=DIGIT_KEYS),
        Binding("down", "move(1)", N_("Digit"), key_display="↓", group=DIGIT_KEYS),
        Binding("home", "move(-1_000_000)", N_("first digit"), show=False),
        Binding("end", "move(1_000_000)", N_("last digit"), show=False),
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
    cell: reactive[tuple[int, int] | None] = reactive(None)
    """(true, predicted): only the digits of one confusion-matrix cell; None: no such filter."""

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
        self._caption: str | None = None
        self._page_key: tuple | None = None  # what the drawn page shows, but colours
        self._painter: TilePainter | None = None  # None until drawn, and after a restyle
        self._strips: list[Strip] | None = None

    # --- data -------------------------------------------------------------------

    def set_digits(self, images: np.ndarray, labels: np.ndarray) -> None:
        """Show (N, 28, 28) images in [0, 1] with their (N,) true labels; clears predictions."""
        self._thumbs = thumbnails(np.asarray(images, dtype=np.float32))
        self._labels = np.asarray(labels).astype(int)
        self._predicted = None
        self._cursor = 0
        self._painter = None
        self._page_key = None
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
    def shown(self) -> np.ndarray:
        """(M,) dataset indices of the digits passing the filter, in order."""
        return self._shown.copy()

    @property
    def mistakes(self) -> int:
        if self._predicted is None:
            return 0
        return int(np.count_nonzero(self._predicted != self._labels))

    def watch_mistakes_only(self) -> None:
        self._refilter(keep=self.selected)

    def watch_cell(self) -> None:
        self._refilter(keep=self.selected)

    def _refilter(self, keep: int | None) -> None:
        """Recompute which digits pass the filter; stay on ``keep`` or the next one after it."""
        everything = np.arange(len(self._labels))
        if self.cell is not None and self._predicted is not None:
            true, said = self.cell
            self._shown = everything[(self._labels == true) & (self._predicted == said)]
        elif self.cell is not None:
            self._shown = everything[:0]
        elif self.mistakes_only and self._predicted is not None:
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
        key = self._current_page_key()
        if key != self._page_key:
            resized = self._page_key is None or key[0] != self._page_key[0]
            self._page_key = key
            self._repaint(resized)
        if self.selected != self._posted:
            self._posted = self.selected
            self.post_message(self.Selected(self.selected))

    def _update_caption(self) -> None:
        total = self._shown.size
        size = self.page_size
        if total == 0:
            where = caption = _("no mistakes") if self.mistakes_only else _("no digits")
        else:
            first = self._cursor - self._cursor % size
            page = {"first": first + 1, "last": min(first + size, total), "total": f"{total:,}"}
            where = caption = _("{first}–{last} of {total}").format(**page)
            if self.mistakes_only:
                caption = _("mistakes {first}–{last} of {total}").format(**page)
        if self.cell is not None:
            true, said = self.cell
            caption = _("true {true}, said {said}: {where}").format(
                true=true, said=said, where=where
            )
            if cell_len(caption) > self.outer_size.width - TITLE_MARGIN:
                caption = f"{true}→{said}: {where}"  # as the confusion note names a mistake
        if caption != self._caption:  # setting the title repaints the widget
            self._caption = caption
            self.border_title = caption

    # --- drawing -------------------------------------------------------------------

    def _page(self) -> tuple[np.ndarray, int]:
        """(dataset indices of the page with the selection, tiles per row)."""
        columns, rows = self._grid()
        start = self._cursor - self._cursor % (columns * rows)
        return self._shown[start : start + columns * rows], columns

    def _current_page_key(self) -> tuple:
        """Everything the drawn page shows, but colours: same key, same picture."""
        page, _columns = self._page()
        predicted = None if self._predicted is None else self._predicted[page].tobytes()
        shown = self.content_size, self.mistakes_only, self.cell, self._cursor, page.tobytes()
        return (*shown, predicted)

    def _current_palette(self) -> Palette:
        ink, paper = component_colors(self, "digit-gallery--pixels")
        wrong_ink, _paper = component_colors(self, "digit-gallery--wrong")
        _ink, selected_paper = component_colors(self, "digit-gallery--selected")
        styles = [
            self.get_component_rich_style(f"digit-gallery--{name}")
            for name in ("label", "mistake", "selected")
        ]
        return Palette(ink, paper, wrong_ink, selected_paper, self.visual_style.rich_style, *styles)

    def _repaint(self, resized: bool) -> None:
        """Draw the page anew and repaint only the lines that changed: after an epoch,
        the labels (and pixels) of the few digits whose prediction changed."""
        old = self._strips
        self._strips = None if self._painter is None else self._draw_page()
        if resized or old is None or self._strips is None or len(old) != len(self._strips):
            self.refresh()
            return
        for y, (was, now) in enumerate(zip(old, self._strips, strict=True)):
            if was != now:
                self.refresh(Region(0, y, self.content_size.width, 1))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The colours come from CSS (resolving them takes a while, so once per restyle):
        # after a theme change every tile is drawn anew.
        self._painter = None
        self._strips = None

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            if self._painter is None:
                self._painter = TilePainter(self._thumbs, self._current_palette(), self.app.console)
            self._strips = self._draw_page()
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.content_size.width, self.visual_style.rich_style)

    def _draw_page(self) -> list[Strip]:
        if self._shown.size == 0:
            message = _("no mistakes to show") if self.mistakes_only else _("no digits loaded")
            if self.cell is not None:
                message = _("no test digit in this cell")
            return [Strip([Segment(message, self.visual_style.rich_style + Style(dim=True))])]
        page, columns = self._page()
        return self._painter.page(page, columns, self._labels, self._predicted, self.selected)
