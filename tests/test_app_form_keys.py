"""Forms never trap the keyboard: esc leaves a field, space is left to the screen, the
focused widget stands out, and home/end in the task list land on tasks."""

from __future__ import annotations

from pilot import settle
from textual.widgets import Input, Select

from tui.app import NNLabApp
from tui.tasks import SECTIONS
from tui.widgets.task_chooser import TaskChooser


async def open_settings(pilot):
    await pilot.press("home", "enter")
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    return pilot.app.screen.workbench


async def test_escape_leaves_the_field_then_the_pane():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_settings(pilot)
        lr = bench.query_one("#hp-lr", Input)
        lr.focus()
        await pilot.pause()
        assert "esc" in str(app.screen.active_bindings.get("escape", ("", "", ""))[1].key)
        await pilot.press("escape")
        assert app.focused is bench
        await pilot.press("escape")
        assert isinstance(app.focused, TaskChooser)
        # Out of the field the training keys work again.
        await pilot.press("n")
        await settle(pilot)
        assert bench.runner.trainer.epoch == 1


async def test_a_closed_select_leaves_space_to_run():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_settings(pilot)
        grad = bench.query_one("#hp-grad", Select)
        grad.focus()
        await pilot.pause()
        await pilot.press("space")
        assert not grad.expanded
        await settle(pilot)
        assert bench.runner.trainer.epoch == bench.runner.epochs
        await pilot.press("enter")  # enter still opens the menu
        await pilot.pause()
        assert grad.expanded


async def test_the_focused_field_has_another_background():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_settings(pilot)
        lr, epochs = bench.query_one("#hp-lr", Input), bench.query_one("#hp-epochs", Input)
        lr.focus()
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            focused, other = lr.styles.background, epochs.styles.background
            # Far more than the few RGB levels of Textual's own focus tint.
            distance = sum(abs(a - b) for a, b in zip(focused.rgb, other.rgb, strict=True))
            assert distance > 100, (theme, focused, other)


async def test_home_and_end_land_on_the_first_and_last_task():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        chooser = app.screen.query_one(TaskChooser)
        chooser.focus()
        await pilot.press("end")
        assert chooser.get_option_at_index(chooser.highlighted).id == SECTIONS[-1][1][-1].id
        await pilot.press("home")
        assert chooser.get_option_at_index(chooser.highlighted).id == SECTIONS[0][1][0].id
