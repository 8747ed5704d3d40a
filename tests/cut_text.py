"""Finds text a screen cuts off: a word or line the widget was given that does not reach
the screen, or an ellipsis (``…``) put in its place.

Each laid-out widget that renders text it was given (a Static, Label, Button, tab,
Markdown block, the footer's keys) is checked for:

1. its own rendering (all its rows, at its laid-out size, also when scrolled out of view)
   holding every character of that text, in order: what wrapping moves to the next row
   is kept, what an ellipsis, a ``nowrap`` crop or too few rows drop is not;
2. what its ancestors clip away holding no letter or digit: sideways, never; below, only
   in a container the learner can scroll (nor may text lie wholly out of sight without).

Widgets that draw their own rows (plots, pictures, the gallery) get check 2 alone. A
scrolling list (the task chooser, the palette's entries) shows its options in a window:
the text in view must run on, unbroken, from the options' text. An input's placeholder
must fit its field. Whitespace is left out of every comparison, so wrapping (which only
moves words) never counts as a cut.

Positions are terminal cells, not characters: a Korean or Japanese character takes two,
and one whose two cells an edge divides is a cut too (the terminal shows neither half).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, OptionList

ELLIPSIS = "…"


@dataclass(frozen=True)
class Cut:
    """``widget`` (a CSS-like path) shows ``shown`` of the text ``meant``."""

    widget: str
    why: str
    shown: str
    meant: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.why}\n    shown: {self.shown!r}\n    meant: {self.meant!r}"


def squashed(text: str) -> str:
    """``text`` without its whitespace: what wrapping leaves unchanged."""
    return "".join(text.split())


def is_text(cells: str) -> bool:
    """Whether ``cells`` hold a letter or digit: text, not only a picture's blocks or a
    frame's lines."""
    return any(char.isalnum() for char in cells)


def screen_lines(screen: Screen) -> list[str]:
    """The screen's text as drawn, one string a row."""
    return [strip.text for strip in screen._compositor.render_strips()]


def divided_at(text: str, cell: int) -> str | None:
    """The wide character of ``text`` whose two cells lie either side of ``cell``, if any."""
    start = 0
    for char in text:
        end = start + cell_len(char)
        if start < cell < end:
            return char
        if end >= cell:
            return None
        start = end
    return None


def cropped(strip: Strip, start: int, end: int | None = None) -> str:
    """The text of ``strip``'s cells from ``start`` to ``end``."""
    return strip.crop(start, strip.cell_length if end is None else end).text


def path_of(widget: Widget) -> str:
    parts = []
    node = widget
    while isinstance(node, Widget) and not isinstance(node, Screen):
        parts.append(type(node).__name__ + (f"#{node.id}" if node.id else ""))
        node = node.parent
    return " > ".join(reversed(parts[:3]))


def own_lines(widget: Widget) -> list[str]:
    """The widget's content rows as it renders them at its size (borders and padding off)."""
    width, height = widget.outer_size
    if not width or not height:
        return []
    top, right, bottom, left = widget.styles.gutter
    strips = widget.render_lines(Region(0, 0, width, height))
    return [cropped(strip, left, width - right) for strip in strips[top : height - bottom]]


def meant_text(widget: Widget) -> str | None:
    """The text ``widget`` was given to show, or None when it draws no plain text."""
    if isinstance(widget, ScrollView | Input):
        return None
    kind = type(widget)
    if kind.render is Widget.render or kind.render_line is not Widget.render_line:
        return None  # a container, or a widget that draws its rows itself (a picture)
    try:
        visual = widget._render()
    except Exception:
        return None
    return visual.plain if isinstance(visual, Content) else None


def can_scroll_down(widget: Widget) -> bool:
    """Whether an ancestor of ``widget`` lets the learner scroll to what it hides below."""
    node = widget.parent
    while isinstance(node, Widget):
        if node.styles.overflow_y in ("auto", "scroll") and node.max_scroll_y > 0:
            return True
        node = node.parent
    return False


def clipped_away(widget: Widget, region: Region, clip: Region) -> Cut | None:
    """A cut where ``widget``'s own rows run past what its ancestors let it show."""
    width, height = widget.outer_size
    if not width or not height or clip.contains_region(region):
        return None
    strips = widget.render_lines(Region(0, 0, width, height))
    visible = clip.translate(-region.offset)  # the shown part, in the widget's own cells
    for y, strip in enumerate(strips):
        row = strip.text
        inside = visible.y <= y < visible.bottom
        hidden_sides = divided = ""
        if inside:
            hidden_sides = cropped(strip, 0, visible.x) + cropped(strip, visible.right)
            divided = "".join(divided_at(row, edge) or "" for edge in (visible.x, visible.right))
        if is_text(hidden_sides) or is_text(divided):
            shown = cropped(strip, visible.x, visible.right)
            return Cut(path_of(widget), "cut at its container's side", shown, row)
        if not inside and is_text(row) and not can_scroll_down(widget):
            return Cut(path_of(widget), "rows cut off below, with nothing to scroll", "", row)
    return None


def cut_in_own_rendering(widget: Widget, meant: str) -> Cut | None:
    lines = own_lines(widget)
    drawn = "\n".join(lines)
    if squashed(drawn) == squashed(meant):
        return None
    added = drawn.count(ELLIPSIS) > meant.count(ELLIPSIS)
    why = "ends in an ellipsis" if added else "does not show all its text"
    return Cut(path_of(widget), why, drawn, meant)


def cut_in_option_list(option_list: OptionList) -> Cut | None:
    """The options' text in view must be an unbroken run of the options' full text."""
    prompts = "".join(
        squashed(option.prompt.plain if hasattr(option.prompt, "plain") else str(option.prompt))
        for option in option_list.options
    )
    drawn = "\n".join(own_lines(option_list))
    if squashed(drawn) in prompts:
        return None
    return Cut(path_of(option_list), "an option does not show all its text", drawn, prompts)


def cut_placeholder(field: Input) -> Cut | None:
    if field.value or not field.placeholder:
        return None
    if cell_len(field.placeholder) <= field.content_size.width:
        return None
    return Cut(path_of(field), "placeholder wider than the field", "", field.placeholder)


def cuts_on(screen: Screen) -> list[Cut]:
    """Every cut on ``screen`` as it is laid out now, also in what is scrolled out of view."""
    compositor = screen._compositor
    visible = compositor.visible_widgets
    found: list[Cut] = []
    for widget, geometry in compositor.full_map.items():
        if isinstance(widget, OptionList):
            cut = cut_in_option_list(widget) if widget in visible else None
        elif isinstance(widget, Input):
            cut = cut_placeholder(widget)
        elif (meant := meant_text(widget)) is not None:
            cut = cut_in_own_rendering(widget, meant)
            out_of_sight = widget not in visible and geometry.region and is_text(meant)
            if cut is None and out_of_sight and not can_scroll_down(widget):
                cut = Cut(path_of(widget), "laid out out of sight", "", meant)
        else:
            cut = None
        clipped = clipped_away(widget, *visible[widget]) if widget in visible else None
        found += [c for c in (cut, clipped) if c is not None]
    return found
