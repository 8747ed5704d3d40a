"""Every screen in Korean and Japanese, at 80×24 and 120×40: no text cut (``cut_text``,
by cells: a wide character an edge divides is cut too), no line wider than the terminal,
no English sentence left (``english_left``; names and code allowed), no marked string
shown untranslated, and the gate truth table's and the confusion matrix's columns in line.

The walks are ``screen_walks``', as ``tests/test_text_fits.py`` takes them in English: one
app per family of screens, per language and size. A failure names the screen, then each
problem with the widget that shows it and its text, then the screen as drawn.

The first tests prove the checks find what they should on real lines and widgets.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pytest
import screen_walks as walk
from cut_text import cuts_on, meant_text, own_lines, path_of, screen_lines
from english_left import english_left, english_runs
from pilot import OneWidgetApp
from rich.cells import cell_len
from screen_walks import SIZES, Screens, cut_problems
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, RichLog, Static
from textual.widgets._footer import FooterKey

from tui.app import NNLabApp
from tui.i18n import language, use_language
from tui.i18n.catalogs import read_po
from tui.render.cells import rjust
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.truth_table import TruthTable

LANGUAGE_CODES = ("ko", "ja")
languages_and_sizes = pytest.mark.parametrize(
    ("lang", "size"),
    [(code, size) for code in LANGUAGE_CODES for size in SIZES],
    ids=lambda value: value if isinstance(value, str) else f"{value[0]}x{value[1]}",
)


# --- what a look checks ---


def shown_lines(widget: Widget) -> list[str]:
    """The text ``widget`` shows, one string a line: what it was given when it renders
    plain text (all of it, also what is scrolled away), else its own rows as drawn."""
    if isinstance(widget, Input):
        return [widget.placeholder] if not widget.value else []
    if isinstance(widget, OptionList):
        return [str(getattr(o.prompt, "plain", o.prompt)) for o in widget.options]
    if isinstance(widget, RichLog):
        return [strip.text for strip in widget.lines]
    if isinstance(widget, FooterKey):
        return [widget.description]
    meant = meant_text(widget)
    if meant is not None:
        return meant.splitlines()
    kind = type(widget)
    if kind.render is Widget.render and kind.render_line is Widget.render_line:
        return []  # a container: its children show its text
    return own_lines(widget)


@cache
def translated_msgids(code: str) -> frozenset[str]:
    """The catalog's msgids that ``code`` says in other words (a name kept as it is is no
    sign of a missed ``_()``), without placeholders, so they can be shown as they are."""
    return frozenset(
        entry.msgid
        for entry in read_po(code)
        if entry.msgstr and entry.msgstr != entry.msgid and "{" not in entry.msgid
    )


def english_problems(screen: Screen) -> list[str]:
    """English runs, and lines that are a msgid of the catalog left in English (a label
    marked ``N_`` and shown without ``_()``), with the widget that shows them."""
    untranslated = translated_msgids(language()) if language() in LANGUAGE_CODES else set()
    problems = []
    for widget in screen._compositor.full_map:
        lines = shown_lines(widget)
        for line, run in english_left(lines):
            problems.append(f"{path_of(widget)}: English left {run!r} in {line.strip()!r}")
        for line in lines:
            if line.strip() in untranslated:
                problems.append(f"{path_of(widget)}: shown untranslated {line.strip()!r}")
    return problems


def too_wide(screen: Screen) -> list[str]:
    width = screen.size.width
    return [
        f"screen row {y}: {cell_len(line)} cells in a terminal of {width}: {line!r}"
        for y, line in enumerate(screen_lines(screen))
        if cell_len(line) > width
    ]


def token_spans(row: str) -> list[tuple[int, int]]:
    """The first and last cell of each whitespace-separated token of ``row``."""
    spans = []
    for match in re.finditer(r"\S+", row):
        start = cell_len(row[: match.start()])
        spans.append((start, start + cell_len(match.group()) - 1))
    return spans


def misaligned_column(rows: list[str]) -> str | None:
    """Where the columns of ``rows`` (a header, then its rows) are not in line, or None.

    A column is a run of cells that some row fills, between cells blank in every row. In
    line: each row has at most one token in a column; the rows' tokens of a column all
    start at one cell (left-aligned) or all end at one (right-aligned); and the header's
    token spans each of them or lies within it (a heading may be centred on its column,
    as ``target`` is over its 0s and 1s)."""
    spans = [token_spans(row) for row in rows]
    columns: list[list[int]] = []
    for first, last in sorted(span for row in spans for span in row):
        if columns and first <= columns[-1][1] + 1:
            columns[-1][1] = max(columns[-1][1], last)
        else:
            columns.append([first, last])
    for first, last in columns:
        inside = [[span for span in row if first <= span[0] <= last] for row in spans]
        crowded = [rows[i] for i, row in enumerate(inside) if len(row) > 1]
        if crowded:
            return f"cells {first}–{last} hold two tokens of {crowded[0]!r}"
        below = [row[0] for row in inside[1:] if row]
        shown = ", ".join(repr(rows[i]) for i, row in enumerate(inside) if row)
        if len({start for start, _ in below}) > 1 and len({end for _, end in below}) > 1:
            return f"cells {first}–{last} neither start nor end in line: {shown}"
        if inside[0]:
            (head_first, head_last), *_ = inside[0]
            for token_first, token_last in below:
                spans_it = head_first <= token_first and token_last <= head_last
                within = token_first <= head_first and head_last <= token_last
                if not (spans_it or within):
                    return f"cells {first}–{last}: the heading is not over its column: {shown}"
    return None


TRUTH_ROW = re.compile(r"\s*[01]\s+[01]\s+[01]\s")


def truth_table_rows(lines: list[str]) -> list[str]:
    """The header and the four rows of a truth table (x1 x2 target …), or []."""
    first = next((i for i, line in enumerate(lines) if TRUTH_ROW.match(line)), None)
    return lines[first - 1 : first + 4] if first else []


def confusion_rows(lines: list[str], k: int = 10) -> list[str]:
    """The header of class names and the ``k`` rows of counts under it, or []."""
    names = [str(i) for i in range(k)]
    header = next((i for i, line in enumerate(lines) if line.split() == names), None)
    return lines[header : header + 1 + k] if header is not None else []


def column_problems(screen: Screen) -> list[str]:
    problems = []
    for kind, rows_of in ((TruthTable, truth_table_rows), (ConfusionMatrix, confusion_rows)):
        for widget in screen.query(kind):
            rows = rows_of(own_lines(widget)) if widget.display else []
            where = misaligned_column(rows) if rows else None
            if where:
                problems.append(f"{path_of(widget)}: columns out of line: {where}")
    return problems


LANGUAGE_CHECKS = (cut_problems, too_wide, english_problems, column_problems)


def screens_in(app) -> Screens:
    return Screens(app, LANGUAGE_CHECKS)


def speak(lang: str, monkeypatch) -> None:
    """Speak ``lang`` from now on, and ask for it as ``NNLAB_LANG`` does, should the app
    choose its language itself (``conftest._english`` sets English there)."""
    monkeypatch.setenv("NNLAB_LANG", lang)
    use_language(lang)


# --- the checks find what they should ---


@pytest.mark.parametrize(
    "line",
    [
        "AND · 에폭 120/1000 · 손실 0.1604 · 4/4 ✓ · 일시 정지",
        "x·W1 + b1의 형상: np.dot(x, W1)은 (1, 3)이다",
        "단순한 식: exp(a) / sum(exp(a)) = [nan nan nan]",
        "신경망: 책의 TwoLayerNet 784-50-10 (sigmoid, float64)",
        "space: 실행 / 일시 정지 · n: 1에폭 · ?: 도움말 · ctrl+p: 팔레트",
        "epoch 3 │ Epoch: 100, loss: 0.2345, Weights: [[1.2], [3.4]], Bias: [0.1]",
        "nnlab --lang ko train gate xor --hidden 0 으로 XOR이 안 됨을 본다",
        "エポック 3/17 · 認識精度 94.1% · ReLU, Adam, PyTorch より速い",
        "~/Downloads/nnlab-screenshot.svg에 저장했다",
        "AND: 2-1 신경망, sgd lr 0.1, 수치 미분 기울기, 시드 1",
        "epoch 1/17  loss 0.3412  train acc, test acc | 0.9023, 0.9071  (1.2 s)",
    ],
)
def test_korean_and_japanese_lines_with_names_and_code_have_no_english_left(line):
    assert english_runs(line) == []


@pytest.mark.parametrize(
    ("line", "runs"),
    [
        ("Training paused", ["Training paused"]),
        ("AND · epoch 3 · Training paused at epoch 3", ["Training paused at epoch"]),
        (
            "x: the input, two numbers (tab to type your own)",
            ["the input, two numbers", "to type your own"],
        ),
        ("Draw a digit", ["Draw a digit"]),
        ("  x1  x2  target  output", ["target  output"]),
        ("학습률 0.1 · no data yet", ["no data yet"]),
        ("勾配法でTraining pausedした", ["Training paused"]),
    ],
)
def test_english_words_in_a_row_are_left_english(line, runs):
    assert english_runs(line) == runs


def test_each_english_run_is_told_with_its_line():
    lines = ["에폭 3 · 일시 정지", "Rows: the true digit. Columns: what the network said."]
    assert english_left(lines) == [
        (lines[1], "Rows: the true digit. Columns: what the network said")
    ]


def test_columns_in_line_by_cells_pass_and_columns_padded_by_characters_do_not():
    rows = [
        "   0   0      0  0.0014  ✓",
        "   0   1      0  0.0887  ✓",
        "   1   1      1  0.8750  ✓",
    ]
    by_cells = "  x1  x2" + rjust("목표", 7) + rjust("출력", 8)
    assert misaligned_column([by_cells, *rows]) is None
    # str.rjust counts a Korean character as one cell: each heading runs two cells over.
    by_characters = "  x1  x2" + "목표".rjust(7) + "출력".rjust(8)
    assert misaligned_column([by_characters, *rows]) == (
        "cells 13–26 hold two tokens of '  x1  x2     목표      출력'"
    )
    # A heading pushed right of its column, over no token of it wholly.
    assert misaligned_column(["     출력", "  0.0014", "  0.8750"]) == (
        "cells 2–8: the heading is not over its column: '     출력', '  0.0014', '  0.8750'"
    )


def test_a_wide_side_label_pulls_the_confusion_rows_out_of_line():
    def matrix(sides: list[str], margin: int) -> list[str]:
        counts = [(97, 0, 1), (0, 99, 2), (3, 1, 95)]
        header = " " * margin + "".join(rjust(str(p), 4) for p in range(3))
        return [header] + [
            f"{side} {t} " + "".join(rjust(str(n), 4) for n in row)
            for t, (side, row) in enumerate(zip(sides, counts, strict=True))
        ]

    assert misaligned_column(matrix(["t", "r", " "], margin=4)) is None
    # "true" as 실제 down the margin: two cells a character, the rows slide right.
    assert misaligned_column(matrix(["실", "제", " "], margin=4)) == (
        "cells 0–3 hold two tokens of '실 0   97   0   1'"
    )
    assert misaligned_column(matrix(["실", "제", "  "], margin=5)) is None


async def test_the_truth_table_and_the_confusion_matrix_as_drawn_now_are_found_in_line():
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 30, size=(10, 10)) + np.diag(rng.integers(900, 1100, size=10))

    def widgets() -> Vertical:
        return Vertical(TruthTable(id="truth"), ConfusionMatrix(id="confusion"))

    app = OneWidgetApp(widgets)
    async with app.run_test(size=(80, 24)) as pilot:
        x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
        outputs = np.array([0.0014, 0.0887, 0.0889, 0.875])
        app.query_one(TruthTable).show(x, np.array([0, 0, 0, 1]), outputs, "AND · epoch 1000")
        app.query_one(ConfusionMatrix).matrix = counts
        await pilot.pause()
        truth = truth_table_rows(own_lines(app.query_one(TruthTable)))
        confusion = confusion_rows(own_lines(app.query_one(ConfusionMatrix)))
        assert len(truth) == 5 and truth[0].split()[:2] == ["x1", "x2"]
        assert len(confusion) == 11 and confusion[1].split()[:3] == ["t", "0", str(counts[0, 0])]
        assert column_problems(app.screen) == []


async def test_a_wide_character_divided_by_its_container_edge_is_a_cut():
    def row() -> Horizontal:
        return Horizontal(Label("학습률을 바꾸면 다음 단계부터 적용된다", id="clipped"), id="row")

    css = "#row { height: 1; width: 21; } #row Label { width: auto; }"
    app = OneWidgetApp(row, css)
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        (cut,) = cuts_on(app.screen)
        assert cut.widget.endswith("Label#clipped") and cut.why == "cut at its container's side"
        assert cut.shown.rstrip() == "학습률을 바꾸면 다음"  # the tenth character lost its half
        app.query_one("#clipped", Label).update("학습률을 바꾼다")
        await pilot.pause()
        assert cuts_on(app.screen) == []


async def test_english_left_in_a_korean_screen_is_told_with_its_widget():
    def status() -> Static:
        return Static("AND · 에폭 3 · np.dot(x, W1) · Training paused", id="status")

    app = OneWidgetApp(status)
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        assert english_problems(app.screen) == [
            "Static#status: English left 'Training paused' in "
            "'AND · 에폭 3 · np.dot(x, W1) · Training paused'"
        ]


async def test_a_catalog_label_shown_without_translation_is_told():
    # The activations page's key for its derivative curve, in ko.po as 도함수.
    use_language("ko")
    app = OneWidgetApp(lambda: Label("Derivative", id="key"))
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        assert english_problems(app.screen) == ["Label#key: shown untranslated 'Derivative'"]
        app.query_one("#key", Label).update("도함수")
        await pilot.pause()
        assert english_problems(app.screen) == []


# --- every screen of the app, in Korean and Japanese ---


@languages_and_sizes
async def test_gate_tasks_speak_the_language_and_fit(lang, size, monkeypatch):
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk.gate_tasks(pilot, screens)
        screens.assert_all_fit()


@languages_and_sizes
async def test_mnist_panes_speak_the_language_and_fit(lang, size, tiny_mnist, monkeypatch):
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk.mnist_panes(pilot, screens)
        screens.assert_all_fit()


@languages_and_sizes
async def test_mnist_without_data_speaks_the_language_and_fits(lang, size, tmp_path, monkeypatch):
    walk.without_mnist(tmp_path, monkeypatch)
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk.mnist_without_data(pilot, screens)
        screens.assert_all_fit()


@languages_and_sizes
async def test_draw_page_speaks_the_language_and_fits(lang, size, tiny_mnist, monkeypatch):
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk.draw_page(pilot, screens)
        screens.assert_all_fit()


@languages_and_sizes
async def test_concept_pages_speak_the_language_and_fit(lang, size, tiny_mnist, monkeypatch):
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        await walk.concept_pages(pilot, screens)
        screens.assert_all_fit()


@languages_and_sizes
async def test_help_dialogs_and_palette_speak_the_language_and_fit(
    lang, size, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a model")
    speak(lang, monkeypatch)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = screens_in(app)
        # The go-to-epoch hit is the one entry that names epoch 2, in any language.
        await walk.help_dialogs_and_palette(
            pilot, screens, tmp_path, lambda entries: re.search(r"(?<![\d.])2(?![\d.])", entries)
        )
        screens.assert_all_fit()
