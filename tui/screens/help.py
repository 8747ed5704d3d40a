"""HelpScreen: every key and what each pane shows."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# nnlab keys

| key | does |
|---|---|
| `space` | run training / pause it |
| `n` | train one epoch |
| `b` | train one mini-batch (a gate trains on all 4 rows: one batch is one epoch) |
| `r` | reset: new weights; hidden sizes, activation, optimizer, init and seed apply now |
| `←` `→` | show an earlier / later epoch; training resumes from the one shown (later ones go) |
| `s` / `o` | save the shown epoch's model / open a model file (`.npz`) |
| `1`–`4` | switch pane |
| `ctrl+p` | every action in the command palette |
| `tab` | move focus between the task list, the panes and the form |
| `?` / `q` | this help / quit |

In a text field, arrows, space and letters edit the text; `enter` or leaving the field
applies a valid value. Learning rate, batch size, epochs and gradient method apply at the
next step.

# Panes

* **Train** — the truth table (✓ when the output is on the target's side of 0.5), each
  layer's weights `W` and biases `b`, the network's shape, and the loss per epoch.
* **Map** — the network's output over the whole input square, red 0 to green 1, with the
  four training points. A single unit can only draw one straight boundary, which is
  why it cannot separate XOR.
* **Log** — the book's line every 100 epochs: epoch, loss, weights, bias.
* **Settings** — the hyperparameters; fields that do not apply to this network are off.

Press `escape` or `?` to close.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
