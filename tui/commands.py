"""The app's commands, each defined once: its key, footer label, palette entry and help.

``MainScreen.BINDINGS`` and ``NNLabApp.BINDINGS`` (the footer), the command palette
(``NNLabApp.get_system_commands``) and the help screen's key table are all built from
``SCREEN_COMMANDS`` and ``APP_COMMANDS``; a test checks that every command shows in
all three. Keys of a single page (the gallery's, the pad's) stay with that page.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from tui.i18n import N_, _

EPOCHS = Binding.Group(N_("View"), compact=True)


@dataclass(frozen=True)
class Command:
    """``action`` runs on the screen (or the app) when ``key`` is pressed; ``footer`` is
    its label in the footer, ``title`` and ``summary`` its entry in the command palette,
    ``detail`` its line in the help screen. They are English, marked ``N_``: the footer,
    the palette and the help translate them as they show them."""

    action: str
    key: str
    footer: str
    title: str
    summary: str
    detail: str
    key_display: str | None = None
    group: Binding.Group | None = None
    show: bool = True
    """False keeps it out of the footer (the palette and help still list it)."""

    @property
    def shown_key(self) -> str:
        """The key as the footer shows it."""
        return self.key_display or self.key

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.footer,
            show=self.show,
            key_display=self.key_display,
            group=self.group,
        )

    @property
    def palette_help(self) -> str:
        """Its help in the command palette, in the language in use."""
        return f"{_(self.summary)} ({self.shown_key})"


SCREEN_COMMANDS = (
    Command("toggle_run", "space", N_("Run"), N_("Run / pause"), N_("Start training or pause it"),
            N_("run training / pause it")),
    Command("step_epoch", "n", N_("Epoch"), N_("One epoch"), N_("Train one epoch"),
            N_("train one epoch")),
    Command("step_batch", "b", N_("Batch"), N_("One mini-batch"), N_("Train one mini-batch"),
            N_("train one mini-batch (a gate trains on all 4 rows: one batch is one epoch)")),
    Command("reset", "r", N_("Reset"), N_("Reset"), N_("New weights; architecture changes apply"),
            N_("reset: new weights; hidden sizes, activation, optimizer, init and seed apply "
               "now")),
    Command("rewind", "left", N_("Back"), N_("Back one epoch"), N_("Show the previous epoch"),
            N_("show the epoch before; training resumes from the one shown (later ones go)"),
            key_display="←", group=EPOCHS),
    Command("forward", "right", N_("Fwd"), N_("Forward one epoch"), N_("Show the next epoch"),
            N_("show the epoch after, up to the latest"), key_display="→", group=EPOCHS),
    # Out of the footer, which has no room for them at 80 columns; ← → stand for them there.
    Command("first_epoch", "home", N_("First"), N_("First epoch"), N_("Show epoch 0"),
            N_("show epoch 0 (in the task list: the first task)"), show=False),
    Command("last_epoch", "end", N_("Last"), N_("Last epoch"), N_("Show the latest epoch"),
            N_("show the latest epoch (in the task list: the last task)"), show=False),
    Command("page_back", "pageup", "-10%", N_("Back a tenth"),
            N_("Go back a tenth of the epochs"), N_("go back a tenth of the epochs trained"),
            key_display="PgUp", show=False),
    Command("page_forward", "pagedown", "+10%", N_("Forward a tenth"),
            N_("Go forward a tenth of the epochs"), N_("go forward a tenth of the epochs trained"),
            key_display="PgDn", show=False),
    Command("slower", "minus", N_("Slower"), N_("Slower"), N_("Train at a slower pace"),
            N_("slower: 300, 100, 30, 10, 3, 1 epochs a second (MNIST: batches)"),
            key_display="-", show=False),
    Command("faster", "plus", N_("Faster"), N_("Faster"),
            N_("Train at a faster pace, up to full speed"), N_("faster, up to full speed"),
            key_display="+", show=False),
    Command("save", "s", N_("Save"), N_("Save model"), N_("Save the shown epoch's model to a file"),
            N_("save the shown epoch's model to a file (`.npz`)")),
    Command("open", "o", N_("Open"), N_("Open model"), N_("Open a model file to train on"),
            N_("open a model file (`.npz`) to train on")),
    # In the footer only while there is something to undo (see ONLY_WHEN_AVAILABLE).
    Command("undo", "u", N_("Undo"), N_("Undo"),
            N_("Put back the run a resume or an opened model replaced"),
            N_("undo the last resume from an earlier epoch or opened model: the dropped epochs "
               "and weights come back (once)")),
    Command("show_command", "c", N_("Command"), N_("Command for this run"),
            N_("The nnlab train command that reproduces this run headless"),
            N_("show (and copy) the `nnlab train …` command that reproduces this run headless"),
            show=False),
)  # fmt: skip
"""The training keys: the MainScreen's, performed by the open workbench."""

ONLY_WHEN_AVAILABLE = frozenset({"undo"})
"""Commands left out of the footer and the palette, rather than greyed, when they do not
apply: most of the time there is nothing to undo."""

APP_COMMANDS = (
    Command("help", "question_mark", N_("Help"), N_("Help"),
            N_("Every key and what the panes show"), N_("this help"), key_display="?"),
    Command("quit", "q", N_("Quit"), N_("Quit"), N_("Quit the application"), N_("quit")),
)  # fmt: skip
"""Keys that work everywhere. Textual's palette lists Quit itself."""

OTHER_KEYS = (
    ("`1`–`5`", N_("switch pane")),
    (
        "`ctrl+p`",
        N_(
            "the command palette: open any task, concept page or pane, run any action, or type"
            " `epoch 300` to go to that epoch"
        ),
    ),
    ("`tab`", N_("move focus between the task list, the panes and the form")),
    ("`esc`", N_("leave a form field; pressed again, back to the task list")),
)
"""Help-screen rows for keys that are no command: the pane keys (whose tab labels show
them), and Textual's own palette and focus keys."""


FIRST_KEYS = ("toggle_run", "step_epoch", "help")
"""The keys a task's first line suggests, before anything has been pressed."""


def first_hint() -> str:
    """``"space: run / pause · n: one epoch · ?: help"``, from the commands' own keys, in
    the language in use."""
    by_action = {c.action: c for c in (*SCREEN_COMMANDS, *APP_COMMANDS)}
    return " · ".join(
        f"{by_action[a].shown_key}: {_(by_action[a].title).lower()}" for a in FIRST_KEYS
    )


def key_table() -> str:
    """The help screen's Markdown table of every command's key and what it does, in the
    language in use."""
    rows = [f"| `{c.shown_key}` | {_(c.detail)} |" for c in SCREEN_COMMANDS]
    rows += [f"| {key} | {_(text)} |" for key, text in OTHER_KEYS]
    rows += [f"| `{c.shown_key}` | {_(c.detail)} |" for c in APP_COMMANDS]
    header = f"| {_('key')} | {_('does')} |"
    return "\n".join([header, "|---|---|", *rows])
