"""The translation machinery: choosing the language, reading the .po catalogs, finding
the marked strings, and the checks that keep Korean and Japanese complete."""

from __future__ import annotations

import textwrap

import pytest

import tui.i18n as i18n
from tui.i18n import catalogs, extract, glossary
from tui.i18n.choice import choose_language, language_code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("ko", "ko"),
        ("KO", "ko"),
        ("ko_KR.UTF-8", "ko"),
        ("ja_JP.eucJP", "ja"),
        ("ja-JP", "ja"),
        ("en_US.UTF-8", "en"),
        ("de_DE.UTF-8", None),
        ("C", None),
        ("C.UTF-8", None),
        ("", None),
        ("ko\x1b[31m", None),
    ],
)
def test_language_codes_are_read_from_flags_and_locales(value, code):
    assert language_code(value) == code


def test_flag_then_nnlab_lang_then_locale_then_english():
    env = {"NNLAB_LANG": "ja", "LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}
    assert choose_language("ko", env) == ("ko", None)
    assert choose_language(None, env) == ("ja", None)
    assert choose_language(None, {"LC_ALL": "ko_KR.UTF-8", "LANG": "ja_JP.UTF-8"}) == ("ko", None)
    assert choose_language(None, {"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "ko_KR"}) == ("ja", None)
    assert choose_language(None, {"LANG": "ko_KR.UTF-8"}) == ("ko", None)
    assert choose_language(None, {}) == ("en", None)


def test_the_language_chosen_in_the_app_comes_after_the_flag_and_nnlab_lang():
    env = {"LANG": "ja_JP.UTF-8"}
    assert choose_language(None, env, saved="ko") == ("ko", None)
    assert choose_language("en", env, saved="ko") == ("en", None)
    assert choose_language(None, {**env, "NNLAB_LANG": "ja"}, saved="ko") == ("ja", None)
    assert choose_language(None, env, saved=None) == ("ja", None)


def test_a_locale_without_a_catalog_means_english_silently():
    # LC_ALL decides even though LANG names a language nnlab speaks: POSIX order.
    assert choose_language(None, {"LC_ALL": "de_DE.UTF-8", "LANG": "ko_KR.UTF-8"}) == ("en", None)
    assert choose_language(None, {"LANG": "C"}) == ("en", None)


@pytest.mark.parametrize(
    ("flag", "env", "source"),
    [("fr", {}, "--lang"), (None, {"NNLAB_LANG": "xx\x1b[2J"}, "NNLAB_LANG")],
)
def test_an_unknown_language_asked_for_warns_in_one_line_and_uses_english(flag, env, source):
    code, warning = choose_language(flag, {**env, "LANG": "ko_KR.UTF-8"})
    assert code == "en"
    assert warning.startswith(source) and "en, ko, ja" in warning and "English" in warning
    assert "\n" not in warning and "\x1b" not in warning


@pytest.fixture
def tiny_catalogs(tmp_path, monkeypatch):
    """ko.po and ja.po in a temporary folder, and the app back in English afterwards."""
    monkeypatch.setattr(catalogs, "CATALOG_DIR", tmp_path)
    catalogs.load_catalog.cache_clear()
    yield tmp_path
    catalogs.load_catalog.cache_clear()
    i18n.use_language("en")


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


def write_po(folder, code, body):
    (folder / f"{code}.po").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")


def test_a_chosen_language_translates_and_counts(tiny_catalogs):
    write_po(
        tiny_catalogs,
        "ko",
        """
        msgid "Learning rate"
        msgstr "학습률"

        msgid "{n} epoch"
        msgid_plural "{n} epochs"
        msgstr[0] "{n} 에폭"

        #, fuzzy
        msgid "Accuracy"
        msgstr "정확?"
        """,
    )
    assert i18n._("Learning rate") == "Learning rate"
    i18n.use_language("ko")
    assert i18n.language() == "ko"
    assert i18n._("Learning rate") == "학습률"
    assert i18n.ngettext("{n} epoch", "{n} epochs", 1).format(n=1) == "1 에폭"
    assert i18n.ngettext("{n} epoch", "{n} epochs", 5).format(n=5) == "5 에폭"
    assert i18n._("Accuracy") == "Accuracy"  # a fuzzy guess is not shown, as msgfmt does
    assert i18n._("Not in the catalog") == "Not in the catalog"
    i18n.use_language("en")
    assert i18n.ngettext("{n} epoch", "{n} epochs", 5) == "{n} epochs"


def test_a_catalog_is_parsed_once_then_served_from_the_cache_until_it_changes(
    tiny_catalogs, monkeypatch
):
    write_po(tiny_catalogs, "ko", 'msgid "Learning rate"\nmsgstr "학습률"\n')
    assert catalogs.load_catalog("ko").gettext("Learning rate") == "학습률"
    [cached] = catalogs.cache_folder().glob("ko-*.mo")
    catalogs.load_catalog.cache_clear()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("parsed although the cache holds this catalog")

    with monkeypatch.context() as patched:
        patched.setattr(catalogs, "read_po", no_parsing)
        assert catalogs.load_catalog("ko").gettext("Learning rate") == "학습률"
    catalogs.load_catalog.cache_clear()
    write_po(tiny_catalogs, "ko", 'msgid "Learning rate"\nmsgstr "학습 속도"\n')
    assert catalogs.load_catalog("ko").gettext("Learning rate") == "학습 속도"
    assert not cached.exists()  # the older .mo of the language is dropped


@pytest.mark.parametrize(
    "damage", [b"", b"\xde\x12\x04\x95" + b"\xff" * 40, b"not a catalog at all"]
)
def test_a_damaged_cached_catalog_is_parsed_anew_and_replaced(tiny_catalogs, damage):
    write_po(tiny_catalogs, "ko", 'msgid "Learning rate"\nmsgstr "학습률"\n')
    catalogs.load_catalog("ko")
    [cached] = catalogs.cache_folder().glob("ko-*.mo")
    cached.write_bytes(damage)
    catalogs.load_catalog.cache_clear()
    assert catalogs.load_catalog("ko").gettext("Learning rate") == "학습률"
    assert cached.read_bytes() != damage


def test_a_cache_that_cannot_be_written_costs_only_the_parse(tiny_catalogs, monkeypatch):
    blocked = tiny_catalogs / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(catalogs, "cache_folder", lambda: blocked / "catalogs")
    write_po(tiny_catalogs, "ko", 'msgid "Learning rate"\nmsgstr "학습률"\n')
    assert catalogs.load_catalog("ko").gettext("Learning rate") == "학습률"
    assert list(tiny_catalogs.glob("**/*.part")) == []


def test_an_unknown_language_code_is_refused():
    with pytest.raises(ValueError, match="choose one of en, ko, ja"):
        i18n.use_language("fr")


SOURCE = """
from tui.i18n import N_, _, ngettext

TITLE = N_("Gradient descent")

def status(n, loss):
    first = _("Epoch {epoch}: loss {loss:.4f}").format(epoch=n, loss=loss)
    return first + ngettext("{n} step", "{n} steps", n).format(n=n)
"""


def test_marked_strings_are_found_with_their_places(tmp_path):
    path = tmp_path / "page.py"
    path.write_text(SOURCE, encoding="utf-8")
    found = extract.marked_messages([path])
    assert set(found) == {"Gradient descent", "Epoch {epoch}: loss {loss:.4f}", "{n} step"}
    assert found["{n} step"].plural == "{n} steps"
    assert found["Gradient descent"].places[0].endswith("page.py:4")


def test_text_built_at_run_time_cannot_be_marked(tmp_path):
    path = tmp_path / "bad.py"
    path.write_text('from tui.i18n import _\nname = "x"\n_(f"Hello {name}")\n', encoding="utf-8")
    with pytest.raises(ValueError, match="literal text"):
        extract.marked_messages([path])


def test_catalog_problems_name_each_gap(tiny_catalogs, tmp_path):
    path = tmp_path / "page.py"
    path.write_text(SOURCE, encoding="utf-8")
    messages = extract.marked_messages([path])
    write_po(
        tiny_catalogs,
        "ja",
        """
        #, fuzzy
        msgid "Gradient descent"
        msgstr "勾配法"

        msgid "Epoch {epoch}: loss {loss:.4f}"
        msgstr "エポック {epoch}: 損失 {loss}"

        msgid "{n} step"
        msgid_plural "{n} steps"
        msgstr[0] ""
        """,
    )
    problems = extract.catalog_problems("ja", messages)
    assert problems == [
        "ja: 'Gradient descent' is marked fuzzy",
        "ja: 'Epoch {epoch}: loss {loss:.4f}' has placeholders ['epoch', 'loss']",
        "ja: '{n} step' has no translation",
    ]


def test_updating_adds_new_strings_and_retires_old_ones(tiny_catalogs, tmp_path):
    path = tmp_path / "page.py"
    path.write_text(SOURCE, encoding="utf-8")
    messages = extract.marked_messages([path])
    for code in ("ko", "ja"):
        write_po(
            tiny_catalogs,
            code,
            'msgid "Gradient descent"\nmsgstr "x"\n\nmsgid "Gone"\nmsgstr "y"\n',
        )
    extract.update_catalogs(messages)
    po = catalogs.read_po("ko")
    live = {e.msgid: e for e in po if not e.obsolete}
    assert set(live) == set(messages)
    assert live["Gradient descent"].msgstr == "x"  # a translation already made is kept
    assert live["{n} step"].msgid_plural == "{n} steps"
    assert [e.msgid for e in po.obsolete_entries()] == ["Gone"]
    assert extract.catalog_problems("ko", messages) == [
        "ko: 'Epoch {epoch}: loss {loss:.4f}' has no translation",
        "ko: '{n} step' has no translation",
    ]
    assert not list(tiny_catalogs.glob(".*.part"))


def test_the_glossary_has_every_term_of_the_issue_in_three_languages():
    rows = glossary.terms()
    assert len(rows) == 19
    by_en = {row["en"]: row for row in rows}
    assert by_en["cross-entropy error"] == {
        "en": "cross-entropy error",
        "ko": "교차 엔트로피 오차",
        "ja": "交差エントロピー誤差",
    }
    assert all(row["en"] and row["ko"] and row["ja"] for row in rows)


def test_terms_are_found_longest_first():
    found = [
        row["en"]
        for row in glossary.terms_in("Gradient descent follows the gradients; learning rate 0.1")
    ]
    assert found == ["gradient descent", "learning rate", "gradient"]
    assert glossary.terms_in("epochs and weights") and glossary.terms_in("biased") == []


def test_nnlab_s_own_catalogs_are_complete_and_use_the_glossary():
    messages = extract.marked_messages(extract.source_files())
    for code in ("ko", "ja"):
        assert extract.catalog_problems(code, messages) == []
        for entry in catalogs.read_po(code):
            if entry.obsolete or entry.msgid not in messages:
                continue
            text = " ".join(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
            for term in glossary.terms_in(entry.msgid):
                assert term[code] in text, f"{code}: {entry.msgid!r} should say {term[code]}"


@pytest.fixture
def korean():
    i18n.use_language("ko")
    yield
    i18n.use_language("en")


def test_nncore_s_words_are_explained_in_the_chosen_language(korean, monkeypatch):
    from nncore.text import Phrase, Worded

    said = {
        "{path} is not a model file: {why}": "{path}은(는) 모델 파일이 아니다: {why}",
        "it holds {n} arrays": "배열 {n}개가 들어 있다",
    }
    monkeypatch.setattr(i18n, "_", lambda text: said.get(text, text))

    class ModelError(Worded, ValueError):
        pass

    exc = ModelError(
        "{path} is not a model file: {why}",
        path="m\x1b[2J.npz",
        why=Phrase("it holds {n} arrays", n=3),
    )
    # nncore's own message stays English; the app says the same in Korean, fields filled.
    assert str(exc) == "m\x1b[2J.npz is not a model file: it holds 3 arrays"
    assert i18n.explain(exc) == "m[2J.npz은(는) 모델 파일이 아니다: 배열 3개가 들어 있다"
    assert i18n.explain(ValueError("plain\nwords")) == "plain words"
    assert i18n.explain(KeyError()) == "KeyError"


def test_marks_in_nncore_are_extracted_for_the_catalogs(tmp_path):
    source = tmp_path / "engine.py"
    source.write_text('from nncore.text import N_, Worded\nraise Worded(N_("{n} rows"), n=2)\n')
    assert list(extract.marked_messages([source])) == ["{n} rows"]
    assert any(path.parts[-2:] == ("nncore", "text.py") for path in extract.source_files())


async def test_a_concept_page_speaks_the_chosen_language(korean):
    from test_concept_pages import SIZE, line, open_page, text, type_into

    from tui.app import NNLabApp

    async with NNLabApp().run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "softmax")
        title = text(page, ".concept-title")
        assert title == "소프트맥스: 오버플로와 최댓값 빼기  ·  esc: 과제 목록"
        result = text(page, "#sm-result")
        # The numbers are the book's, whatever the language.
        assert "exp(1010)가 inf로 오버플로한다 (최대 e^709.78): inf/inf = nan" in result
        assert "sum(y) = 1.000000 · argmax(a) = 1, argmax(y) = 1: 그대로" in result
        assert line(page) == "상수를 빼도 출력은 그대로이고 inf만 피한다"
        await type_into(pilot, page, "#sm-input", "1 two")
        assert text(page, "#sm-input-hint") == "↑ a: 공백으로 구분한 숫자만"
        assert line(page) == "흐리게 보이는 결과는 마지막으로 올바르게 입력한 값의 것"


def test_no_marked_module_rebinds_the_translation_function():
    """``for key, _ in …`` in a module that imports ``_`` from tui.i18n would turn the next
    ``_("…")`` in that scope into a call of whatever was unpacked."""
    import ast

    for path in extract.source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "tui.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if imports_it:
            stores = [
                node.lineno
                for node in ast.walk(tree)
                if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
            ]
            assert stores == [], f"{path}: `_` assigned on lines {stores}"


@pytest.mark.parametrize(
    ("said", "korean_text"),
    [
        (ConnectionRefusedError(111, "Connection refused"), "[Errno 111] 연결이 거부되었다"),
        (
            FileNotFoundError(2, "No such file or directory", "m.npz"),
            "[Errno 2] 그런 파일이나 폴더가 없다: 'm.npz'",
        ),
        (ValueError("File is not a zip file"), "zip 파일이 아니다"),
        # Words nnlab does not know stay as they came.
        (OSError(5, "Input/output error"), "[Errno 5] Input/output error"),
        (ValueError("Connection refused twice"), "Connection refused twice"),
    ],
)
def test_the_operating_system_s_known_words_are_translated(korean, said, korean_text):
    from nncore.text import verbatim

    assert i18n.explain(said) == korean_text
    assert i18n.explain(verbatim(str(said))) == korean_text


def test_a_foreign_reason_inside_an_nncore_sentence_is_translated(korean, tmp_path):
    from nncore.io import load_model
    from nncore.model_errors import ModelFileError

    notes = tmp_path / "notes.npz"
    notes.write_text("not a model")
    with pytest.raises(ModelFileError) as caught:  # zipfile's own words are the reason
        load_model(notes)
    assert str(caught.value).endswith("(File is not a zip file)")
    assert i18n.explain(caught.value).endswith("(zip 파일이 아니다)")
