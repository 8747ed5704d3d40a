"""The launch: the first frame (the task chooser) loads neither NumPy nor the plots, the
first workbench follows it, and BLAS threads are still capped before any page computes."""

from __future__ import annotations

import asyncio

import pytest
from fresh_interpreter import modules_loaded_by
from pilot import TIMEOUT, wait_until

import tui
import tui.cli.main as cli_main
import tui.pages as pages
import tui.screens.main as main_screen
from tui.app import NNLabApp
from tui.cli.main import main
from tui.pages import create_page
from tui.tasks import FIRST_TASK, GATE_TASKS, MNIST_PRESET_NAMES

LATER = ["numpy", "nncore", "plotext", "textual_plotext", "threadpoolctl", "importlib.metadata"]


def test_the_first_screen_loads_neither_numpy_nor_plots():
    loaded = modules_loaded_by(
        "import tui.cli.main, tui.app, tui.screens.main\n"
        "from tui.widgets.task_chooser import TaskChooser\n"
        "TaskChooser()\n"
        "tui.cli.main.build_parser().parse_args([])"
    )
    assert [m for m in LATER if m in loaded] == []


def test_the_chooser_lists_every_mnist_preset_in_order():
    from nncore.presets import MNIST_PRESETS

    assert tuple(MNIST_PRESETS) == MNIST_PRESET_NAMES


def test_blas_threads_are_capped_before_a_page_is_built(monkeypatch):
    calls = []
    monkeypatch.setattr(pages, "limit_blas_threads", lambda: calls.append("limit"))
    monkeypatch.setitem(pages.PAGE_FACTORIES, "gate", lambda task: calls.append(f"page {task.key}"))
    create_page(FIRST_TASK)
    assert calls == ["limit", "page and"]


def test_subcommands_cap_blas_threads_and_the_app_leaves_it_to_its_pages(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(cli_main, "limit_blas_threads", lambda: calls.append("limit"))
    monkeypatch.setattr("tui.app.run_app", lambda config, notice: calls.append("app") or 0)
    assert main([]) == 0
    assert calls == ["app"]
    assert main(["data", "info", "--data-dir", str(tmp_path)]) == 0
    assert calls == ["app", "limit"]


def test_version_is_read_only_when_asked(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"nnlab {tui.__version__}\n"


async def test_a_key_pressed_during_the_launch_acts_on_the_first_workbench():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.screen.workbench.title == "AND"
        while app.screen.workbench.runner.running:
            await pilot.pause(0.02)
        assert app.screen.workbench.runner.trainer.epoch == 1


async def test_a_task_chosen_during_the_launch_stays_open():
    xor = GATE_TASKS[4]
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(xor)
        await app.screen.wait_for_first_task()
        await pilot.pause()
        shown = [page.id for page in app.screen.query_one("#workbenches").children if page.display]
        assert shown == [xor.id]
        assert app.screen.workbench.title == xor.label


async def test_closing_during_the_launch_is_clean():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)):
        pass  # closes at once, before or while the first workbench is built
    # run_test re-raises any error the app hit while closing.


async def press_q(pilot) -> None:
    await pilot.press("q")


async def call_exit(pilot) -> None:
    pilot.app.exit()


@pytest.mark.parametrize("leave", [press_q, call_exit])
async def test_leaving_at_once_is_clean(leave):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await leave(pilot)
        # The exit itself, not run_test's closing, ends the app.
        await wait_until(pilot, lambda: app.return_code is not None, what="the exit")
    assert app.return_code == 0  # run_test re-raises any error the app hit


@pytest.mark.parametrize("leave", [press_q, call_exit])
async def test_leaving_while_the_first_task_is_built_is_clean(leave, monkeypatch):
    """Asked to leave as the first workbench mounts, the app lets it finish: closing its
    widgets mid-compose would fail their on_mount (``NoMatches``)."""
    built = asyncio.Event()

    def create_and_tell(task):
        page = create_page(task)
        built.set()  # its mounting follows at once, in the screen's task
        return page

    monkeypatch.setattr(main_screen, "create_page", create_and_tell)
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.wait_for(built.wait(), TIMEOUT)
        await leave(pilot)
        await wait_until(pilot, lambda: app.return_code is not None, what="the exit")
    assert app.return_code == 0
