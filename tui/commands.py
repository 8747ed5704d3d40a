"""The app's commands, each defined once: its key, footer label, palette entry and help.

``MainScreen.BINDINGS`` and ``NNLabApp.BINDINGS`` (the footer), the command palette
(``NNLabApp.get_system_commands``) and the help screen's key table are all built from
``SCREEN_COMMANDS`` and ``APP_COMMANDS``; a test checks that every command shows in
all three. Keys of a single page (the gallery's, the pad's) stay with that page.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

EPOCHS = Binding.Group("View", compact=True)


@dataclass(frozen=True)
class Command:
    """``action`` runs on the screen (or the app) when ``key`` is pressed; ``footer`` is
    its label in the footer, ``title`` and ``summary`` its entry in the command palette,
    ``detail`` its line in the help screen."""

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
        return f"{self.summary} ({self.shown_key})"


SCREEN_COMMANDS = (
    Command("toggle_run", "space", "Run", "Run / pause", "Start training or pause it",
            "run training / pause it"),
    Command("step_epoch", "n", "Epoch", "One epoch", "Train one epoch", "train one epoch"),
    Command("step_batch", "b", "Batch", "One mini-batch", "Train one mini-batch",
            "train one mini-batch (a gate trains on all 4 rows: one batch is one epoch)"),
    Command("reset", "r", "Reset", "Reset", "New weights; architecture changes apply",
            "reset: new weights; hidden sizes, activation, optimizer, init and seed apply now"),
    Command("rewind", "left", "Back", "Back one epoch", "Show the previous epoch",
            "show the epoch before; training resumes from the one shown (later ones go)",
            key_display="←", group=EPOCHS),
    Command("forward", "right", "Fwd", "Forward one epoch", "Show the next epoch",
            "show the epoch after, up to the latest", key_display="→", group=EPOCHS),
    # Out of the footer, which has no room for them at 80 columns; ← → stand for them there.
    Command("first_epoch", "home", "First", "First epoch", "Show epoch 0",
            "show epoch 0 (in the task list: the first task)", show=False),
    Command("last_epoch", "end", "Last", "Last epoch", "Show the latest epoch",
            "show the latest epoch (in the task list: the last task)", show=False),
    Command("page_back", "pageup", "-10%", "Back a tenth", "Go back a tenth of the epochs",
            "go back a tenth of the epochs trained", key_display="PgUp", show=False),
    Command("page_forward", "pagedown", "+10%", "Forward a tenth",
            "Go forward a tenth of the epochs", "go forward a tenth of the epochs trained",
            key_display="PgDn", show=False),
    Command("slower", "minus", "Slower", "Slower", "Train at a slower pace",
            "slower: 300, 100, 30, 10, 3, 1 epochs a second (MNIST: batches)",
            key_display="-", show=False),
    Command("faster", "plus", "Faster", "Faster", "Train at a faster pace, up to full speed",
            "faster, up to full speed", key_display="+", show=False),
    Command("save", "s", "Save", "Save model", "Save the shown epoch's model to a file",
            "save the shown epoch's model to a file (`.npz`)"),
    Command("open", "o", "Open", "Open model", "Open a model file to train on",
            "open a model file (`.npz`) to train on"),
    # In the footer only while there is something to undo (see ONLY_WHEN_AVAILABLE).
    Command("undo", "u", "Undo", "Undo", "Put back the run a resume or an opened model replaced",
            "undo the last resume from an earlier epoch or opened model: the dropped epochs "
            "and weights come back (once)"),
    Command("show_command", "c", "Command", "Command for this run",
            "The nnlab train command that reproduces this run headless",
            "show (and copy) the `nnlab train …` command that reproduces this run headless",
            show=False),
)  # fmt: skip
"""The training keys: the MainScreen's, performed by the open workbench."""

ONLY_WHEN_AVAILABLE = frozenset({"undo"})
"""Commands left out of the footer and the palette, rather than greyed, when they do not
apply: most of the time there is nothing to undo."""

APP_COMMANDS = (
    Command("help", "question_mark", "Help", "Help", "Every key and what the panes show",
            "this help", key_display="?"),
    Command("quit", "q", "Quit", "Quit", "Quit the application", "quit"),
)  # fmt: skip
"""Keys that work everywhere. Textual's palette lists Quit itself."""

OTHER_KEYS = (
    ("`1`–`5`", "switch pane"),
    (
        "`ctrl+p`",
        "the command palette: open any task, concept page or pane, run any action, or type"
        " `epoch 300` to go to that epoch",
    ),
    ("`tab`", "move focus between the task list, the panes and the form"),
    ("`esc`", "leave a form field; pressed again, back to the task list"),
)
"""Help-screen rows for keys that are no command: the pane keys (whose tab labels show
them), and Textual's own palette and focus keys."""


FIRST_KEYS = ("toggle_run", "step_epoch", "help")
"""The keys a task's first line suggests, before anything has been pressed."""


def first_hint() -> str:
    """``"space: run / pause · n: one epoch · ?: help"``, from the commands' own keys."""
    by_action = {c.action: c for c in (*SCREEN_COMMANDS, *APP_COMMANDS)}
    return " · ".join(f"{by_action[a].shown_key}: {by_action[a].title.lower()}" for a in FIRST_KEYS)


def key_table() -> str:
    """The help screen's Markdown table of every command's key and what it does."""
    rows = [f"| `{c.shown_key}` | {c.detail} |" for c in SCREEN_COMMANDS]
    rows += [f"| {key} | {text} |" for key, text in OTHER_KEYS]
    rows += [f"| `{c.shown_key}` | {c.detail} |" for c in APP_COMMANDS]
    return "\n".join(["| key | does |", "|---|---|", *rows])
