"""A ``matplotlib.pyplot`` stand-in that draws in the terminal, for ``nnlab run``.

The book's scripts call ``plt.plot(x, y); plt.show()``; with no display (SSH, a console)
matplotlib shows nothing. This module answers the calls the book makes: ``plot``,
``scatter``, ``xlim``, ``ylim``, ``xlabel``, ``ylabel``, ``title``, ``legend`` and
``show`` draw with plotext, ``imshow`` in grey half blocks. Any other name is a function
that prints one line saying it is not drawn (once per name) and returns None, so the
script goes on.
"""

from __future__ import annotations

import os
import shutil
import sys
import types

import numpy as np

from tui.i18n import _

#: The functions drawn; everything else is reported once and skipped.
SUPPORTED = ("plot", "scatter", "xlim", "ylim", "xlabel", "ylabel", "title", "legend")
SUPPORTED += ("imshow", "show")
#: matplotlib's one-letter colours in a format string such as ``"r--"``. Black and white
#: are drawn in the terminal's own text colour: one of them is its background.
_COLOURS = {
    "b": "blue",
    "g": "green",
    "r": "red",
    "c": "cyan",
    "m": "magenta",
    "y": "yellow",
    "k": "default",
    "w": "default",
    "black": "default",
    "white": "default",
}
#: matplotlib's default colour cycle, in plotext's names (its own cycle is off in the
#: "clear" theme, which keeps the terminal's background).
_CYCLE = ("blue", "orange", "green", "red", "magenta", "cyan")
_MARKERS = set(".,ov^<>1234sp*hH+xXDd|_")
#: Unsupported calls already reported: one line per name for the whole run.
_REPORTED: set[str] = set()


def _values(data) -> np.ndarray:
    return np.asarray(data, dtype=np.float64).ravel()


def _finite(x: np.ndarray, y: np.ndarray) -> tuple[list, list]:
    """Points plotext can place: nan and inf (a diverging run) are left out."""
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    keep = np.isfinite(x) & np.isfinite(y)
    return x[keep].tolist(), y[keep].tolist()


def _series(args) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """matplotlib's ``plot(y)``, ``plot(x, y)``, ``plot(x, y, fmt, x2, y2, ...)``."""
    out, rest = [], list(args)
    while rest:
        first = _values(rest.pop(0))
        if rest and not isinstance(rest[0], str):
            x, y = first, _values(rest.pop(0))
        else:
            x, y = np.arange(len(first), dtype=np.float64), first
        fmt = rest.pop(0) if rest and isinstance(rest[0], str) else ""
        out.append((x, y, fmt))
    return out


class SkippingModule(types.ModuleType):
    """A module whose every public name is a function that does nothing but say so."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        short = self.__name__.replace("matplotlib.pyplot", "plt").replace("matplotlib.pylab", "plt")
        return unsupported(f"{short}.{name}")


def unsupported(qualified: str):
    """A function for a call the terminal does not draw: one line the first time."""

    def skip(*_args, **_kwargs):
        if qualified not in _REPORTED:
            _REPORTED.add(qualified)
            line = _("nnlab run: {call}() is not drawn in the terminal; the script goes on")
            print(line.format(call=qualified), file=sys.stderr, flush=True)

    return skip


class TerminalPyplot(SkippingModule):
    """The module object a script gets for ``import matplotlib.pyplot as plt``."""

    def __init__(self, name: str = "matplotlib.pyplot") -> None:
        super().__init__(name, __doc__)
        self.__all__ = list(SUPPORTED)  # for ``from matplotlib.pylab import *``
        self._images: list[tuple[np.ndarray, float | None, float | None]] = []
        self._drawn = 0  # series drawn since the last show()
        self._title = ""

    # -- drawing ---------------------------------------------------------------------

    def plot(self, *args, label=None, color=None, **_kwargs):
        import plotext

        for x, y, fmt in _series(args):
            colour = _colour(color) or _colour(_colour_of(fmt)) or self._next_colour()
            xs, ys = _finite(x, y)
            only_markers = bool(fmt) and set(fmt) <= _MARKERS | set(_COLOURS)
            draw = plotext.scatter if only_markers else plotext.plot
            draw(xs, ys, label=label, color=colour, marker="dot" if only_markers else None)
            self._drawn += 1
            label = None  # matplotlib labels the first series of one call

    def _next_colour(self) -> str:
        return _CYCLE[self._drawn % len(_CYCLE)]

    def scatter(self, x, y, *_args, label=None, color=None, c=None, **_kwargs):
        import plotext

        xs, ys = _finite(_values(x), _values(y))
        colour = _colour(color) or _colour(c) or self._next_colour()
        plotext.scatter(xs, ys, label=label, color=colour, marker="dot")
        self._drawn += 1

    def xlim(self, *args, left=None, right=None, **_kwargs):
        return self._limits("xlim", args, left, right)

    def ylim(self, *args, bottom=None, top=None, **_kwargs):
        return self._limits("ylim", args, bottom, top)

    def _limits(self, which: str, args, low, high):
        import plotext

        if len(args) == 1 and np.ndim(args[0]) == 1:
            low, high = args[0]
        elif len(args) == 2:
            low, high = args
        if low is not None or high is not None:
            getattr(plotext, which)(low, high)
        return low, high

    def xlabel(self, text, *_args, **_kwargs):
        import plotext

        plotext.xlabel(str(text))

    def ylabel(self, text, *_args, **_kwargs):
        import plotext

        plotext.ylabel(str(text))

    def title(self, text, *_args, **_kwargs):
        import plotext

        plotext.title(str(text))
        self._title = str(text)  # images have no plotext figure to carry it

    def legend(self, *_args, **_kwargs):
        """plotext already shows every labelled series in its legend."""

    def imshow(self, image, *_args, vmin=None, vmax=None, **_kwargs):
        self._images.append((np.asarray(image), vmin, vmax))

    def show(self, *_args, **_kwargs):
        """Print the plot, then the images, and start a fresh figure (as show() does)."""
        import plotext

        columns, lines = shutil.get_terminal_size((80, 24))
        if self._drawn:
            plotext.plotsize(max(40, columns - 1), max(12, min(lines - 2, 24)))
            plotext.theme("clear")
            text = plotext.build()
            text = text if _colour_wanted() else plotext.uncolorize(text)
            print(text.rstrip("\n"), flush=True)
        if self._images and not self._drawn and self._title:
            print(self._title, flush=True)
        for image, vmin, vmax in self._images:
            print(_halfblock(image, vmin, vmax, columns - 1), flush=True)
        plotext.clear_figure()
        self._images.clear()
        self._title = ""
        self._drawn = 0


def _colour_of(fmt: str) -> str | None:
    return next((ch for ch in fmt if ch in _COLOURS), None)


def _colour(value) -> str | None:
    """A plotext colour name for matplotlib's ``"r"`` or ``"red"``; None for the rest
    (hex strings, RGB tuples, arrays of values), which plotext would reject."""
    if not isinstance(value, str):
        return None
    value = _COLOURS.get(value, value)
    return value if value in _CYCLE or value in _COLOURS.values() else None


def _colour_wanted() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


#: Grey levels as characters, for output that is not a colour terminal (a pipe, a log).
RAMP = " .:-=+*#%@"


def _halfblock(image: np.ndarray, vmin, vmax, width: int) -> str:
    """``image`` (H, W) or (H, W, 3|4) in grey, scaled from [vmin, vmax] (the image's own
    range by default, as imshow does) and thinned to at most ``width`` columns: half
    blocks on a colour terminal, else one ``RAMP`` character per two pixel rows."""
    grey = _grey(image, vmin, vmax)
    step = max(1, -(-grey.shape[1] // max(1, width)))
    grey = grey[::step, ::step]
    if not _colour_wanted():
        if len(grey) % 2:
            grey = np.vstack([grey, grey[-1:]])
        pairs = (grey[0::2] + grey[1::2]) / 2
        levels = np.rint(pairs * (len(RAMP) - 1)).astype(np.intp)
        return "\n".join("".join(RAMP[v] for v in row).rstrip() for row in levels)

    from rich.console import Console

    from tui.render.halfblock import render_halfblock

    console = Console(
        file=sys.stdout, width=grey.shape[1] + 1, force_terminal=True, color_system="truecolor"
    )
    with console.capture() as capture:
        console.print(render_halfblock(grey, levels=64))
    return capture.get().rstrip("\n")


def _grey(image: np.ndarray, vmin, vmax) -> np.ndarray:
    """(H, W) floats in [0, 1]; nan (a failed computation) shows as black."""
    grey = image.astype(np.float64)
    if grey.ndim == 3 and grey.shape[-1] in (3, 4):
        grey = grey[..., :3] @ np.array([0.299, 0.587, 0.114])  # luminance
        if image.dtype == np.uint8 and vmin is None and vmax is None:
            vmin, vmax = 0.0, 255.0
    grey = grey.reshape(len(grey), -1) if grey.ndim >= 2 else grey.reshape(1, -1)
    finite = grey[np.isfinite(grey)]
    low = float(vmin) if vmin is not None else float(finite.min()) if finite.size else 0.0
    high = float(vmax) if vmax is not None else float(finite.max()) if finite.size else 1.0
    scaled = (grey - low) / (high - low) if high > low else np.zeros_like(grey)
    return np.clip(np.nan_to_num(scaled, nan=0.0), 0.0, 1.0)


def terminal_matplotlib() -> dict[str, types.ModuleType]:
    """Modules to put in ``sys.modules``: ``matplotlib`` and its ``pyplot``/``pylab``
    (the book imports both), sharing one figure."""
    package = types.ModuleType("matplotlib", "nnlab run's terminal stand-in for matplotlib")
    package.__path__ = []  # a package, so ``import matplotlib.pyplot`` looks inside
    pyplot = TerminalPyplot("matplotlib.pyplot")
    package.pyplot = package.pylab = pyplot
    package.use = unsupported("matplotlib.use")
    return {"matplotlib": package, "matplotlib.pyplot": pyplot, "matplotlib.pylab": pyplot}
