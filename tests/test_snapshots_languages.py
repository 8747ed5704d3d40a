"""Snapshots of the main screens in Korean and Japanese, at 120×40 and 80×24: the task
chooser beside AND trained to the end, the MNIST book preset's curves after one epoch
(tiny synthetic MNIST), the Softmax concept page, and help.

Deterministic as the English snapshots are: fixed data and seeds, timings hidden, no
animation, no blinking cursor. The language is chosen before the app is made, as
``nnlab --lang`` does; ``conftest._english`` speaks English again after each test.
"""

from __future__ import annotations

import pytest
from pilot import main_screen_ready, settle, wait_until

from tui.app import NNLabApp
from tui.i18n import use_language
from tui.screens.help import HelpScreen
from tui.tasks import CONCEPT_TASKS, MNIST_TASKS
from tui.widgets.mnist_status import MnistStatus

SIZES = [(120, 40), (80, 24)]


def still(app) -> None:
    app.animation_level = "none"  # the tab underline would otherwise slide mid-snapshot
    for field in app.screen.query("Input"):
        field.cursor_blink = False


async def gate_trained(pilot) -> None:
    await main_screen_ready(pilot)
    still(pilot.app)
    await pilot.press("space")  # AND, the first task, to its last epoch
    await settle(pilot)
    await pilot.pause(0.5)  # past the plots' redraw interval, so the final curve is drawn


async def mnist_after_one_epoch(pilot) -> None:
    app = pilot.app
    await main_screen_ready(pilot)
    still(app)
    await app.screen.open_task(MNIST_TASKS[0])
    await settle(pilot)
    bench = app.screen.workbench
    bench.query_one(MnistStatus).show_timings = False
    still(app)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("1")
    await pilot.pause(1.2)  # past the plots' redraw interval


async def softmax_page(pilot) -> None:
    app = pilot.app
    await main_screen_ready(pilot)
    await app.screen.open_task(next(t for t in CONCEPT_TASKS if t.key == "softmax"))
    await settle(pilot)
    still(app)
    await pilot.pause(0.4)


async def help_screen(pilot) -> None:
    app = pilot.app
    await main_screen_ready(pilot)
    still(app)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
    await settle(pilot)


SCREENS = {
    "gate": gate_trained,
    "mnist": mnist_after_one_epoch,
    "concept": softmax_page,
    "help": help_screen,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lang", ["ko", "ja"])
@pytest.mark.parametrize("screen", SCREENS)
def test_main_screen_in_language(snap_compare, tiny_mnist, monkeypatch, screen, lang, size):
    monkeypatch.setenv("NNLAB_LANG", lang)  # should the app choose its language itself
    use_language(lang)
    assert snap_compare(NNLabApp(), terminal_size=size, run_before=SCREENS[screen])
