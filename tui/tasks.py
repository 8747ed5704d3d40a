"""The task registry: which tasks exist and which workbench each one opens.

MNIST tasks are the presets of ``nncore.presets.MNIST_PRESETS``; each page's module is
imported only when its task is opened, so the first frame (the chooser) needs neither
NumPy nor nncore. To add a section, extend ``sections()`` and ``PAGE_FACTORIES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.widget import Widget

from tui.blas import limit_blas_threads


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
DRAW_TASKS = (Task("draw", "digit", "Draw a digit"),)
MNIST_PRESET_NAMES = ("book", "book-3layer", "best")
"""The keys of ``nncore.presets.MNIST_PRESETS``, in its order (a test keeps them equal),
spelled out because importing the presets loads NumPy (~0.15 s), which the first frame
does without."""


def mnist_tasks() -> tuple[Task, ...]:
    """One task per MNIST preset, in the presets' display order."""
    return tuple(Task("mnist", name, name) for name in MNIST_PRESET_NAMES)


def concept_tasks() -> tuple[Task, ...]:
    """One task per page of ``tui.concepts.CONCEPT_PAGES``, in its order."""
    from tui.concepts import CONCEPT_PAGES

    return tuple(Task("concept", key, label) for key, (label, *_) in CONCEPT_PAGES.items())


def sections() -> list[tuple[str, tuple[Task, ...]]]:
    """The chooser's headings and their tasks, top to bottom."""
    return [
        ("Logic gates", GATE_TASKS),
        ("Draw", DRAW_TASKS),
        ("MNIST digits", mnist_tasks()),
        ("Concepts", concept_tasks()),
    ]


class WorkbenchUnavailable(RuntimeError):
    """The task's page cannot be built; the message says why in one line."""


def _gate(task: Task) -> Widget:
    from tui.workbenches.gate import GateWorkbench

    return GateWorkbench(task.key, task.label, id=task.id)


def _mnist(task: Task) -> Widget:
    from tui.workbenches.mnist import MnistWorkbench

    return MnistWorkbench(task.key, id=task.id)


def _draw(task: Task) -> Widget:
    from tui.workbenches.draw import DrawPage

    return DrawPage(id=task.id)


def _concept(task: Task) -> Widget:
    from importlib import import_module

    from tui.concepts import CONCEPT_PAGES

    _, module, name = CONCEPT_PAGES[task.key]
    return getattr(import_module(module), name)(id=task.id)


#: Task kind -> the page it opens. A page that is a ``Workbench`` gets the training keys
#: (space, n, b, r, ←/→, s, o); any other widget brings its own bindings.
PAGE_FACTORIES: dict[str, Callable[[Task], Widget]] = {
    "gate": _gate,
    "mnist": _mnist,
    "draw": _draw,
    "concept": _concept,
}


def create_page(task: Task) -> Widget:
    try:
        factory = PAGE_FACTORIES[task.kind]
    except KeyError:
        raise WorkbenchUnavailable(f"Unknown task kind {task.kind!r}.") from None
    # Every page computes with NumPy. The app caps BLAS threads here rather than at launch,
    # where loading NumPy and threadpoolctl for it would delay the first frame.
    limit_blas_threads()
    return factory(task)
