"""Hyperparameters as one value object, plus the parsing the form validates with.

Parsers raise ``ValueError`` with a short, user-facing message; the form shows that
message inline and never applies the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

# The one NumPy-free home of nncore's names (the form's choices, the command line's
# parser), spelled out so that neither loads NumPy; tests keep them equal to nncore's.
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
OPTIMIZER_NAMES = ("sgd", "momentum", "adagrad", "adam")
GRAD_METHODS = ("backprop", "numerical")
INIT_NAMES = ("auto", "book", "xavier", "he")

LIVE_FIELDS = frozenset({"lr", "batch_size", "epochs", "grad"})
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

    def changed_fields(self, other: Hyperparams) -> frozenset[str]:
        return frozenset(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)
        )


def parse_hidden(text: str) -> tuple[int, ...]:
    """``"50, 100"`` → ``(50, 100)``; blank → ``()``."""
    parts = [p.strip() for p in text.replace(" ", ",").split(",") if p.strip()]
    if len(parts) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"at most {MAX_HIDDEN_LAYERS} hidden layers")
    sizes = []
    for part in parts:
        if not part.isdigit():
            raise ValueError(f"{part!r} is not a whole number; use e.g. 50,100")
        size = int(part)
        if not 1 <= size <= MAX_UNITS:
            raise ValueError(f"layer widths must be 1..{MAX_UNITS}")
        sizes.append(size)
    return tuple(sizes)


def format_hidden(hidden: tuple[int, ...]) -> str:
    return ",".join(str(n) for n in hidden)


def parse_lr(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text.strip() or 'blank'} is not a number; e.g. 0.1") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError("the learning rate must be a positive number")
    if value > 100:
        raise ValueError("a learning rate above 100 only diverges")
    return value


def parse_positive_int(text: str, name: str, maximum: int) -> int:
    text = text.strip()
    if not text.isdigit():
        raise ValueError(f"{name} must be a whole number")
    value = int(text)
    if not 1 <= value <= maximum:
        raise ValueError(f"{name} must be 1..{maximum}")
    return value


def parse_seed(text: str) -> int:
    text = text.strip()
    if not text.isdigit() or int(text) >= 2**32:
        raise ValueError("the seed must be a whole number 0..4294967295")
    return int(text)
