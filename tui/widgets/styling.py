"""Turn a widget's component-class CSS into plain colours for the pure renderers."""

from __future__ import annotations

from textual.widget import Widget

RGB = tuple[int, int, int]


def component_colors(widget: Widget, name: str) -> tuple[RGB, RGB]:
    """(foreground, background) of a component class as RGB triplets.

    Textual resolves both against the widget's ancestors, so translucent CSS
    colours arrive already blended. Whichever the CSS leaves unset falls back
    to the widget's own colour.
    """
    own = widget.rich_style
    style = widget.get_component_rich_style(name)
    fg = style.color or own.color
    bg = style.bgcolor or own.bgcolor
    return (
        tuple(fg.get_truecolor()) if fg else (255, 255, 255),
        tuple(bg.get_truecolor()) if bg else (0, 0, 0),
    )
