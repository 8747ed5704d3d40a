"""The command palette opens every task, concept page and pane, as well as every action."""

from __future__ import annotations

import pytest
from pilot import settle, wait_until
from textual.command import CommandList, CommandPalette
from textual.widgets import TabbedContent

from tui.app import NNLabApp
from tui.tasks import SECTIONS


def top_entry(app) -> str:
    results = app.screen.query_one(CommandList)
    return str(results.get_option_at_index(0).prompt) if results.option_count else ""


async def palette_pick(pilot, query: str, expected: str) -> None:
    """Type ``query`` into the palette and run its top entry, once that is ``expected``."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
    await pilot.press(*query)
    await wait_until(pilot, lambda: expected in top_entry(app), what=f"{expected!r} on top")
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), what="closed")


def open_page(app) -> str:
    return app.screen.query_one("ContentSwitcher").current


@pytest.mark.parametrize(
    ("query", "expected", "page"),
    [
        ("xor", "Logic gates: XOR", "wb-gate-xor-"),
        ("softmax", "Concepts: Softmax", "wb-concept-softmax"),
        ("draw", "Draw: Draw a digit", "wb-draw-digit"),
    ],
)
async def test_palette_opens_tasks_and_concept_pages(query, expected, page):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        await palette_pick(pilot, query, expected)
        await wait_until(pilot, lambda: open_page(app).startswith(page), what=page)


async def test_palette_opens_mnist_best_and_its_panes(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        await palette_pick(pilot, "mnist best", "MNIST digits: best")
        await wait_until(pilot, lambda: open_page(app) == "wb-mnist-best", what="mnist best")
        await wait_until(pilot, lambda: app.screen.workbench is not None, what="workbench")
        tabs = app.screen.workbench.query_one(TabbedContent)
        await palette_pick(pilot, "confusion", "Pane: Confusion")
        await wait_until(pilot, lambda: tabs.active == "tab-confusion", what="confusion pane")
        await palette_pick(pilot, "settings", "Pane: Settings")
        await wait_until(pilot, lambda: tabs.active == "tab-settings", what="settings pane")
        await settle(pilot)


async def test_every_task_and_action_is_an_entry():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)):
        await app.screen.wait_for_first_task()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for section, tasks in SECTIONS:
            assert {f"{section}: {task.label}" for task in tasks} <= titles
        assert {"Pane: Train", "Pane: Map", "Pane: Log", "Pane: Settings"} <= titles
        assert {"One epoch", "Run / pause", "Help"} <= titles
