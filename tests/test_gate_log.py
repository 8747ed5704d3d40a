"""The gate Log pane: the book's lines verbatim, each after nnlab's epoch for the same
weights, and a last line for the final epoch."""

from __future__ import annotations

import re

from book_gate_loop import book_gate_epochs
from pilot import settle
from textual.widgets import RichLog

from nncore.gates import book_epoch
from tui.app import NNLabApp

OURS = re.compile(r"^epoch (\d+) │ (.*)$")


async def trained_log(downs: int, monkeypatch) -> tuple[list[str], object]:
    """The lines written to the Log (before wrapping) after a full run of a task."""
    written: list[str] = []
    write = RichLog.write

    def spy(self, content, *args, **kwargs):
        if self.id == "log":
            written.append(str(content))
        return write(self, content, *args, **kwargs)

    monkeypatch.setattr(RichLog, "write", spy)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("home", *["down"] * downs, "enter")
        await pilot.pause()
        await pilot.press("space")
        await settle(pilot)
        return written, app.screen.workbench


def book_and_lines() -> list[str]:
    return [
        f"Epoch: {epoch}, loss: {loss}, Weights: {W}, Bias: {b}"
        for epoch, W, b, _, loss in book_gate_epochs("and")
        if epoch % 100 == 0
    ]


async def test_and_log_is_the_books_lines_after_our_epoch(monkeypatch):
    lines, bench = await trained_log(0, monkeypatch)
    entries = [OURS.match(line) for line in lines if OURS.match(line)]
    book = [m.group(2) for m in entries if m.group(2).startswith("Epoch: ")]
    assert book == book_and_lines()
    ours = [int(m.group(1)) for m in entries if m.group(2).startswith("Epoch: ")]
    # The book's Epoch: 0 is printed after the first update: our epoch 1.
    assert ours == list(range(1, 1000, 100))
    final = entries[-1]
    assert final.group(1) == "1000"
    assert final.group(2).startswith(f"Final epoch 1000, loss: {bench.records[-1].loss}")


async def test_xor_log_prints_epoch_100_after_the_hundredth_update(monkeypatch):
    lines, bench = await trained_log(4, monkeypatch)
    entries = [OURS.match(line) for line in lines if OURS.match(line)]
    book = [(int(m.group(1)), m.group(2)) for m in entries if m.group(2).startswith("Epoch: ")]
    assert [ours for ours, _ in book] == list(range(100, 1001, 100))
    for ours, text in book:
        assert text.startswith(f"Epoch: {ours}, loss: {bench.records[ours - 1].loss}")
    assert entries[-1].group(2).startswith("Final epoch 1000")


def test_book_epoch_numbering():
    assert [book_epoch(n, True) for n in (1, 2, 100, 101)] == [0, None, None, 100]
    assert [book_epoch(n, False) for n in (1, 99, 100, 200)] == [None, None, 100, 200]
