"""``show_wrapped``: put new text in a status or message line that wraps."""

from __future__ import annotations

from textual.widgets import Static


def show_wrapped(line: Static, text: str) -> None:
    """Show ``text`` in ``line`` (a ``height: auto`` Static), laying the screen out again
    only when the text takes another number of rows: a relayout costs ~50 ms, too much
    for every epoch of a training run, while the row count rarely changes."""
    line.update(text, layout=False)
    width = line.content_size.width
    if width and line.visual.get_height(line.styles, width) != line.content_size.height:
        line.refresh(layout=True)
