"""Shell keys: help, save/open round trip, quit (also during training), palette."""

from __future__ import annotations

import pytest
from pilot import eventually, settle, wait_until

from nncore.io import load_model
from tui.app import NNLabApp
from tui.dialogs.model_file import ModelFileScreen
from tui.screens.help import HelpScreen


async def type_path(pilot, app, path) -> None:
    field = app.screen.query_one("#file-path")
    field.value = str(path)
    await pilot.press("enter")
    await pilot.pause()


async def test_help_opens_and_closes():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    "owner",
    ["tui.screens.main:MainScreen", "tui.app:NNLabApp", "tui.workbenches.mnist:MnistWorkbench",
     "tui.widgets.digit_gallery:DigitGallery", "tui.pages.draw:DrawPage",
     "tui.widgets.drawing_pad:DrawingPad", "tui.concepts.forward:ForwardPage",
     "tui.concepts.descent:DescentPage"],
)  # fmt: skip
def test_help_names_every_key_in_the_footers_of_workbenches_and_the_pad(owner):
    import importlib

    from tui.screens.help import help_text

    module, name = owner.split(":")
    bindings = getattr(importlib.import_module(module), name).BINDINGS
    for binding in bindings:
        if binding.show:
            key = binding.key_display or binding.key.split(",")[0]
            assert f"`{key}`" in help_text(), (name, binding.action)


async def test_save_and_open_round_trip(tmp_path):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press("n")
            await settle(pilot)
        saved = app.screen.workbench.runner.network_at(3).params["W1"].copy()
        await pilot.press("s")
        assert isinstance(app.screen, ModelFileScreen)
        await type_path(pilot, app, tmp_path / "and.npz")
        assert not isinstance(app.screen, ModelFileScreen)
        network, _ = load_model(tmp_path / "and.npz")
        assert (network.params["W1"] == saved).all()

        await pilot.press("r")
        await pilot.press("o")
        await type_path(pilot, app, tmp_path / "and.npz")
        runner = app.screen.workbench.runner
        assert (runner.network_at(0).params["W1"] == saved).all()
        assert "Opened" in str(app.screen.query_one("#wb-line").render())


async def test_open_errors_stay_inline(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_text("not a model")
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await type_path(pilot, app, tmp_path / "missing.npz")
        assert "no such file" in str(app.screen.query_one("#file-error").render())
        await type_path(pilot, app, bad)
        assert isinstance(app.screen, ModelFileScreen)
        assert "not a readable" in str(app.screen.query_one("#file-error").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ModelFileScreen)


async def test_q_quits():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_during_training_is_prompt():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        runner = app.screen.workbench.runner
        runner.epochs = 10_000_000  # minutes of training, were quitting to wait for it
        await pilot.press("space")
        await wait_until(pilot, lambda: runner.trainer.epoch > 0)
        assert runner.running
        await pilot.press("q")
    # Quitting cancelled the worker, which stops at its next step: no clock involved.
    assert eventually(lambda: not runner.running)
    assert runner.trainer.epoch < runner.epochs
    assert app.return_code == 0


async def test_palette_lists_the_training_actions():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {
        "Run / pause",
        "One epoch",
        "One mini-batch",
        "Reset",
        "Save model",
        "Open model",
    } <= titles


async def test_every_command_is_in_the_footer_the_palette_and_the_help():
    from textual.widgets._footer import FooterKey

    from tui.commands import APP_COMMANDS, SCREEN_COMMANDS
    from tui.screens.help import help_text

    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        for keys in ("n", "n", ("left", "n")):  # the last resumes: an undo on offer
            await pilot.press(*keys)
            await settle(pilot)
        await pilot.press("left")  # viewing epoch 1: every training key applies
        await pilot.press("tab")  # off the task list, whose home/end would hide the jumps
        await pilot.pause()
        footer = {key.action for key in app.screen.query(FooterKey)}
        bindings = {b.binding.action: b.binding for b in app.screen.active_bindings.values()}
        palette = {c.title: c.help for c in app.get_system_commands(app.screen)}
    for command in (*SCREEN_COMMANDS, *APP_COMMANDS):
        assert (command.action in footer) == command.show, command.action
        assert bindings[command.action].description == command.footer
        assert command.title in palette, command.title
        assert f"| `{command.shown_key}` | {command.detail} |" in help_text()
    for command in SCREEN_COMMANDS:
        assert palette[command.title] == f"{command.summary} ({command.shown_key})"
