"""Palette entries that open things: every task of the chooser and every pane of the open
workbench, built from ``tui.tasks.SECTIONS`` and the workbench's own tabs, so a task or
pane added there is in the palette too; and the open concept page's own keys, from its
BINDINGS. The actions' entries come from ``tui.commands``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, TabbedContent

from tui.concepts.base import ConceptPage
from tui.tasks import SECTIONS


def open_commands(screen: Screen) -> Iterable[SystemCommand]:
    """``Section: task`` entries opening each task, then ``Pane: name`` ones for the open
    workbench's panes; none on a screen that opens no tasks (help, dialogs)."""
    open_task = getattr(screen, "open_task", None)
    if open_task is None:
        return
    for section, tasks in SECTIONS:
        for task in tasks:
            yield SystemCommand(
                f"{section}: {task.label}", f"Open {task.label}", partial(open_task, task)
            )
    yield from page_commands(screen)
    workbench = screen.workbench
    if workbench is None:
        return
    tabs = workbench.query_one(TabbedContent)
    for index, pane_id in enumerate(workbench.PANES):
        # The tab label leads with the pane's key ("3 Confusion").
        key, _, name = str(tabs.get_tab(pane_id).label).partition(" ")
        yield SystemCommand(
            f"Pane: {name}", f"Show the {name} pane ({key})", partial(screen.action_pane, index)
        )


def page_commands(screen: Screen) -> Iterable[SystemCommand]:
    """``Page: label`` entries for each footer key of the open concept page, described
    by the binding's tooltip (or its label) and its key."""
    switcher = screen.query_one(ContentSwitcher)
    page = switcher.get_child_by_id(switcher.current) if switcher.current else None
    if not isinstance(page, ConceptPage):
        return
    for binding in page.BINDINGS:
        if isinstance(binding, Binding) and binding.show and not binding.action.startswith("app."):
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"Page: {binding.description}",
                f"{binding.tooltip or binding.description} ({key})",
                partial(page.run_action, binding.action),
            )
