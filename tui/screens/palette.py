"""Palette entries that open things: every task of the chooser and every pane of the open
workbench, built from ``tui.tasks.SECTIONS`` and the workbench's own tabs, so a task or
pane added there is in the palette too; and the open concept page's own keys, from its
BINDINGS. The actions' entries come from ``tui.commands``. All in the language in use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, TabbedContent

from tui.concepts.base import ConceptPage
from tui.i18n import LANGUAGES, N_, _, language
from tui.tasks import SECTIONS

LANGUAGE_HELP = N_("Speak this language from now on: pages are rebuilt, their runs start over")


def language_commands(screen: Screen, choose: Callable[[str], object]) -> Iterable[SystemCommand]:
    """``Language: 한국어`` …: one entry for each language but the one in use, named in
    itself, calling ``choose(code)``; on the main screen only (which they rebuild)."""
    if getattr(screen, "open_task", None) is None:
        return
    for code, name in LANGUAGES.items():
        if code != language():
            yield SystemCommand(
                _("Language: {name}").format(name=name), _(LANGUAGE_HELP), partial(choose, code)
            )


def open_commands(screen: Screen) -> Iterable[SystemCommand]:
    """``Section: task`` entries opening each task, then ``Pane: name`` ones for the open
    workbench's panes; none on a screen that opens no tasks (help, dialogs)."""
    open_task = getattr(screen, "open_task", None)
    if open_task is None:
        return
    for section, tasks in SECTIONS:
        for task in tasks:
            label = _(task.label)
            yield SystemCommand(
                _("{section}: {task}").format(section=_(section), task=label),
                _("Open {task}").format(task=label),
                partial(open_task, task),
            )
    yield from page_commands(screen)
    workbench = screen.workbench
    if workbench is None:
        return
    tabs = workbench.query_one(TabbedContent)
    for index, pane_id in enumerate(workbench.PANES):
        # The tab label leads with the pane's key ("3 Confusion").
        key, _space, name = str(tabs.get_tab(pane_id).label).partition(" ")
        yield SystemCommand(
            _("Pane: {name}").format(name=name),
            _("Show the {name} pane ({key})").format(name=name, key=key),
            partial(screen.action_pane, index),
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
            name = _(binding.description)
            yield SystemCommand(
                _("Page: {name}").format(name=name),
                f"{_(binding.tooltip) if binding.tooltip else name} ({key})",
                partial(page.run_action, binding.action),
            )
