"""HelpScreen: every key (the table from ``tui.commands``) and what each pane shows, in
the language in use."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tui.commands import key_table
from tui.i18n import N_, _

HEADING, PARAGRAPH, BULLET, KEY_TABLE = "# ", "", "* ", None
"""How a block of ``BLOCKS`` is written in Markdown: its prefix, or None for the key table."""

BLOCKS: tuple[tuple[str | None, str], ...] = (
    (HEADING, N_("nnlab keys")),
    (KEY_TABLE, ""),
    (PARAGRAPH, N_(
        "In a text field, arrows, space and letters edit the text; `enter` or leaving the "
        "field applies a valid value. Learning rate, batch size, epochs and gradient method "
        "apply at the next step."
    )),
    (HEADING, N_("Gate panes")),
    (BULLET, N_(
        "**Train** — the truth table (✓ when the output is on the target's side of 0.5), "
        "each layer's weights `W` and biases `b`, the network's shape, and the loss per epoch."
    )),
    (BULLET, N_(
        "**Map** — the network's output over the whole input square, red 0 to green 1, with "
        "the four training points. A single unit can only draw one straight boundary, which "
        "is why it cannot separate XOR."
    )),
    (BULLET, N_("**Log** — the book's line every 100 epochs: epoch, loss, weights, bias.")),
    (BULLET, N_(
        "**Settings** — the hyperparameters; fields that do not apply to this network are "
        "off. *stop at epoch* pauses a run there (blank: never); `space` then runs on."
    )),
    (HEADING, N_("MNIST panes")),
    (BULLET, N_(
        "**Curves** — the loss of every mini-batch with its moving average, and train / test "
        "accuracy after each epoch."
    )),
    (BULLET, N_(
        "**Digits** — test digits with the network's answer (wrong ones highlighted) and the "
        "selected digit large, with its ten softmax probabilities. `↑` `↓` select a digit, "
        "`[` `]` turn the page, `m` shows only the mistakes."
    )),
    (BULLET, N_(
        "**Confusion** — true digit (rows) against the answer (columns) over the test set, "
        "and the pairs most often confused."
    )),
    (BULLET, N_("**Settings** — the hyperparameters, as for the gates.")),
    (BULLET, N_(
        "**Weights** — each first-layer weight column `W1[:, j]` as a 28×28 picture, "
        "labelled `h1`, `h2`, …: blue for positive weights, red for negative, each tile "
        "scaled to its own largest `|w|` (the ± under it); in 16 colours or with NO_COLOR, "
        "glyphs: `░▒▓█` for +, `·-=≡` for −. The arrows move over the tiles, `[` `]` or "
        "`PgUp` `PgDn` turn the page, `esc` gives the arrows back to the epochs. The line "
        "below: what the unit under the cursor does with the digit selected in Digits, "
        "`a = x·W1[:, j] + b1[j]` and `z = h(a)`."
    )),
    (PARAGRAPH, N_(
        "The status line gives the step, images per second, seconds per epoch and the time "
        "left. Without MNIST the workbench offers to download it; `l` tries loading again."
    )),
    (HEADING, N_("Draw a digit")),
    (PARAGRAPH, N_(
        "Arrows move the pen, `space` puts it down or lifts it, `x` switches between ink and "
        "eraser, `c` clears; or draw by dragging the mouse. `t` loads a test digit, `m` "
        "switches the model, `o` opens a model file. `escape` goes back to the task list."
    )),
    (HEADING, N_("Concepts")),
    (PARAGRAPH, N_(
        "Each page lists its own keys in the footer, and the command palette has them as "
        "`Page: …`; `tab` moves between its fields and `escape` goes back to the task list."
    )),
    (BULLET, N_(
        "**Forward pass** — `→` `←` (`home` `end`) step through the layers; `tab` types your "
        "own `x`, `escape` leaves the field for the steps again."
    )),
    (BULLET, N_(
        "**Gradient descent** — `←` `↑` `→` `↓` move the start and the path is descended "
        "anew; `n` or `space` steps, `p` steps back, `r` runs, `home` `end` jump, `[` `]` "
        "choose the learning rate. The map's arrows are −∇f at grid points, brighter where "
        "f is steeper."
    )),
    (PARAGRAPH, N_("Press `escape` or `?` to close.")),
)  # fmt: skip
"""The help, block by block (the English marked for the catalogs): one paragraph, list
item or heading a translation, so a translator never sees Markdown's layout."""


def help_text() -> str:
    """The help as Markdown, in the language in use: list items one under the other,
    other blocks a blank line apart."""
    text = ""
    previous = None
    for kind, block in BLOCKS:
        shown = key_table() if kind is KEY_TABLE else kind + _(block)
        if text:
            text += "\n" if kind == previous == BULLET else "\n\n"
        text += shown
        previous = kind
    return text + "\n"


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("question_mark", "close", N_("Close"), show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text())

    def action_close(self) -> None:
        self.dismiss(None)
