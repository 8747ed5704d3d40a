"""The app's frame in Korean and Japanese, and the palette's language entries: choosing
one speaks it at once (the main screen is built anew, the same task open), remembers it
in the settings file, and the chooser, help and palette fit at 80×24 and 120×40."""

from __future__ import annotations

import asyncio

import pytest
from cut_text import cuts_on, screen_lines
from pilot import TIMEOUT, main_screen_ready, settle, wait_until
from rich.cells import cell_len
from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets._footer import FooterLabel

import tui.i18n as i18n
from tui.app import TEXTUAL_COMMANDS, NNLabApp
from tui.config_file import config_path, read_settings
from tui.screens.help import HelpScreen
from tui.tasks import GATE_TASKS, SECTIONS
from tui.widgets.task_chooser import TaskChooser
from tui.widgets.too_small import TooSmall

XOR_2 = GATE_TASKS[4]
SIZES = [(80, 24), (120, 40)]


async def launched(pilot) -> None:
    await main_screen_ready(pilot)
    await pilot.app.screen.wait_for_first_task()
    await settle(pilot)


def entries(app) -> str:
    """The command palette's entries as listed (title, then help), or "" while it is shut."""
    if not isinstance(app.screen, CommandPalette):
        return ""
    found = app.screen.query_one(CommandList)
    return "\n".join(str(found.get_option_at_index(i).prompt) for i in range(found.option_count))


def cuts(app, name: str) -> list[str]:
    """What ``cut_text`` finds cut on the screen shown, with a picture of it."""
    found = cuts_on(app.screen)
    picture = "\n".join(f"    |{line}" for line in screen_lines(app.screen))
    return [f"{name}:\n" + "\n".join(f"  {cut}" for cut in found) + "\n" + picture] if found else []


def footer_labels(app) -> list[str]:
    """The footer's words: each key's label, and a key group's ("←→ View")."""
    return [
        str(item.content) if isinstance(item, FooterLabel) else item.description
        for item in app.screen.query("FooterKey, FooterLabel")
        if isinstance(item, FooterLabel) or item.description
    ]


def screen_workers_done(app) -> bool:
    """No worker of a page left unfinished (a training thread left running)."""
    return all(worker.is_finished for worker in app.workers)


def chooser_lines(app) -> list[str]:
    chooser = app.screen.query_one(TaskChooser)
    return [str(chooser.get_option_at_index(i).prompt) for i in range(chooser.option_count)]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app.screen))


async def pick_in_palette(pilot, query: str, title: str) -> None:
    """Open the palette, type ``query`` and run the entry titled ``title`` once it is first."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
    await pilot.press(*query)
    await wait_until(pilot, lambda: entries(app).startswith(title), what=f"{title!r} first")
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette), what="closed")


async def rebuilt(pilot, heading: str) -> None:
    """Wait for the main screen built anew: its chooser's first heading is ``heading`` and
    its first task's page is up."""
    app = pilot.app
    await wait_until(
        pilot,
        lambda: app.screen.query(TaskChooser) and chooser_lines(app)[0] == heading,
        what=f"the chooser headed {heading!r}",
    )
    await asyncio.wait_for(app.screen.wait_for_first_task(), TIMEOUT)
    await wait_until(pilot, lambda: app.screen.workbench is not None, what="the workbench")
    await settle(pilot)


async def test_switching_to_korean_speaks_it_everywhere_and_back_to_english():
    config = config_path()
    app = NNLabApp(config)
    async with app.run_test(size=(120, 40)) as pilot:
        await launched(pilot)
        await app.screen.open_task(XOR_2)
        await pilot.press("minus")  # a pace of 300 epochs a second, to be kept
        await settle(pilot)
        old = app.screen.workbench
        await pilot.press("n", "n")
        await settle(pilot)

        await pick_in_palette(pilot, "한국어", "Language: 한국어")
        await rebuilt(pilot, "논리 회로")
        assert not old.is_attached  # the old page went
        assert screen_workers_done(app)
        screen = app.screen
        assert screen.workbench is not old and screen.workbench.id == XOR_2.id
        chooser = screen.query_one(TaskChooser)
        assert chooser.get_option_at_index(chooser.highlighted).id == XOR_2.id
        assert screen.pace == 300 and screen.workbench.runner.pace == 300
        assert footer_labels(app) == [
            "실행", "에폭", "배치", "초기화", "보기", "저장", "열기", "도움말", "종료", "팔레트",
        ]  # fmt: skip
        assert chooser_lines(app)[:7] == [
            "논리 회로", "  AND", "  OR", "  NAND", "  XOR 1층 ✗", "  XOR 2층", "그리기",
        ]  # fmt: skip
        assert "  경사 하강법" in chooser_lines(app)
        settings, problems = read_settings(config, app.available_themes)
        assert problems == [] and settings.language == "ko" and settings.task == "gate/xor-2"
        assert 'language = "ko"' in config.read_text(encoding="utf-8")

        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await settle(pilot)
        shown = screen_text(app)
        assert "nnlab 키" in shown and "학습 실행 / 일시 정지" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen))

        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: entries(app), what="the palette's entries")
        assert app.screen.query_one(CommandInput).placeholder == "명령 검색…"
        await pilot.press(*"1 에폭")
        await wait_until(pilot, lambda: "1 에폭 학습한다 (n)" in entries(app), what="One epoch")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))

        await pick_in_palette(pilot, "english", "언어: English")
        await rebuilt(pilot, "Logic gates")
        assert footer_labels(app)[:4] == ["Run", "Epoch", "Batch", "Reset"]
        assert chooser_lines(app)[5] == "  XOR 2 layers"
        assert app.screen.workbench.id == XOR_2.id
        assert read_settings(config, app.available_themes)[0].language == "en"


async def test_the_palette_offers_every_other_language_named_in_itself():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)):
        await app.screen.wait_for_first_task()
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert "Language: English" not in helps
        assert helps["Language: 日本語"] == (
            "Speak this language from now on: pages are rebuilt, their runs start over"
        )
        i18n.use_language("ja")
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert {"言語: English", "言語: 한국어"} <= helps.keys()
        assert "言語: 日本語" not in helps
        assert helps["言語: 한국어"].startswith("これからこの言語で表示する")
        # Textual's own entries, and the training keys.
        assert {
            "テーマ",
            "終了",
            "スクリーンショット",
            "1 エポック",
            "実行 / 一時停止",
        } <= helps.keys()
        assert helps["1 エポック"] == "1 エポック学習する (n)"


async def test_textual_s_own_entries_are_all_in_the_catalogs():
    """A Textual release that adds or rewords a system command fails here, not silently."""
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.wait_for_first_task()
        said = set()
        for _step in range(2):  # the Keys panel hidden, then shown
            for command in App.get_system_commands(app, app.screen):
                said |= {command.title, command.help}
            app.action_show_help_panel()
            await pilot.pause()
        assert "Maximize" in said  # the task list has the focus
        assert said <= TEXTUAL_COMMANDS


@pytest.mark.parametrize("code", ["ko", "ja"])
def test_task_labels_and_headings_fit_the_narrow_chooser(code):
    i18n.use_language(code)
    for heading, tasks in SECTIONS:
        assert cell_len(i18n._(heading)) <= 16, heading
        for task in tasks:
            label = i18n._(task.label)
            assert cell_len(label) <= 14, (task.label, label)
    assert i18n._("Logic gates") != "Logic gates" and i18n._("Grad. descent") != "Grad. descent"


async def test_the_too_small_notice_speaks_the_language():
    i18n.use_language("ja")
    app = NNLabApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        notice = str(app.screen.query_one(TooSmall).render())
        assert notice == "端末を 80×24 以上に広げる必要がある (いまは 60×20)"


async def test_a_korean_palette_goes_to_the_epoch_typed_in_korean():
    i18n.use_language("ko")
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await launched(pilot)
        await pilot.press("n", "n", "n")
        await settle(pilot)
        await pick_in_palette(pilot, "에폭 1", "에폭 1 보기")
        await wait_until(
            pilot, lambda: app.screen.workbench.runner.shown_epoch == 1, what="epoch 1"
        )


@pytest.mark.parametrize("code", ["ko", "ja"])
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_chooser_help_and_palette_show_all_their_text(code, size):
    i18n.use_language(code)
    heading, help_title, placeholder = {
        "ko": ("논리 회로", "nnlab 키", "명령 검색…"),
        "ja": ("論理回路", "nnlab のキー", "コマンドを検索…"),
    }[code]
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        assert chooser_lines(app)[0] == heading
        found = cuts(app, "the footer")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await settle(pilot)
        assert help_title in screen_text(app)
        found += cuts(app, "help")
        await pilot.press("escape")
        await pilot.press("n", "n", "n")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: entries(app), what="the palette's entries")
        assert app.screen.query_one(CommandInput).placeholder == placeholder
        found += cuts(app, "the command palette")
        await pilot.press(*i18n._("epoch"), " ", "2")
        title = i18n._("Go to epoch {epoch}").format(epoch=2)
        await wait_until(pilot, lambda: title in entries(app), what="the epoch entry")
        found += cuts(app, "the palette's go-to-epoch entry")
        assert not found, "\n\n".join(found)


@pytest.mark.parametrize(
    ("code", "line"), [("ko", "일치하는 항목 없음"), ("ja", "一致する項目はありません")]
)
async def test_a_search_that_finds_nothing_says_so_in_the_language(code, line):
    i18n.use_language(code)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await launched(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
        await pilot.press(*"zzqx")
        await wait_until(pilot, lambda: line in screen_text(app), what=repr(line))
        assert "No matches" not in screen_text(app)
