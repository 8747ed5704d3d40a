"""Gradient check page: backprop against the numerical gradient on the book's two-layer
net and a batch of MNIST, per parameter, each timed (the bridge from chapter 4 to 5)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from nncore.datasets import DatasetError
from nncore.network import Network
from nncore.presets import MNIST_CLASSES, MNIST_INPUTS
from tui.concepts.base import ConceptPage
from tui.i18n import N_, _, ngettext
from tui.mnist_data import MnistFetcher
from tui.render.cells import ljust, rjust

HIDDEN = 50
"""The book's TwoLayerNet(input_size=784, hidden_size=50, output_size=10)."""
BATCH = 100
SYNTHETIC_IMAGES = 1_000
METHODS = ("backprop", "numerical")
clock = time.perf_counter
"""The timer; tests swap in a fake one so that screenshots hold no real timings."""


@dataclass
class _Images(Message):
    """The loader thread's images to draw batches from: ``x`` (n, 784) float64 in [0, 1],
    ``t`` (n,) digits, and a one-line ``note`` on where they came from."""

    x: np.ndarray
    t: np.ndarray
    note: str


@dataclass
class _Gradient(Message):
    """One method's gradients (keyed ``W1``…``b2``) of the batch numbered ``batch``, and
    the ``seconds`` they took."""

    batch: int
    method: str
    grads: dict[str, np.ndarray]
    seconds: float


@dataclass
class _CheckFailed(Message):
    """The check thread's one-line exception."""

    error: str


def load_images() -> _Images:
    """The MNIST training images (never downloading: the page must not prompt), else a
    seeded stand-in with MNIST's look: mostly zero pixels, the rest multiples of 1/255."""
    try:
        data = MnistFetcher().load(download=False)
        note = _("MNIST: batches of {batch} from {images} training images").format(
            batch=BATCH, images=f"{len(data.x_train):,}"
        )
        return _Images(data.x_train, data.t_train, note)
    except DatasetError:
        rng = np.random.default_rng(0)
        x = rng.integers(0, 256, (SYNTHETIC_IMAGES, MNIST_INPUTS)) / 255.0
        x[rng.random(x.shape) < 0.8] = 0.0
        t = rng.integers(0, MNIST_CLASSES, SYNTHETIC_IMAGES)
        note = _("MNIST not found: batches of {batch} random stand-in images").format(batch=BATCH)
        return _Images(x, t, note)


def book_network() -> Network:
    """The book's chapter-4 TwoLayerNet: 784-50-10, sigmoid, weights ``0.01 * randn``,
    float64 (so the numerical gradient's ``h = 1e-4`` is not lost to rounding), seeded."""
    return Network(
        (MNIST_INPUTS, HIDDEN, MNIST_CLASSES), activation="sigmoid", init="book", dtype=np.float64
    )


def differences(numerical: np.ndarray, backprop: np.ndarray) -> tuple[float, float]:
    """``(max |num − bp|, ‖num − bp‖ / (‖num‖ + ‖bp‖))`` of two same-shaped arrays: the
    relative figure is ~1e-7 or less when backprop is right, ~1 when it is wrong."""
    diff = numerical - backprop
    scale = np.linalg.norm(numerical) + np.linalg.norm(backprop)
    return float(np.abs(diff).max()), float(np.linalg.norm(diff) / scale) if scale else 0.0


class GradcheckPage(ConceptPage):
    """Computes both gradients of a batch in a thread worker, backprop first, and tables
    their differences and times as each arrives."""

    TITLE = N_("Gradient check: backprop vs numerical")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "new_batch", N_("Another batch"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.network = book_network()
        self.images: _Images | None = None
        self.batch = 0
        self.results: dict[str, _Gradient] = {}
        self.checking = False

    def compose_body(self) -> ComposeResult:
        yield Static(_("Loading MNIST…"), id="gc-source", classes="concept-text", markup=False)
        yield Static("", id="gc-table", classes="concept-text concept-gap", markup=False)
        yield Static("", id="gc-times", classes="concept-text concept-gap", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="gradcheck-data")
    def load(self) -> None:
        self.post_message(load_images())

    @on(_Images)
    def _images_ready(self, message: _Images) -> None:
        self.images = message
        self.query_one("#gc-source", Static).update(
            message.note
            + "\n"
            + _("net: the book's TwoLayerNet 784-{hidden}-10 (sigmoid, float64)").format(
                hidden=HIDDEN
            )
        )
        self.action_new_batch()

    def action_new_batch(self) -> None:
        if self.images is None or self.checking:
            return
        self.batch += 1
        self.checking = True
        self.results = {}
        # Batch 1 is the first BATCH images, as the book's examples take them.
        start = (self.batch - 1) * BATCH % (len(self.images.x) - BATCH + 1)
        rows = slice(start, start + BATCH)
        self.show()
        self.check(self.batch, self.images.x[rows].astype(np.float64), self.images.t[rows])

    @work(thread=True, exclusive=True, group="gradcheck")
    def check(self, batch: int, x: np.ndarray, t: np.ndarray) -> None:
        """Both gradients of the loss on (BATCH, 784) ``x`` and (BATCH,) labels ``t``."""
        worker = get_current_worker()
        try:
            for method in METHODS:
                if worker.is_cancelled:
                    return
                start = clock()
                grads = self.network.gradient(x, t, method)
                self.post_message(_Gradient(batch, method, grads, clock() - start))
        except Exception as exc:  # any failure ends the check with its message on screen
            self.post_message(_CheckFailed(f"{type(exc).__name__}: {exc}"))

    @on(_Gradient)
    def _gradient(self, message: _Gradient) -> None:
        if message.batch != self.batch:
            return
        self.results[message.method] = message
        self.checking = len(self.results) < len(METHODS)
        self.show()

    @on(_CheckFailed)
    def _failed(self, message: _CheckFailed) -> None:
        self.checking = False
        self.say(message.error, error=True)

    def show(self) -> None:
        backprop, numerical = (self.results.get(m) for m in METHODS)
        # The name columns grow to their translated headings (two cells per CJK letter).
        key_width = max(7, cell_len(_("param")) + 1)
        shape_width = max(10, cell_len(_("shape")) + 1)
        lines = [
            ljust(_("param"), key_width)
            + ljust(_("shape"), shape_width)
            + rjust("max |num−bp|", 14)
            + rjust(_("relative"), 11)
            + rjust("max |bp|", 11)
        ]
        worst = 0.0
        for key, value in self.network.params.items():
            shape = "×".join(map(str, value.shape))
            row = ljust(key, key_width) + ljust(shape, shape_width)
            if backprop and numerical:
                most, relative = differences(numerical.grads[key], backprop.grads[key])
                worst = max(worst, most)
                peak = float(np.abs(backprop.grads[key]).max())
                row += f"{most:>14.2e}{relative:>11.2e}{peak:>11.2e}"
            lines.append(row)
        self.query_one("#gc-table", Static).update("\n".join(lines))
        count = sum(value.size for value in self.network.params.values())
        times = []
        for method, result in zip(METHODS, (backprop, numerical), strict=True):
            seconds = f"{result.seconds:.3f} s" if result else _("computing…")
            times.append(ljust(method, 10) + rjust(seconds, 11))
        if backprop and numerical:
            ratio = numerical.seconds / max(backprop.seconds, 1e-9)
            times[1] += "   " + _("{ratio}× backprop").format(ratio=f"{ratio:,.0f}")
        times.append(
            ngettext(
                "(numerical: 2 losses for each of {count} parameter)",
                "(numerical: 2 losses for each of {count} parameters)",
                count,
            ).format(count=f"{count:,}")
        )
        self.query_one("#gc-times", Static).update("\n".join(times))
        if backprop and numerical:
            if worst < 1e-6:
                verdict = _("batch {batch}: backprop agrees (largest difference {worst})")
            else:
                verdict = _("batch {batch}: backprop DISAGREES (largest difference {worst})")
            self.say(verdict.format(batch=self.batch, worst=f"{worst:.1e}"))
        else:
            self.say(_("batch {batch}: computing in a background thread…").format(batch=self.batch))
