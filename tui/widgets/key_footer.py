"""KeyFooter: Textual's Footer in the language in use, on two rows when one row cannot
show every key."""

from __future__ import annotations

from itertools import accumulate

from textual.app import ComposeResult
from textual.compose import compose
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from tui.i18n import N_, _

TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))
"""The label and tooltip Textual gives its command-palette key (ctrl+p), for the catalogs."""


def key_units(items: list[Widget]) -> list[list[Widget]]:
    """The footer's items in units that stay on one row: a key, or a key group with the
    label that follows it ("←→ View")."""
    units: list[list[Widget]] = []
    for item in items:
        if isinstance(item, FooterLabel) and units:
            units[-1].append(item)
        else:
            units.append([item])
    return units


def translate_keys(items: list[Widget]) -> None:
    """Each key's label and tooltip, and each key group's label, in the language in use:
    bindings are made at import, so their descriptions are the English ``N_`` marked."""
    for item in items:
        if isinstance(item, FooterKey):
            item.description = _translated(item.description)
            if isinstance(item.tooltip, str):
                item.tooltip = _translated(item.tooltip)
        elif isinstance(item, FooterLabel):
            item.update(_translated(str(item.content)))
        translate_keys(list(item._pending_children))


def _translated(text: str) -> str:
    # gettext gives the catalog's header for "": a grouped key has no label of its own.
    return _(text) if text else text


def first_row_length(widths: list[int], room: int) -> int | None:
    """How many units go on the first row: None when all ``widths`` fit in ``room``
    cells, else as many as fit (at least one)."""
    if sum(widths) <= room:
        return None
    overflowing = next(i for i, used in enumerate(accumulate(widths)) if used > room)
    return max(overflowing, 1)


class KeyFooter(Footer):
    """Every key in view at any width: at 80 columns the MNIST digits pane has more keys
    than one row holds, and Textual's footer would cut the last ones off (scrolling to
    them needs a mouse). The split is measured from the laid-out keys, so it follows the
    theme's spacing rather than guessing it.

    ``is_current()`` says whether the footer still shows the screen's keys as they are,
    so a screen can skip rebuilding it: each rebuild re-mounts and re-styles every key
    and lays the screen out anew."""

    DEFAULT_CSS = """
    KeyFooter.-two-rows {
        height: 2;
        layout: vertical;
    }
    KeyFooter > .key-footer--row {
        height: 1;
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._split: int | None = None  # units on the first row; None = one row
        self._shown: tuple | None = None  # the keys' state as last composed
        self._rebuilding = False  # a rebuild is on its way; it will read the keys then

    def is_current(self) -> bool:
        return self._rebuilding or self._shown == self._keys_state()

    def bindings_changed(self, screen: Screen) -> None:
        super().bindings_changed(screen)
        self._expect_rebuild(screen)

    def rebuild_requested(self) -> None:
        """The screen is about to publish its bindings. The signal reaches this footer
        through its message queue, possibly after other messages have asked whether it
        is current; from now on it answers yes, and the rebuild reads the keys then."""
        self._expect_rebuild(self.screen)

    def _expect_rebuild(self, screen: Screen) -> None:
        # The conditions under which Textual's footer schedules its rebuild.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._rebuilding = True

    def _keys_state(self) -> tuple:
        """Each active key, its binding, whether enabled and its tooltip; the palette key."""
        keys = self.screen.active_bindings.items()
        shown = tuple((key, id(b.binding), b.enabled, b.tooltip) for key, b in keys)
        return (self.show_command_palette, shown)

    def compose(self) -> ComposeResult:
        # Textual's footer shows nothing until the screen first publishes its bindings.
        self._shown = self._keys_state() if self._bindings_ready else None
        self._rebuilding = False
        # Built as Textual builds them (a key group holds its keys), to deal into rows.
        items = compose(self, super().compose())
        translate_keys(items)
        units = key_units([item for item in items if not self._docked(item)])
        split = self._split if self._split is not None and self._split < len(units) else None
        self.set_class(split is not None, "-two-rows")
        if split is None:
            yield from items
            return
        palette = [item for item in items if self._docked(item)]
        yield HorizontalGroup(
            *(w for unit in units[:split] for w in unit), classes="key-footer--row"
        )
        rest = [w for unit in units[split:] for w in unit]
        yield HorizontalGroup(*rest, *palette, classes="key-footer--row")

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Recompose on one or two rows if the keys as laid out now call for the other."""
        if not self.is_attached or not self.size.width:
            return
        items = self._flow_items()
        units = key_units([w for w in items if not self._docked(w)])
        if not units:
            return
        widths = [sum(self._outer_width(w) for w in unit) for unit in units]
        room = self.size.width - sum(self._outer_width(w) for w in items if self._docked(w))
        split = first_row_length(widths, room)
        if split != self._split:
            self._split = split
            self.call_later(self.recompose)

    def _flow_items(self) -> list[Widget]:
        rows = [child for child in self.children if child.has_class("key-footer--row")]
        if not rows:
            return list(self.children)
        return [item for row in rows for item in row.children]

    @staticmethod
    def _docked(widget: Widget) -> bool:
        return widget.has_class("-command-palette")

    @staticmethod
    def _outer_width(widget: Widget) -> int:
        margin = widget.styles.margin
        return widget.outer_size.width + margin.left + margin.right
