"""The pace training runs at: as fast as possible, or a set number of steps a second
(a gate's step is one epoch), so a projector audience can follow the plots."""

from __future__ import annotations

import time
from collections.abc import Callable

from tui.i18n import N_, _

PACES: tuple[float | None, ...] = (None, 1, 3, 10, 30, 100, 300)
"""What ``-``/``+`` step through, slowest last-but-one: None is as fast as possible."""

SLICE = 0.05
"""Longest single sleep, in seconds: a pause is noticed within this long."""


PACE_UNITS = {"epochs": N_("{pace} epochs/s"), "batches": N_("{pace} batches/s")}
"""What a workbench's ``pace_unit`` counts, as its pace is said."""


def pace_label(pace: float | None, unit: str) -> str:
    """``"10 epochs/s"`` (``unit`` a key of PACE_UNITS); ``"full speed"`` for None."""
    if pace is None:
        return _("full speed")
    return _(PACE_UNITS[unit]).format(pace=f"{pace:g}")


def next_pace(pace: float | None, faster: bool) -> float | None:
    """The pace one ``+`` (``faster``) or ``-`` away, staying at either end."""
    order = (*PACES[1:], None)  # slowest to fastest
    index = order.index(pace) if pace in order else len(order) - 1
    return order[max(0, min(len(order) - 1, index + (1 if faster else -1)))]


class Pacer:
    """Spaces steps ``1/pace`` seconds apart, sleeping in slices that stop at once when
    ``cancelled()`` turns true. ``clock`` and ``sleep`` are injectable for tests."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._due: float | None = None

    def wait(self, pace: float | None, cancelled: Callable[[], bool]) -> None:
        """Called after each step: wait until the next step is due at ``pace`` a second."""
        if pace is None:
            self._due = None
            return
        now = self._clock()
        interval = 1 / pace
        # A step that ran late (a slow MNIST batch, a pause) is not made up for by a burst.
        if self._due is None or self._due < now - interval:
            self._due = now
        self._due += interval
        while not cancelled() and (remaining := self._due - self._clock()) > 0:
            self._sleep(min(remaining, SLICE))
