"""``nnlab eval``: the MNIST test accuracy of a saved model or of the book's weight pickle."""

from __future__ import annotations

import argparse
import json

from tui.cli.arguments import path
from tui.cli.errors import CommandError
from tui.cli.loading import DATA_DIR_HELP, load_data
from tui.i18n import _, explain


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval",
        help=_("test accuracy of a trained network on MNIST"),
        description=_(
            "Classify the 10,000 MNIST test images with a saved network and "
            "print the fraction it gets right."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--model", type=path, metavar="PATH.npz", help=_("a model saved by nnlab train")
    )
    source.add_argument(
        "--weights",
        type=path,
        metavar="PATH.pkl",
        help=_("the book's sample_weight.pkl (784-50-100-10)"),
    )
    parser.add_argument("--data-dir", type=path, metavar="DIR", help=_(DATA_DIR_HELP))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from nncore.io import ModelFileError, load_dlfs_pickle, load_model
    from nncore.presets import mnist_model_problem
    from nncore.text import one_line

    path = args.model or args.weights
    try:
        if args.model:
            network, meta = load_model(path)
        else:
            network, meta = load_dlfs_pickle(path), {}
    except ModelFileError as exc:
        raise CommandError(explain(exc)) from None
    sizes = tuple(network.sizes)
    problem = mnist_model_problem(network)
    if problem:
        raise CommandError(f"{path}: {explain(problem)}")
    x_test, t_test = load_data(args.data_dir)[1]
    total = len(x_test)
    # accuracy() is a ratio of two counts, so rounding recovers the count exactly.
    correct = round(network.accuracy(x_test, t_test) * total)
    accuracy = correct / total if total else 0.0
    if args.json:
        print(
            json.dumps(
                {
                    "model": str(path),
                    "sizes": list(sizes),
                    "activation": network.activation,
                    "accuracy": accuracy,
                    "correct": correct,
                    "total": total,
                }
            )
        )
        return 0
    command = meta.get("training", {}).get("command")
    shape = "-".join(map(str, sizes))
    print(
        _("model: {path} ({shape} {activation})").format(
            path=path, shape=shape, activation=network.activation
        )
    )
    if isinstance(command, str) and command:
        # Read from the file: escape codes in it must not reach the terminal.
        print(_("trained with: {command}").format(command=one_line(command)))
    print(
        _("test accuracy {accuracy:.4f} ({correct}/{total} correct)").format(
            accuracy=accuracy, correct=correct, total=total
        )
    )
    return 0
