"""ConceptPage: the frame shared by the concept pages (title bar, body, message line)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Static

from tui.i18n import N_, _

NEXT_FIELD: list[BindingType] = [
    Binding("tab", "app.focus_next", N_("Next field")),
    Binding("shift+tab", "app.focus_previous", N_("Previous"), show=False),
]
"""For pages with fields: shows in the footer that tab moves between them."""

STALE = N_("the dimmed results are for the last valid input")


def field_hint(field_id: str) -> Static:
    """The line under the field ``field_id`` that tells why its input is invalid; hidden
    while it is valid. Pages yield one after each row with a field."""
    return Static("", id=f"{field_id}-hint", classes="concept-hint", markup=False)


class ConceptPage(Vertical):
    """A page of the Concepts section: not a training ``Workbench``, so the MainScreen
    hides the training keys while it is open, and each page brings its own BINDINGS.

    Subclasses set ``TITLE`` and implement ``compose_body``; ``say`` writes the one-line
    message at the bottom. A page with fields calls ``invalid`` when one cannot be shown
    and ``valid`` when all can: its results must never pass for those of an input they
    were not computed from. Opening the page focuses its first control (or the page
    itself, which is focusable so that its keys work without any control).
    """

    DEFAULT_CSS = """
    ConceptPage .concept-hint {
        display: none;
        height: auto;
        padding: 0 1;
        color: $text-error;
        text-style: bold;
    }
    ConceptPage.-stale .concept-text, ConceptPage.-stale ConceptPlot {
        text-opacity: 35%;
    }
    """

    can_focus = True
    TITLE: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (no room at 80 columns); the title bar mentions it.
        Binding("escape", "leave", N_("Tasks"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="concept")

    def compose(self) -> ComposeResult:
        title = _("{title}  ·  esc: tasks").format(title=_(self.TITLE))
        yield Static(title, classes="concept-title", markup=False)
        yield from self.compose_body()
        yield Static("", classes="concept-line", markup=False)

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_show(self) -> None:
        self.first_focus().focus()

    def first_focus(self) -> Widget:
        """What opening the page focuses: its first control, or else the page itself."""
        # Opening a page puts its controls in hand: its keys work at once.
        focusable = [w for w in self.query("*") if w.focusable]
        return focusable[0] if focusable else self

    def say(self, text: str, *, error: bool = False) -> None:
        line = self.query_one(".concept-line", Static)
        line.update(text)
        line.set_class(error, "-error")

    def invalid(self, field_id: str, reason: str) -> None:
        """The input in ``field_id`` cannot be shown: say why under it and on the message
        line, and dim the results, which are still those of the last valid input."""
        for hint in self.query(".concept-hint").results(Static):
            hint.display = hint.id == f"{field_id}-hint"
        self.query_one(f"#{field_id}-hint", Static).update(f"↑ {reason}")
        self.add_class("-stale")
        self.say(_(STALE), error=True)

    def valid(self) -> None:
        """Every field parsed: the results shown are this input's."""
        self.remove_class("-stale")
        for hint in self.query(".concept-hint"):
            hint.display = False

    def action_leave(self) -> None:
        self.screen.query_one("#chooser").focus()


class FieldsPage(ConceptPage):
    """A concept page that shows what its fields say: worked out on mount and at every
    edit (``show``); its example buttons, ids ending ``-<i>``, fill the fields with
    example ``i`` (``use_example``), and the edit shows it."""

    def on_mount(self) -> None:
        self.show()

    def on_input_changed(self) -> None:
        self.show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.use_example(int(event.button.id.rsplit("-", 1)[1]))

    def show(self) -> None:
        raise NotImplementedError

    def use_example(self, index: int) -> None:
        raise NotImplementedError
