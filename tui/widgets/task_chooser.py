"""TaskChooser: the always-visible list of tasks on the left; enter opens one."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.i18n import _
from tui.tasks import SECTIONS, Task


class TaskChooser(OptionList, inherit_bindings=False):
    """One heading per section of ``tui.tasks.SECTIONS``, in the language in use; headings
    are disabled options, so the cursor skips them. Posts ``TaskChooser.Selected`` on
    enter (or click).

    Only OptionList's own keys are bound: the horizontal scrolling it would inherit
    would take ←/→ away from the screen's rewind/forward.
    """

    BINDINGS = OptionList.BINDINGS

    @dataclass
    class Selected(Message):
        """The user chose ``task``."""

        task: Task

    def __init__(self, *, id: str | None = None) -> None:
        self.tasks: dict[str, Task] = {}
        super().__init__(*self._options(), id=id)

    def _options(self) -> list[Option]:
        options = []
        for number, (heading, tasks) in enumerate(SECTIONS):
            options.append(Option(_(heading), id=f"heading-{number}", disabled=True))
            options += [self._task_option(task) for task in tasks]
        return options

    def _task_option(self, task: Task) -> Option:
        self.tasks[task.id] = task
        return Option(f"  {_(task.label)}", id=task.id)

    def mark_open(self, task: Task) -> None:
        self.highlighted = self.get_option_index(task.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        task = self.tasks.get(event.option.id or "")
        if task is not None:
            self.post_message(self.Selected(task))
