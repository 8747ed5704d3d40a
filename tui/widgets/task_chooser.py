"""TaskChooser: the always-visible list of tasks on the left; enter opens one."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.messages import TaskSelected
from tui.workbenches import GATE_TASKS, Task, mnist_tasks


class TaskChooser(OptionList, inherit_bindings=False):
    """Gates first, then one entry per MNIST preset; headings are disabled options, so
    the cursor skips them. Posts ``TaskSelected`` on enter (or click).

    Only OptionList's own keys are bound: the horizontal scrolling it would inherit
    would take ←/→ away from the screen's rewind/forward.
    """

    BINDINGS = OptionList.BINDINGS

    def __init__(self, *, id: str | None = None) -> None:
        self.tasks: dict[str, Task] = {}
        super().__init__(*self._options(), id=id)

    def _options(self) -> list[Option]:
        options = [Option("Logic gates", id="heading-gates", disabled=True)]
        options += [self._task_option(task) for task in GATE_TASKS]
        options.append(Option("MNIST digits", id="heading-mnist", disabled=True))
        mnist = mnist_tasks()
        options += [self._task_option(task) for task in mnist]
        if not mnist:
            options.append(Option("(no presets)", id="no-mnist", disabled=True))
        return options

    def _task_option(self, task: Task) -> Option:
        self.tasks[task.id] = task
        return Option(f"  {task.label}", id=task.id)

    def refresh_tasks(self) -> None:
        """Rebuild the list (MNIST presets may have become importable), keeping the cursor."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.tasks = {}
        self.set_options(self._options())
        if highlighted in self.tasks:
            self.highlighted = self.get_option_index(highlighted)

    def mark_open(self, task: Task) -> None:
        self.highlighted = self.get_option_index(task.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        task = self.tasks.get(event.option.id or "")
        if task is not None:
            self.post_message(TaskSelected(task.kind, task.key))
