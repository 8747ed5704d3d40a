"""Finds English left in a screen that should speak Korean or Japanese: two or more English
words in a row that are not names or code.

A line is cut into tokens: runs of printable ASCII (and ``’``) between spaces and other
characters. Tokens follow each other only across spaces: a Korean or Japanese character,
a frame line or a ``·`` between two English words stops the run, so ``softmax는 먼저``
or ``AND · 에폭`` never count. A token is an English word when, without the punctuation
around it, it is ASCII letters (≥ 2, apostrophes and hyphens inside allowed) and not:

- a name (``MNIST``, ``ReLU``, ``Adam``; any all-capital or camel-case token counts as one),
- a key name (``space``, ``esc``, ``PgUp``; ``ctrl+p`` is code),
- code: a token with a digit or one of ``_ . ( ) [ ] { } = / + * < > | \\ # ~ `` ` ``,
  one starting with ``-`` (``--hidden``), or a name of the book's or NumPy's functions
  (``softmax``, ``sigmoid``, ``nan``).

What the book prints (``Epoch: 100, loss: …``, ``train acc, test acc | …``) and an
``nnlab`` command line (``nnlab train gate xor --hidden 0``) are taken out of the line
first. One-letter tokens are math or keys (``x``, ``W``, ``n``) and stop a run, except
the words ``a`` and ``I``, which neither count nor stop one (``Draw a digit`` is English).
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAMES = _words(
    "MNIST XOR AND OR NAND ReLU NumPy SGD Adam AdaGrad RMSprop Momentum PyTorch "
    "nnlab He Xavier Gaussian Python Textual OpenBLAS BLAS SVG TOML SSH"
)
"""Proper names kept in every language (as the issue says), spelled as they are written."""
KEYS = _words(
    "space esc escape tab enter home end pgup pgdn pageup pagedown backspace ctrl shift alt"
)
"""Key names as footers and help write them, compared without case."""
CODE_WORDS = _words(
    "softmax sigmoid relu tanh argmax exp log max sum inf nan np numpy nncore dtype lr "
    "sgd momentum adagrad adam xavier he"
)
"""Function and value names of the book's code and of NumPy, and the values of
``--optimizer`` and ``--init`` (``sgd lr 0.1``), written in lower case."""
CODE_CHARS = frozenset("0123456789_.()[]{}=/+*<>|\\#~`@$%^&")
TRANSPARENT = frozenset({"a", "I"})
BOOK_PRINTS = (
    re.compile(r"Epoch: \d+"),
    re.compile(r"\bloss: \S+(?:, Weights: .*?, Bias: \S.*)?"),
    re.compile(r"train acc, test acc \|[\d., ]*"),
)
"""What the book's loops print, kept as the book prints it in every language."""
COMMAND_LINE = re.compile(
    r"(?<![A-Za-z0-9_])nnlab(?:[ \t]+(?:train|eval|data|bench|run|--?[A-Za-z][\w-]*)(?![\w-])"
    r"(?:[ \t]+[!-~]+)*)"
)
"""``nnlab`` followed by a subcommand or an option, and the ASCII that goes on from it."""
TOKEN = re.compile(r"[!-~’]+")
OPENING = "([{\"'“‘`"
CLOSING = ".,;:!?)]}\"'”’…`"
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
BREAK = "\x00"


def _without_allowed_spans(line: str) -> str:
    for pattern in (*BOOK_PRINTS, COMMAND_LINE):
        line = pattern.sub(f" {BREAK} ", line)
    return line


def _kind(token: str) -> str:
    """``"word"``, ``"transparent"`` or ``"other"`` (a name, a key, code, a number)."""
    core = token.lstrip(OPENING).rstrip(CLOSING)
    if not core or any(char in CODE_CHARS for char in core) or core.startswith("-"):
        return "other"
    if core in TRANSPARENT:
        return "transparent"
    if not WORD.fullmatch(core) or sum(char.isalpha() for char in core) < 2:
        return "other"
    if core in NAMES or core.lower() in KEYS or core in CODE_WORDS:
        return "other"
    if core.isupper() or any(char.isupper() for char in core[1:]):
        return "other"  # an acronym (ETA, PSS) or a camel-case name (TwoLayerNet)
    return "word"


def english_runs(line: str) -> list[str]:
    """Each run of two or more English words in ``line``, as it is written there."""
    line = _without_allowed_spans(line)
    runs: list[str] = []
    words: list[re.Match] = []
    last_end = 0

    def close() -> None:
        if len(words) >= 2:
            runs.append(line[words[0].start() : words[-1].end()].strip(CLOSING + OPENING))
        words.clear()

    for match in TOKEN.finditer(line):
        between = line[last_end : match.start()]
        last_end = match.end()
        if between.strip(" "):
            close()  # another script, a frame line or a separator stands between
        kind = _kind(match.group())
        if kind == "word":
            words.append(match)
        elif kind == "other":
            close()
    close()
    return runs


def english_left(lines: list[str]) -> list[tuple[str, str]]:
    """``(line, run)`` for each English run in ``lines``."""
    return [(line, run) for line in lines for run in english_runs(line)]
