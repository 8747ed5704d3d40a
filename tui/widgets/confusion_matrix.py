"""ConfusionMatrix: counts of true class × predicted class; ConfusionNote: how to read it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from tui.i18n import N_, _
from tui.render.colors import SIXTEEN_COLOUR_SYSTEMS
from tui.render.confusion import render_confusion
from tui.widgets.styling import component_colors

CONFUSION_HELP = N_("Rows: the true digit. Columns: what the network said. The diagonal is right.")


def worst_confusions(confusion: np.ndarray, top: int = 3) -> str:
    """``"most confused: 4→9 ×23, 7→2 ×19"`` from a (10, 10) ``[true, predicted]`` matrix."""
    errors = confusion * (1 - np.eye(len(confusion), dtype=confusion.dtype))
    order = np.argsort(errors, axis=None)[::-1][:top]
    pairs = [divmod(int(i), len(confusion)) for i in order if errors.flat[i] > 0]
    if not pairs:
        return _("no mistakes on the test set")
    mistakes = ", ".join(f"{t}→{p} ×{confusion[t, p]}" for t, p in pairs)
    return _("most confused: {mistakes}").format(mistakes=mistakes)


CELL_KEYS = Binding.Group(N_("Cell"), compact=True)


class ConfusionMatrix(Widget, can_focus=True):
    """Shows a (K, K) int array ``matrix[true, predicted]``; K + 3 lines, ~44 cells for K = 10.

    Focused, the arrows move a cursor over the cells, ``enter`` posts ``Opened`` and
    ``escape`` gives up the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", N_("Cell"), key_display="↑", group=CELL_KEYS),
        Binding("down", "move(1, 0)", N_("Cell"), key_display="↓", group=CELL_KEYS),
        Binding("left", "move(0, -1)", N_("Cell"), key_display="←", group=CELL_KEYS),
        Binding("right", "move(0, 1)", N_("Cell"), key_display="→", group=CELL_KEYS),
        Binding("enter", "open", N_("Open cell")),
        # The arrows step through epochs again once the matrix lets go of them.
        Binding("escape", "release", N_("Epoch keys")),
    ]

    class Opened(Message):
        """Enter on a cell: show the test digits of true class ``true`` said to be ``predicted``."""

        def __init__(self, true: int, predicted: int) -> None:
            super().__init__()
            self.true, self.predicted = true, predicted

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "confusion-matrix--diagonal",
        "confusion-matrix--error",
        "confusion-matrix--zero",
        "confusion-matrix--header",
    }
    """``--error``'s ``background`` is the shade of the most frequent mistake."""

    DEFAULT_CSS = """
    ConfusionMatrix {
        width: auto;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    ConfusionMatrix > .confusion-matrix--diagonal {
        color: $success;
        text-style: bold;
    }
    ConfusionMatrix > .confusion-matrix--error {
        background: $error;
    }
    ConfusionMatrix > .confusion-matrix--zero {
        color: $foreground-muted;
    }
    ConfusionMatrix > .confusion-matrix--header {
        color: $foreground-muted;
        text-style: bold;
    }
    """

    # always_update: arrays can't be compared with !=, and callers may refill one in place.
    # Relayout (which costs the whole screen) only when the size can change: watch_matrix.
    matrix: reactive[np.ndarray | None] = reactive(None, always_update=True)
    cursor: reactive[tuple[int, int]] = reactive((0, 0))
    """(true, predicted) of the cell under the cursor, drawn only while focused."""

    def __init__(
        self,
        matrix: np.ndarray | None = None,
        *,
        labels: Sequence[str] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels = labels
        self.set_reactive(ConfusionMatrix.matrix, matrix)
        self._colors: dict | None = None  # the CSS resolved; None after a restyle
        self._strips: list[Strip] | None = None  # the lines of the matrix on show

    def watch_matrix(self, old: np.ndarray | None, new: np.ndarray | None) -> None:
        self._strips = None
        self.refresh(layout=_size_key(old) != _size_key(new))

    def watch_cursor(self) -> None:
        self._strips = None
        self.refresh()

    def on_focus(self) -> None:
        self.watch_cursor()

    def on_blur(self) -> None:
        self.watch_cursor()

    def action_move(self, rows: int, columns: int) -> None:
        k = self._class_count()
        t, p = self.cursor
        self.cursor = (min(max(t + rows, 0), k - 1), min(max(p + columns, 0), k - 1))

    def action_release(self) -> None:
        self.screen.set_focus(None)

    def action_open(self) -> None:
        self.post_message(self.Opened(*self.cursor))

    def _class_count(self) -> int:
        return len(self._labels) if self._labels is not None else 10

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._colors = None
        self._strips = None

    def _text(self) -> Text:
        k = self._class_count()
        matrix = np.zeros((k, k), dtype=int) if self.matrix is None else self.matrix
        if self._colors is None:
            # Resolving CSS walks the ancestors: done once per restyle, not per matrix.
            style = self.get_component_rich_style
            self._colors = {
                "diagonal_style": style("confusion-matrix--diagonal"),
                "zero_style": style("confusion-matrix--zero"),
                "header_style": style("confusion-matrix--header"),
                "paper": component_colors(self, "confusion-matrix--zero")[1],
                "error": component_colors(self, "confusion-matrix--error")[1],
                "colors16": self.app.console.color_system in SIXTEEN_COLOUR_SYSTEMS,
            }
        cursor = self.cursor if self.has_focus else None
        return render_confusion(matrix, labels=self._labels, cursor=cursor, **self._colors)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(cell_len(line) for line in self._text().plain.split("\n"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._text().plain.count("\n") + 1

    def render(self) -> Text:
        return self._text()

    def render_line(self, y: int) -> Strip:
        # A new matrix arrives once per epoch while training runs: its lines drawn by Rich
        # cost the UI thread (and the GIL) a fraction of Textual's conversion of the text.
        if self._strips is None:
            base, console = self.visual_style.rich_style, self.app.console
            lines = self._text().split("\n")
            self._strips = [Strip(list(line.render(console))).apply_style(base) for line in lines]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)


def _size_key(matrix: np.ndarray | None) -> tuple:
    """What the rendered size depends on: the shape and the widest count's digits."""
    if matrix is None:
        return ()
    return np.shape(matrix), len(str(int(np.max(matrix, initial=0))))


class ConfusionNote(Static):
    """How to read the matrix; once there is one, its epoch and its worst mistakes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(_(CONFUSION_HELP), id=id, markup=False)

    def show(self, epoch: int, confusion: np.ndarray) -> None:
        """Tell of epoch ``epoch``'s (10, 10) ``confusion``. Each epoch brings a new note
        while training runs, and a relayout arranges the whole screen, a tenth of a second
        taken from the training thread: so only when the note's height changes (a note
        not laid out yet, its pane never shown, is measured by its first layout)."""
        size = self.content_size
        after = _("After epoch {epoch}. {help}").format(epoch=epoch, help=_(CONFUSION_HELP))
        self.update(f"{after}\n{worst_confusions(confusion)}", layout=False)
        if size.width and self.get_content_height(size, size, size.width) != size.height:
            self.refresh(layout=True)
