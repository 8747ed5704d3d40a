"""MainScreen: the task chooser on the left, the open task's workbench on the right.

Training keys live here (not on the workbench) so they work wherever focus is — in the
chooser, a pane or the form. A focused Input still gets ←/→/space/letters first, since
its own bindings and typing come before the screen's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from tui.commands import ONLY_WHEN_AVAILABLE, SCREEN_COMMANDS
from tui.dialogs.model_file import ModelFileScreen
from tui.i18n import N_, _, explain
from tui.pages import PageUnavailable, create_page
from tui.screens.epoch_jump import EpochJumpProvider
from tui.tasks import FIRST_TASK, Task
from tui.training.pace import next_pace
from tui.widgets.key_footer import KeyFooter
from tui.widgets.task_chooser import TaskChooser
from tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

if TYPE_CHECKING:  # the pages load NumPy, which the first frame does without
    from tui.pages.draw import DrawPage
    from tui.workbenches.base import Workbench
    from tui.workbenches.mnist_loading import MnistDataWorkbench

WORKBENCH_ACTIONS = frozenset({command.action for command in SCREEN_COMMANDS} | {"pane"}) - {
    "slower",
    "faster",
}
"""Screen actions that the open workbench performs (and ``Workbench.can`` gates)."""

EPOCH_MOVES = frozenset(
    {"rewind", "forward", "first_epoch", "last_epoch", "page_back", "page_forward"}
)
"""Actions that move through the epochs trained: none apply to a new workbench."""

PANE_KEYS = (N_("Pane 1"), N_("Pane 2"), N_("Pane 3"), N_("Pane 4"), N_("Pane 5"))
"""The keys 1–5, as the keys panel names them."""

WIDE = (140, 40)
"""From this size on the decision map also sits next to the loss plot."""
NARROW_WIDTH = 100


class MainScreen(Screen):
    COMMANDS: ClassVar = {EpochJumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(command.binding() for command in SCREEN_COMMANDS),
        # Not in the footer: the tab labels ("1 Train", "2 Map", …) show these keys.
        *(
            Binding(str(i), f"pane({i - 1})", description, show=False)
            for i, description in enumerate(PANE_KEYS, start=1)
        ),
    ]

    @dataclass
    class TaskOpened(Message):
        """``task``'s page is now the one shown."""

        task: Task

    @dataclass
    class PaceSet(Message):
        """The user set the training pace: ``pace`` steps a second (None: full speed)."""

        pace: float | None

    def __init__(self, first_task: Task = FIRST_TASK, pace: float | None = None) -> None:
        super().__init__()
        self._wanted: Task | None = None
        self._first_task = first_task
        """The task opened at launch (the one open when the app last quit)."""
        self.pace = pace
        """Steps a second for every workbench's training (None: full speed)."""
        self._launched = asyncio.Event()
        self._builds = 1
        """Pages being built, counting the first task's from construction on."""
        self._built = asyncio.Event()
        """Set while no page is being built."""
        self._leaving = False
        self._after_build: list[Callable[[], object]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield TaskChooser(id="chooser")
            yield ContentSwitcher(id="workbenches")
        yield TooSmall(id="too-small")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self._start()

    def _start(self) -> None:
        """Mark and focus the first task in the chooser, and open its page after the
        first frame: at mount, and again after each rebuild."""
        chooser = self.query_one(TaskChooser)
        chooser.mark_open(self._first_task)
        chooser.focus()
        # The first frame shows the chooser alone; building the first workbench (NumPy,
        # nncore, its plots and form) would take as long again as the rest of the launch.
        self.call_after_refresh(self._open_first_task)

    def rebuild(self) -> None:
        """Compose the screen anew, in the language now in use, once no page is being
        built: the task shown opens again, at the same pace, as at launch. Its old page
        goes, and its training workers are cancelled with it."""
        self._when_built(partial(self.call_later, self._rebuild))

    async def _rebuild(self) -> None:
        if self._leaving:
            return
        self._first_task, self._wanted = self.shown_task, None
        self._launched.clear()
        self._builds += 1  # the task's build, as at construction: _open_first_task ends it
        self._built.clear()
        await self.recompose()
        self._fit(self.size.width, self.size.height)
        self._start()

    async def _open_first_task(self) -> None:
        try:
            # Not if a task was chosen already, or the app is quitting (q before the build).
            if self._wanted is None and self.is_attached:
                # Highlighted at mount; the user may have moved the cursor on since.
                await self.open_task(self._first_task, highlight=False)
        finally:
            self._build_ended()
            self._launched.set()
            self.refresh_keys()  # check_action no longer answers for the launch

    @contextmanager
    def _building(self) -> Iterator[None]:
        self._builds += 1
        self._built.clear()
        try:
            yield
        finally:
            self._build_ended()

    def _build_ended(self) -> None:
        self._builds -= 1
        if self._builds == 0:
            self._built.set()
            acts, self._after_build = self._after_build, []
            for act in acts:
                act()

    def after_building(self, act: Callable[[], object]) -> None:
        """Build no more pages, and ``act()`` once none is being built (at once if none is).

        The app leaves only then: closing a widget whose compose is under way stops its
        children from mounting, and its own on_mount then fails to find them (Textual's
        ``NoMatches``), which would end the app with a traceback and exit code 1.
        """
        self._leaving = True
        self._when_built(act)

    def _when_built(self, act: Callable[[], object]) -> None:
        if self._built.is_set():
            act()
        else:
            self._after_build.append(act)

    async def finish_building(self) -> None:
        """``after_building``, awaited."""
        self._leaving = True
        await self._built.wait()

    def refresh_keys(self) -> None:
        """``refresh_bindings`` unless the footer already shows every key as it is now: a
        rebuild costs the UI thread (and so a training thread waiting for the GIL) about a
        tenth of a second, and starting or stopping training rarely changes a key."""
        footer = self.query_one(KeyFooter)
        if not footer.is_current():
            footer.rebuild_requested()
            self.refresh_bindings()

    async def wait_for_first_task(self) -> None:
        """Return once the first task's page is built, or another task was chosen first."""
        await self._launched.wait()

    @property
    def shown_task(self) -> Task:
        """The task whose page is shown (until the first is built: the one being built)."""
        current = self.query_one(ContentSwitcher).current
        return self.query_one(TaskChooser).tasks.get(current or "", self._first_task)

    @property
    def workbench(self) -> Workbench | None:
        """The open page when it is a training workbench, else None (also during the
        launch, until ``wait_for_first_task``)."""
        from tui.workbenches.base import Workbench

        switcher = self.query_one(ContentSwitcher)
        if switcher.current is None:
            return None
        page = switcher.get_child_by_id(switcher.current)
        return page if isinstance(page, Workbench) else None

    async def _with_workbench(self, act, *, refresh: bool = False) -> None:
        """``act(workbench)`` on the open workbench, if any; a key pressed during the launch
        waits for the first. ``refresh`` when the act changes which keys apply."""
        await self.wait_for_first_task()
        if (workbench := self.workbench) is not None:
            act(workbench)
            if refresh:
                self.refresh_keys()

    async def open_task(self, task: Task, *, highlight: bool = True) -> None:
        """Show ``task``'s page, built on first use; ``highlight`` moves the chooser to it."""
        if self._leaving:
            return
        self._wanted = task
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query_children(f"#{task.id}"):
            try:
                page = create_page(task)
            except PageUnavailable as exc:
                self.notify(explain(exc), title=_(task.label), severity="warning")
                return
            with self._building():
                await switcher.mount(page)
            if self._wanted is not task or not page.is_attached:
                # Another task was chosen while this page was built, or the app quit.
                page.display = False
                return
        switcher.current = task.id
        if highlight:
            self.query_one(TaskChooser).mark_open(task)
        self.refresh_keys()
        self.post_message(self.TaskOpened(task))

    async def on_task_chooser_selected(self, message: TaskChooser.Selected) -> None:
        await self.open_task(message.task)

    # --- dialogs the pages ask for ---

    def on_mnist_data_workbench_download_wanted(
        self, message: MnistDataWorkbench.DownloadWanted
    ) -> None:
        from tui.dialogs.download import DownloadDialog

        self.app.push_screen(DownloadDialog(message.fetcher, message.missing), message.done)

    def on_draw_page_model_file_wanted(self, message: DrawPage.ModelFileWanted) -> None:
        self.app.push_screen(
            ModelFileScreen(message.prompt, message.initial, message.act, must_exist=True)
        )

    # --- layout by size ---

    def on_resize(self, event: events.Resize) -> None:
        self._fit(*event.size)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        # At 80 columns every key fits only without the palette hint (help lists ctrl+p).
        self.query_one(KeyFooter).show_command_palette = width >= NARROW_WIDTH
        self.set_class(width >= WIDE[0] and height >= WIDE[1], "-wide")
        self.refresh_keys()  # the palette hint, and the keys too small a screen disables

    # --- delegated actions ---

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in WORKBENCH_ACTIONS:
            return True
        if self.has_class("-too-small"):
            return False
        if not self._launched.is_set():
            # The first workbench is being built and its keys wait for it; being new, it
            # will have no epoch to go back or forward to, nor anything to undo.
            if action in ONLY_WHEN_AVAILABLE:
                return False
            return None if action in EPOCH_MOVES else True
        workbench = self.workbench
        if workbench is None:
            return False
        if action == "pane":
            return parameters[0] < len(workbench.PANES)
        if action in ONLY_WHEN_AVAILABLE:
            return workbench.can(action)
        # None: shown greyed out in the footer rather than hidden, so the keys stay put.
        return True if workbench.can(action) else None

    async def action_toggle_run(self) -> None:
        await self._with_workbench(lambda workbench: workbench.toggle_run())

    async def action_step_epoch(self) -> None:
        await self._with_workbench(lambda workbench: workbench.step_epoch())

    async def action_step_batch(self) -> None:
        await self._with_workbench(lambda workbench: workbench.step_batch())

    async def action_reset(self) -> None:
        await self._with_workbench(lambda workbench: workbench.reset(), refresh=True)

    async def action_rewind(self) -> None:
        await self._with_workbench(lambda workbench: workbench.step_view(-1), refresh=True)

    async def action_forward(self) -> None:
        await self._with_workbench(lambda workbench: workbench.step_view(+1), refresh=True)

    async def action_first_epoch(self) -> None:
        await self.go_to_epoch(0)

    async def action_last_epoch(self) -> None:
        await self.go_to_epoch(None)

    async def action_page_back(self) -> None:
        await self._with_workbench(lambda wb: wb.step_view(-wb.page), refresh=True)

    async def action_page_forward(self) -> None:
        await self._with_workbench(lambda wb: wb.step_view(+wb.page), refresh=True)

    async def go_to_epoch(self, epoch: int | None) -> None:
        """Show ``epoch`` (clamped to the epochs trained; None: the latest)."""

        def go(workbench: Workbench) -> None:
            shown = workbench.view_epoch(epoch)
            if epoch is not None and shown != epoch:
                workbench.say(
                    _("Epoch {epoch} is not trained yet; showing the latest, {shown}.").format(
                        epoch=epoch, shown=shown
                    )
                )

        await self._with_workbench(go, refresh=True)

    async def action_slower(self) -> None:
        self.set_pace(next_pace(self.pace, faster=False))

    async def action_faster(self) -> None:
        self.set_pace(next_pace(self.pace, faster=True))

    def set_pace(self, pace: float | None) -> None:
        """Train every workbench at ``pace`` steps a second (None: full speed)."""
        from tui.workbenches.base import Workbench

        self.pace = pace
        for workbench in self.query(Workbench):
            workbench.set_pace(pace)
        self.post_message(self.PaceSet(pace))

    async def action_pane(self, index: int) -> None:
        def show(workbench: Workbench) -> None:
            if index < len(workbench.PANES):
                workbench.show_pane(index)

        await self._with_workbench(show)

    async def action_undo(self) -> None:
        await self._with_workbench(lambda workbench: workbench.undo(), refresh=True)

    async def action_show_command(self) -> None:
        from tui.dialogs.run_command import RunCommandScreen

        def show(workbench: Workbench) -> None:
            command, caveats = workbench.run_command()
            self.app.push_screen(RunCommandScreen(command, caveats))

        await self._with_workbench(show)

    async def action_save(self) -> None:
        await self._ask_model_file(_("Save model (the epoch shown) to:"), must_exist=False)

    async def action_open(self) -> None:
        await self._ask_model_file(_("Open model file:"), must_exist=True)

    async def _ask_model_file(self, prompt: str, *, must_exist: bool) -> None:
        """The save or open dialog, proposing the task's name in the working directory;
        an opened model may change which keys apply (epochs to go back to)."""

        def ask(workbench: Workbench) -> None:
            initial = Path.cwd() / f"{workbench.id.removeprefix('wb-')}.npz"
            act = workbench.open_model if must_exist else workbench.save_model
            self.app.push_screen(
                ModelFileScreen(prompt, initial, act, must_exist=must_exist),
                lambda _done: self.refresh_keys(),
            )

        await self._with_workbench(ask)
