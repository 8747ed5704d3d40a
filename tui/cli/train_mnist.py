"""``nnlab train mnist``: train a digit classifier on MNIST, logging each epoch as the book does."""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from itertools import pairwise
from pathlib import Path

from tui.cli.arguments import layer_widths, non_negative_int, path, positive_float, positive_int
from tui.cli.errors import CommandError
from tui.cli.loading import DATA_DIR_HELP, load_data
from tui.cli.signals import exit_code, signals_held, what_stopped
from tui.i18n import _, explain, ngettext
from tui.tasks import MNIST_PRESET_NAMES as PRESET_NAMES
from tui.training.command_line import mnist_command

# The app's NumPy-free copies, so that building the parser does not import NumPy; the
# tests check them against nncore's own tables.
from tui.training.hyperparams import ACTIVATIONS as ACTIVATION_NAMES
from tui.training.hyperparams import GRAD_METHODS, INIT_NAMES, OPTIMIZER_NAMES, Hyperparams

DEFAULT_PRESET = "book"
# Options that override a preset setting of the same name (None = keep the preset's).
_OVERRIDES = ("hidden", "activation", "optimizer", "lr", "batch_size", "epochs", "init")
# Progress-bar redraws per epoch: enough to look alive, few enough to cost nothing.
_BAR_UPDATES = 50


def register(tasks) -> None:
    parser = tasks.add_parser(
        "mnist",
        help=_("train a digit classifier on MNIST"),
        description=_(
            "Train a network on the 60,000 MNIST training images, printing the "
            "loss and the train and test accuracy after each epoch. A preset sets every "
            "option; the options below override it."
        ),
    )
    parser.add_argument(
        "--preset",
        choices=PRESET_NAMES,
        default=DEFAULT_PRESET,
        # argparse %-formats help: a per cent sign is written %% (in the catalogs too).
        help=_(
            "book: the book's 784-50-10 of chapter 4; book-3layer: 784-50-100-10; "
            "best: 784-256-10 ReLU, about 98%% (default: {preset})"
        ).format(preset=DEFAULT_PRESET),
    )
    parser.add_argument(
        "--hidden",
        type=layer_widths,
        metavar="N[,N...]",
        help=_("hidden layer widths, e.g. 100,50"),
    )
    parser.add_argument("--activation", choices=ACTIVATION_NAMES)
    parser.add_argument("--optimizer", choices=OPTIMIZER_NAMES)
    parser.add_argument(
        "--lr",
        type=positive_float,
        help=_(
            "learning rate (default: the preset's, or the "
            "optimizer's usual rate when --optimizer changes it)"
        ),
    )
    parser.add_argument("--batch-size", type=positive_int, metavar="N", help=_("images per step"))
    parser.add_argument("--epochs", type=positive_int, metavar="N", help=_("passes over the data"))
    parser.add_argument("--init", choices=INIT_NAMES, help=_("initial weight scale"))
    parser.add_argument(
        "--grad",
        choices=GRAD_METHODS,
        default="backprop",
        help=_("gradient method; numerical is very slow and meant for tiny networks"),
    )
    parser.add_argument(
        "--seed",
        type=non_negative_int,
        default=0,
        help=_("draws the initial weights and the batch order (default: 0)"),
    )
    parser.add_argument(
        "--save", type=path, metavar="PATH", help=_("write the trained model (.npz) here")
    )
    parser.add_argument("--data-dir", type=path, metavar="DIR", help=_(DATA_DIR_HELP))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from nncore.paths import save_problem
    from nncore.presets import apply_overrides, get_preset
    from nncore.trainer import TrainingDiverged

    try:
        overrides = {name: getattr(args, name) for name in _OVERRIDES}
        preset = apply_overrides(get_preset(args.preset), **overrides)
    except ValueError as exc:
        raise CommandError(explain(exc), 2) from None
    save_path = Path(args.save) if args.save else None
    problem = save_problem(save_path) if save_path is not None else None
    if problem:
        raise CommandError(
            _("cannot save to {path}: {problem}").format(path=save_path, problem=explain(problem))
        )
    (x_train, t_train), (x_test, t_test) = load_data(args.data_dir)
    if args.grad == "numerical":
        _warn_numerical(preset)
    trainer = preset.trainer(
        x_train, t_train, x_test, t_test, seed=args.seed, grad_method=args.grad
    )
    if not args.json:
        print(
            _("training {summary} (preset {preset}, seed {seed})").format(
                summary=explain(preset.summary), preset=preset.name, seed=args.seed
            )
        )
    started = time.perf_counter()
    try:
        # A diverging run overflows on its way to nan; TrainingDiverged reports it in one
        # line, so NumPy's warnings would only repeat it as noise.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            _train(trainer, preset.epochs, args)
    except TrainingDiverged as exc:
        raise CommandError(explain(exc)) from None
    except KeyboardInterrupt as exc:
        return _interrupted(trainer, preset, args, save_path, exc)
    wall = time.perf_counter() - started
    if save_path is not None:
        _save(trainer, preset, args, save_path, interrupted=False)
    last = trainer.history.epochs[-1]
    if args.json:
        result = {
            **_settings(preset, args),
            "command": reproduce_command(preset, args),
            "history": [_record_dict(r) for r in trainer.history.epochs],
            "loss": last.loss,
            "train_acc": last.train_acc,
            "test_acc": last.test_acc,
            "seconds": wall,
            "saved": str(save_path) if save_path else None,
        }
        print(json.dumps(result))
        return 0
    done = ngettext(
        "test acc {acc:.4f} after {n} epoch ({seconds:.1f} s)",
        "test acc {acc:.4f} after {n} epochs ({seconds:.1f} s)",
        last.epoch,
    )
    print(done.format(acc=last.test_acc, n=last.epoch, seconds=wall))
    if save_path is not None:
        print(_("saved to {path}").format(path=save_path))
    return 0


def _train(trainer, epochs: int, args: argparse.Namespace) -> None:
    """Run ``epochs`` epochs with a progress bar on stderr and a book-style line per epoch."""
    from tui.cli.progress import ProgressBar

    steps = math.ceil(len(trainer.x_train) / trainer.batch_size)
    # A numerical step takes seconds, so each one is news; backprop steps take milliseconds.
    every = 1 if args.grad == "numerical" else max(1, steps // _BAR_UPDATES)
    for epoch in range(1, epochs + 1):
        label = _("epoch {epoch}/{epochs}").format(epoch=epoch, epochs=epochs)
        bar = ProgressBar(label, steps, unit=_("batches"))
        try:
            done = 0
            while trainer.step().finished is None:
                done += 1
                if done % every == 0:
                    bar.update(done)
            bar.update(steps)
        finally:
            # The epoch's own line replaces its bar.
            bar.close(erase=True)
        if not args.json:
            print(epoch_line(trainer.history.epochs[-1], epochs), flush=True)


def epoch_line(record, epochs: int) -> str:
    """``epoch 1/17  loss 0.3412  train acc, test acc | 0.9023, 0.9071  (1.2 s)``: the
    middle is the book's own log (ch04/train_neuralnet.py) and stays so in every
    language; nnlab's words around it are translated."""
    line = _(
        "epoch {epoch}/{epochs}  loss {loss:.4f}  "
        "train acc, test acc | {train_acc:.4f}, {test_acc:.4f}  ({seconds:.1f} s)"
    )
    return line.format(
        epoch=record.epoch,
        epochs=epochs,
        loss=record.loss,
        train_acc=record.train_acc,
        test_acc=record.test_acc,
        seconds=record.seconds,
    )


def _interrupted(
    trainer, preset, args: argparse.Namespace, save_path: Path | None, exc: KeyboardInterrupt
) -> int:
    """Ctrl+C or a stop signal: keep the last finished epoch (saved if asked), say so in
    one line, exit 128 + the signal's number (130 for Ctrl+C, 143 for SIGTERM)."""
    where = {"stopped": what_stopped(exc), "epoch": trainer.epoch + 1, "epochs": preset.epochs}
    finished = trainer.snapshot_epochs[-1]
    if save_path is None:
        message = _("{stopped} during epoch {epoch}/{epochs}").format(**where)
    elif finished == 0:
        message = _(
            "{stopped} during epoch {epoch}/{epochs}; no epoch had finished, nothing saved"
        ).format(**where)
    else:
        # Save a whole epoch, whose accuracy is known, rather than a half-updated one.
        trainer.restore(finished)
        _save(trainer, preset, args, save_path, interrupted=True)
        acc = trainer.history.epochs[-1].test_acc
        message = _(
            "{stopped} during epoch {epoch}/{epochs}; saved epoch {finished} "
            "(test acc {acc:.4f}) to {path}"
        ).format(**where, finished=finished, acc=acc, path=save_path)
    print(f"nnlab: {message}", file=sys.stderr)
    return exit_code(exc)


def _save(trainer, preset, args: argparse.Namespace, path: Path, *, interrupted: bool) -> None:
    from nncore.io import save_model

    records = trainer.history.epochs
    done = len(records)
    training = {
        "task": "mnist",
        **_settings(preset, args),
        # The command reproduces exactly the epochs saved, also after an interrupt.
        "command": reproduce_command(preset, args, epochs=done),
        "epochs": done,
        "test_acc": records[-1].test_acc,
        "train_acc": records[-1].train_acc,
        "loss": records[-1].loss,
        "history": [_record_dict(r) for r in records],
        "interrupted": interrupted,
    }
    try:
        # A second Ctrl+C (or a signal) must not cut the save short: it is nearly done.
        with signals_held():
            save_model(path, trainer.network, training)
    except OSError as exc:
        reason = exc.strerror or explain(exc)
        raise CommandError(
            _("cannot save to {path}: {problem}").format(path=path, problem=reason)
        ) from None


def _settings(preset, args: argparse.Namespace) -> dict:
    return {
        "preset": preset.name,
        "hidden": list(preset.hidden),
        "activation": preset.activation,
        "optimizer": preset.optimizer,
        "lr": preset.lr,
        "batch_size": preset.batch_size,
        "epochs": preset.epochs,
        "init": preset.init,
        "grad": args.grad,
        "seed": args.seed,
    }


def reproduce_command(preset, args: argparse.Namespace, epochs: int | None = None) -> str:
    """The ``nnlab train mnist`` command line with every effective setting spelled out."""
    params = Hyperparams(
        preset.hidden, preset.activation, preset.optimizer, preset.lr, preset.batch_size,
        preset.epochs, args.grad, preset.init, args.seed,
    )  # fmt: skip
    data_dir = None if args.data_dir is None else str(Path(args.data_dir).expanduser().resolve())
    return mnist_command(preset.name, params, preset.epochs if epochs is None else epochs, data_dir)


def _record_dict(record) -> dict:
    """An ``EpochRecord`` as JSON: epoch, loss, train_acc, test_acc, seconds."""
    return {
        key: getattr(record, key) for key in ("epoch", "loss", "train_acc", "test_acc", "seconds")
    }


def _warn_numerical(preset) -> None:
    sizes = preset.sizes
    n_params = sum(a * b + b for a, b in pairwise(sizes))
    warning = ngettext(
        "nnlab: warning: --grad numerical computes the loss twice per parameter "
        "({n:,} parameter) on every step, so training is very slow; "
        "use it on a small --hidden to check backprop",
        "nnlab: warning: --grad numerical computes the loss twice per parameter "
        "({n:,} parameters) on every step, so training is very slow; "
        "use it on a small --hidden to check backprop",
        n_params,
    )
    print(warning.format(n=n_params), file=sys.stderr)
