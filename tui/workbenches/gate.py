"""GateWorkbench: train AND, OR, NAND or XOR and watch the truth table, weights and map."""

from __future__ import annotations

import numpy as np
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import RichLog, TabbedContent, TabPane, Tabs

from nncore.gates import (
    NETWORK_INIT,
    LogicGateNet,
    book_epoch,
    book_log_line,
    default_preset,
    gate_data,
    gate_network,
)
from nncore.hidden_units import hidden_outputs
from nncore.optimizers import make_optimizer
from nncore.row_math import row_math
from nncore.trainer import EpochRecord, Trainer
from tui.commands import first_hint
from tui.i18n import N_, _
from tui.render.decision_map import grid_inputs, to_grid
from tui.render.network_diagram import SEGMENTS
from tui.training.command_line import gate_command
from tui.training.hyperparams import Hyperparams
from tui.widgets.decision_map import DecisionMap
from tui.widgets.loss_plot import LossPlot
from tui.widgets.math_view import MathView
from tui.widgets.network_diagram import NetworkDiagram
from tui.widgets.truth_table import TruthTable
from tui.widgets.unit_maps import UnitMaps
from tui.widgets.weights_view import WeightsView
from tui.workbenches.base import Workbench

LOG_EVERY = 100
"""The book prints every 100th epoch."""
MAP_RESOLUTION = 24
FULL_BATCH = 4
SINGLE_UNIT_SCOPE = frozenset({"hidden", "optimizer", "lr", "epochs", "stop_at", "grad", "seed"})
NETWORK_SCOPE = SINGLE_UNIT_SCOPE | {"activation", "init"}
SINGLE_UNIT_NOTE = N_(
    "Book recipe: one sigmoid unit, full batch. Activation, init and batch size "
    "do not apply; type hidden widths (e.g. 4) and reset for a network."
)
NETWORK_NOTE = N_("Full batch of the 4 rows: one mini-batch is one epoch.")


class GateWorkbench(Workbench):
    """``task`` is ``"and"``, ``"or"``, ``"nand"``, ``"xor-1"`` (the single unit, which
    cannot learn XOR) or ``"xor-2"`` (a hidden layer, which can)."""

    kind = "gate"
    PANES = ("pane-train", "pane-map", "pane-log", "pane-settings", "pane-math")

    def __init__(self, task: str, title: str, *, id: str | None = None) -> None:
        self.gate, _dash, layers = task.partition("-")
        self.preset = default_preset(self.gate, 0 if layers == "1" else None)
        self.title = title
        self.inputs, self.targets = gate_data(self.gate)
        self._grid = grid_inputs(MAP_RESOLUTION)
        self._logged = 0  # last epoch whose book line (if any) is in the log
        super().__init__(id=id)

    # --- Workbench hooks ---

    def default_hyperparams(self) -> Hyperparams:
        p = self.preset
        hidden = (p.hidden,) if p.hidden else ()
        init = NETWORK_INIT if p.hidden else "book"
        return Hyperparams(
            hidden, p.activation, "sgd", p.lr, FULL_BATCH, p.epochs, p.grad, init, p.seed
        )

    def form_scope(self) -> tuple[frozenset[str], str]:
        if not self.pending.hidden:
            return SINGLE_UNIT_SCOPE, SINGLE_UNIT_NOTE
        return NETWORK_SCOPE, NETWORK_NOTE

    def build_trainer(self, params: Hyperparams, network=None) -> Trainer:
        if network is None:
            network = gate_network(params.hidden, params.activation, params.init, params.seed)
        return Trainer(
            network,
            make_optimizer(params.optimizer, params.lr),
            self.inputs,
            self.targets,
            batch_size=FULL_BATCH,
            seed=params.seed,
            grad_method=params.grad,
        )

    def check_network(self, network) -> str | None:
        sizes = tuple(network.sizes)
        if sizes[0] != 2 or sizes[-1] != 1 or network.output != "sigmoid":
            shape = "-".join(map(str, sizes))
            return _("a {shape} {output} network; a gate needs 2 inputs, 1 sigmoid output").format(
                shape=shape, output=network.output
            )
        return None

    def compose_body(self) -> ComposeResult:
        with TabbedContent(initial="pane-train", id="gate-tabs"):
            with TabPane(_("1 Train"), id="pane-train"):
                with Horizontal(id="gate-top"):
                    yield TruthTable(id="truth")
                    yield WeightsView(id="weights")
                    yield NetworkDiagram(id="diagram")
                with Horizontal(id="gate-bottom"):
                    yield LossPlot(id="loss")
                    # Shown instead of #diagram when the top row has no room for it.
                    yield NetworkDiagram(id="diagram-below")
                    yield DecisionMap(
                        id="map-inline", classes="wide-only", resolution=MAP_RESOLUTION
                    )
            with TabPane(_("2 Map"), id="pane-map"), Horizontal():
                yield DecisionMap(id="map", resolution=MAP_RESOLUTION, fill=True)
                with Vertical(id="map-side"):
                    yield TruthTable(id="truth-map")
                    yield UnitMaps(id="unit-maps")
            with TabPane(_("3 Log"), id="pane-log"):
                yield RichLog(id="log", wrap=True, markup=False, max_lines=2000)
            with TabPane(_("4 Settings"), id="pane-settings"):
                yield self.form
            with TabPane(_("5 Math"), id="pane-math"):
                yield MathView(id="math")

    def on_mount(self) -> None:
        # Tabs are switched with 1-4; a focusable tab bar would take ←/→ from rewind.
        self.query_one(Tabs).can_focus = False
        self.query_one(RichLog).can_focus = False
        # The base class's on_mount then draws the first epoch (Textual runs both).
        self._write_intro()
        if self.gate == "xor" and not self.pending.hidden:
            self.say(_("One unit draws one straight line: it cannot learn XOR (on purpose)."))
        else:
            self.say(first_hint())

    def show_epoch(self, epoch: int) -> None:
        runner = self.runner
        network = runner.network_at(epoch)
        outputs = network.predict(self.inputs).ravel()
        if runner.viewed_epoch is None:
            title = _("{task} · epoch {epoch}").format(task=_(self.title), epoch=epoch)
        else:
            title = _("{task} · epoch {epoch} (of {last})").format(
                task=_(self.title), epoch=epoch, last=runner.last_epoch
            )
        for table in self.query(TruthTable):
            table.show(self.inputs, self.targets, outputs, title)
        self.query_one(WeightsView).show(network.params)
        layers = len(network.sizes) - 1
        weights = [network.params[f"W{k}"] for k in range(1, layers + 1)]
        activations = [*[network.activation] * (layers - 1), "sigmoid"]
        for diagram in self.query(NetworkDiagram):
            diagram.show(weights, activations)
        self.call_after_refresh(self._place_diagram)
        for decision_map in self.query(DecisionMap):
            self._draw_map(decision_map, network)
        self._draw_units(self.query_one(UnitMaps), network)
        records = self.records[:epoch]
        epochs = np.arange(1, len(records) + 1)
        losses = np.array([r.loss for r in records])
        if runner.viewed_epoch is None:
            shown = _("loss")
        else:
            shown = _("loss (viewing epoch {epoch})").format(epoch=epoch)
        self.query_one(LossPlot).set_series(epochs, losses, title=shown)
        if self.query_one(TabbedContent).active == "pane-math":
            self._show_math(network, title)

    def _draw_map(self, decision_map: DecisionMap, network) -> None:
        n = decision_map.fitted_resolution
        inputs = self._grid if n == MAP_RESOLUTION else grid_inputs(n)
        decision_map.grid = to_grid(network.predict(inputs)[:, 0], n)
        decision_map.targets = tuple(self.targets.ravel())

    def _draw_units(self, unit_maps: UnitMaps, network) -> None:
        n = unit_maps.resolution_for(sum(network.sizes[1:-1]))
        unit_maps.show(hidden_outputs(network, grid_inputs(n)), network.activation)

    def on_unit_maps_resized(self, message: UnitMaps.Resized) -> None:
        message.stop()
        self._draw_units(message.unit_maps, self.runner.network_at(self.runner.shown_epoch))

    def _place_diagram(self) -> None:
        """The diagram beside the weights if the top row has room for it, else below."""
        if not self.is_attached:  # removed (a language switch rebuilt the screen) meanwhile
            return
        top = self.query_one("#gate-top")
        if not top.content_size.width:
            return  # another pane is open: the Train pane is measured when it opens
        beside = [self.query_one("#truth"), self.query_one(WeightsView)]
        room = top.content_size.width
        room -= sum(w.outer_size.width + w.styles.margin.width for w in beside)
        diagram = self.query_one("#diagram", NetworkDiagram)
        # Longer edges read better; beside the loss curve the shortest leaves it the most room.
        fits = [s for s in SEGMENTS if diagram.width_for(s) <= room]
        if fits:
            diagram.segment = fits[0]
        self.set_class(not fits, "-diagram-below")

    def on_resize(self) -> None:
        self.call_after_refresh(self._place_diagram)

    def on_tabbed_content_tab_activated(self) -> None:
        self.call_after_refresh(self._place_diagram)

    def on_decision_map_resized(self, message: DecisionMap.Resized) -> None:
        message.stop()
        self._draw_map(message.decision_map, self.runner.network_at(self.runner.shown_epoch))

    def _show_math(self, network, title: str) -> None:
        """Only while the Math pane is open: it takes a numerical gradient per redraw."""
        view = self.query_one(MathView)
        row = view.row
        view.show(row_math(network, self.inputs[row], self.targets[row]), title)

    def show_pane(self, index: int) -> None:
        super().show_pane(index)
        if self.PANES[index] == "pane-math":
            self.query_one(MathView).focus()
            self.show_epoch(self.runner.shown_epoch)

    def on_math_view_row_changed(self, message: MathView.RowChanged) -> None:
        message.stop()
        self.show_epoch(self.runner.shown_epoch)

    def on_epochs(self, records: tuple[EpochRecord, ...], extras: tuple) -> None:
        self._log_until(records[-1].epoch)

    def on_reset(self) -> None:
        self._logged = 0
        self.query_one(RichLog).clear()
        self._write_intro()

    def on_resumed(self, epoch: int) -> None:
        log = self.query_one(RichLog)
        log.clear()
        self._write_intro()
        self._logged = 0
        self._log_until(epoch)
        log.write(_("— resumed from epoch {epoch}; later epochs dropped —").format(epoch=epoch))

    def on_undone(self) -> None:
        super().on_undone()
        self._log_until(len(self.records))

    def command_line(self, epochs: int) -> str:
        return gate_command(self.gate, self.applied, epochs)

    def status_detail(self) -> str:
        right = self.query(TruthTable).first().right_count
        return f"{right}/4 {'✓' if right == 4 else '✗'}"

    # --- log ---

    def _write_intro(self) -> None:
        p = self.applied
        shape = "-".join(map(str, self.runner.trainer.network.sizes))
        intro = _(
            "{task}: {shape} network, {optimizer} lr {lr}, {grad} gradients, seed {seed}. "
            "Our epoch, then the book's line every {every} epochs:"
        )
        self.query_one(RichLog).write(
            intro.format(
                task=_(self.title),
                shape=shape,
                optimizer=p.optimizer,
                lr=f"{p.lr:g}",
                grad=p.grad,
                seed=p.seed,
                every=LOG_EVERY,
            )
        )

    def _log_until(self, epoch: int) -> None:
        """Write the book's line for every logged epoch up to ``epoch`` not yet written,
        each after our epoch number for the same weights, and a line for the final epoch.
        """
        log = self.query_one(RichLog)
        records = self.records
        single_unit = isinstance(self.runner.trainer.network, LogicGateNet)
        last = min(epoch, len(records))
        for done in range(self._logged + 1, last + 1):
            book = book_epoch(done, single_unit, LOG_EVERY)
            final = done == self.runner.epochs
            if book is None and not final:
                continue
            network = self.runner.network_at(done)
            loss = records[done - 1].loss
            # The book's line as the book prints it, after our own words for the epoch.
            ours = _("epoch {epoch} │ {line}")
            if book is not None:
                log.write(ours.format(epoch=done, line=book_log_line(book, loss, network)))
            if final:
                line = book_log_line(done, loss, network, _("Final epoch "))
                log.write(ours.format(epoch=done, line=line))
        self._logged = max(self._logged, epoch)
