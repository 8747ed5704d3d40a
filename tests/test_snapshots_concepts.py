"""Snapshots of every Concepts page at 80×24 (and the newest at 120×40), after a few keys
(no dataset, no real time)."""

from __future__ import annotations

import itertools

import pytest
from pilot import main_screen_ready, wait_until

from nncore.datasets import DatasetError
from tui.app import NNLabApp
from tui.concepts import batches, gradcheck
from tui.tasks import CONCEPT_TASKS

KEYS = {
    "activations": ("right", "right", "d"),
    "nonlinear": (),
    "arrays": ("tab", "tab", "tab", "tab", "enter"),  # the "2 2 · 3 2" mismatch example
    "forward": ("end",),
    "softmax": (),
    "loss": (),
    "numdiff": (),
    "batches": (),
    "descent": ("right", *("n",) * 8),  # the start moved half a step right, then 8 steps
    "gradcheck": (),
}


@pytest.fixture
def fixed_batches(monkeypatch):
    """The stand-in data (MNIST or not) and a fake clock: one at a time takes 2 s, batches
    of 100 0.1 s and all at once 0.02 s, so the screenshot holds no real timing."""

    def missing(fetcher, **kwargs):
        raise DatasetError("no MNIST here")

    ticks = itertools.chain([0.0, 2.0, 2.0, 2.1, 2.1, 2.12], itertools.repeat(2.12))
    monkeypatch.setattr(batches.MnistFetcher, "load", missing)
    monkeypatch.setattr(batches, "clock", lambda: next(ticks))
    # Gradient check: backprop takes 0.02 s, the numerical gradient 1.5 s.
    grad_ticks = itertools.chain([0.0, 0.02, 0.02, 1.52], itertools.repeat(1.52))
    monkeypatch.setattr(gradcheck, "clock", lambda: next(grad_ticks))


def opener(key: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        app.animation_level = "none"
        await main_screen_ready(pilot)
        task = next(t for t in CONCEPT_TASKS if t.key == key)
        await app.screen.open_task(task)
        await pilot.pause(0.1)
        page = app.screen.query_one(f"#{task.id}")
        if key == "batches":
            await wait_until(pilot, lambda: page.data is not None and not page.timing)
        if key == "gradcheck":
            await wait_until(pilot, lambda: len(page.results) == 2, what="both gradients")
        await pilot.press(*KEYS[key])
        for field in app.screen.query("Input"):
            field.cursor_blink = False  # a blinking cursor would make the screenshot random
        await pilot.pause(0.4)  # the plots redraw on a 0.1 s timer

    return run_before


def test_every_page_has_a_snapshot():
    assert set(KEYS) == {t.key for t in CONCEPT_TASKS}


@pytest.mark.parametrize("key", list(KEYS))
def test_concept_page_at_80x24(snap_compare, fixed_batches, key):
    assert snap_compare(NNLabApp(), terminal_size=(80, 24), run_before=opener(key))


def test_gradient_check_at_120x40(snap_compare, fixed_batches):
    assert snap_compare(NNLabApp(), terminal_size=(120, 40), run_before=opener("gradcheck"))


@pytest.mark.parametrize("key", ["forward", "descent"])
def test_concept_page_at_120x40(snap_compare, fixed_batches, key):
    assert snap_compare(NNLabApp(), terminal_size=(120, 40), run_before=opener(key))
