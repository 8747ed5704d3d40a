"""Every subcommand module; each has ``register(subparsers)`` setting ``run=fn(args) -> int``."""

from tui.cli import bench, data, eval_model, run, train

REGISTRARS = [train.register, eval_model.register, data.register, bench.register, run.register]
