"""``nnlab train gate``: train a logic gate and print the book's log and the truth table."""

from __future__ import annotations

import argparse
import dataclasses
import json

from tui.cli.arguments import layer_widths, non_negative_int, positive_float, positive_int
from tui.cli.errors import CommandError
from tui.i18n import _, explain, ngettext
from tui.training.hyperparams import ACTIVATIONS, GRAD_METHODS, INIT_NAMES, OPTIMIZER_NAMES

GATES = ("and", "or", "nand", "xor")


def register(tasks) -> None:
    parser = tasks.add_parser(
        "gate",
        help=_("train AND, OR, NAND or XOR"),
        description=_(
            "Train a logic gate. AND, OR and NAND default to the book's single "
            "sigmoid unit; XOR defaults to a two-layer network (--hidden 0 shows the single "
            "unit failing)."
        ),
    )
    parser.add_argument("gate", choices=GATES)
    parser.add_argument(
        "--hidden",
        type=hidden_widths,
        metavar="N[,N...]",
        help=_("hidden layer widths, e.g. 4 or 4,3 (0 = the single unit)"),
    )
    parser.add_argument(
        "--activation", choices=ACTIVATIONS, help=_("of the hidden layers (default: tanh)")
    )
    parser.add_argument(
        "--init",
        choices=INIT_NAMES,
        help=_("initial weight scale (default: {init})").format(init=NETWORK_INIT),
    )
    parser.add_argument("--optimizer", choices=OPTIMIZER_NAMES, default="sgd")
    parser.add_argument("--epochs", type=non_negative_int)
    parser.add_argument("--lr", type=positive_float, help=_("learning rate"))
    parser.add_argument("--grad", choices=GRAD_METHODS, help=_("gradient method"))
    parser.add_argument(
        "--recipe", choices=("book",), help=_("the book's recipe exactly: single unit, seed 1")
    )
    parser.add_argument("--seed", type=non_negative_int, default=1)
    parser.add_argument("--log-every", type=positive_int, default=100, metavar="N")
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(run=run)


NETWORK_INIT = "xavier"
"""nncore.gates.NETWORK_INIT, spelled out so that building the parser loads no NumPy (a
test keeps the two equal)."""


def hidden_widths(text: str) -> tuple[int, ...]:
    """argparse type: ``"4,3"`` -> ``(4, 3)``; ``"0"`` -> ``()``, the single unit."""
    if text.strip() == "0":
        return ()
    return layer_widths(text, example=_("4 or 4,3 (0 for the single unit)"))


def run(args: argparse.Namespace) -> int:
    import numpy as np

    # A huge rate overflows on its way to nan; TrainingDiverged says so in one line, so
    # NumPy's warnings would only repeat it as noise.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from rich.cells import cell_len

    from nncore.gates import (
        RULE,
        book_log_line,
        default_preset,
        gate_data,
        gate_network,
        is_right,
        shown,
    )
    from nncore.optimizers import make_optimizer
    from nncore.trainer import Trainer, TrainingDiverged
    from tui.render.cells import ljust, rjust

    if args.recipe == "book" and args.hidden not in (None, ()):
        raise CommandError(_("--recipe book is the single unit: leave out --hidden"), 2)
    if args.recipe == "book" or args.hidden == ():
        preset = default_preset(args.gate, 0)
    else:  # the gate's own default, or the network preset when widths are given
        preset = default_preset(args.gate, args.hidden[0] if args.hidden else None)
    if not preset.hidden and (args.activation or args.init):
        raise CommandError(
            _(
                "--activation and --init apply to hidden layers; the single unit is the "
                "book's sigmoid: give --hidden too, or leave them out"
            ),
            2,
        )
    overrides = {"epochs": args.epochs, "lr": args.lr, "grad": args.grad, "seed": args.seed}
    preset = dataclasses.replace(preset, **{k: v for k, v in overrides.items() if v is not None})
    hidden = args.hidden or ((preset.hidden,) if preset.hidden else ())
    activation = args.activation or preset.activation
    network = gate_network(hidden, activation, args.init or NETWORK_INIT, preset.seed)
    x, t = gate_data(args.gate)
    trainer = Trainer(
        network,
        make_optimizer(args.optimizer, preset.lr),
        x,
        t,
        batch_size=len(x),
        seed=preset.seed,
        grad_method=preset.grad,
    )
    history = []
    try:
        for epoch in range(preset.epochs):
            loss = trainer.step().finished.loss
            if epoch % args.log_every == 0:
                history.append({"epoch": epoch, "loss": loss})
                if not args.json:
                    print(book_log_line(epoch, loss, network))
    except TrainingDiverged as exc:
        raise CommandError(explain(exc)) from None
    outputs = network.predict(x).ravel()
    final_loss = float(network.loss(x, t))
    if args.json:
        print(
            json.dumps(
                {
                    "task": args.gate,
                    "epochs": preset.epochs,
                    "loss": final_loss,
                    "predictions": [float(y) for y in outputs],
                    "history": history,
                }
            )
        )
        return 0
    print()
    heading = ngettext(
        "{gate} truth table after {n} epoch (loss {loss:.6f})",
        "{gate} truth table after {n} epochs (loss {loss:.6f})",
        preset.epochs,
    )
    print(heading.format(gate=args.gate.upper(), n=preset.epochs, loss=final_loss))
    target, output = _("target"), _("output")
    # Padded by cells, not characters: a Korean or Japanese character takes two. Each
    # target sits under the middle of its heading; each output starts under its own.
    target_cells = cell_len(target)
    output_cells = max(cell_len(output), len(shown(0.0)))
    print(f" x1  x2  {target}  {output}")
    verdicts = is_right(outputs, t)
    for (x1, x2), goal, y, ok in zip(x, t.ravel(), outputs, verdicts, strict=True):
        goal_cell = ljust(rjust(f"{goal:.0f}", (target_cells + 1) // 2 + 1), target_cells)
        output_cell = ljust(shown(y), output_cells)
        print(f"  {x1:.0f}   {x2:.0f}  {goal_cell}  {output_cell}  {'✓' if ok else '✗'}")
    print(explain(RULE))
    return 0
