"""The keys panel (palette: Keys) speaks the language in use: nnlab's keys and Textual's
own, in the task list and in a form's field; a Textual release that adds a key fails here."""

from __future__ import annotations

import pytest
from pilot import main_screen_ready, settle, wait_until
from rich.text import Text
from textual.widgets import Input

import tui.i18n as i18n
from tui.app import NNLabApp
from tui.widgets.keys_panel import TranslatedBindingsTable, translate_cell


def panel_words(app) -> list[str]:
    """The keys panel's descriptions, tooltips and group titles, as it shows them."""
    table = app.screen.query_one(TranslatedBindingsTable).render_bindings_table()
    return [cell.plain for cell in table.columns[-1].cells if cell.plain]


def untranslated(app) -> list[str]:
    """The words of the screen's keys that the catalog does not say in the language in use."""
    said = []
    for binding in (active.binding for active in app.screen.active_bindings.values()):
        said += [words for words in (binding.description, binding.tooltip) if words]
    return sorted({words for words in said if i18n._(words) == words})


async def open_keys_panel(pilot) -> None:
    pilot.app.action_show_help_panel()
    await wait_until(
        pilot, lambda: pilot.app.screen.query(TranslatedBindingsTable), what="the keys panel"
    )
    await settle(pilot)


async def test_the_keys_panel_in_korean_names_nnlab_s_keys_and_textual_s_in_korean():
    i18n.use_language("ko")
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen_ready(pilot)
        await app.screen.wait_for_first_task()
        await open_keys_panel(pilot)
        words = panel_words(app)
        assert {"실행", "에폭", "패널 1", "다음으로 포커스", "아래로"} <= set(words)
        assert "종료 앱을 끝내고 명령 프롬프트로 돌아간다." in words
        assert not untranslated(app)

        await pilot.press("home", "enter", "4")
        await settle(pilot)
        app.screen.workbench.query_one("#hp-lr", Input).focus()
        await wait_until(
            pilot, lambda: "커서를 왼쪽으로" in panel_words(app), what="a field's keys"
        )
        assert "클립보드에서 붙여넣기" in panel_words(app)
        assert not untranslated(app)


@pytest.mark.parametrize("code", ["ko", "ja"])
async def test_every_key_of_a_field_and_the_task_list_is_in_the_catalog(code):
    i18n.use_language(code)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen_ready(pilot)
        await app.screen.wait_for_first_task()
        assert not untranslated(app)
        await pilot.press("home", "enter", "4")
        await settle(pilot)
        app.screen.workbench.query_one("#hp-lr", Input).focus()
        await settle(pilot)
        assert "Paste text from the clipboard" in {
            active.binding.description for active in app.screen.active_bindings.values()
        }
        assert not untranslated(app)


def test_a_cell_keeps_its_styles_around_the_translated_words():
    i18n.use_language("ja")
    cell = Text("Quit", style="bold")
    cell.append(" ")
    cell.append("Quit the app and return to the command prompt.", "dim")
    translate_cell(cell)
    assert cell.plain == "終了 アプリを終了してコマンドプロンプトに戻る。"
    assert cell.style == "bold"
    assert [(s.start, s.end, s.style) for s in cell.spans] == [(3, len(cell.plain), "dim")]

    title = Text("Focus Next")
    title.stylize("underline")
    translate_cell(title)
    assert title.plain == "次へフォーカス"
    assert [(s.start, s.end, s.style) for s in title.spans] == [(0, 7, "underline")]
