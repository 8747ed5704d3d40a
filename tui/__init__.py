"""nnlab terminal app and command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nnlab-tui")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
