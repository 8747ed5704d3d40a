"""argparse types that reject bad numbers with a message saying what is expected."""

from __future__ import annotations

import argparse
import math
import os

from tui.i18n import _, explain


def positive_int(text: str) -> int:
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number of 1 or more").format(text=repr(text))
        )
    return value


def non_negative_int(text: str) -> int:
    value = _int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("{text} is negative; give 0 or more").format(text=repr(text))
        )
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number (e.g. 0.1)").format(text=repr(text))
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(
            _("{text} must be a finite number above 0").format(text=repr(text))
        )
    return value


def layer_widths(text: str, example: str = "100,50") -> tuple[int, ...]:
    """``"100,50"`` -> ``(100, 50)``: hidden layer widths, each a whole number of 1 or more;
    ``example`` (in the language spoken) shows the form in the message for anything else."""
    try:
        widths = tuple(int(part) for part in text.split(","))
    except ValueError:
        widths = ()
    if not widths or any(n < 1 for n in widths):
        raise argparse.ArgumentTypeError(
            _(
                "{text} is not a list of layer widths: give whole numbers of 1 or more "
                "separated by commas, e.g. {example}"
            ).format(text=repr(text), example=example)
        )
    return widths


def path(text: str) -> str:
    """A path that can at least be looked up (not too long, no loop of links); what must
    be there is each command's own check."""
    from nncore.paths import path_problem

    problem = path_problem(os.path.expanduser(text))
    if problem:
        raise argparse.ArgumentTypeError(explain(problem))
    return text


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number").format(text=repr(text))
        ) from None
