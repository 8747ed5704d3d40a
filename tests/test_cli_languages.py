"""``nnlab`` on the command line in Korean and Japanese: output, help, argparse's own words
and errors, laid out by terminal cells; English stays as it was."""

from __future__ import annotations

import argparse
import gettext
import re

import pytest
from idx_fixtures import isolate, write_mnist_dir
from rich.cells import cell_len

from tui.cli.argparse_words import ARGPARSE_WORDS
from tui.cli.main import build_parser, every_parser, main
from tui.i18n import catalogs


@pytest.fixture(autouse=True)
def xdg_cache(monkeypatch, tmp_path):
    return isolate(monkeypatch, tmp_path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``main(argv)``'s exit code (an exit by argparse's too), stdout and stderr."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_a_gate_trains_and_prints_its_truth_table_in_korean(capsys):
    code, out, err = run(capsys, "--lang", "ko", "train", "gate", "xor", "--hidden", "0")
    assert code == 0 and err == ""
    lines = out.splitlines()
    # The book's loop prints its log as the book does, in every language.
    assert lines[0].startswith("Epoch: 0, loss: 1.60790")
    assert re.fullmatch(r"1000 에폭 후 XOR 진리표 \(손실 1\.38629\d\)", lines[11])
    assert lines[12:17] == [
        " x1  x2  정답  출력",
        "  0   0    0   0.5000  ✗",
        "  0   1    1   0.5000  ✗",
        "  1   0    1   0.5000  ✗",
        "  1   1    0   0.5000  ✗",
    ]


@pytest.mark.parametrize(
    ("code", "heading", "goal_cell"),
    [
        ("en", " x1  x2  target  output", 12),
        ("ko", " x1  x2  정답  출력", 11),
        ("ja", " x1  x2  正解  出力", 11),
    ],
)
def test_the_truth_table_s_values_stand_under_their_headings_by_cells(
    capsys, code, heading, goal_cell
):
    _, out, _ = run(capsys, "--lang", code, "train", "gate", "and")
    lines = out.splitlines()
    top = lines.index(heading)
    # Each output starts in the cell its heading starts in; the rows are ASCII, so
    # their cells are their characters.
    output_cell = cell_len(heading) - cell_len(heading.split()[-1])
    for line, goal in zip(lines[top + 1 : top + 5], "0001", strict=True):
        assert line[goal_cell] == goal and line[goal_cell - 1] == " "
        assert re.match(r"0\.\d{4}  ✓$", line[output_cell:])


def test_data_info_speaks_japanese(tmp_path, capsys):
    fake = write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=5)
    code, out, _ = run(capsys, "--lang", "ja", "data", "info", "--data-dir", str(fake.directory))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"MNIST フォルダ: {fake.directory} (--data-dir)"
    assert re.fullmatch(r"  train-images-idx3-ubyte\.gz +\d+\.\d kB  画像 30 枚", lines[1])
    assert re.fullmatch(r"  t10k-labels-idx1-ubyte\.gz +\d+\.\d kB  ラベル 12 個", lines[4])
    assert lines[5].startswith("デコード済み配列のキャッシュ: ")

    code, out, _ = run(capsys, "--lang", "ja", "data", "info", "--data-dir", str(tmp_path / "no"))
    lines = out.splitlines()
    assert lines[0] == f"MNIST フォルダ: {tmp_path / 'no'} (--data-dir、まだない)"
    assert lines[1] == "  train-images-idx3-ubyte.gz   なし"
    assert lines[-1] == "4 ファイル中 4 個がない: `nnlab data download` を実行する"


def test_verify_s_status_column_is_padded_by_cells(tmp_path, capsys):
    fake = write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=5)
    fake.paths["test_label"].unlink()
    code, out, err = run(
        capsys, "--lang", "ko", "data", "verify", "--data-dir", str(fake.directory)
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{fake.directory} 검사 중"
    assert lines[1].startswith("  불일치     train-images-idx3-ubyte.gz  (sha256 ")
    assert lines[4].startswith("  없음       t10k-labels-idx1-ubyte.gz  (")
    assert {cell_len(line[: line.index(" t")]) for line in lines[1:]} == {12}
    assert err == (
        f"nnlab: 오류: {fake.directory}의 MNIST 파일 4개 중 4개가 없거나 손상되었다: "
        "손상된 파일을 지우고 `nnlab data download`를 실행한다\n"
    )


def test_mnist_training_logs_its_epochs_in_korean(tmp_path, capsys):
    folder = write_mnist_dir(tmp_path / "mnist", 300, 100, seed=7).directory
    argv = ["train", "mnist", "--data-dir", str(folder), "--hidden", "16", "--epochs", "2"]
    code, out, _ = run(capsys, "--lang", "ko", *argv, "--batch-size", "100")
    assert code == 0
    lines = out.splitlines()
    # The summary between is nncore's (its numbers and code names).
    assert lines[0].startswith("학습: 784-16-10 sigmoid, ")
    assert lines[0].endswith(" (프리셋 book, seed 0)")
    # nnlab's words around the book's own "train acc, test acc | …" are Korean.
    for n, line in enumerate(lines[1:3], start=1):
        assert re.fullmatch(
            rf"에폭 {n}/2  손실 \d\.\d{{4}}  train acc, test acc \| \d\.\d{{4}}, \d\.\d{{4}}  "
            r"\(\d+\.\d초\)",
            line,
        )
    assert re.fullmatch(r"2 에폭 후 시험 정확도 \d\.\d{4} \(\d+\.\d초\)", lines[3])


def test_help_is_korean_and_fits_80_cells(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "--lang", "ko", "--help")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "사용법: nnlab [-h] [--version] [--lang CODE] [--no-config] COMMAND ..."
    assert lines[2] == "nnlab 앱을 연다 (인수 없이). 또는 하위 명령을 화면 없이 실행한다."
    assert "위치 인수:" in lines and "옵션:" in lines
    assert "  -h, --help   이 도움말을 보이고 끝낸다" in lines
    assert "    train      신경망을 화면 없이 학습한다" in lines
    assert max(cell_len(line) for line in lines) <= 80

    code, out, _ = run(capsys, "--lang", "ko", "train", "gate", "--help")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("사용법: nnlab train gate [-h] [--hidden N[,N...]]")
    # The usage's next lines start under its first option, counted in cells.
    assert cell_len(lines[1]) - len(lines[1].lstrip()) == cell_len("사용법: nnlab train gate ")
    assert "  --lr LR               학습률" in lines
    assert max(cell_len(line) for line in lines) <= 80


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("code", ["ko", "ja"])
def test_every_parser_s_help_is_translated_and_fits(code, columns, monkeypatch):
    import tui.i18n as i18n

    monkeypatch.setenv("COLUMNS", str(columns))
    i18n.use_language(code)
    usage = {"ko": "사용법: ", "ja": "使い方: "}[code]
    options = {"ko": "옵션:", "ja": "オプション:"}[code]
    for parser in every_parser(build_parser()):
        # argparse %-formats each help text: a stray % in a translation would raise here.
        text = parser.format_help()
        lines = text.splitlines()
        assert lines[0].startswith(usage + parser.prog), parser.prog
        assert options in lines, parser.prog
        assert max(cell_len(line) for line in lines) <= columns, parser.prog
        assert "show this help message" not in text


def test_an_argument_error_is_one_korean_line(capsys):
    code, out, err = run(capsys, "--lang", "ko", "train", "gate", "xor", "--epochs", "-3")
    assert code == 2 and out == ""
    assert err == (
        "nnlab: 오류: 인수 --epochs: '-3'은(는) 음수다. 0 이상을 준다 "
        "('nnlab train gate --help' 참고)\n"
    )
    code, _, err = run(capsys, "--lang", "ja", "train", "gate", "nor")
    assert code == 2
    assert err == (
        "nnlab: エラー: 引数 gate: 不正な選択: 'nor' ('and', 'or', 'nand', 'xor' から選ぶ) "
        "('nnlab train gate --help' を参照)\n"
    )
    code, _, err = run(capsys, "--lang", "ko", "train")
    assert code == 2
    assert err == "nnlab: 오류: 다음 인수가 필요하다: TASK ('nnlab train --help' 참고)\n"


def test_a_command_error_is_one_korean_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--lang", "ko", "run", "missing.py")
    assert code == 2
    assert err == f"nnlab: 오류: 파일이 없다: missing.py ({tmp_path}에서 찾음)\n"


def test_english_stays_argparse_s_own_and_other_parsers_are_untouched(capsys):
    code, _, err = run(capsys, "train", "gate", "xor", "--epochs", "-3")
    assert code == 2
    assert err == (
        "nnlab: error: argument --epochs: '-3' is negative; give 0 or more "
        "(see 'nnlab train gate --help')\n"
    )
    run(capsys, "--lang", "ko", "--help")
    # nnlab's words reach argparse only while one of nnlab's parsers works.
    assert argparse._ is gettext.gettext
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


FIELD = re.compile(r"%(?:\(\w+\))?[sr]")


@pytest.mark.parametrize("code", ["ko", "ja"])
def test_argparse_s_words_keep_their_percent_fields(code):
    entries = {entry.msgid: entry.msgstr for entry in catalogs.read_po(code)}
    for msgid in ARGPARSE_WORDS:
        assert sorted(FIELD.findall(entries[msgid])) == sorted(FIELD.findall(msgid)), msgid


def test_a_stop_signal_is_said_in_korean(capsys, monkeypatch):
    import signal

    from tui.cli import train_gate
    from tui.cli.signals import Stopped

    def stopped(_args):
        raise Stopped(signal.SIGTERM)

    monkeypatch.setattr(train_gate, "run", stopped)
    code, _, err = run(capsys, "--lang", "ko", "train", "gate", "and")
    assert code == 143
    assert err == "nnlab: SIGTERM 신호로 멈춤\n"


def test_ctrl_c_during_training_saves_the_last_epoch_and_says_so_in_japanese(
    tmp_path, capsys, monkeypatch
):
    from tui.cli import train_mnist

    said = []

    def epoch_line(record, epochs):
        if record.epoch == 2:
            raise KeyboardInterrupt
        said.append(record.epoch)
        return f"epoch {record.epoch}"

    monkeypatch.setattr(train_mnist, "epoch_line", epoch_line)
    folder = write_mnist_dir(tmp_path / "mnist", 300, 100, seed=7).directory
    saved = tmp_path / "m.npz"
    argv = ["train", "mnist", "--data-dir", str(folder), "--hidden", "8", "--epochs", "3"]
    code, _, err = run(capsys, "--lang", "ja", *argv, "--save", str(saved))
    # Epoch 2 had finished when Ctrl+C came, as its line was to be printed.
    assert code == 130 and said == [1] and saved.is_file()
    *bars, last = err.splitlines()
    assert bars[0] == f"エポック 1/3 [{'#' * 9}{'.' * 21}]  33%  1/3 バッチ"
    assert re.fullmatch(
        rf"nnlab: エポック 3/3 の途中で中断。エポック 2 \(テストの認識精度 \d\.\d{{4}}\) を "
        rf"{re.escape(str(saved))} に保存した",
        last,
    )
