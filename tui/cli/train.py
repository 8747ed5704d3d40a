"""``nnlab train {gate,mnist}``."""

from tui.cli import train_gate, train_mnist
from tui.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("train", help=_("train a network headless"))
    tasks = parser.add_subparsers(
        dest="task", metavar="TASK", required=True, parser_class=type(parser)
    )
    train_gate.register(tasks)
    train_mnist.register(tasks)
