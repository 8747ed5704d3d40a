"""The gate workbenches in Korean and Japanese: a task trained a few epochs says its
status, truth table, form and messages in the chosen language, the truth table's columns
stay in line by terminal cells, and no pane cuts text or runs past the terminal, at
80×24 and 120×40."""

from __future__ import annotations

import re

import pytest
from cut_text import screen_lines
from language_checks import too_wide
from pilot import main_screen_ready, set_learning_rate, settle
from rich.cells import cell_len
from screen_walks import Screens, cut_problems
from textual.widgets import Label, Static

from tui.app import NNLabApp
from tui.i18n import _, use_language
from tui.tasks import GATE_TASKS
from tui.widgets.truth_table import TruthTable

SIZES = [(80, 24), (120, 40)]
AND, XOR_2 = GATE_TASKS[0], GATE_TASKS[4]

SAID = {
    "ko": {
        "epoch": "에폭",
        "loss": "손실",
        "paused": "멈춤",
        "headings": ("정답", "출력"),
        "rule": "✓: 1이면 >0.5, 0이면 <0.5",
        "labels": [
            "학습률",
            "배치 크기",
            "에폭 수",
            "멈출 에폭",
            "기울기",
            "은닉층",
            "활성화 함수",
            "옵티마이저",
            "초깃값",
            "시드",
        ],
        "sections": ["다음 스텝부터 적용", "초기화(r) 때 적용: 새 가중치"],
        "tabs": ["1 학습", "2 맵", "3 로그", "4 설정", "5 수식"],
        "bad_lr": "✗ abc은(는) 숫자가 아니다. 예: 0.1 — 적용하지 않음",
        "lr_applies": "학습률은(는) 다음 스텝부터 적용된다.",
        "paused_because": "일시 정지: ",
        "viewing": "{task} · 에폭 4 (5 중)",
    },
    "ja": {
        "epoch": "エポック",
        "loss": "損失",
        "paused": "停止中",
        "headings": ("正解", "出力"),
        "rule": "✓: 1なら >0.5、0なら <0.5",
        "labels": [
            "学習率",
            "バッチサイズ",
            "エポック数",
            "停止エポック",
            "勾配",
            "隠れ層",
            "活性化関数",
            "最適化手法",
            "初期値",
            "シード",
        ],
        "sections": ["次のステップから適用", "リセット(r)で適用: 新しい重み"],
        "tabs": ["1 学習", "2 マップ", "3 ログ", "4 設定", "5 数式"],
        "bad_lr": "✗ abc は数ではない。例: 0.1 — 未適用",
        "lr_applies": "学習率は次のステップから適用される。",
        "paused_because": "一時停止: ",
        "viewing": "{task} · エポック 4(5 中)",
    },
}

languages = pytest.mark.parametrize("code", ["ko", "ja"])
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")


def plain(widget) -> str:
    return str(widget.render())


def word_cells(line: str) -> list[int]:
    """The terminal cell where each word of ``line`` starts: a Korean or Japanese
    character before it takes two."""
    return [cell_len(line[: word.start()]) for word in re.finditer(r"\S+", line)]


async def every_pane(pilot, looks: Screens, name: str) -> None:
    """Look at each of the open workbench's panes in turn."""
    for index in range(len(pilot.app.screen.workbench.PANES)):
        await pilot.press(str(index + 1))
        await settle(pilot)
        looks.look(f"{name}, pane {index + 1}")


async def opened(pilot, task) -> None:
    await main_screen_ready(pilot)
    await pilot.app.screen.wait_for_first_task()
    await pilot.app.screen.open_task(task)
    await settle(pilot)


@languages
@sizes
async def test_a_trained_gate_speaks_the_language_and_fits(code, size):
    use_language(code)  # the conftest fixture puts English back afterwards
    said = SAID[code]
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await opened(pilot, AND)
        looks = Screens(app, (cut_problems, too_wide))
        await every_pane(pilot, looks, "AND untrained")
        await pilot.press("1", "n", "n", "n")
        await settle(pilot)
        bench = app.screen.workbench
        table = bench.query_one("#truth", TruthTable)
        right = table.right_count
        loss = f"{bench.records[2].loss:.4f}"
        epochs = bench.runner.epochs
        mark = "✓" if right == 4 else "✗"
        assert plain(bench.query_one("#wb-status")) == (
            f"{_(AND.label)} · {said['epoch']} 3/{epochs} · {said['loss']} {loss}"
            f" · {right}/4 {mark} · {said['paused']}"
        )
        tabs = [str(tab.label) for tab in bench.query("Tab")]
        assert tabs == said["tabs"]

        rows = plain(table).splitlines()
        assert rows[0] == f"{_(AND.label)} · {said['epoch']} 3"
        target, output = said["headings"]
        assert rows[1].split() == ["x1", "x2", target, output]
        assert rows[-1] == said["rule"]
        # Every row's values start at the same cells: x1 and x2 under their digit, the
        # target within its heading, the output under its heading's first cell.
        starts = [word_cells(row) for row in rows[2:6]]
        assert all(start == starts[0] for start in starts), rows
        x1, x2, heading, below = word_cells(rows[1])
        assert starts[0][:2] == [x1 + 1, x2 + 1]
        assert heading <= starts[0][2] < heading + cell_len(target)
        assert starts[0][3] == below
        # The table on screen is the same text: its columns are the terminal's too.
        assert any(rows[1] in line for line in screen_lines(app.screen))

        await every_pane(pilot, looks, "AND after three epochs")
        await pilot.press("4")
        await settle(pilot)
        labels = [plain(label) for label in bench.query(".hp-label").results(Label)]
        assert labels == said["labels"]
        sections = [plain(label) for label in bench.query(".hp-section").results(Label)]
        assert sections == said["sections"]

        lr = bench.query_one("#hp-lr")
        lr.focus()
        lr.value = ""
        await pilot.press(*"abc")
        await settle(pilot)
        assert plain(bench.query_one("#hp-error-lr", Static)) == said["bad_lr"]
        looks.look("AND's settings with a wrong learning rate")
        lr.value = ""
        await pilot.press(*"0.5", "enter")
        await settle(pilot)
        assert plain(bench.query_one("#wb-line")) == said["lr_applies"]
        looks.look("AND's settings, the learning rate changed")
        looks.assert_all_fit()


@languages
@sizes
async def test_xor_with_two_layers_fits_every_pane_after_training(code, size):
    use_language(code)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await opened(pilot, XOR_2)
        await pilot.press(*"nnnnn")
        await settle(pilot)
        looks = Screens(app, (cut_problems, too_wide))
        await every_pane(pilot, looks, "XOR 2 layers after five epochs")
        await pilot.press("left")  # an earlier epoch: the titles say which
        await settle(pilot)
        looks.look("XOR 2 layers viewing epoch 4")
        title = plain(app.screen.workbench.query_one("#truth")).splitlines()[0]
        assert title == SAID[code]["viewing"].format(task=_(XOR_2.label))
        looks.assert_all_fit()


@languages
async def test_a_diverging_run_pauses_and_says_why_in_the_language(code):
    use_language(code)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot, GATE_TASKS[1])  # OR at lr 100: its loss turns nan at once
        bench = app.screen.workbench
        await set_learning_rate(pilot, "100")
        app.screen.query_one("#chooser").focus()
        await pilot.press("space")
        await settle(pilot)
        line = bench.query_one("#wb-line")
        assert plain(line).startswith(SAID[code]["paused_because"])
        assert "100" in plain(line) and line.has_class("-error")
        assert bench.runner.trainer.epoch == 0


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (
            "en",
            [
                "Resumed from epoch 3: epochs 4–17 dropped — u to undo.",
                "Resumed from epoch 3: epoch 4 dropped.",
                "Undid the resume from epoch 3: 17 epochs back as they were.",
                "Undid opening m.npz: 1 epoch back as they were.",
                "Opened m.npz (hidden none) as epoch 0; the untrained weights before it dropped"
                " — u to undo.",
                "10 epochs/s",
            ],
        ),
        (
            "ko",
            [
                "에폭 3에서 재개했다: 에폭 4–17은(는) 버렸다 — u로 되돌린다.",
                "에폭 3에서 재개했다: 에폭 4은(는) 버렸다.",
                "에폭 3에서의 재개를 되돌렸다: 17 에폭이 원래대로 돌아왔다.",
                "m.npz 열기를 되돌렸다: 1 에폭이 원래대로 돌아왔다.",
                "m.npz을(를) 에폭 0으로 열었다 (은닉층 없음). 그 전의 학습 전 가중치는 버렸다"
                " — u로 되돌린다.",
                "10 에폭/초",
            ],
        ),
        (
            "ja",
            [
                "エポック 3 から再開した: エポック 4–17 は破棄 — u で元に戻す。",
                "エポック 3 から再開した: エポック 4 は破棄。",
                "エポック 3 からの再開を元に戻した: 17 エポックが元どおり。",
                "m.npz を開いたのを元に戻した: 1 エポックが元どおり。",
                "m.npz をエポック 0 として開いた(隠れ層 なし)。それまでの未学習の重みは破棄"
                " — u で元に戻す。",
                "10 エポック/秒",
            ],
        ),
    ],
)
def test_resume_undo_and_pace_notices_are_whole_sentences_in_each_language(code, said):
    from tui.training.pace import pace_label
    from tui.workbenches.undo import UndoPoint, opened_notice, resumed_notice

    use_language(code)

    def point(epochs: int, resumed_from: int | None) -> UndoPoint:
        return UndoPoint(None, None, None, None, None, epochs, resumed_from, "m.npz")

    assert [
        resumed_notice(3, 17, can_undo=True),
        resumed_notice(3, 4, can_undo=False),
        point(17, 3).undone(),
        point(1, None).undone(),
        opened_notice("m.npz", "", 0),
        pace_label(10, "epochs"),
    ] == said


@languages
async def test_a_plot_title_in_wide_characters_stays_inside_the_plot(code):
    """plotext counts characters: without the stand-in a Korean title would be laid out
    as if half as wide and run past the plot's right edge."""
    import numpy as np
    from pilot import OneWidgetApp

    from tui.widgets.loss_plot import LossPlot

    use_language(code)
    app = OneWidgetApp(lambda: LossPlot(interval=0.01), "LossPlot { width: 40; height: 12; }")
    async with app.run_test(size=(60, 14)) as pilot:
        plot = app.query_one(LossPlot)
        epochs = np.arange(1.0, 30.0)
        plot.set_series(epochs, 1 / epochs, smoothed=1 / epochs)
        await pilot.pause(0.1)
        lines = plot.render().plain.splitlines()
        title = {
            "ko": "손실 (로그 눈금)  ━ 원값  ━ 평활",
            "ja": "損失(対数目盛)  ━ 生の値  ━ 平滑化",
        }
        assert title[code] in lines[0]
        assert lines[-1].strip() == {"ko": "에폭", "ja": "エポック"}[code]
        assert max(cell_len(line) for line in lines) <= 40
