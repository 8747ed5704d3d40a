"""Draw a digit, the dialogs, and the Forward pass and Gradient descent pages in Korean and
Japanese: each shows its translation (real strings, numbers and code names untouched) at
80×24 and 120×40, with nothing cut (``cut_text``, as tests/test_text_fits.py uses it)."""

from __future__ import annotations

import re

import pytest
from language_checks import too_wide
from pilot import main_screen_ready, settle, wait_until
from rich.cells import cell_len
from screen_walks import Screens, cut_problems
from test_concept_pages import type_into
from test_download_dialog import FakeFetcher
from test_draw_page import ONE

import tui.i18n as i18n
from tui.app import NNLabApp
from tui.concepts.base import ConceptPage
from tui.dialogs import download as download_module
from tui.dialogs.download import DownloadDialog, _Progress
from tui.dialogs.model_file import ModelFileScreen
from tui.dialogs.run_command import RunCommandScreen
from tui.mnist_data import DownloadStatus
from tui.pages import PageUnavailable, create_page
from tui.pages.draw import DrawPage
from tui.tasks import CONCEPT_TASKS, DRAW_TASKS, MNIST_TASKS, Task
from tui.workbenches import mnist_loading

CASES = [(code, size) for code in ("ko", "ja") for size in ((80, 24), (120, 40))]
cases = pytest.mark.parametrize(
    ("code", "size"), CASES, ids=[f"{code}-{w}x{h}" for code, (w, h) in CASES]
)

WORDS = {
    "ko": {
        "status": "숫자 그리기 · 모델: 함께 제공되는 784-",
        "nothing": "아직 아무것도 그리지 않았다.",
        "sees": "신경망 입력",
        "reads one": "1(으)로 읽는다 (확신 ",
        "pen": "펜 올림 · 잉크",
        "no other": "다른 모델이 없다: MNIST 숫자 과제에서 훈련한 뒤 여기서 m을 누르거나, "
        "o를 눌러 모델 파일을 연다.",
        "test digit": "시험 숫자 #",
        "labelled": "인 시험 숫자",
        "open title": "그림을 읽을 모델 파일 열기:",
        "file hint": "enter: 확인   escape: 취소",
        "no path": "파일 경로를 입력하세요. 예: and.npz",
        "forward title": "순전파: 책의 3층 신경망  ·  esc: 과제 목록",
        "input": "입력",
        "x detail": "x: 입력, 숫자 두 개 (tab으로 직접 입력)",
        "where": "단계 {step}/6 · → 다음, ← 뒤로 · tab: x를 직접 입력",
        "z1 detail": "sigmoid(a1): 원소마다 1/(1+exp(−a)); 형상은 (3,) 그대로",
        "not a number": "↑ x: 'two'는 숫자가 아니다",
        "descent title": "f(x0, x1) = x0² + x1²의 경사 하강법  ·  esc: 과제 목록",
        "start": "시작점 (-3, 4)",
        "step": "단계 {step}/100",
        "converges": "최솟값 (0, 0)으로 수렴한다",
        "diverges": "발산한다: 매번 더 멀리 지나친다",
        "off the map": "x가 지도 밖에 있다",
        "descent line": "화살표: −∇f, 내리막 · ←↑→↓ 시작점 이동 · n 한 단계 · [ ] lr",
        "command title": "이 실행의 명령",
        "reproduces": "이 실행을 화면 없이 재현한다: 같은 시드, 같은 숫자.",
        "command hint": "c 또는 enter: 클립보드에 복사   escape: 닫기",
        "copied": "클립보드에 복사했다 (터미널이 허용한다면).",
        "command": "명령",
        "not here": "MNIST가 아직 없다",
        "looked": "MNIST 파일 네 개를 {folder}에서 찾았지만 하나도 없다",
        "download": "내려받기",
        "close": "닫기",
        "retry": "다시 시도",
        "failed": "어느 미러에서도 train-images-idx3-ubyte.gz을(를) 내려받지 못했다:",
        "try again": "r: 다시 시도 · Esc: 닫기 (논리 게이트 과제는 내려받을 것이 없다)",
        "refused": "연결이 거부되었다",
        "not in": "{folder}에 없다: ",
        "progress": "파일 2/4: train-labels-idx1-ubyte.gz  0.5 MB / 1.0 MB",
        "downloaded": "모든 파일을 내려받았다",
        "unknown": "알 수 없는 과제 종류 'nope'.",
    },
    "ja": {
        "status": "数字を描く · モデル: 同梱の 784-",
        "nothing": "まだ何も描いていない。",
        "sees": "ネットの入力",
        "reads one": "1 と読む (確信度 ",
        "pen": "ペン上げ · インク",
        "no other": "ほかのモデルがない: MNIST の数字の課題で訓練してからここで m を押すか、"
        "o でモデルファイルを開く。",
        "test digit": "テスト数字 #",
        "labelled": "のテスト数字",
        "open title": "絵を読むモデルファイルを開く:",
        "file hint": "enter: 確定   escape: キャンセル",
        "no path": "ファイルのパスを入力してください。例: and.npz",
        "forward title": "順伝播: 本の3層ニューラルネットワーク  ·  esc: 課題一覧",
        "input": "入力",
        "x detail": "x: 入力、2 個の数 (tab で自分で入力)",
        "where": "ステップ {step}/6 · → 次、← 戻る · tab: x を自分で入力",
        "z1 detail": "sigmoid(a1): 要素ごとに 1/(1+exp(−a)); 形状は (3,) のまま",
        "not a number": "↑ x: 'two' は数ではない",
        "descent title": "f(x0, x1) = x0² + x1² の勾配法  ·  esc: 課題一覧",
        "start": "始点 (-3, 4)",
        "step": "ステップ {step}/100",
        "converges": "最小値 (0, 0) に収束する",
        "diverges": "発散する: 毎回さらに行き過ぎる",
        "off the map": "x はマップの外",
        "descent line": "矢印: −∇f、下り坂 · ←↑→↓ 始点を動かす · n 1ステップ · [ ] lr",
        "command title": "この実行のコマンド",
        "reproduces": "この実行を画面なしで再現する: 同じシード、同じ数値。",
        "command hint": "c か enter: クリップボードにコピー   escape: 閉じる",
        "copied": "クリップボードにコピーした (端末が許せば)。",
        "command": "コマンド",
        "not here": "MNIST がまだない",
        "looked": "MNIST の 4 つのファイルを {folder} で探したが、一つもない",
        "download": "ダウンロード",
        "close": "閉じる",
        "retry": "再試行",
        "failed": "どのミラーからも train-images-idx3-ubyte.gz をダウンロードできなかった:",
        "try again": "r: 再試行 · Esc: 閉じる (論理ゲートの課題はダウンロード不要)",
        "refused": "接続を拒否された",
        "not in": "{folder} にない: ",
        "progress": "ファイル 2/4: train-labels-idx1-ubyte.gz  0.5 MB / 1.0 MB",
        "downloaded": "すべてのファイルをダウンロードした",
        "unknown": "不明な課題の種類 'nope'。",
    },
}


@pytest.fixture
def speak():
    """Choose a language for the test (the conftest's ``_english`` restores English)."""
    return i18n.use_language


def shown(widget) -> str:
    return str(widget.render())


def concept(key: str) -> Task:
    return next(task for task in CONCEPT_TASKS if task.key == key)


async def launched(pilot) -> None:
    await main_screen_ready(pilot)
    await pilot.app.screen.wait_for_first_task()
    await settle(pilot)


async def open_task(pilot, task: Task):
    await pilot.app.screen.open_task(task)
    await settle(pilot)
    return pilot.app.screen.query_one(f"#{task.id}")


@cases
async def test_the_draw_page_and_its_open_dialog_speak_the_language(
    code, size, speak, tiny_mnist, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("not a model")
    words = WORDS[code]
    speak(code)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await launched(pilot)
        looks = Screens(app, (cut_problems, too_wide))
        page = await open_task(pilot, DRAW_TASKS[0])
        assert isinstance(page, DrawPage)
        assert shown(page.query_one("#draw-status")).startswith(words["status"])
        assert shown(page.query_one("#draw-guess")) == words["nothing"]
        assert shown(page.query_one("#draw-sees")).startswith(words["sees"])
        assert page.query_one("#draw-pad").border_subtitle == words["pen"]
        looks.look("Draw a digit")
        await pilot.press(*ONE)
        await pilot.pause()
        assert shown(page.query_one("#draw-guess")).startswith(words["reads one"])
        await pilot.press("m")
        assert shown(page.query_one("#draw-line")) == words["no other"]
        looks.look("Draw a digit, m with no other model")
        await pilot.press("t")
        await settle(pilot)
        assert shown(page.query_one("#draw-line")).startswith(words["test digit"])
        assert shown(page.query_one("#draw-status")).endswith(words["labelled"])
        looks.look("Draw a digit, a test digit")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ModelFileScreen))
        await settle(pilot)
        dialog = app.screen
        assert shown(dialog.query_one("#file-title")) == words["open title"]
        assert shown(dialog.query_one("#file-hint")) == words["file hint"]
        looks.look("the Open dialog")
        dialog.query_one("#file-path").value = ""
        await pilot.pause()
        assert shown(dialog.query_one("#file-error")) == words["no path"]
        dialog.query_one("#file-path").value = str(tmp_path / "notes.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert "notes.txt" in shown(dialog.query_one("#file-error"))
        looks.look("the Open dialog with a wrong file")
        await pilot.press("escape")
        looks.assert_all_fit()


def shape_columns(steps: str) -> set[int]:
    """The cell each row's shape, ``(n,)``, starts at in the forward pass's list."""
    return {cell_len(row[: re.search(r"\(\d,\)", row).start()]) for row in steps.splitlines()}


@cases
async def test_the_forward_and_descent_pages_speak_the_language(code, size, speak):
    words = WORDS[code]
    speak(code)
    app = NNLabApp()
    async with app.run_test(size=size, notifications=True) as pilot:
        await launched(pilot)
        looks = Screens(app, (cut_problems, too_wide))
        page = await open_task(pilot, concept("forward"))
        assert isinstance(page, ConceptPage)
        assert shown(page.query_one(".concept-title")) == words["forward title"]
        steps = shown(page.query_one("#fw-steps"))
        assert steps.splitlines()[0].startswith(f"▶ x = {words['input']}")
        assert "a1 = x·W1 + b1" in steps and "[0.31682708 0.69627909]" in steps
        assert shape_columns(steps) == {19}  # padded by cells: the shapes line up
        assert shown(page.query_one("#fw-detail")) == words["x detail"]
        assert shown(page.query_one(".concept-line")) == words["where"].format(step=0)
        looks.look("Forward pass")
        await pilot.press("right", "right")
        assert shown(page.query_one("#fw-detail")) == words["z1 detail"]
        assert shown(page.query_one(".concept-line")) == words["where"].format(step=2)
        await pilot.press("right")
        assert "z1 (3,) · W2 (3, 2) + b2 (2,) → a2 (2,)" in shown(page.query_one("#fw-detail"))
        looks.look("Forward pass, step 3")
        await type_into(pilot, page, "#fw-x", "1 two")
        assert shown(page.query_one("#fw-x-hint")) == words["not a number"]
        looks.look("Forward pass, x not a number")

        page = await open_task(pilot, concept("descent"))
        assert shown(page.query_one(".concept-title")) == words["descent title"]
        facts = shown(page.query_one("#gd-text")).splitlines()
        assert {words["start"], words["step"].format(step=0), words["converges"]} <= set(facts)
        assert "lr = 0.1" in facts and "x ← x − lr·∇f(x)" in facts
        assert shown(page.query_one(".concept-line")) == words["descent line"]
        looks.look("Gradient descent")
        await pilot.press(*["right_square_bracket"] * 9, "end")  # lr 10: off the map
        facts = shown(page.query_one("#gd-text")).splitlines()
        assert "lr = 10" in facts and words["step"].format(step=100) in facts
        assert {words["diverges"], words["off the map"]} <= set(facts)
        looks.look("Gradient descent, lr 10 diverged")

        command = "nnlab train gate and --hidden 0 --optimizer sgd --lr 0.1 --epochs 6"
        app.push_screen(RunCommandScreen(command, []))
        await wait_until(pilot, lambda: isinstance(app.screen, RunCommandScreen))
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#command-dialog").border_title == words["command title"]
        assert shown(dialog.query_one("Label")) == words["reproduces"]
        assert shown(dialog.query_one("#command-line")) == command  # the command stays
        assert shown(dialog.query_one("#command-hint")) == words["command hint"]
        looks.look("the command for this run")
        await pilot.press("c")
        await wait_until(pilot, lambda: app.screen.query("Toast"), what="the toast")
        toast = "".join(shown(toast) for toast in app.screen.query("Toast")).replace("\n", "")
        assert toast.replace(" ", "") == (words["command"] + words["copied"]).replace(" ", "")
        looks.look("the command for this run, copied")
        looks.assert_all_fit()


async def download_dialog(pilot) -> DownloadDialog:
    await launched(pilot)
    await pilot.app.screen.open_task(MNIST_TASKS[0])
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DownloadDialog))
    await settle(pilot)
    return pilot.app.screen


@cases
async def test_the_download_dialog_and_its_failure_speak_the_language(
    code, size, speak, no_mnist, tmp_path
):
    words = WORDS[code]
    speak(code)
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        dialog = await download_dialog(pilot)
        looks = Screens(app, (cut_problems, too_wide))
        assert dialog.query_one("#download-box").border_title == words["not here"]
        offer = shown(dialog.query_one("#download-offer"))
        assert offer.startswith(words["looked"].format(folder=no_mnist))
        assert "NNLAB_DATA" in offer and "11.6 MB" in offer
        start, close = (dialog.query_one(f"#download-{b}").label for b in ("start", "close"))
        assert (str(start), str(close)) == (words["download"], words["close"])
        looks.look("the download dialog")
        await pilot.press("d")
        error = dialog.query_one("#download-error")
        await wait_until(pilot, lambda: error.display, what="the download's failure")
        await settle(pilot)
        lines = shown(error).splitlines()
        assert lines[0] == words["failed"]
        assert lines[1] == "  127.0.0.1:9: " + words["refused"]
        assert lines[-1] == words["try again"]
        assert str(dialog.query_one("#download-start").label) == words["retry"]
        width = dialog.query_one("#download-text").scrollable_content_region.width
        assert max(map(cell_len, lines[:-1])) <= width  # wrapped by cells, not characters
        looks.look("the download dialog, the download failed")
        elsewhere = tmp_path / "elsewhere"
        dialog.query_one("#download-folder").value = str(elsewhere)
        dialog.query_one("#download-folder").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(error).startswith(words["not in"].format(folder=elsewhere))
        looks.look("the download dialog, a folder without MNIST")
        looks.assert_all_fit()


@pytest.mark.parametrize("code", ["ko", "ja"])
async def test_download_progress_and_success_speak_the_language(code, speak, no_mnist, monkeypatch):
    monkeypatch.setattr(mnist_loading, "fetcher_factory", FakeFetcher)
    monkeypatch.setattr(download_module, "FINISHED_PAUSE", 60.0)  # stays up to be read
    words = WORDS[code]
    speak(code)
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await download_dialog(pilot)
        status = DownloadStatus("train-labels-idx1-ubyte.gz", 2, 4, 0.4, 500_000, 1_000_000)
        dialog._show_progress(_Progress(status))
        assert shown(dialog.query_one("#download-file")) == words["progress"]
        await pilot.press("d")
        await wait_until(pilot, lambda: dialog.downloaded, what="the fake download")
        await pilot.pause()
        assert shown(dialog.query_one("#download-file")) == words["downloaded"]


@pytest.mark.parametrize("code", ["ko", "ja"])
def test_a_page_that_cannot_be_built_says_why_in_the_language(code, speak):
    speak(code)
    with pytest.raises(PageUnavailable) as caught:
        create_page(Task("nope", "x", "x"))
    assert str(caught.value) == WORDS[code]["unknown"]
