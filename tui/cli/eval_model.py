"""placeholder until written."""


def register(subparsers) -> None:
    pass
