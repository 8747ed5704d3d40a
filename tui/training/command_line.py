"""The ``nnlab train …`` command line that reproduces a run headless, and what in a run
no command line can reproduce (weights from a model file, a setting changed mid-run).

NumPy- and Textual-free: ``nnlab train mnist`` builds its own ``command`` with it too.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace

from tui.i18n import _
from tui.training.hyperparams import Hyperparams, format_hidden

MID_RUN_FIELDS = ("lr", "batch_size", "grad")
"""Live settings that change the numbers from the step they apply at; ``nnlab train``
uses one value for the whole run."""


def gate_command(gate: str, params: Hyperparams, epochs: int) -> str:
    """``nnlab train gate and --hidden 0 …`` with every setting that applies spelled out;
    ``--hidden 0`` is the book's single unit, which has no activation or init to choose."""
    words = ["nnlab", "train", "gate", gate, "--hidden", format_hidden(params.hidden) or "0"]
    if params.hidden:
        words += ["--activation", params.activation, "--init", params.init]
    words += [
        *("--optimizer", params.optimizer, "--lr", repr(params.lr)),
        *("--epochs", str(epochs), "--grad", params.grad, "--seed", str(params.seed)),
    ]
    return shlex.join(words)


def mnist_command(preset: str, params: Hyperparams, epochs: int, data_dir: str | None) -> str:
    """``nnlab train mnist --preset book …`` with every setting spelled out, and
    ``--data-dir`` when the data is not in the default folder."""
    words = [
        *("nnlab", "train", "mnist", "--preset", preset),
        *("--hidden", format_hidden(params.hidden)),
        *("--activation", params.activation, "--optimizer", params.optimizer),
        *("--lr", repr(params.lr), "--batch-size", str(params.batch_size)),
        *("--epochs", str(epochs), "--init", params.init),
        *("--grad", params.grad, "--seed", str(params.seed)),
    ]
    if data_dir is not None:
        words += ["--data-dir", data_dir]
    return shlex.join(words)


@dataclass(frozen=True)
class RunOrigin:
    """What a run's numbers owe to more than its settings. ``opened``: the model file its
    first weights came from (None: drawn from the seed). ``changes``: live settings
    changed once training had begun, each with the epochs finished before the change."""

    opened: str | None = None
    changes: tuple[tuple[str, int], ...] = ()

    def changed(self, names: frozenset[str], epochs_done: int) -> RunOrigin:
        """``names`` changed after ``epochs_done`` epochs (the earliest change counts)."""
        seen = {change[0] for change in self.changes}
        new = tuple((n, epochs_done) for n in MID_RUN_FIELDS if n in names and n not in seen)
        return replace(self, changes=self.changes + new) if new else self

    def resumed(self, epoch: int) -> RunOrigin:
        """Training went back to ``epoch``: epochs after it are trained anew with today's
        settings, so a change counts from there at the latest (from 0: not at all)."""
        kept = tuple((name, min(done, epoch)) for name, done in self.changes if epoch > 0)
        return replace(self, changes=kept)

    def caveats(self, epochs: int, label: Callable[[str], str]) -> list[str]:
        """Why the command's losses would differ from this run's first ``epochs`` epochs;
        ``label(name)`` names a setting as the form does, in the chosen language."""
        notes = []
        if self.opened is not None:
            notes.append(
                _(
                    "This run began from the weights in {path}; the command draws new "
                    "ones from the seed, so its numbers differ from the start."
                ).format(path=self.opened)
            )
        for name, done in self.changes:
            if done < epochs:
                setting = label(name)
                notes.append(
                    _(
                        "{setting} changed after epoch {done}; the command uses today's value "
                        "throughout, so its losses differ from epoch {next} on."
                    ).format(setting=setting[:1].upper() + setting[1:], done=done, next=done + 1)
                )
        return notes
