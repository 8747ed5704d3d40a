"""The MNIST workbenches in Korean and Japanese: every pane says its words in the chosen
language, at 80×24 and 120×40 no text is cut and no line is wider than the terminal, the
confusion matrix's columns line up by cells (a Korean or Japanese character takes two),
and the page without MNIST says what to do."""

from __future__ import annotations

import re

import numpy as np
import pytest
from language_checks import too_wide
from pilot import OneWidgetApp, settle, wait_until
from rich.cells import cell_len
from screen_walks import Screens, cut_problems
from test_mnist_workbench import BOOK, open_mnist, shown_predictions
from textual.widgets import Static, Tab

from nncore.datasets import DatasetError
from nncore.network import Network
from nncore.presets import MNIST_PRESETS
from tui.app import NNLabApp
from tui.dialogs.download import DownloadDialog
from tui.i18n import use_language
from tui.mnist_data import MnistFetcher
from tui.render.confusion import render_confusion
from tui.tasks import MNIST_TASKS
from tui.widgets.confusion_matrix import ConfusionMatrix, ConfusionNote
from tui.widgets.digit_detail import DigitDetail
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.digit_tiles import THUMB_SIDE, tile_label
from tui.widgets.loss_plot import LossPlot
from tui.widgets.mnist_status import MnistStatus, fit_parts
from tui.widgets.weight_tiles import WeightTiles
from tui.widgets.weights_pane import WeightsPane
from tui.workbenches.mnist import preset_note

SIZES = [(80, 24), (120, 40)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
languages = pytest.mark.parametrize("lang", ["ko", "ja"])

WORDS = {
    "ko": {
        "tabs": ["1 곡선", "2 숫자", "3 혼동 행렬", "4 설정", "5 가중치"],
        "loaded": "훈련 600개, 시험 200개를 읽었다. space로 학습한다.",
        "idle": "스텝 0 · 에폭 1의 0%",
        "trained": "스텝 6",
        "done": "에폭 1 완료",
        "title": "교차 엔트로피/스텝, 평균 ~20",
        "page": "200개 중 1–{last}",
        "caption": "시험 #0: 정답 {true}, 예측 {said} {mark}",
        "wrong": "✗ 정답 ",
        "caption_above": "예측",
        "side": "정답",
        "accuracy": "정확도 {accuracy} ({correct}/200)",
        "note": "에폭 1 후. 행: 정답 숫자. 열: 신경망의 예측. 대각선이 맞힌 것.",
        "worst": ("가장 많이 헷갈린 것: ", "시험 데이터에서 틀린 것이 없다"),
        "preset": (
            "프리셋 book: 784-50-10 sigmoid, book 초기화, sgd 학습률 0.1, 배치 100, 17 에폭."
        ),
        "legend": "(max: 타일에서 가장 큰 |w|)",
        "units": r"50개 중 h1–h\d+",
        "unit": "h1, 시험 #0({true}): a = ",
        "column": "a = x·W1[:, 0] + b1[0] (h1: 0부터 센 0번 열)",
        "hidden": "은닉층: 뉴런 50개, max ",
    },
    "ja": {
        "tabs": ["1 曲線", "2 数字", "3 混同行列", "4 設定", "5 重み"],
        "loaded": "訓練 600 個、テスト 200 個を読み込んだ。space で学習。",
        "idle": "ステップ 0 · エポック 1 の 0%",
        "trained": "ステップ 6",
        "done": "エポック 1 完了",
        "title": "交差エントロピー/ステップ、平均 ~20",
        "page": "200 個中 1–{last}",
        "caption": "テスト #0: 正解 {true}、予測 {said} {mark}",
        "wrong": "✗ 正解 ",
        "caption_above": "予測",
        "side": "正解",
        "accuracy": "認識精度 {accuracy} ({correct}/200)",
        "note": "エポック 1 の後。行: 正解の数字。列: ネットワークの予測。対角線が正解。",
        "worst": ("多い取り違え: ", "テストデータに誤りはない"),
        "preset": (
            "プリセット book: 784-50-10 sigmoid、book 初期化、sgd 学習率 0.1、バッチ 100、"
            "17 エポック。"
        ),
        "legend": "(max: タイル内で最大の |w|)",
        "units": r"50 個中 h1–h\d+",
        "unit": "h1、テスト #0({true}): a = ",
        "column": "a = x·W1[:, 0] + b1[0] (h1 は 0 から数えて 0 列目)",
        "hidden": "隠れ層: 50 個、max ",
    },
}


def static_text(root, selector: str) -> str:
    return str(root.query_one(selector, Static).render())


async def show(pilot, pane: int) -> None:
    await pilot.press(str(pane))
    await settle(pilot)


def column_ends(line: str, count: int) -> list[int]:
    """The cell just after each of the last ``count`` words of ``line``: where a
    right-aligned column ends on the screen."""
    ends, cells, inside = [], 0, False
    for char in line:
        if char == " ":
            if inside:
                ends.append(cells)
            inside = False
        else:
            inside = True
        cells += cell_len(char)
    if inside:
        ends.append(cells)
    return ends[-count:]


def assert_columns_align(lines: list[str], classes: int = 10) -> None:
    """The class-label row and every count row end their columns in the same cells, and
    the caption above sits over the middle of them."""
    header, rows = lines[1], lines[2 : 2 + classes]
    ends = column_ends(header, classes)
    for row in rows:
        assert column_ends(row, classes) == ends, f"{row!r} is out of line with {header!r}"
    caption = lines[0].strip()
    start = cell_len(lines[0]) - cell_len(lines[0].lstrip())
    middle = start + cell_len(caption) / 2
    first = ends[0] - cell_len(header.split()[0])
    assert abs(middle - (first + ends[-1]) / 2) <= 2


@languages
@size_ids
async def test_every_mnist_pane_speaks_the_language_and_fits(lang, size, tiny_mnist):
    use_language(lang)
    words = WORDS[lang]
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app, (cut_problems, too_wide))
        bench = await open_mnist(app, pilot)
        assert [str(tab.label) for tab in bench.query(Tab)] == words["tabs"]
        assert static_text(bench, "#wb-line") == words["loaded"]
        assert str(bench.query_one(MnistStatus).render()).startswith(words["idle"])
        for pane in range(1, 6):
            await show(pilot, pane)
            screens.look(f"{lang} book, pane {pane}, loaded")

        await pilot.press("n")
        await settle(pilot)
        await show(pilot, 1)
        status = str(bench.query_one(MnistStatus).render())
        assert status.startswith(words["trained"])
        if size == (120, 40):  # at 80 columns the line keeps only its first fields
            assert words["done"] in status
            assert any(words["title"] in line for line in screens.look(f"{lang} curves"))
        screens.look(f"{lang} book, curves after one epoch")

        await show(pilot, 2)
        gallery = bench.query_one(DigitGallery)
        assert gallery.border_title == words["page"].format(last=gallery.page_size)
        predicted, labels = shown_predictions(bench, 1).predicted, bench.data.t_test
        true, said = int(labels[0]), int(predicted[0])
        caption = static_text(bench.query_one(DigitDetail), "#digit-caption")
        mark = "✓" if said == true else "✗"
        assert caption == words["caption"].format(true=true, said=said, mark=mark)
        tiles = "\n".join(gallery.render_line(y).text for y in range(gallery.size.height))
        page = gallery.shown[: gallery.page_size]
        assert (words["wrong"] in tiles) == bool(np.any(predicted[page] != labels[page]))
        hidden = static_text(bench.query_one(DigitDetail), "#digit-hidden")
        assert hidden.startswith(words["hidden"])
        screens.look(f"{lang} book, digits after one epoch")

        await show(pilot, 3)
        matrix = bench.query_one(ConfusionMatrix)
        lines = [matrix.render_line(y).text.rstrip() for y in range(matrix.size.height)]
        assert lines[0].strip() == words["caption_above"]
        assert "".join(line[0] for line in lines[2:4]) == words["side"]
        confusion = matrix.matrix
        correct = int(np.trace(confusion))
        accuracy = f"{correct / 200:.1%}"
        assert lines[12] == words["accuracy"].format(accuracy=accuracy, correct=correct)
        assert_columns_align(lines)
        note = str(bench.query_one(ConfusionNote).render()).split("\n")
        assert note[0] == words["note"] and note[1].startswith(words["worst"])
        screens.look(f"{lang} book, confusion after one epoch")

        await show(pilot, 4)
        assert static_text(bench, "#hp-note") == words["preset"]
        screens.look(f"{lang} book, settings after one epoch")

        await show(pilot, 5)
        assert words["legend"] in static_text(bench, "#weights-legend")
        assert re.fullmatch(words["units"], bench.query_one(WeightTiles).border_title)
        head, column = bench.query_one(WeightsPane).lines
        assert head.startswith(words["unit"].format(true=true)) and column == words["column"]
        screens.look(f"{lang} book, weights after one epoch")

        for task in MNIST_TASKS[1:]:
            await app.screen.open_task(task)
            await settle(pilot)
            for pane in range(1, 6):
                await show(pilot, pane)
                screens.look(f"{lang} {task.key}, pane {pane}, loaded")
        screens.assert_all_fit()


@languages
@size_ids
async def test_without_mnist_the_page_says_what_to_do(lang, size, no_mnist):
    use_language(lang)
    folder = no_mnist
    said = {
        "ko": (
            f"{folder}에 MNIST가 없다.\n\nl을 눌러 내려받거나, 왼쪽에서 게이트 과제를 고른다.",
            "MNIST 읽지 않음",
            f"학습할 MNIST가 없다: {folder}에 없다. l을 눌러 읽거나 내려받거나, ",
        ),
        "ja": (
            f"{folder} に MNIST がない。\n\nl でダウンロードするか、左で論理ゲートの課題を選ぶ。",
            "MNIST 未読込",
            f"学習する MNIST がない: {folder} にない。l で読み込むかダウンロードするか、",
        ),
    }[lang]
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        screens = Screens(app, (cut_problems, too_wide))
        await app.screen.open_task(BOOK)
        await wait_until(pilot, lambda: isinstance(app.screen, DownloadDialog), what="dialog")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, DownloadDialog))
        await settle(pilot)
        bench = app.screen.workbench
        assert static_text(bench, "#mnist-notice") == said[0]
        assert said[1] in static_text(bench, "#wb-status")
        screens.look(f"{lang} book without MNIST")
        await pilot.press("space")
        await settle(pilot)
        assert static_text(bench, "#wb-line").startswith(said[2])
        screens.look(f"{lang} book without MNIST, space pressed")
        screens.assert_all_fit()


@languages
async def test_unreadable_mnist_is_explained_in_the_language(lang, tmp_path, monkeypatch):
    from nncore.datasets import MNIST_FILES

    for name in MNIST_FILES.values():
        (tmp_path / name).write_bytes(b"not an idx file at all")
    monkeypatch.setenv("NNLAB_DATA", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    use_language(lang)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(BOOK)
        await settle(pilot)
        notice = static_text(app.screen.workbench, "#mnist-notice").split("\n")
        head, retry = {
            "ko": ("MNIST를 읽을 수 없다:", "l을 누르면 다시 시도한다."),
            "ja": ("MNIST を読み込めない:", "l で再試行する。"),
        }[lang]
        assert notice[0] == head and notice[-1] == retry
        assert str(tmp_path) in notice[1]  # the reason, naming the file
        screens = Screens(app, (cut_problems, too_wide))
        screens.look(f"{lang} book, MNIST unreadable")
        screens.assert_all_fit()


@languages
def test_the_confusion_matrix_lines_up_by_cells(lang):
    use_language(lang)
    counts = np.array([[1234, 5, 0], [0, 980, 17], [3, 0, 7]])
    text = render_confusion(counts, labels=["0", "1", "2"]).plain.split("\n")
    assert_columns_align(text, classes=3)
    assert text[-1].startswith({"ko": "정확도 ", "ja": "認識精度 "}[lang])


@languages
def test_tile_labels_fit_their_thumbnail(lang):
    use_language(lang)
    labels = [tile_label(t, p) for t in range(10) for p in (None, *range(10))]
    assert max(map(cell_len, labels)) <= THUMB_SIDE
    assert tile_label(3, 8) == {"ko": "8 ✗ 정답 3", "ja": "8 ✗ 正解 3"}[lang]


def test_the_status_line_gives_way_by_cells():
    use_language("ko")
    parts = [(0, "스텝 6"), (1, "에폭 1 완료"), (2, "남은 시간 –")]
    # 24 characters but 34 cells: counted by characters all three would stay in 30.
    assert fit_parts(parts, 30) == ["스텝 6", "에폭 1 완료"]
    assert fit_parts(parts, 34) == ["스텝 6", "에폭 1 완료", "남은 시간 –"]


@languages
async def test_output_unit_tiles_are_named_and_cut_by_cells(lang):
    use_language(lang)
    network = Network((784, 10), "sigmoid", "softmax", seed=3)
    app = OneWidgetApp(lambda: WeightsPane(), css="WeightsPane { height: 24; }")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(WeightsPane)
        pane.show(network)
        pane.set_digit(5, np.linspace(0.0, 1.0, 784), 7)
        await pilot.pause()
        tiles = pane.query_one(WeightTiles)
        digit = {"ko": "숫자", "ja": "数字"}[lang]
        assert tiles.names[3] == f"{digit} 3"
        a = float(network.params["b1"][0]) + float(
            np.linspace(0.0, 1.0, 784) @ network.params["W1"][:, 0].astype(np.float64)
        )
        assert (
            pane.lines[0]
            == {
                "ko": f"숫자 0, 시험 #5(7): a = {a:.2f}, 소프트맥스 전의 점수",
                "ja": f"数字 0、テスト #5(7): a = {a:.2f}、softmax への入力",
            }[lang]
        )
        assert cell_len(pane.lines[0]) <= pane.query_one("#weights-unit").content_size.width
        width = tiles.content_size.width
        rows = [tiles.render_line(y).text for y in range(tiles.content_size.height)]
        assert all(cell_len(row) <= width for row in rows)
        assert any(f"{digit} 3 ±" in row for row in rows)


@languages
def test_the_fetcher_and_the_shipped_model_say_what_is_missing(lang, tmp_path, monkeypatch):
    use_language(lang)
    with pytest.raises(DatasetError) as missing:
        MnistFetcher(tmp_path).load_test()
    assert (
        str(missing.value)
        == {
            "ko": f"{tmp_path}에 MNIST 시험 데이터가 없다: `nnlab data download`로 받거나 "
            "NNLAB_DATA로 그 폴더를 가리킨다.",
            "ja": f"{tmp_path} に MNIST のテストデータがない: `nnlab data download` で入手するか、"
            "NNLAB_DATA でその場所を指す。",
        }[lang]
    )

    import tui.shipped_model as shipped

    monkeypatch.setattr(shipped, "SOURCE_TREE_FILE", tmp_path / "gone.npz")
    monkeypatch.setattr(shipped.resources, "files", lambda _package: tmp_path)
    with pytest.raises(shipped.ModelFileError) as gone:
        shipped.shipped_model_path()
    assert (
        str(gone.value)
        == {
            "ko": "내장 모델 mnist-best.npz 파일이 없다. nnlab을 다시 설치한다",
            "ja": "同梱のモデル mnist-best.npz が見つからない。nnlab を再インストールする",
        }[lang]
    )


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
async def test_the_loss_plot_keeps_its_x_label_at_80x24(lang, tiny_mnist):
    use_language(lang)
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await show(pilot, 1)
        plot = bench.query_one(LossPlot)

        def rows() -> list[str]:
            return [plot.render_line(y).text for y in range(plot.size.height)]

        # The plot redraws on a timer: once its frame's bottom is drawn, it is.
        await wait_until(pilot, lambda: any("└" in row for row in rows()), what="the plot")
        assert rows()[-1].strip() == {"ko": "스텝", "ja": "ステップ", "en": "step"}[lang]


def test_the_form_s_note_says_the_preset_s_summary():
    for preset in MNIST_PRESETS.values():
        assert preset_note(preset) == f"Preset {preset.name}: {preset.summary}."
    use_language("ja")
    assert preset_note(MNIST_PRESETS["best"]).startswith("プリセット best: 784-")
