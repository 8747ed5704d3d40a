"""A small text progress bar for headless commands (downloads, training epochs).

On a terminal it redraws one line in place with ``\\r``; when stderr is a
file or pipe (CI logs) it prints a plain line every quarter instead, so logs
are not flooded with carriage-return frames.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

_WIDTH = 30
_REDRAW_SECONDS = 0.1  # terminal redraws faster than this only cost CPU
_PLAIN_STEP = 25  # percent between plain lines
_PLAIN_SECONDS = 10.0  # plain lines when the total is unknown


def _human_bytes(n: int) -> str:
    for unit in ("B", "kB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


class ProgressBar:
    """Progress of one task as ``label [#####.....]  50%  5.0/9.9 MB``.

    Parameters
    ----------
    label : str
        What is progressing (a file name, ``"epoch 3/10"``), in the language spoken.
    total : int, optional
        Amount at completion; None if unknown (shows only the amount done).
    unit : str
        ``"B"`` formats amounts as kB/MB; anything else (translated) is appended to
        the counts (``"batches"`` → ``12/600 batches``).
    stream : text file, optional
        Where to draw; default ``sys.stderr``.
    clock : callable
        Seconds for throttling; injectable for tests.
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "",
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._clock = clock
        self._last_draw: float | None = None
        self._last_step = -1
        self._last_line = ""
        self._drawn_len = 0
        self._updated = False
        self._closed = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _amount(self) -> str:
        if self.unit == "B":
            done = _human_bytes(self.done)
            return done if self.total is None else f"{done}/{_human_bytes(self.total)}"
        counts = str(self.done) if self.total is None else f"{self.done}/{self.total}"
        return f"{counts} {self.unit}".rstrip()

    def _percent(self) -> int | None:
        if self.total is None:
            return None
        return 100 if self.total <= 0 else min(100, 100 * self.done // self.total)

    def render(self) -> str:
        """The current line, without ``\\r`` or newline."""
        percent = self._percent()
        if percent is None:
            return f"{self.label}  {self._amount()}"
        filled = _WIDTH * percent // 100
        bar = "#" * filled + "." * (_WIDTH - filled)
        return f"{self.label} [{bar}] {percent:3d}%  {self._amount()}"

    def update(self, done: int, total: int | None = None) -> None:
        """Record progress; ``total`` replaces the known total when given."""
        if self._closed:
            return
        if done < self.done:  # restarted (e.g. retrying another mirror)
            self._last_step = -1
        self._updated = True
        self.done = done
        if total is not None:
            self.total = total
        now = self._clock()
        if self._tty:
            finished = self.total is not None and done >= self.total
            if finished or self._last_draw is None or now - self._last_draw >= _REDRAW_SECONDS:
                self._redraw(now)
            return
        percent = self._percent()
        if percent is not None:
            step = percent // _PLAIN_STEP
            if step > self._last_step:
                self._last_step = step
                self._line(now)
        elif self._last_draw is None or now - self._last_draw >= _PLAIN_SECONDS:
            self._line(now)

    def _redraw(self, now: float) -> None:
        from rich.cells import cell_len

        text = self.render()
        # Pad over the previous frame in case this one is shorter; by cells, as a
        # Korean or Japanese label takes two a character.
        self._stream.write("\r" + text + " " * max(0, self._drawn_len - cell_len(text)))
        self._stream.flush()
        self._drawn_len = cell_len(text)
        self._last_draw = now

    def _line(self, now: float) -> None:
        self._last_line = self.render()
        self._stream.write(self._last_line + "\n")
        self._stream.flush()
        self._last_draw = now

    def close(self, *, erase: bool = False) -> None:
        """Draw the final state and end the line; later updates are ignored.

        ``erase`` clears a terminal's bar instead, for a bar whose result is printed
        right after it (one line per epoch rather than two).
        """
        if self._closed:
            return
        self._closed = True
        if not self._updated:
            return  # never started (e.g. failed before the first byte): draw nothing
        if self._tty:
            if erase:
                self._stream.write("\r\033[K")
            else:
                self._redraw(self._clock())
                self._stream.write("\n")
            self._stream.flush()
        elif self.render() != self._last_line:
            self._line(self._clock())
