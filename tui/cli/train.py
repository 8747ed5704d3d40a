"""``nnlab train {gate,mnist}``."""

from tui.cli import train_gate, train_mnist


def register(subparsers) -> None:
    parser = subparsers.add_parser("train", help="train a network headless")
    tasks = parser.add_subparsers(
        dest="task", metavar="TASK", required=True, parser_class=type(parser)
    )
    train_gate.register(tasks)
    train_mnist.register(tasks)
