"""Every page a task opens: the training workbenches, Draw a digit and the concepts.

Each page's module is imported only when its task is opened, so the first frame (the
chooser) needs neither NumPy nor nncore. A new kind of task adds its factory here.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from tui.blas import limit_blas_threads
from tui.i18n import _
from tui.tasks import Task


class PageUnavailable(RuntimeError):
    """The task's page cannot be built; the message says why in one line."""


def _gate(task: Task) -> Widget:
    from tui.workbenches.gate import GateWorkbench

    return GateWorkbench(task.key, task.label, id=task.id)


def _mnist(task: Task) -> Widget:
    from tui.workbenches.mnist import MnistWorkbench

    return MnistWorkbench(task.key, id=task.id)


def _draw(task: Task) -> Widget:
    from tui.pages.draw import DrawPage

    return DrawPage(id=task.id)


def _concept(task: Task) -> Widget:
    from importlib import import_module

    from tui.concepts import CONCEPT_PAGES

    module, name = CONCEPT_PAGES[task.key]
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
        raise PageUnavailable(_("Unknown task kind {kind}.").format(kind=repr(task.kind))) from None
    # Every page computes with NumPy. The app caps BLAS threads here rather than at launch,
    # where loading NumPy and threadpoolctl for it would delay the first frame.
    limit_blas_threads()
    return factory(task)
