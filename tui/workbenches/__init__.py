"""The task registry: which tasks exist and which workbench each one opens.

MNIST tasks come from ``nncore.presets.MNIST_PRESETS`` (a mapping of preset name to
preset, or a sequence of presets with a ``name``); the MNIST workbench is imported only
when such a task is opened, so the first screen never touches the dataset code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.workbenches.base import Workbench


@dataclass(frozen=True)
class Task:
    kind: str
    key: str
    label: str

    @property
    def id(self) -> str:
        """A CSS-safe id for the task's workbench."""
        return f"wb-{self.kind}-{self.key}".replace(".", "-").replace(" ", "-")


GATE_TASKS = (
    Task("gate", "and", "AND"),
    Task("gate", "or", "OR"),
    Task("gate", "nand", "NAND"),
    Task("gate", "xor-1", "XOR 1 layer ✗"),
    Task("gate", "xor-2", "XOR 2 layers"),
)
FIRST_TASK = GATE_TASKS[0]


def mnist_tasks() -> tuple[Task, ...]:
    """One task per MNIST preset; none while ``nncore.presets`` is not importable."""
    try:
        from nncore.presets import MNIST_PRESETS
    except ImportError:
        return ()
    names = (
        list(MNIST_PRESETS)
        if isinstance(MNIST_PRESETS, Mapping)
        else [getattr(preset, "name", str(preset)) for preset in MNIST_PRESETS]
    )
    return tuple(Task("mnist", str(name), str(name)) for name in names)


class WorkbenchUnavailable(RuntimeError):
    """The task's workbench cannot be built; the message says why in one line."""


def create_workbench(task: Task) -> Workbench:
    if task.kind == "gate":
        from tui.workbenches.gate import GateWorkbench

        return GateWorkbench(task.key, task.label, id=task.id)
    if task.kind == "mnist":
        try:
            from tui.workbenches.mnist import MnistWorkbench
        except ImportError as exc:
            raise WorkbenchUnavailable(f"The MNIST workbench is not available ({exc}).") from None
        return MnistWorkbench(task.key, id=task.id)
    raise WorkbenchUnavailable(f"Unknown task kind {task.kind!r}.")
