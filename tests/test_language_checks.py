"""The checks of ``language_checks`` find what they should, on real lines and widgets."""

from __future__ import annotations

import numpy as np
import pytest
from cut_text import cuts_on, own_lines
from english_left import english_left, english_runs
from language_checks import (
    column_problems,
    confusion_rows,
    english_problems,
    misaligned_column,
    truth_table_rows,
)
from pilot import OneWidgetApp
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from tui.i18n import use_language
from tui.render.cells import rjust
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.truth_table import TruthTable


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
