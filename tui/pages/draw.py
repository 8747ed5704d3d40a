"""DrawPage: draw a digit and watch a trained network read it after every stroke.

Not a training ``Workbench``: it trains nothing, so the MainScreen hides the training
keys while it is open and this page brings its own. It works offline from the first
run with the model shipped in ``assets/models``; the MNIST test set (only for ``t``)
and other models (``m``, ``o``) are extras.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, Static

from nncore.datasets import DatasetError
from nncore.io import ModelFileError, load_model
from nncore.preprocess import MNIST_SIDE, prepare_digit, resample
from nncore.presets import mnist_model_problem
from tui.i18n import N_, _, explain
from tui.mnist_data import MnistFetcher
from tui.shipped_model import load_shipped_model
from tui.widgets.digit_view import DigitView
from tui.widgets.drawing_pad import PAD_SIDE, DrawingPad
from tui.widgets.probability_bars import ProbabilityBars
from tui.workbenches.base import Workbench

SIDE_MIN_WIDTH = 30
"""Columns the prediction column needs next to the pad; the pad grows only beyond."""
FULL_PREVIEW_ROWS = 1 + 10 + 2 + MNIST_SIDE // 2
"""Rows of the side column with the network's input at full size (else half size)."""
HINT = N_("Drag or arrows+space draw · right-drag erases · esc: tasks")


@dataclass(frozen=True)
class DrawModel:
    """A network that reads the drawing: ``key`` says where it came from (``"shipped"``,
    ``"file"`` or the workbench's id), ``label`` names it in the status line."""

    key: str
    label: str
    network: object


@dataclass
class _TestDigitsLoaded(Message):
    """The loader thread read the MNIST test set: ``images`` (n, 28, 28) uint8,
    ``labels`` (n,) uint8."""

    images: np.ndarray
    labels: np.ndarray


@dataclass
class _TestDigitsMissing(Message):
    """The loader thread found no usable MNIST test set; ``error`` is the one-line reason."""

    error: str


def pad_scale(width: int, height: int) -> int:
    """The largest whole scale (pixels stay square) at which the pad, with its border,
    margin and the body's padding, fits ``height`` rows and leaves ``SIDE_MIN_WIDTH`` of
    ``width`` columns for the prediction column; at least 1."""
    scale = 1
    while (
        PAD_SIDE * (scale + 1) // 2 + 2 <= height
        and PAD_SIDE * (scale + 1) + 6 + SIDE_MIN_WIDTH <= width
    ):
        scale += 1
    return scale


class DrawPage(Vertical):
    """The "Draw a digit" page: a DrawingPad, the prediction bars and what the network
    actually sees (the drawing after MNIST's preparation, ``nncore.preprocess``)."""

    @dataclass
    class ModelFileWanted(Message):
        """The screen should ask for a model file to open (``prompt``, proposing
        ``initial``) and pass the path to ``act``, which returns an error line or None."""

        prompt: str
        initial: Path
        act: Callable[[Path], str | None]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "test_digit", N_("Test")),
        Binding("m", "next_model", N_("Model")),
        Binding("o", "open_model", N_("Open")),
        # Not in the footer (no room at 80 columns); the hint line mentions it.
        Binding("escape", "leave", N_("Tasks"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: DrawModel | None = None
        self._shipped: DrawModel | None = None
        self._file_model: DrawModel | None = None
        self._image = np.zeros((PAD_SIDE, PAD_SIDE))
        self._test: tuple[np.ndarray, np.ndarray] | None = None  # images, labels
        self._test_order: np.ndarray | None = None
        self._test_next = 0
        self._true_label: int | None = None
        self._loading_test = False
        self._full_preview = True

    def compose(self) -> ComposeResult:
        yield Static("", id="draw-status", markup=False)
        with Horizontal(id="draw-body"):
            yield DrawingPad(id="draw-pad")
            with Vertical(id="draw-side"):
                yield Static("", id="draw-guess", markup=False)
                yield ProbabilityBars(id="draw-bars")
                yield Static("", id="draw-sees", markup=False)
                yield DigitView(id="draw-preview")
        yield Static(_(HINT), id="draw-line", markup=False)

    def on_mount(self) -> None:
        try:
            network, meta = load_shipped_model()
        except ModelFileError as exc:
            self.say(explain(exc), error=True)
        else:
            accuracy = meta.get("training", {}).get("test_acc")
            shape = "-".join(map(str, network.sizes))
            label = (
                _("shipped {shape} ({score} on test)").format(shape=shape, score=f"{accuracy:.1%}")
                if accuracy
                else _("shipped {shape}").format(shape=shape)
            )
            self._shipped = DrawModel("shipped", label, network)
        self._use(self._shipped)

    def on_show(self) -> None:
        # Opening the page puts the pen in hand: arrows and space draw at once.
        self.query_one(DrawingPad).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        body = height - 3  # the status line, and the message line wrapped onto two
        self.query_one(DrawingPad).scale = pad_scale(width, body)
        # Short of rows, the network's input is shown at half size.
        self._full_preview = body >= FULL_PREVIEW_ROWS
        self._show_prediction()

    # --- messages ---

    def say(self, text: str, *, error: bool = False) -> None:
        line = self.query_one("#draw-line", Static)
        line.update(text)
        line.set_class(error, "-error")

    def _show_status(self) -> None:
        model = self.model.label if self.model else _("none (press o to open one)")
        if self._true_label is None:
            status = _("Draw a digit · model: {model}").format(model=model)
        else:
            status = _("Draw a digit · model: {model} · test digit labelled {label}").format(
                model=model, label=self._true_label
            )
        self.query_one("#draw-status", Static).update(status)

    # --- the prediction ---

    def on_drawing_pad_changed(self, message: DrawingPad.Changed) -> None:
        self._image = message.image
        if not self._image.any():
            self._true_label = None
            self._show_status()
        self._show_prediction()

    def _show_prediction(self) -> None:
        prepared = prepare_digit(self._image)
        bars = self.query_one(ProbabilityBars)
        guess = self.query_one("#draw-guess", Static)
        preview = self.query_one(DigitView)
        half = not self._full_preview
        self.query_one("#draw-sees", Static).update(
            _("Network input (½ size):") if half else _("Network input, 28×28:")
        )
        if prepared is None:
            bars.probs = None
            preview.image = np.zeros((14, 14) if half else (MNIST_SIDE, MNIST_SIDE))
            guess.update(_("Nothing drawn yet."))
            return
        preview.image = resample(prepared, 14, 14) if half else prepared
        if self.model is None:
            bars.probs = None
            guess.update(_("No model to read it."))
            return
        probs = self.model.network.predict(prepared.reshape(1, -1))[0]
        bars.true_label = self._true_label
        bars.probs = probs
        best = int(np.argmax(probs))
        guess.update(
            _("It reads {digit} ({sure} sure)").format(digit=best, sure=f"{probs[best]:.0%}")
        )

    # --- models ---

    def _use(self, model: DrawModel | None) -> None:
        self.model = model
        self._show_status()
        self._show_prediction()

    def _workbench_models(self) -> list[DrawModel]:
        """The latest epoch of every open MNIST workbench that has trained."""
        switcher = self.screen.query_one(ContentSwitcher)
        models = []
        for page in switcher.children:
            if not (isinstance(page, Workbench) and page.kind == "mnist"):
                continue
            runner = page.runner
            if getattr(page, "data", None) is None or runner.last_epoch == 0:
                continue
            # A copy, so the workbench can keep training while this one reads digits.
            network = runner.network_at(runner.last_epoch)
            label = _("{title} workbench, epoch {epoch}").format(
                title=page.title, epoch=runner.last_epoch
            )
            models.append(DrawModel(page.id, label, network))
        return models

    def action_next_model(self) -> None:
        choices = [m for m in (self._shipped, *self._workbench_models(), self._file_model) if m]
        others = [m for m in choices if self.model is None or m.key != self.model.key]
        if not others:
            self.say(
                _(
                    "No other model: train one in an MNIST digits task, then press m here; "
                    "or press o to open a model file."
                )
            )
            return
        keys = [m.key for m in choices]
        current = keys.index(self.model.key) if self.model and self.model.key in keys else -1
        self._use(choices[(current + 1) % len(choices)])
        self.say(_("Reading with the {model} model.").format(model=self.model.label))

    def action_open_model(self) -> None:
        self.post_message(
            self.ModelFileWanted(
                _("Open a model file to read your drawing:"),
                Path.cwd() / "mnist.npz",
                self._open_model,
            )
        )

    def _open_model(self, path: Path) -> str | None:
        try:
            network, _meta = load_model(path)
        except ModelFileError as exc:
            return explain(exc)
        problem = mnist_model_problem(network)
        if problem:
            return f"{path.name}: {explain(problem)}"
        self._file_model = DrawModel("file", _("file {name}").format(name=path.name), network)
        self._use(self._file_model)
        self.say(_("Reading with {path}.").format(path=path))
        return None

    # --- test digits ---

    def action_test_digit(self) -> None:
        if self._test is not None:
            self._show_next_test_digit()
        elif not self._loading_test:
            self._loading_test = True
            self.say(
                _("Loading the MNIST test set from {folder} …").format(folder=MnistFetcher().folder)
            )
            self._load_test_digits()

    @work(thread=True, exclusive=True, group="draw-test-digits", exit_on_error=False)
    def _load_test_digits(self) -> None:
        try:
            images, labels = MnistFetcher().load_test()
        except DatasetError as exc:
            self.post_message(_TestDigitsMissing(explain(exc)))
            return
        self.post_message(_TestDigitsLoaded(images, labels))

    @on(_TestDigitsLoaded)
    def _test_digits_loaded(self, message: _TestDigitsLoaded) -> None:
        self._loading_test = False
        count = min(len(message.images), len(message.labels))
        self._test = (message.images, message.labels)
        # A fixed shuffle: varied digits, yet the same sequence every time.
        self._test_order = np.random.default_rng(0).permutation(count)
        self._show_next_test_digit()

    @on(_TestDigitsMissing)
    def _test_digits_missing(self, message: _TestDigitsMissing) -> None:
        self._loading_test = False
        self.say(message.error, error=True)

    def _show_next_test_digit(self) -> None:
        images, labels = self._test
        index = int(self._test_order[self._test_next % len(self._test_order)])
        self._test_next += 1
        self._true_label = int(labels[index])
        self._show_status()
        self.query_one(DrawingPad).load(images[index] / 255.0)
        self.say(
            _("Test digit #{index} (labelled {label}): edit it, t for another.").format(
                index=index, label=self._true_label
            )
        )

    def action_leave(self) -> None:
        self.screen.query_one("#chooser").focus()
