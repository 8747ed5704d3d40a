"""``nnlab train gate``: train a logic gate and print the book's log and the truth table."""

from __future__ import annotations

import argparse
import dataclasses
import json

from tui.cli.arguments import non_negative_int, positive_float, positive_int
from tui.cli.errors import CommandError

GATES = ("and", "or", "nand", "xor")


def register(tasks) -> None:
    parser = tasks.add_parser(
        "gate",
        help="train AND, OR, NAND or XOR",
        description="Train a logic gate. AND, OR and NAND default to the book's single "
        "sigmoid unit; XOR defaults to a two-layer network (--hidden 0 shows the single "
        "unit failing).",
    )
    parser.add_argument("gate", choices=GATES)
    parser.add_argument("--hidden", type=non_negative_int, help="hidden units (0 = single unit)")
    parser.add_argument("--epochs", type=non_negative_int)
    parser.add_argument("--lr", type=positive_float, help="learning rate")
    parser.add_argument("--grad", choices=("numerical", "backprop"), help="gradient method")
    parser.add_argument(
        "--recipe", choices=("book",), help="the book's recipe exactly: single unit, seed 1"
    )
    parser.add_argument("--seed", type=non_negative_int, default=1)
    parser.add_argument("--log-every", type=positive_int, default=100, metavar="N")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import numpy as np

    # A huge rate overflows on its way to nan; TrainingDiverged says so in one line, so
    # NumPy's warnings would only repeat it as noise.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from nncore.gates import book_log_line, default_preset, gate_data
    from nncore.trainer import TrainingDiverged

    if args.recipe == "book" and args.hidden not in (None, 0):
        raise CommandError("--recipe book is the single unit: leave out --hidden", 2)
    preset = default_preset(args.gate, 0 if args.recipe == "book" else args.hidden)
    overrides = {"epochs": args.epochs, "lr": args.lr, "grad": args.grad, "seed": args.seed}
    preset = dataclasses.replace(preset, **{k: v for k, v in overrides.items() if v is not None})
    trainer = preset.trainer()
    network = trainer.network
    history = []
    try:
        for epoch in range(preset.epochs):
            loss = trainer.step().finished.loss
            if epoch % args.log_every == 0:
                history.append({"epoch": epoch, "loss": loss})
                if not args.json:
                    print(book_log_line(epoch, loss, network))
    except TrainingDiverged as exc:
        raise CommandError(str(exc)) from None
    x, t = gate_data(args.gate)
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
    print(f"{args.gate.upper()} truth table after {preset.epochs} epochs (loss {final_loss:.6f})")
    print(" x1  x2  target  output")
    for (x1, x2), target, y in zip(x, t.ravel(), outputs, strict=True):
        mark = "✓" if abs(y - target) < 0.5 else "✗"
        print(f"  {x1:.0f}   {x2:.0f}     {target:.0f}    {y:.4f}  {mark}")
    return 0
