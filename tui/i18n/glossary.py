"""The books' own terms in English, Korean and Japanese (``glossary.tsv``): the Korean
as the Korean edition (밑바닥부터 시작하는 딥러닝) writes them, the Japanese as the original
(ゼロから作るDeep Learning). Every translation that renders an English term uses these."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent / "glossary.tsv"


@cache
def terms() -> list[dict[str, str]]:
    """One ``{"en": …, "ko": …, "ja": …}`` per term, longest English first."""
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line]
    return sorted(rows, key=lambda row: -len(row["en"]))


def terms_in(english: str) -> list[dict[str, str]]:
    """The glossary terms ``english`` uses (a plural ``-s`` too), a longer term hiding the
    shorter ones inside it (``gradient descent`` is not also ``gradient``)."""
    text = english.lower()
    found = []
    for row in terms():
        pattern = rf"(?<![\w-]){re.escape(row['en'])}(?:s|es)?(?![\w-])"
        if re.search(pattern, text):
            found.append(row)
            text = re.sub(pattern, " ", text)
    return found
