"""The terminal driver nnlab runs on: Textual's own, made safe against a terminal that
hangs up (an SSH connection dropping).

After a hang-up every write to the terminal fails with EIO. Textual's writer thread dies
on the first failure, and its queue (30 writes deep) then fills, so the app's next write,
or its exit, waits forever: the learner's process lingers on the class server. Here the
writes that can no longer reach anyone are dropped instead, and the app exits.
"""

from __future__ import annotations

from typing import IO

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class _TerminalOutput:
    """The driver's output file, whose writes are dropped once the terminal is gone."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except OSError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()


class HangupSafeDriver(LinuxDriver):
    """Textual's Linux/macOS driver writing through :class:`_TerminalOutput`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._file = _TerminalOutput(self._file)


def hangup_safe(driver_class: type[Driver]) -> type[Driver]:
    """``HangupSafeDriver`` in place of Textual's own ``LinuxDriver``; any other driver
    (Windows, or one named by ``TEXTUAL_DRIVER``) as it is."""
    return HangupSafeDriver if driver_class is LinuxDriver else driver_class
