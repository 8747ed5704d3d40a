"""MnistWorkbench: train a digit classifier on MNIST and watch it learn.

Panes, as tabs so that everything fits 80×24: the loss per step with its moving average
and train/test accuracy per epoch; a gallery of test digits with the selected one's
softmax bars; the confusion matrix; the hyperparameters; the first layer's weights as
pictures. Gallery predictions and the confusion matrix are computed once per epoch (in
the training thread, by ``epoch_hook``) and never per step, and drawn only while their
pane is on show (catching up when shown), so watching costs little of the training speed.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from nncore.datasets import default_data_dir
from nncore.hidden_units import hidden_outputs
from nncore.network import Network
from nncore.optimizers import make_optimizer
from nncore.presets import (
    MNIST_CLASSES,
    MNIST_INPUTS,
    EpochPredictions,
    MnistPreset,
    get_preset,
    mnist_model_problem,
    predict_test,
)
from nncore.trainer import EpochRecord, Trainer
from tui.i18n import N_, _, explain, ngettext
from tui.training.command_line import mnist_command
from tui.training.hyperparams import LIVE_FIELDS, RESET_FIELDS, Hyperparams
from tui.training.messages import TrainingProgress, TrainingStarted, TrainingStopped
from tui.widgets.confusion_matrix import ConfusionMatrix, ConfusionNote
from tui.widgets.curve_readout import CurveReadout
from tui.widgets.digit_detail import DigitDetail
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.mnist_curves import MnistCurves
from tui.widgets.mnist_status import MnistStatus
from tui.widgets.weight_tiles import WeightTiles
from tui.widgets.weights_pane import WeightsPane
from tui.workbenches.mnist_loading import MnistDataWorkbench

PLOT_INTERVAL = 1.0
"""Seconds between plot redraws. Plotext draws in pure Python, holding the GIL that the
training thread needs; once a second still shows the curve bend."""
PROGRESS_INTERVAL = 0.5
"""Seconds between the runner's progress messages: each costs the UI thread a refresh
(and the training thread the GIL meanwhile); twice a second keeps the speed line live."""
ALL_FIELDS = LIVE_FIELDS | RESET_FIELDS
"""Every field of the form applies to an MNIST network."""
PAGE_KEYS = Binding.Group(N_("Page"), compact=True)


def preset_note(preset: MnistPreset) -> str:
    """The form's note: the preset's recipe (``MnistPreset.summary``, which ``nnlab train
    mnist`` prints too) in the chosen language."""
    return _("Preset {name}: {summary}.").format(name=preset.name, summary=explain(preset.summary))


class MnistWorkbench(MnistDataWorkbench):
    """The workbench of one MNIST preset; the data loads in a thread after mounting."""

    kind = "mnist"
    pace_unit = "batches"
    PANES = ("tab-curves", "tab-digits", "tab-confusion", "tab-settings", "tab-weights")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "page(-1)", N_("Page"), key_display="[", group=PAGE_KEYS),
        Binding("right_square_bracket", "page(1)", N_("Page"), key_display="]", group=PAGE_KEYS),
        Binding("m", "toggle_mistakes", N_("Mistakes")),
        Binding("l", "load", N_("Load MNIST")),
        Binding("escape", "all_digits", N_("All digits")),
    ]

    def __init__(self, preset_name: str, *, id: str | None = None) -> None:
        self.preset = get_preset(preset_name)
        self.title = f"MNIST {preset_name}"
        self._predictions: dict[int, EpochPredictions] = {}
        self._drawn: dict[str, tuple[int, int]] = {}  # pane -> (trainer id, epoch) drawn
        self._shown_network: Network | None = None  # the shown epoch's, for the bars
        super().__init__(id=id)

    # --- Workbench hooks ---

    def default_hyperparams(self) -> Hyperparams:
        p = self.preset
        return Hyperparams(
            p.hidden, p.activation, p.optimizer, p.lr, p.batch_size, p.epochs, "backprop",
            p.init, 0,
        )  # fmt: skip

    def form_scope(self) -> tuple[frozenset[str], str]:
        return ALL_FIELDS, preset_note(self.preset)

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
        return mnist_model_problem(network)

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
        self.query_one(MnistCurves).clear()
        if self.data is not None:
            trainer = self.runner.trainer
            self.query_one(MnistStatus).show_idle(
                trainer.steps, trainer.epoch, trainer.epoch_progress, self.applied.grad
            )

    def on_resumed(self, epoch: int) -> None:
        for later in [k for k in self._predictions if k > epoch]:
            del self._predictions[later]
        self.query_one(MnistCurves).cut(self._steps_through(epoch))
        self._drawn.clear()

    def on_undone(self) -> None:
        super().on_undone()
        self.query_one(MnistCurves).add_losses(0, tuple(self.runner.trainer.history.step_losses))

    def command_line(self, epochs: int) -> str:
        folder = self.fetcher.folder  # spelled out unless where `nnlab train` looks anyway
        data_dir = None if folder == default_data_dir() else str(folder.resolve())
        return mnist_command(self.preset.name, self.applied, epochs, data_dir)

    # --- composition ---

    def compose_body(self) -> ComposeResult:
        yield MnistStatus(id="mnist-speed")
        yield Static("", id="mnist-notice", markup=False)
        with TabbedContent(id="mnist-tabs", initial="tab-curves"):
            with TabPane(_("1 Curves"), id="tab-curves"), Vertical(id="mnist-curves-box"):
                yield CurveReadout(id="mnist-readout")
                yield MnistCurves(interval=PLOT_INTERVAL, id="mnist-curves")
            with TabPane(_("2 Digits"), id="tab-digits"), Horizontal(id="mnist-digits"):
                yield DigitGallery(id="mnist-gallery")
                yield DigitDetail(id="mnist-detail")
            with TabPane(_("3 Confusion"), id="tab-confusion"), Vertical(id="mnist-confusion-box"):
                yield ConfusionMatrix(id="mnist-confusion")
                yield ConfusionNote(id="mnist-confusion-help")
            with TabPane(_("4 Settings"), id="tab-settings"):
                yield self.form
            with TabPane(_("5 Weights"), id="tab-weights"):
                yield WeightsPane(id="mnist-weights")

    def on_mount(self) -> None:
        # Panes switch with 1-5 (the screen's keys); a focusable tab bar would take ←/→.
        self.query_one(Tabs).can_focus = False
        self._show_loading_state(_("Loading MNIST…"))
        self.action_load()

    def on_data(self) -> None:
        self.query_one(DigitGallery).set_digits(self.data.test_images, self.data.t_test)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 110, "-wide")

    # --- showing an epoch ---

    def show_epoch(self, epoch: int) -> None:
        if self.data is None:
            return
        self.query_one(MnistStatus).set_viewing(self.runner.viewed_epoch is not None)
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
        if pane == "tab-weights":
            self._show_weights(epoch, key)

    def on_tabbed_content_tab_activated(self) -> None:
        self.show_epoch(self.runner.shown_epoch)

    def _show_curves(self, epoch: int) -> None:
        records = self.records[:epoch]
        viewing = self.runner.viewed_epoch is not None
        self.query_one(MnistCurves).show(
            self._steps_through(epoch) if viewing else None,
            np.array([r.epoch for r in records]),
            np.array([r.train_acc for r in records]),
            np.array([np.nan if r.test_acc is None else r.test_acc for r in records]),
        )
        shown = records[-1] if records else None
        self.query_one(CurveReadout).show(shown)
        self.query_one(MnistStatus).scores = shown

    def _steps_through(self, epoch: int) -> int:
        """Training steps from the start to the end of ``epoch``."""
        return sum(r.steps for r in self.records[:epoch])

    def _predictions_at(self, epoch: int) -> EpochPredictions:
        predictions = self._predictions.get(epoch)
        if predictions is None:  # an epoch trained before this trainer's hook, e.g. 0
            network = self.runner.network_at(epoch)
            predictions = predict_test(network, self.data.x_test, self.data.t_test)
            self._predictions[epoch] = predictions
        return predictions

    def _show_digits(self, epoch: int, predictions: EpochPredictions) -> None:
        self._shown_network = self.runner.network_at(epoch)
        gallery = self.query_one(DigitGallery)
        gallery.set_predictions(predictions.predicted)
        self._show_digit(gallery.selected)

    def _show_confusion(self, epoch: int, predictions: EpochPredictions) -> None:
        self.query_one(ConfusionMatrix).matrix = predictions.confusion
        self.query_one(ConfusionNote).show(epoch, predictions.confusion)

    def _show_weights(self, epoch: int, key: tuple[int, int]) -> None:
        weights = self.query_one(WeightsPane)
        if self._drawn.get("tab-weights") != key:
            self._drawn["tab-weights"] = key
            weights.show(self.runner.network_at(epoch))
        # Cheap, and the selection may have moved in the Digits pane meanwhile.
        index = self.query_one(DigitGallery).selected
        if index is None:
            weights.set_digit(None, None)
        else:
            weights.set_digit(index, self.data.x_test[index], int(self.data.t_test[index]))

    def _show_digit(self, index: int | None) -> None:
        detail = self.query_one(DigitDetail)
        if index is None or self.data is None:
            detail.show(None, None, 0, None)
            return
        probs = hidden = None
        network = self._shown_network
        if network is not None:
            x = self.data.x_test[index : index + 1]
            probs = network.predict(x)[0]
            hidden = hidden_outputs(network, x)[0][0]
        image, true = self.data.test_images[index], int(self.data.t_test[index])
        detail.show(index, image, true, probs, hidden)

    def on_digit_gallery_selected(self, message: DigitGallery.Selected) -> None:
        message.stop()
        self._show_digit(message.index)

    # --- the speed line ---

    def on_training_started(self, message: TrainingStarted) -> None:
        self.query_one(MnistStatus).training_started()

    def on_training_progress(self, message: TrainingProgress) -> None:
        if message.runner is not self.runner or self.data is None:
            return
        self.query_one(MnistCurves).add_losses(message.first_step, message.losses)
        self.query_one(MnistStatus).show_progress(
            message.step,
            message.epoch,
            message.epoch_progress,
            images_per_epoch=len(self.data.x_train),
            target_epochs=self.runner.epochs,
            seconds_per_epoch=self.records[-1].seconds if self.records else None,
            grad=self.applied.grad,
        )

    def on_training_stopped(self, message: TrainingStopped) -> None:
        if message.runner is self.runner:
            self.query_one(MnistStatus).training_stopped()

    # --- keys of this workbench ---

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "load":
            return self.data is None
        if action in ("page", "toggle_mistakes"):
            return self.data is not None
        if action == "all_digits":
            return self.query_one(DigitGallery).cell is not None
        return True

    def show_pane(self, index: int) -> None:
        super().show_pane(index)
        self.show_epoch(self.runner.shown_epoch)  # before the keys below act on the pane
        gallery = self.query_one(DigitGallery)
        if self.PANES[index] == "tab-digits":
            # Focused, the gallery takes ↑/↓ for the selection and enables [ ] and m.
            gallery.focus()
        elif self.PANES[index] == "tab-confusion":
            # Focused, the matrix takes the arrows for its cursor and enter to open a cell.
            self.query_one(ConfusionMatrix).focus()
        elif self.PANES[index] == "tab-weights":
            self.query_one(WeightTiles).focus()  # the arrows move over the tiles
        elif self.focused_here():
            self.screen.set_focus(None)

    def action_page(self, delta: int) -> None:
        if self.query_one(TabbedContent).active == "tab-weights":
            self.query_one(WeightTiles).action_page(delta)
            return
        self.show_pane(self.PANES.index("tab-digits"))
        self.query_one(DigitGallery).page(delta)

    def focused_here(self) -> bool:
        """Whether the gallery, the matrix or the tiles have the focus, which other panes
        give up."""
        return any(
            self.query_one(kind).has_focus for kind in (DigitGallery, ConfusionMatrix, WeightTiles)
        )

    def on_confusion_matrix_opened(self, message: ConfusionMatrix.Opened) -> None:
        message.stop()
        gallery = self.query_one(DigitGallery)
        gallery.mistakes_only = False
        gallery.cell = (message.true, message.predicted)
        self.show_pane(self.PANES.index("tab-digits"))
        count = len(gallery.shown)
        self.say(
            ngettext(
                "{count} test {true} called {predicted} (escape: the matrix).",
                "{count} test {true}s called {predicted} (escape: the matrix).",
                count,
            ).format(count=count, true=message.true, predicted=message.predicted)
        )

    def action_all_digits(self) -> None:
        self.query_one(DigitGallery).cell = None
        self.show_pane(self.PANES.index("tab-confusion"))

    def action_toggle_mistakes(self) -> None:
        self.show_pane(self.PANES.index("tab-digits"))
        gallery = self.query_one(DigitGallery)
        gallery.cell = None
        gallery.mistakes_only = not gallery.mistakes_only
        if gallery.mistakes_only:
            self.say(_("Gallery shows only the mistakes (m toggles)."))
        else:
            self.say(_("Gallery shows all test digits (m toggles)."))
