"""DrawingPad: a 28×28 canvas to draw a digit on, with the mouse or the keyboard alone.

The brush is a small Gaussian with grey edges, so strokes look like MNIST's
anti-aliased pen strokes rather than hard black-and-white pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.color import Color
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from nncore.preprocess import MNIST_SIDE
from tui.i18n import N_, _
from tui.render.colors import blend
from tui.render.pad import render_pad
from tui.widgets.styling import component_colors

PAD_SIDE = MNIST_SIDE
"""The pad is an MNIST image: the network reads it as drawn."""
BRUSH_SIGMA = 0.8
"""Pixels; with ``BRUSH_GAIN`` a stroke is a solid pixel wide with a grey pixel each side."""
BRUSH_GAIN = 1.6
"""The Gaussian is scaled up and clipped at 1, so the stroke's core is full ink."""
ERASER_SIZE = 1.6
"""The eraser's width over the pen's: it wipes a stroke's grey edges in one pass."""
BRUSH_REACH = 3
"""Pixels from the centre beyond which neither brush leaves anything visible."""
FAINTEST = 1 / 255
"""Brush values below one grey level of an 8-bit image are dropped."""
STROKE_STEP = 0.5
"""Pixels between brush stamps along a mouse drag, so fast drags leave no gaps."""
MOVE = Binding.Group(N_("Move"), compact=True)


def stamp(canvas: np.ndarray, row: float, col: float, *, erase: bool = False) -> bool:
    """Press the brush into ``canvas`` (H, W), in place, centred at ``(row, col)`` in
    pixel-index coordinates (fractions allowed; off-canvas parts are dropped).

    Ink keeps the darker of old and new (``max``), so going over a stroke does not
    thicken it; the eraser scales the ink down by a wider profile of the same shape.
    Returns whether any pixel changed.
    """
    height, width = canvas.shape
    r0, r1 = max(0, int(row) - BRUSH_REACH), min(height, int(row) + BRUSH_REACH + 2)
    c0, c1 = max(0, int(col) - BRUSH_REACH), min(width, int(col) + BRUSH_REACH + 2)
    if r0 >= r1 or c0 >= c1:
        return False
    rows = np.arange(r0, r1)[:, None] - row
    cols = np.arange(c0, c1)[None, :] - col
    sigma = BRUSH_SIGMA * (ERASER_SIZE if erase else 1.0)
    brush = np.minimum(1.0, BRUSH_GAIN * np.exp(-(rows**2 + cols**2) / (2 * sigma**2)))
    brush[brush < FAINTEST] = 0.0  # no invisible haze around strokes
    window = canvas[r0:r1, c0:c1]
    new = window * (1.0 - brush) if erase else np.maximum(window, brush)
    # Ignore changes too faint to see, so hovering over ink does not post messages.
    if not np.any(np.abs(new - window) > 1e-3):
        return False
    window[...] = new
    return True


def stroke(
    canvas: np.ndarray, start: tuple[float, float], end: tuple[float, float], *, erase: bool
) -> bool:
    """Stamp along the segment ``start`` → ``end`` ((row, col) each), end included."""
    (r0, c0), (r1, c1) = start, end
    steps = max(1, int(np.ceil(np.hypot(r1 - r0, c1 - c0) / STROKE_STEP)))
    changed = False
    for t in np.linspace(0.0, 1.0, steps + 1)[1:]:
        changed |= stamp(canvas, r0 + (r1 - r0) * t, c0 + (c1 - c0) * t, erase=erase)
    return changed


class DrawingPad(Widget, can_focus=True):
    """A ``PAD_SIDE``² canvas (``image``, (28, 28) floats in [0, 1]) drawn on with:

    * the mouse: press and drag paints, the right button erases;
    * the keyboard: arrows move the cursor, space puts the pen down or lifts it (a pen
      that is down paints as the cursor moves), x swaps ink for the eraser and back,
      c clears.

    Posts ``DrawingPad.Changed`` after every change. ``scale`` enlarges it (pixels stay
    square); the border's subtitle shows the pen's state.
    """

    @dataclass
    class Changed(Message):
        """The ink changed (a stroke, an erase, a clear or a loaded digit); ``image`` is
        a copy of the pad, (28, 28) floats in [0, 1]."""

        image: np.ndarray

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", MOVE.description, key_display="↑", group=MOVE),
        Binding("down", "move(1, 0)", MOVE.description, key_display="↓", group=MOVE),
        Binding("left", "move(0, -1)", MOVE.description, key_display="←", group=MOVE),
        Binding("right", "move(0, 1)", MOVE.description, key_display="→", group=MOVE),
        Binding("space", "toggle_pen", N_("Pen")),
        Binding("x", "toggle_eraser", N_("Erase")),
        Binding("c", "clear", N_("Clear")),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"drawing-pad--pixels", "drawing-pad--cursor"}
    """Pixels: ``color`` is ink, ``background`` paper. Cursor: ``color`` while inking,
    ``background`` while erasing."""

    DEFAULT_CSS = """
    DrawingPad {
        width: auto;
        height: auto;
        border: round $panel;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
    }
    DrawingPad:focus {
        border: round $accent;
    }
    DrawingPad > .drawing-pad--pixels {
        color: $foreground;
        background: $background-darken-1;
    }
    DrawingPad > .drawing-pad--cursor {
        color: $accent;
        background: $error;
    }
    """

    ALLOW_SELECT = False
    """A drag here draws; it must not start selecting screen text."""

    scale: reactive[int] = reactive(1, layout=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.image = np.zeros((PAD_SIDE, PAD_SIDE))
        self.cursor = (PAD_SIDE // 2, PAD_SIDE // 2)
        self.pen_down = False
        self.eraser = False
        self._drag: tuple[float, float] | None = None  # last mouse point while pressed
        self._drag_erases = False
        self.border_title = "28×28"
        self._show_state()

    # --- drawing ---

    def clear(self) -> None:
        self.image[...] = 0.0
        self._changed()

    def load(self, image: np.ndarray) -> None:
        """Replace the drawing with ``image`` (28, 28) in [0, 1], e.g. a test digit."""
        self.image[...] = np.clip(image, 0.0, 1.0)
        self._changed()

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows only while the pad has focus

    def on_blur(self) -> None:
        self.refresh()

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.Changed(self.image.copy()))

    def _show_state(self) -> None:
        states = {
            (False, False): _("pen up · ink"),
            (True, False): _("pen down · ink"),
            (False, True): _("pen up · eraser"),
            (True, True): _("pen down · eraser"),
        }
        self.border_subtitle = states[self.pen_down, self.eraser]
        self.refresh()

    # --- keyboard ---

    def action_move(self, d_row: int, d_col: int) -> None:
        row = min(PAD_SIDE - 1, max(0, self.cursor[0] + d_row))
        col = min(PAD_SIDE - 1, max(0, self.cursor[1] + d_col))
        self.cursor = (row, col)
        if self.pen_down and stamp(self.image, row, col, erase=self.eraser):
            self._changed()
        else:
            self.refresh()

    def action_toggle_pen(self) -> None:
        self.pen_down = not self.pen_down
        self._show_state()
        if self.pen_down and stamp(self.image, *self.cursor, erase=self.eraser):
            self._changed()

    def action_toggle_eraser(self) -> None:
        self.eraser = not self.eraser
        self._show_state()
        if self.pen_down and stamp(self.image, *self.cursor, erase=self.eraser):
            self._changed()

    def action_clear(self) -> None:
        self.clear()

    # --- mouse ---

    def _pixel_at(self, event: events.MouseEvent) -> tuple[float, float]:
        """The (row, col) pixel-index point under the mouse, with fractions."""
        x = event.pointer_x - self.gutter.left
        y = event.pointer_y - self.gutter.top
        # Most terminals report whole cells: aim at the cell's centre. Terminals with
        # pixel reporting give fractions, which place the brush more finely.
        if float(x).is_integer() and float(y).is_integer():
            x, y = x + 0.5, y + 0.5
        return 2 * y / self.scale - 0.5, x / self.scale - 0.5

    def _move_cursor_to(self, point: tuple[float, float]) -> None:
        row, col = (min(PAD_SIDE - 1, max(0, round(v))) for v in point)
        self.cursor = (row, col)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button not in (1, 3):
            return
        event.stop()
        self.capture_mouse()
        self._drag_erases = event.button == 3
        self._drag = self._pixel_at(event)
        self._move_cursor_to(self._drag)
        if stamp(self.image, *self._drag, erase=self._drag_erases):
            self._changed()
        else:
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        point = self._pixel_at(event)
        self._move_cursor_to(point)
        if self._drag is None:
            self.refresh()
            return
        start, self._drag = self._drag, point
        if stroke(self.image, start, point, erase=self._drag_erases):
            self._changed()
        else:
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag is not None:
            self._drag = None
            self.release_mouse()

    # --- layout and rendering ---

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return PAD_SIDE * self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (PAD_SIDE * self.scale + 1) // 2

    def render(self) -> Text:
        ink, paper = component_colors(self, "drawing-pad--pixels")
        inking, erasing = component_colors(self, "drawing-pad--cursor")
        cursor_rgb = erasing if self.eraser else inking
        if self.pen_down:
            cursor_color = Color.from_rgb(*cursor_rgb)
        else:
            # A lifted pen shows the pixel underneath through the cursor.
            under = blend(paper, ink, float(self.image[self.cursor]))
            cursor_color = blend(tuple(under.get_truecolor()), cursor_rgb, 0.6)
        return render_pad(
            self.image,
            scale=self.scale,
            paper=paper,
            ink=ink,
            cursor=self.cursor if self.has_focus else None,
            cursor_color=cursor_color,
        )
