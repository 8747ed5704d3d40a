"""``--lang`` on ``nnlab`` and every subcommand, and the order the language is chosen in."""

from __future__ import annotations

import pytest

import tui.i18n as i18n
from tui.cli.main import build_parser, every_parser, language_flag, main, opens_the_app


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["--lang", "ko", "data", "info"], "ko"),
        (["data", "info", "--lang=ja"], "ja"),
        (["--lang", "ko", "train", "gate", "xor", "--lang", "ja"], "ja"),
        (["run", "script.py", "--", "--lang", "ko"], None),
        (["--lang"], None),
        ([], None),
    ],
)
def test_the_flag_is_read_anywhere_before_a_lone_double_dash(argv, flag):
    assert language_flag(argv) == flag


def test_every_subcommand_takes_the_flag():
    parsers = list(every_parser(build_parser()))
    assert len(parsers) > 8  # nnlab, train gate/mnist, eval, data info/…, bench, run
    for parser in parsers:
        assert any("--lang" in a.option_strings for a in parser._actions), parser.prog


def test_the_flag_chooses_the_language_of_a_headless_command(tmp_path, capsys):
    assert main(["data", "info", "--data-dir", str(tmp_path), "--lang", "ja"]) == 0
    assert i18n.language() == "ja"


def test_an_unknown_language_is_one_line_then_english(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("NNLAB_LANG")
    assert main(["--lang", "tlh", "data", "info", "--data-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0] == (
        "nnlab: --lang 'tlh' is not a language nnlab speaks: choose en, ko, ja; using English"
    )
    assert i18n.language() == "en"


def test_the_language_chosen_in_the_app_applies_unless_the_flag_or_nnlab_lang_says_other(
    tmp_path, monkeypatch
):
    (tmp_path / "nnlab").mkdir()
    (tmp_path / "nnlab" / "config.toml").write_text('language = "ko"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("NNLAB_LANG", raising=False)
    data = ["data", "info", "--data-dir", str(tmp_path)]
    main(data)
    assert i18n.language() == "ko"
    main(["--lang", "en", *data])
    assert i18n.language() == "en"
    monkeypatch.setenv("NNLAB_LANG", "ja")
    main(data)
    assert i18n.language() == "ja"


@pytest.mark.parametrize(
    ("argv", "app"),
    [
        ([], True),
        (["--no-config"], True),
        (["--lang", "ko"], True),
        (["--lang=ja", "--no-config"], True),
        (["--lang"], False),  # the parser says what is missing
        (["--help"], False),
        (["data", "info"], False),
        (["--lang", "ko", "train", "gate", "and"], False),
        (["--colour"], False),
    ],
)
def test_only_the_app_s_own_options_open_the_app_without_the_parser(argv, app):
    assert opens_the_app(argv) is app


def test_the_app_opens_without_loading_the_subcommands(monkeypatch):
    from fresh_interpreter import modules_loaded_by

    loaded = modules_loaded_by(
        "import tui.app, tui.cli.main\n"
        "tui.app.run_app = lambda config, notice: 0\n"
        "assert tui.cli.main.main(['--lang', 'ko', '--no-config']) == 0"
    )
    assert "tui.app" in loaded
    assert not {"tui.cli.commands", "tui.cli.train", "tui.cli.data"} & loaded
