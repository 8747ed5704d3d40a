"""Hyperparameters as one value object, plus the parsing the form validates with.

Parsers raise ``ValueError`` with a short, user-facing message; the form shows that
message inline and never applies the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from tui.i18n import _

# The one NumPy-free home of nncore's names (the form's choices, the command line's
# parser), spelled out so that neither loads NumPy; tests keep them equal to nncore's.
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
OPTIMIZER_NAMES = ("sgd", "momentum", "adagrad", "adam")
GRAD_METHODS = ("backprop", "numerical")
INIT_NAMES = ("auto", "book", "xavier", "he")

LIVE_FIELDS = frozenset({"lr", "batch_size", "epochs", "grad", "stop_at"})
"""Take effect at the next training step."""
RESET_FIELDS = frozenset({"hidden", "activation", "optimizer", "init", "seed"})
"""Rebuild the network, so they wait for a reset (``r``)."""

MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 4096


@dataclass(frozen=True)
class Hyperparams:
    """What a workbench trains with. ``hidden`` is the hidden layer widths; an empty tuple
    on a gate task means the book's single sigmoid unit."""

    hidden: tuple[int, ...]
    activation: str
    optimizer: str
    lr: float
    batch_size: int
    epochs: int
    grad: str
    init: str
    seed: int
    stop_at: int = 0
    """Epoch at which a run pauses on its way to ``epochs``; 0: none."""

    def changed_fields(self, other: Hyperparams) -> frozenset[str]:
        return frozenset(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)
        )


def parse_hidden(text: str) -> tuple[int, ...]:
    """``"50, 100"`` → ``(50, 100)``; blank → ``()``."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if len(parts) > MAX_HIDDEN_LAYERS:
        raise ValueError(_("at most {count} hidden layers").format(count=MAX_HIDDEN_LAYERS))
    sizes = []
    for part in parts:
        size = _whole_number(part)
        if size is None:
            raise ValueError(
                _("{text} is not a whole number; use e.g. 50,100").format(text=repr(part[:20]))
            )
        if not 1 <= size <= MAX_UNITS:
            raise ValueError(_("layer widths must be 1..{maximum}").format(maximum=MAX_UNITS))
        sizes.append(size)
    return tuple(sizes)


def format_hidden(hidden: tuple[int, ...]) -> str:
    return ",".join(str(n) for n in hidden)


def parse_lr(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        if not text.strip():
            raise ValueError(_("blank is not a number; e.g. 0.1")) from None
        raise ValueError(_("{text} is not a number; e.g. 0.1").format(text=text.strip())) from None
    if math.isnan(value) or value <= 0:
        raise ValueError(_("the learning rate must be a positive number"))
    if value > 100:  # inf too: a pasted 5,000-digit number parses as inf
        raise ValueError(_("a learning rate above 100 only diverges"))
    return value


def _whole_number(text: str) -> int | None:
    """``text`` as a non-negative int, None if it is not ASCII digits. Past 18 digits it
    is only "too large" (10**18), so a pasted 5,000-digit number never reaches int()."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= 18 else 10**18


def parse_positive_int(text: str, name: str, maximum: int) -> int:
    """``text`` as a whole number 1..``maximum``; ``name`` (translated) says what it is."""
    value = _whole_number(text)
    if value is None:
        raise ValueError(_("{name} must be a whole number").format(name=name))
    if not 1 <= value <= maximum:
        raise ValueError(_("{name} must be 1..{maximum}").format(name=name, maximum=maximum))
    return value


def parse_stop_at(text: str, maximum: int) -> int:
    """Blank → 0 (no stop); else an epoch 1..``maximum``."""
    if not text.strip():
        return 0
    return parse_positive_int(text, _("the epoch to stop at"), maximum)


def parse_seed(text: str) -> int:
    value = _whole_number(text)
    if value is None or value >= 2**32:
        raise ValueError(_("the seed must be a whole number 0..4294967295"))
    return value
