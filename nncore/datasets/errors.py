"""The one exception every dataset failure is reported as."""

from __future__ import annotations


class DatasetError(Exception):
    """A dataset file is missing, unreadable, corrupt or could not be downloaded.

    The message is a single line that names the file, says what is wrong and how
    to fix it, so a command line can print it as-is.
    """
