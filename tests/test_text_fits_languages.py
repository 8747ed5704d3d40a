"""Every screen in Korean and Japanese, at 80×24 and 120×40, looked at with
``language_checks``: no text cut (``cut_text``, by cells: a wide character an edge divides
is cut too), no line wider than the terminal, no English sentence left, no marked string
shown untranslated, and the gate truth table's and the confusion matrix's columns in line.

The walks are ``screen_walks``', as ``tests/test_text_fits.py`` takes them in English: one
app per family of screens, per language and size. A failure names the screen, then each
problem with the widget that shows it and its text, then the screen as drawn. The checks'
own tests are in ``tests/test_language_checks.py``.
"""

from __future__ import annotations

import re

import pytest
import screen_walks as walk
from language_checks import LANGUAGE_CODES, screens_in, speak
from screen_walks import SIZES

from tui.app import NNLabApp

languages_and_sizes = pytest.mark.parametrize(
    ("lang", "size"),
    [(code, size) for code in LANGUAGE_CODES for size in SIZES],
    ids=lambda value: value if isinstance(value, str) else f"{value[0]}x{value[1]}",
)


async def look_through(lang, size, monkeypatch, walk_screens, *args) -> None:
    """One app in ``lang`` at ``size`` taken through ``walk_screens``; every look must fit."""
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk_screens(pilot, screens, *args)
        screens.assert_all_fit()


def names_epoch_2(entries: str):
    """The go-to-epoch hit: the one palette entry that names epoch 2, in any language."""
    return re.search(r"(?<![\d.])2(?![\d.])", entries)


@languages_and_sizes
async def test_gate_tasks_speak_the_language_and_fit(lang, size, monkeypatch):
    await look_through(lang, size, monkeypatch, walk.gate_tasks)


@languages_and_sizes
async def test_mnist_panes_speak_the_language_and_fit(lang, size, tiny_mnist, monkeypatch):
    await look_through(lang, size, monkeypatch, walk.mnist_panes)


@languages_and_sizes
async def test_mnist_without_data_speaks_the_language_and_fits(lang, size, no_mnist, monkeypatch):
    await look_through(lang, size, monkeypatch, walk.mnist_without_data)


@languages_and_sizes
async def test_draw_page_speaks_the_language_and_fits(lang, size, tiny_mnist, monkeypatch):
    await look_through(lang, size, monkeypatch, walk.draw_page)


@languages_and_sizes
async def test_concept_pages_speak_the_language_and_fit(lang, size, tiny_mnist, monkeypatch):
    await look_through(lang, size, monkeypatch, walk.concept_pages)


@languages_and_sizes
async def test_help_dialogs_and_palette_speak_the_language_and_fit(
    lang, size, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a model")
    await look_through(
        lang, size, monkeypatch, walk.help_dialogs_and_palette, tmp_path, names_epoch_2
    )
