"""MnistWorkbench: train a digit classifier on MNIST and watch it learn.

Panes, as tabs so that everything fits 80×24: the loss per step with its moving average
and train/test accuracy per epoch; a gallery of test digits with the selected one's
softmax bars; the confusion matrix; the hyperparameters. Gallery predictions and the
confusion matrix are computed once per epoch (in the training thread, by ``epoch_hook``)
and never per step, and drawn only while their pane is on show (catching up when shown),
so watching costs little of the training speed.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from nncore.datasets import DatasetError
from nncore.network import Network
from nncore.optimizers import make_optimizer
from nncore.presets import MNIST_CLASSES, MNIST_INPUTS, get_preset
from nncore.trainer import EpochRecord, Trainer
from tui.messages import (
    DigitSelected,
    MnistLoaded,
    MnistLoadFailed,
    TrainingProgress,
    TrainingStarted,
    TrainingStopped,
)
from tui.mnist_data import EpochPredictions, LossSmoother, MnistFetcher, predict_test
from tui.screens.download import DownloadDialog
from tui.training.hyperparams import Hyperparams
from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.confusion_matrix import ConfusionMatrix, ConfusionNote
from tui.widgets.digit_detail import DigitDetail
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.loss_plot import LossPlot
from tui.widgets.mnist_status import MnistStatus, ThroughputMeter, TrainingFigures
from tui.workbenches.base import Workbench

PLOT_INTERVAL = 1.0
"""Seconds between plot redraws. Plotext draws in pure Python, holding the GIL that the
training thread needs; once a second still shows the curve bend."""
PROGRESS_INTERVAL = 0.5
"""Seconds between the runner's progress messages: each costs the UI thread a refresh
(and the training thread the GIL meanwhile); twice a second keeps the speed line live."""
POINTS_PER_CELL = 4
"""Longer loss histories are thinned to this many points per cell of the plot's width:
two per column of quadrant blocks (which split a cell in two). Plotext draws in pure
Python, and its time grows with the number of points."""
ALL_FIELDS = frozenset(
    {"hidden", "activation", "optimizer", "lr", "batch_size", "epochs", "grad", "init", "seed"}
)
PAGE_KEYS = Binding.Group("Page", compact=True)


def fetcher_factory() -> MnistFetcher:
    """Where every MnistWorkbench gets its data; tests replace it with a fake."""
    return MnistFetcher()


class MnistWorkbench(Workbench):
    """The workbench of one MNIST preset; the data loads in a thread after mounting."""

    kind = "mnist"
    PANES = ("tab-curves", "tab-digits", "tab-confusion", "tab-settings")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "page(-1)", "Page", key_display="[", group=PAGE_KEYS),
        Binding("right_square_bracket", "page(1)", "Page", key_display="]", group=PAGE_KEYS),
        Binding("m", "toggle_mistakes", "Mistakes"),
        Binding("l", "load", "Load MNIST"),
    ]

    def __init__(self, preset_name: str, *, id: str | None = None) -> None:
        self.preset = get_preset(preset_name)
        self.title = f"MNIST {preset_name}"
        self.fetcher = fetcher_factory()
        self.data = None
        self._predictions: dict[int, EpochPredictions] = {}
        self._drawn: dict[str, tuple[int, int]] = {}  # pane -> (trainer id, epoch) drawn
        self._accuracy_shown: tuple[int, int] | None = None  # same, for the accuracy plot
        self._viewer: Network | None = None  # the shown epoch's weights, for the bars
        self._smoother = LossSmoother()
        self._meter = ThroughputMeter()
        self._figures: TrainingFigures | None = None
        super().__init__(id=id)

    # --- Workbench hooks ---

    def default_hyperparams(self) -> Hyperparams:
        p = self.preset
        return Hyperparams(
            p.hidden, p.activation, p.optimizer, p.lr, p.batch_size, p.epochs, "backprop",
            p.init, 0,
        )  # fmt: skip

    def form_scope(self) -> tuple[frozenset[str], str]:
        return ALL_FIELDS, f"Preset {self.preset.name}: {self.preset.summary}."

    def build_trainer(self, params: Hyperparams, network=None) -> Trainer:
        if self.data is None:
            # The base class wants a trainer from the start, but MNIST arrives later
            # from a thread. This one-blank-image trainer only fills the slot: every
            # action stays disabled (see ``can``) until the real one replaces it.
            x, t = np.zeros((1, MNIST_INPUTS), np.float32), np.zeros(1, np.uint8)
        else:
            x, t = self.data.x_train, self.data.t_train
        if network is None:
            sizes = (MNIST_INPUTS, *params.hidden, MNIST_CLASSES)
            network = Network(sizes, params.activation, "softmax", params.init, seed=params.seed)
        test = (self.data.x_test, self.data.t_test) if self.data is not None else (None, None)
        return Trainer(
            network,
            make_optimizer(params.optimizer, params.lr),
            x,
            t,
            *test,
            batch_size=params.batch_size,
            seed=params.seed,
            grad_method=params.grad,
        )

    def check_network(self, network) -> str | None:
        sizes = getattr(network, "sizes", ())
        if not sizes or sizes[0] != MNIST_INPUTS or sizes[-1] != MNIST_CLASSES:
            return f"not an MNIST model: it needs {MNIST_INPUTS} inputs and {MNIST_CLASSES} outputs"
        if network.output != "softmax":
            return "not an MNIST model: its output is not softmax"
        return None

    def can(self, action: str) -> bool:
        return self.data is not None and super().can(action)

    def status_detail(self) -> str:
        return "" if self.data is not None else "MNIST not loaded"

    def epoch_hook(self, trainer: Trainer, record: EpochRecord) -> EpochPredictions:
        # Runs in the training thread, which owns the network, once per epoch.
        return predict_test(trainer.network, trainer.x_test, trainer.t_test)

    def on_epochs(self, records: tuple[EpochRecord, ...], extras: tuple) -> None:
        for record, predictions in zip(records, extras, strict=False):
            if predictions is not None:
                self._predictions[record.epoch] = predictions

    def on_reset(self) -> None:
        self.runner.progress_interval = PROGRESS_INTERVAL
        self._predictions.clear()
        self._drawn.clear()
        self._accuracy_shown = None
        self._smoother = LossSmoother()
        self._meter.reset()
        if self.data is not None:
            self._show_idle_figures()

    def on_resumed(self, epoch: int) -> None:
        for later in [k for k in self._predictions if k > epoch]:
            del self._predictions[later]
        self._smoother.cut(self._steps_through(epoch))
        self._drawn.clear()
        self._accuracy_shown = None

    # --- composition ---

    def compose_body(self) -> ComposeResult:
        yield MnistStatus(id="mnist-speed")
        yield Static("", id="mnist-notice", markup=False)
        with TabbedContent(id="mnist-tabs", initial="tab-curves"):
            with TabPane("1 Curves", id="tab-curves"), Horizontal(id="mnist-curves"):
                yield LossPlot(interval=PLOT_INTERVAL, id="mnist-loss")
                yield AccuracyPlot(interval=PLOT_INTERVAL, id="mnist-accuracy")
            with TabPane("2 Digits", id="tab-digits"), Horizontal(id="mnist-digits"):
                yield DigitGallery(id="mnist-gallery")
                yield DigitDetail(id="mnist-detail")
            with TabPane("3 Confusion", id="tab-confusion"), Vertical(id="mnist-confusion-box"):
                yield ConfusionMatrix(id="mnist-confusion")
                yield ConfusionNote(id="mnist-confusion-help")
            with TabPane("4 Settings", id="tab-settings"):
                yield self.form

    def on_mount(self) -> None:
        # Panes switch with 1-4 (the screen's keys); a focusable tab bar would take ←/→.
        self.query_one(Tabs).can_focus = False
        self._show_loading_state("Loading MNIST…")
        self.action_load()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 110, "-wide")

    # --- loading the data ---

    def action_load(self) -> None:
        if self.data is None:
            self._show_loading_state(f"Loading MNIST from {self.fetcher.folder} …")
            self._load()

    @work(thread=True, exclusive=True, group="mnist-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            data = self.fetcher.load()
        except DatasetError as exc:
            self.post_message(MnistLoadFailed(str(exc), tuple(self.fetcher.missing_files())))
            return
        self.post_message(MnistLoaded(data))

    def on_mnist_loaded(self, message: MnistLoaded) -> None:
        self.data = message.data
        self.query_one(DigitGallery).set_digits(self.data.test_images, self.data.t_test)
        self._show_loading_state(None)
        self._install(self.build_trainer(self.applied))
        self.say(
            f"{len(self.data.x_train):,} training and {len(self.data.x_test):,} test digits "
            "loaded. Space trains, n runs one epoch."
        )

    def on_mnist_load_failed(self, message: MnistLoadFailed) -> None:
        if not message.missing:
            self._show_loading_state(
                f"MNIST could not be read:\n{message.error}\n\nPress l to retry."
            )
            return
        self._show_loading_state(
            f"MNIST is not in {self.fetcher.folder}.\n\n"
            "Press l to download it, or choose a gate task on the left."
        )
        self.app.push_screen(
            DownloadDialog(self.fetcher, list(message.missing)), self._after_download
        )

    def _after_download(self, downloaded: bool | None) -> None:
        if downloaded:
            self.action_load()

    def _show_loading_state(self, text: str | None) -> None:
        """Show ``text`` in place of the panes, or the panes when ``text`` is None."""
        notice = self.query_one("#mnist-notice", Static)
        notice.update(text or "")
        notice.display = text is not None
        self.query_one("#mnist-tabs").display = text is None
        self.query_one(MnistStatus).display = text is None
        self.screen.refresh_keys()

    # --- showing an epoch ---

    def show_epoch(self, epoch: int) -> None:
        if self.data is None:
            return
        # The plots are fed even behind other panes, which costs little: a hidden plot
        # only keeps the data, and draws it once when shown.
        self._show_curves(epoch)
        # The other panes are drawn only while on show, and catch up when shown: a hidden
        # widget that refreshes makes Textual arrange the whole screen anew, with the GIL
        # that the training thread needs.
        pane = self.query_one(TabbedContent).active
        key = (id(self.runner.trainer), epoch)
        if pane in ("tab-digits", "tab-confusion") and self._drawn.get(pane) != key:
            self._drawn[pane] = key
            show = self._show_digits if pane == "tab-digits" else self._show_confusion
            show(epoch, self._predictions_at(epoch))

    def on_tabbed_content_tab_activated(self) -> None:
        self.show_epoch(self.runner.shown_epoch)

    def _show_curves(self, epoch: int) -> None:
        history = self.runner.trainer.history
        records = history.epochs[:epoch]
        losses, smoothed = self._smoother.update(history.step_losses)
        if self.runner.viewed_epoch is not None:
            shown_steps = self._steps_through(epoch)
            losses, smoothed = losses[:shown_steps], smoothed[:shown_steps]
        plot = self.query_one(LossPlot)
        # Not laid out yet (width 0): as if 100 cells wide.
        points = POINTS_PER_CELL * (plot.size.width or 100)
        stride = max(1, math.ceil(len(losses) / points))
        plot.set_series(
            np.arange(1, len(losses) + 1, stride),
            losses[::stride],
            smoothed=smoothed[::stride],
            title="loss per step",
            xlabel="step",
        )
        key = (id(self.runner.trainer), len(records))
        if key == self._accuracy_shown:
            return  # unchanged; a redraw would cost the training thread time for nothing
        self._accuracy_shown = key
        test = [np.nan if r.test_acc is None else r.test_acc for r in records]
        self.query_one(AccuracyPlot).set_series(
            np.array([r.epoch for r in records]),
            np.array([r.train_acc for r in records]),
            np.array(test),
        )

    def _steps_through(self, epoch: int) -> int:
        """Training steps from the start to the end of ``epoch``."""
        return sum(r.steps for r in self.runner.trainer.history.epochs[:epoch])

    def _predictions_at(self, epoch: int) -> EpochPredictions:
        predictions = self._predictions.get(epoch)
        if predictions is None:  # an epoch trained before this trainer's hook, e.g. 0
            network = self.runner.network_at(epoch)
            predictions = predict_test(network, self.data.x_test, self.data.t_test)
            self._predictions[epoch] = predictions
        return predictions

    def _show_digits(self, epoch: int, predictions: EpochPredictions) -> None:
        self._viewer = self.runner.network_at(epoch)
        gallery = self.query_one(DigitGallery)
        gallery.set_predictions(predictions.predicted)
        self._show_digit(gallery.selected)

    def _show_confusion(self, epoch: int, predictions: EpochPredictions) -> None:
        self.query_one(ConfusionMatrix).matrix = predictions.confusion
        self.query_one(ConfusionNote).show(epoch, predictions.confusion)

    def _show_digit(self, index: int | None) -> None:
        detail = self.query_one(DigitDetail)
        if index is None or self.data is None:
            detail.show(None, None, 0, None)
            return
        probs = None
        if self._viewer is not None:
            probs = self._viewer.predict(self.data.x_test[index : index + 1])[0]
        detail.show(index, self.data.test_images[index], int(self.data.t_test[index]), probs)

    def on_digit_selected(self, message: DigitSelected) -> None:
        message.stop()
        self._show_digit(message.index)

    # --- the speed line ---

    def _show_idle_figures(self) -> None:
        trainer = self.runner.trainer
        self._figures = TrainingFigures(
            trainer.steps, trainer.epoch + 1, trainer.epoch_progress, self.applied.grad
        )
        self.query_one(MnistStatus).figures = self._figures

    def on_training_started(self, message: TrainingStarted) -> None:
        self._meter.reset()

    def on_training_progress(self, message: TrainingProgress) -> None:
        if message.runner is not self.runner or self.data is None:
            return
        n_train = len(self.data.x_train)
        rate = self._meter.record(round((message.epoch + message.epoch_progress) * n_train))
        remaining = (self.runner.epochs - message.epoch - message.epoch_progress) * n_train
        records = self.runner.trainer.history.epochs
        self._figures = TrainingFigures(
            step=message.step,
            epoch=message.epoch + 1,
            epoch_progress=message.epoch_progress,
            grad_method=self.applied.grad,
            images_per_second=rate,
            seconds_per_epoch=records[-1].seconds if records else None,
            eta_seconds=remaining / rate if rate and remaining > 0 else None,
        )
        self.query_one(MnistStatus).figures = self._figures

    def on_training_stopped(self, message: TrainingStopped) -> None:
        if message.runner is self.runner and self._figures is not None:
            figures = self._figures
            self._figures = TrainingFigures(
                figures.step, figures.epoch, figures.epoch_progress, figures.grad_method,
                figures.images_per_second, figures.seconds_per_epoch, None,
            )  # fmt: skip
            self.query_one(MnistStatus).figures = self._figures

    # --- keys of this workbench ---

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "load":
            return self.data is None
        if action in ("page", "toggle_mistakes"):
            return self.data is not None
        return True

    def show_pane(self, index: int) -> None:
        super().show_pane(index)
        self.show_epoch(self.runner.shown_epoch)  # before the keys below act on the pane
        gallery = self.query_one(DigitGallery)
        if self.PANES[index] == "tab-digits":
            # Focused, the gallery takes ↑/↓ for the selection and enables [ ] and m.
            gallery.focus()
        elif gallery.has_focus:
            self.screen.set_focus(None)

    def action_page(self, delta: int) -> None:
        self.show_pane(self.PANES.index("tab-digits"))
        self.query_one(DigitGallery).page(delta)

    def action_toggle_mistakes(self) -> None:
        self.show_pane(self.PANES.index("tab-digits"))
        gallery = self.query_one(DigitGallery)
        gallery.mistakes_only = not gallery.mistakes_only
        shown = "only the mistakes" if gallery.mistakes_only else "all test digits"
        self.say(f"Gallery shows {shown} (m toggles).")
