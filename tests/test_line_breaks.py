"""``wrap_cells``: lines measured in terminal cells, Korean broken between words,
Japanese between any two characters but before a closing mark, with an indent after the
first line (a download mirror's reason)."""

from __future__ import annotations

from rich.cells import cell_len

from tui.render.line_breaks import wrap_cells


def test_japanese_breaks_between_characters_but_not_before_a_closing_mark():
    text = "勾配の求め方。numerical はとても遅く、ごく小さなネットワーク向け"
    lines = wrap_cells(text, 20)
    assert len(lines) > 1 and all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "、。" for line in lines)
    assert wrap_cells("とても遅く、ごく", 10) == ["とても遅", "く、ごく"]


def test_korean_breaks_only_between_words():
    text = "기울기를 구하는 방법. numerical은 매우 느리고 아주 작은 신경망용이다"
    lines = wrap_cells(text, 24)
    assert " ".join(lines) == text
    assert all(cell_len(line) <= 24 for line in lines)
    assert lines[0] == "기울기를 구하는 방법."


def test_wrapping_counts_cells_and_breaks_japanese_anywhere_but_before_a_closing_mark():
    reason = "127.0.0.1:9: 接続が拒否されたので、ほかのミラーも試したがどれも応答しなかった"
    lines = wrap_cells(reason, 24, first="  ", rest="    ")
    assert lines == [
        "  127.0.0.1:9: 接続が拒",
        "    否されたので、ほかの",
        "    ミラーも試したがどれ",
        "    も応答しなかった",
    ]
    english = "Could not download train-images-idx3-ubyte.gz from any mirror:"
    assert wrap_cells(english, 40) == [
        "Could not download",
        "train-images-idx3-ubyte.gz from any",
        "mirror:",
    ]


def test_a_word_wider_than_its_room_is_cut_by_the_room_of_each_line():
    lines = wrap_cells("see " + "x" * 30, 10, first="  ", rest="    ")
    assert lines == ["  see", "    xxxxxx", "    xxxxxx", "    xxxxxx", "    xxxxxx", "    xxxxxx"]
    assert wrap_cells("漢字漢字漢字", 5) == ["漢字", "漢字", "漢字"]
