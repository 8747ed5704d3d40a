"""The Math view's text: one row's forward and backward pass, with shapes and numbers."""

from __future__ import annotations

import numpy as np
from rich.style import Style
from rich.text import Text

from nncore.row_math import RowMath
from tui.i18n import _

DECIMALS = 4
AGREE = 1e-4
"""Backprop and the numerical gradient agree when no entry differs by more than this."""


def shape(array: np.ndarray) -> str:
    """``(1×3)`` for a matrix, ``(3)`` for a vector."""
    return "(" + "×".join(str(n) for n in np.shape(array)) + ")"


def numbers(array: np.ndarray) -> list[str]:
    """One line per matrix row, ``[ 0.1234 -0.5678]``."""
    rows = np.atleast_2d(np.asarray(array, dtype=float))
    return ["[" + " ".join(f"{v:{DECIMALS + 4}.{DECIMALS}f}" for v in row) + "]" for row in rows]


def render_row_math(math: RowMath, title: str, *, muted: Style | str = "") -> Text:
    """The forward lines (``a1 = x·W1 + b1`` …), the output and the row's loss, then per
    layer, top down, ∂L/∂a, ∂L/∂W and ∂L/∂b by backprop beside the numerical gradient."""
    text = Text(no_wrap=True, overflow="crop")
    x1, x2 = math.x.ravel()
    row = _("{title} · row x = [{x1} {x2}], t = {t}").format(
        title=title, x1=f"{x1:.0f}", x2=f"{x2:.0f}", t=f"{math.t.item():.0f}"
    )
    text.append(row + "\n", "bold")
    text.append(_("Forward") + "\n", "bold underline")
    last = len(math.layers)

    def line(label: str, formula: str, shapes: str, value: np.ndarray) -> None:
        text.append(f"{label} = {formula}", "bold")
        text.append(f"   {shapes}\n", muted)
        for row in numbers(value):
            text.append(" " * (len(label) + 3) + row + "\n")

    for m in math.layers:
        below = "x" if m.index == 1 else f"z{m.index - 1}"
        a, z = f"a{m.index}", ("y" if m.index == last else f"z{m.index}")
        line(
            a,
            f"{below}·W{m.index} + b{m.index}",
            f"{shape(m.inputs)}·{shape(m.W)} + {shape(m.b)} → {shape(m.a)}",
            m.a,
        )
        line(z, f"{m.activation}({a})", f"{shape(m.a)} → {shape(m.z)}", m.z)
    half = "0.5·" if math.loss_scale != 1 else ""
    text.append(f"L = {half}−(t·log y + (1−t)·log(1−y)) = {math.loss:.{DECIMALS + 2}f}\n", "bold")
    text.append(_("Backward"), "bold underline")
    text.append("  ")
    text.append("   " + _("backprop  |  numerical (central differences)") + "\n", muted)
    for m in reversed(math.layers):
        k = m.index
        chain = f"(∂L/∂a{k + 1}·W{k + 1}ᵀ) ⊙ {m.activation}'(a{k})"
        da = f"{half}(y − t)" if k == last else chain
        line(f"∂L/∂a{k}", da, shape(m.da), m.da)
        for name, formula, shapes, ours, theirs in (
            (f"∂L/∂W{k}", f"{'x' if k == 1 else f'z{k - 1}'}ᵀ·∂L/∂a{k}",
             f"{shape(m.inputs.T)}·{shape(m.da)} → {shape(m.dW)}", m.dW, m.num_dW),
            (f"∂L/∂b{k}", f"Σ ∂L/∂a{k}", f"{shape(m.da)} → {shape(m.db)}", m.db, m.num_db),
        ):  # fmt: skip
            text.append(f"{name} = {formula}", "bold")
            text.append(f"   {shapes}\n", muted)
            for left, right in zip(numbers(ours), numbers(theirs), strict=True):
                text.append(" " * (len(name) + 3) + left + "  |  ")
                text.append(right + "\n", muted)
    worst = math.max_difference
    if worst <= AGREE:
        verdict = _("max |backprop − numerical| = {worst}: agree ✓")
    else:
        verdict = _("max |backprop − numerical| = {worst}: DISAGREE ✗")
    text.append(verdict.format(worst=f"{worst:.1e}"), "bold")
    return text
