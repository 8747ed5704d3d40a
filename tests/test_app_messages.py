"""Messages a new user reads: human field names, a first hint, no markup in --help."""

from __future__ import annotations

import pytest
from pilot import set_learning_rate

from tui.app import NNLabApp
from tui.cli.main import main


def line(app) -> str:
    return str(app.screen.workbench.query_one("#wb-line").render())


async def test_form_messages_name_fields_as_the_form_labels_them():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        await set_learning_rate(pilot, "0.5")
        await pilot.pause()
        assert line(app) == "Learn rate applies from the next step."
        seed = app.screen.workbench.query_one("#hp-seed")
        seed.focus()
        seed.value = ""
        await pilot.press(*"7", "enter")
        await pilot.pause()
        assert line(app) == "Seed will apply on reset (r)."


def test_help_shows_no_rst_markup(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "``" not in out
    assert "Open the nnlab app (no arguments), or run a subcommand headless." in out


async def test_first_gate_screen_says_what_to_press():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        await pilot.pause()
        assert line(app) == "space: run / pause · n: one epoch · ?: help"


async def test_open_dialog_starts_without_an_error_nobody_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the suggested file does not exist here
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        await pilot.press("o")
        await pilot.pause()
        error = app.screen.query_one("#file-error")
        assert str(error.render()) == ""
        await pilot.press("enter")
        await pilot.pause()
        assert "no such file" in str(error.render())
        await pilot.press("x")
        await pilot.pause()
        assert "no such file" in str(error.render())
