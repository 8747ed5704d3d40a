"""Palette entries that open things: every task of the chooser and every pane of the open
workbench, built from ``tui.tasks.SECTIONS`` and the workbench's own tabs, so a task or
pane added there is in the palette too. The actions' entries come from ``tui.commands``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen
from textual.widgets import TabbedContent

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
