"""MainScreen: the task chooser on the left, the open task's workbench on the right.

Training keys live here (not on the workbench) so they work wherever focus is — in the
chooser, a pane or the form. A focused Input still gets ←/→/space/letters first, since
its own bindings and typing come before the screen's.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from tui.messages import TaskSelected
from tui.screens.model_file import ModelFileScreen
from tui.widgets.task_chooser import TaskChooser
from tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall
from tui.workbenches import FIRST_TASK, Task, WorkbenchUnavailable, create_page
from tui.workbenches.base import Workbench

EPOCHS = Binding.Group("View", compact=True)

WORKBENCH_ACTIONS = frozenset(
    {"toggle_run", "step_epoch", "step_batch", "reset", "rewind", "forward", "save", "open", "pane"}
)
"""Screen actions that the open workbench performs (and ``Workbench.can`` gates)."""

WIDE = (140, 40)
"""From this size on the decision map also sits next to the loss plot."""
NARROW_WIDTH = 100


class MainScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_run", "Run"),
        Binding("n", "step_epoch", "Epoch"),
        Binding("b", "step_batch", "Batch"),
        Binding("r", "reset", "Reset"),
        Binding("left", "rewind", "Back", key_display="←", group=EPOCHS),
        Binding("right", "forward", "Fwd", key_display="→", group=EPOCHS),
        Binding("s", "save", "Save"),
        Binding("o", "open", "Open"),
        # Not in the footer: the tab labels ("1 Train", "2 Map", …) show these keys.
        *(Binding(str(i), f"pane({i - 1})", f"Pane {i}", show=False) for i in range(1, 5)),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield TaskChooser(id="chooser")
            yield ContentSwitcher(id="workbenches")
        yield TooSmall(id="too-small")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self.open_task(FIRST_TASK)
        self.query_one(TaskChooser).focus()

    @property
    def workbench(self) -> Workbench | None:
        """The open page when it is a training workbench, else None."""
        switcher = self.query_one(ContentSwitcher)
        if switcher.current is None:
            return None
        page = switcher.get_child_by_id(switcher.current)
        return page if isinstance(page, Workbench) else None

    async def open_task(self, task: Task) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query_children(f"#{task.id}"):
            try:
                page = create_page(task)
            except WorkbenchUnavailable as exc:
                self.notify(str(exc), title=task.label, severity="warning")
                return
            await switcher.mount(page)
        switcher.current = task.id
        self.query_one(TaskChooser).mark_open(task)
        self.refresh_bindings()

    async def on_task_selected(self, message: TaskSelected) -> None:
        chooser = self.query_one(TaskChooser)
        task = next(
            t for t in chooser.tasks.values() if (t.kind, t.key) == (message.kind, message.key)
        )
        await self.open_task(task)

    # --- layout by size ---

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        # At 80 columns every key fits only without the palette hint (help lists ctrl+p).
        self.query_one(Footer).show_command_palette = width >= NARROW_WIDTH
        self.set_class(width >= WIDE[0] and height >= WIDE[1], "-wide")

    # --- delegated actions ---

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in WORKBENCH_ACTIONS:
            return True
        workbench = self.workbench
        if workbench is None or self.has_class("-too-small"):
            return False
        if action == "pane":
            return parameters[0] < len(workbench.PANES)
        # None: shown greyed out in the footer rather than hidden, so the keys stay put.
        return True if workbench.can(action) else None

    def action_toggle_run(self) -> None:
        self.workbench.toggle_run()

    def action_step_epoch(self) -> None:
        self.workbench.step_epoch()

    def action_step_batch(self) -> None:
        self.workbench.step_batch()

    def action_reset(self) -> None:
        self.workbench.reset()
        self.refresh_bindings()

    def action_rewind(self) -> None:
        self.workbench.rewind(-1)
        self.refresh_bindings()

    def action_forward(self) -> None:
        self.workbench.rewind(+1)
        self.refresh_bindings()

    def action_pane(self, index: int) -> None:
        self.workbench.show_pane(index)

    def action_save(self) -> None:
        workbench = self.workbench
        initial = Path.cwd() / f"{workbench.id.removeprefix('wb-')}.npz"
        self.app.push_screen(
            ModelFileScreen(
                "Save model (the epoch shown) to:", initial, workbench.save_model, must_exist=False
            )
        )

    def action_open(self) -> None:
        workbench = self.workbench
        initial = Path.cwd() / f"{workbench.id.removeprefix('wb-')}.npz"
        self.app.push_screen(
            ModelFileScreen("Open model file:", initial, workbench.open_model, must_exist=True),
            lambda opened: self.refresh_bindings(),
        )
