"""The keys panel (palette: Keys) in the language in use: Textual's ``HelpPanel`` whose
table of keys says each key's description, its tooltip and each group's title through
the catalog, as the footer does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import HelpPanel, KeyPanel, Markdown
from textual.widgets._key_panel import BindingsTable

from tui.i18n import N_, _

TEXTUAL_KEYS = (
    N_("Move cursor left"),
    N_("Move cursor left and select"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Move cursor right and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Delete character left"),
    N_("Select all"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Delete character right"),
    N_("Submit"),
    N_("Delete left to start of word"),
    N_("Delete all to the left"),
    N_("Delete right to start of word"),
    N_("Delete all to the right"),
    N_("Cut selected text"),
    N_("Copy selected text"),
    N_("Paste text from the clipboard"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Press button"),
    N_("Previous tab"),
    N_("Next tab"),
    N_("Show menu"),
    N_("Dismiss menu"),
    N_("Down"),
    N_("Last"),
    N_("Select"),
    N_("First"),
    N_("Up"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Quit the app and return to the command prompt."),
)
"""What Textual's own widgets and screens (those nnlab shows) say of their keys in that
table, for the catalogs; tests/test_keys_panel.py fails when a release says more."""


def translate_cell(cell: Text) -> None:
    """``cell`` — a description, with a dim tooltip after it, or a group's title — in the
    language in use, in place and keeping its styles."""
    tip = next((span for span in cell.spans if span.style == "dim"), None)
    words = cell.plain[: tip.start].rstrip(" ") if tip else cell.plain
    said = Text(_(words) if words else "")
    for span in cell.spans:  # a group title is styled as a whole
        if span is not tip and (span.start, span.end) == (0, len(cell.plain)):
            said.stylize(span.style)
    if tip is not None:
        said.append(" " if words else "")
        said.append(_(cell.plain[tip.start : tip.end]), "dim")
    cell.spans = []
    cell.plain = said.plain
    cell.spans = said.spans


class TranslatedBindingsTable(BindingsTable):
    def render_bindings_table(self) -> Table:
        table = super().render_bindings_table()
        # Japanese has no spaces to wrap at: fold its long words rather than cut them (…).
        table.columns[-1].overflow = "fold"
        for cell in table.columns[-1].cells:
            if isinstance(cell, Text):
                translate_cell(cell)
        return table


class TranslatedKeyPanel(KeyPanel):
    def compose(self) -> ComposeResult:
        yield TranslatedBindingsTable(shrink=True, expand=False)


class KeysHelpPanel(HelpPanel):
    """Textual's keys-and-help panel with the keys' words translated."""

    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield TranslatedKeyPanel(id="keys-help")
