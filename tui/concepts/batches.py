"""Batches page: why the book feeds images in batches, timed live, and a fair mini-batch."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from nncore.datasets import DatasetError
from nncore.io import ModelFileError
from nncore.network import Network
from nncore.presets import MNIST_CLASSES, MNIST_INPUTS
from tui.concepts.base import ConceptPage
from tui.i18n import N_, _, ngettext
from tui.mnist_data import MnistFetcher
from tui.render.bars import bar_string
from tui.render.cells import ljust, rjust
from tui.shipped_model import load_shipped_model

MODES = {
    "one": (N_("one at a time"), 1),
    "hundred": (N_("batches of 100"), 100),
    "all": (N_("all at once"), 0),
}
"""Mode key -> (label, images per ``predict`` call; 0 = the whole set in one call)."""
BATCH_SIZE = 100
SYNTHETIC = (10_000, 60_000)
"""Test images and training labels of the stand-in when MNIST is not on disk."""
clock = time.perf_counter
"""The timer; tests swap in a fake one so that screenshots hold no real timings."""


@dataclass
class _BatchData(Message):
    """What the page works on: ``test_images`` (n, 784) float32 in [0, 1],
    ``train_labels`` (m,) ints 0–9, ``network`` (784 inputs) and one-line notes
    ``data_note``/``network_note`` on where each came from. Posted by the loader thread."""

    test_images: np.ndarray
    train_labels: np.ndarray
    network: Any
    data_note: str
    network_note: str


@dataclass
class _Timed(Message):
    """The timing thread finished one way of feeding the images: ``mode`` (a key of
    ``MODES``), ``images`` and ``seconds``."""

    mode: str
    images: int
    seconds: float


@dataclass
class _TimingEnded(Message):
    """The timing thread stopped; ``error`` is its one-line exception, or None."""

    error: str | None = None


def load_batch_data() -> _BatchData:
    """The MNIST test images and training labels (never downloading: the page must not
    prompt), else seeded synthetic stand-ins; and the shipped model, else a seeded
    784-50-100-10 sigmoid network. Runs in a thread: reading MNIST takes a moment."""
    try:
        data = MnistFetcher().load(download=False)
        train_labels, test_images = data.t_train, data.x_test
        data_note = _("MNIST: {images} test images, {labels} labels").format(
            images=f"{len(test_images):,}", labels=f"{len(train_labels):,}"
        )
    except DatasetError:
        rng = np.random.default_rng(0)
        test_images = rng.random((SYNTHETIC[0], MNIST_INPUTS), dtype=np.float32)
        train_labels = rng.integers(0, MNIST_CLASSES, SYNTHETIC[1])
        data_note = _("MNIST not found: random stand-in images and labels")
    try:
        network = load_shipped_model()[0]
        shape = "-".join(map(str, network.sizes))
        network_note = _("the shipped {shape} {activation} model").format(
            shape=shape, activation=network.activation
        )
    except ModelFileError:
        network = Network((MNIST_INPUTS, 50, 100, MNIST_CLASSES), activation="sigmoid", seed=0)
        network_note = _("a 784-50-100-10 sigmoid net with seeded random weights")
    return _BatchData(test_images, train_labels, network, data_note, network_note)


def label_table(batch: np.ndarray, everything: np.ndarray) -> str:
    """Counts of each digit in the (k,) ``batch`` against what the (m,) full set's
    proportions predict for k draws, as three aligned rows of text."""
    counts = np.bincount(batch, minlength=MNIST_CLASSES)
    expected = np.bincount(everything, minlength=MNIST_CLASSES) / len(everything) * len(batch)
    return "\n".join(
        [
            ljust(_("digit"), 8) + "".join(f"{d:>5}" for d in range(MNIST_CLASSES)),
            ljust(_("batch"), 8) + "".join(f"{c:>5}" for c in counts),
            ljust(_("expect"), 8) + "".join(f"{e:>5.1f}" for e in expected),
        ]
    )


class BatchesPage(ConceptPage):
    """Times ``predict`` on the test set three ways in a thread worker, and draws random
    mini-batches of 100 labels from the training set."""

    TITLE = N_("Batch processing and mini-batches")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "time", N_("Time again")),
        Binding("m", "mini_batch", N_("New mini-batch")),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: _BatchData | None = None
        self.timings: dict[str, tuple[int, float]] = {}
        self.timing = False
        self.rng = np.random.default_rng(0)

    def compose_body(self) -> ComposeResult:
        yield Static(_("Loading the test set…"), id="bt-source", classes="concept-text")
        yield Static("", id="bt-timing", classes="concept-text concept-gap", markup=False)
        yield Static("", id="bt-batch", classes="concept-text concept-gap", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="batch-data")
    def load(self) -> None:
        self.post_message(load_batch_data())

    @on(_BatchData)
    def _data_ready(self, message: _BatchData) -> None:
        self.data = message
        self.query_one("#bt-source", Static).update(
            "\n".join(
                [
                    message.data_note,
                    _("net: {network}").format(network=message.network_note),
                    _("(the weights don't change the timing, only the answers)"),
                ]
            )
        )
        self.action_mini_batch()
        self.action_time()

    def action_time(self) -> None:
        if self.data is None or self.timing:
            return
        self.timing = True
        self.timings = {}
        self.show_timings()
        self.run_timing(self.data.network, self.data.test_images)

    @work(thread=True, exclusive=True, group="batch-timing")
    def run_timing(self, network, images: np.ndarray) -> None:
        """Time ``network.predict`` over (n, 784) ``images`` in each mode of MODES."""
        worker = get_current_worker()
        try:
            for mode, (_label, size) in MODES.items():
                step = size or len(images)
                start = clock()
                for i in range(0, len(images), step):
                    if worker.is_cancelled:
                        return
                    network.predict(images[i : i + step])
                self.post_message(_Timed(mode, len(images), clock() - start))
        except Exception as exc:  # any failure ends the run with its message on screen
            self.post_message(_TimingEnded(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(_TimingEnded())

    @on(_Timed)
    def _timed(self, message: _Timed) -> None:
        self.timings[message.mode] = (message.images, message.seconds)
        self.show_timings()

    @on(_TimingEnded)
    def _timing_ended(self, message: _TimingEnded) -> None:
        self.timing = False
        self.show_timings()
        if message.error:
            self.say(message.error, error=True)

    def show_timings(self) -> None:
        rates = {m: n / max(s, 1e-9) for m, (n, s) in self.timings.items()}
        fastest = max(rates.values(), default=1.0)
        count = len(self.data.test_images) if self.data else 0
        images = ngettext("{count} image", "{count} images", count).format(count=f"{count:,}")
        lines = [ljust(images, 17) + rjust(_("images/s"), 11) + rjust(_("time"), 9)]
        for mode, (label, _size) in MODES.items():
            if mode in rates:
                seconds = self.timings[mode][1]
                bar = bar_string(rates[mode] / fastest, 16)
                lines.append(f"{ljust(_(label), 17)}{rates[mode]:>11,.0f}{seconds:>8.3f}s  {bar}")
            else:
                lines.append(ljust(_(label), 17) + rjust(_("timing…") if self.timing else "", 11))
        self.query_one("#bt-timing", Static).update("\n".join(lines))
        if self.timing:
            self.say(_("timing on this machine, in a background thread…"))
        elif len(rates) == len(MODES):
            speedup = rates["hundred"] / rates["one"]
            self.say(
                _("batches of 100: {speedup}× the images/s of one at a time").format(
                    speedup=f"{speedup:.0f}"
                )
            )

    def action_mini_batch(self) -> None:
        if self.data is None:
            return
        labels = self.data.train_labels
        # The book's np.random.choice(train_size, batch_size): indices with replacement.
        chosen = labels[self.rng.choice(len(labels), BATCH_SIZE)]
        self.query_one("#bt-batch", Static).update(
            _("random mini-batch of {size} from {labels} (m: another)").format(
                size=BATCH_SIZE, labels=f"{len(labels):,}"
            )
            + "\n"
            + label_table(chosen, labels)
        )
