"""nnlab terminal app and command line."""


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the package metadata on first use: importing
    # importlib.metadata costs ~50 ms, on every launch, for a string only --version shows.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nnlab-tui")
    except PackageNotFoundError:  # running from a source tree without install
        return "0.0.0"
