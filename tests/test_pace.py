"""The training pace: the pacer's waits on a fake clock, the runner calling it at every
step, and ``-``/``+`` in the app (its state and status line, never elapsed time)."""

from __future__ import annotations

import threading

from pilot import settle, wait_until
from test_training_runner import Recorder, RunnerApp, xor_runner

from tui.app import NNLabApp
from tui.training.messages import EpochsFinished, TrainingProgress
from tui.training.pace import PACES, SLICE, Pacer, next_pace, pace_label


class FakeClock:
    """A clock that moves only when the pacer sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_steps_are_spaced_one_over_the_pace_in_short_slices():
    clock = FakeClock()
    pacer = Pacer(clock, clock.sleep)
    for _ in range(3):
        pacer.wait(3, lambda: False)
    assert abs(clock.now - 101.0) < 1e-9  # three steps at 3 a second: one second
    assert max(clock.sleeps) <= SLICE  # never one long sleep a pause would wait out


def test_time_a_step_took_counts_towards_its_wait_and_late_steps_do_not_burst():
    clock = FakeClock()
    pacer = Pacer(clock, clock.sleep)
    pacer.wait(10, lambda: False)  # due at 100.1
    clock.now += 0.04  # the next step took 40 ms
    before = clock.now
    pacer.wait(10, lambda: False)
    assert abs(clock.now - before - 0.06) < 1e-9
    clock.now += 5.0  # a step that took far longer than 0.1 s
    before = clock.now
    pacer.wait(10, lambda: False)
    assert abs(clock.now - before - 0.1) < 1e-9  # a full interval, not zero catch-up


def test_a_cancelled_wait_returns_after_at_most_one_slice():
    clock = FakeClock()
    pacer = Pacer(clock, clock.sleep)
    pacer.wait(1, lambda: len(clock.sleeps) >= 1)  # cancelled during the first sleep
    assert clock.sleeps == [SLICE]


def test_full_speed_never_sleeps():
    clock = FakeClock()
    pacer = Pacer(clock, clock.sleep)
    for _ in range(5):
        pacer.wait(None, lambda: False)
    assert clock.sleeps == []


def test_minus_and_plus_walk_the_paces_and_stop_at_either_end():
    assert next_pace(None, faster=False) == 300
    assert next_pace(300, faster=True) is None
    assert next_pace(None, faster=True) is None
    assert next_pace(1, faster=False) == 1
    pace, seen = None, []
    for _ in range(len(PACES)):
        pace = next_pace(pace, faster=False)
        seen.append(pace)
    assert seen == [300, 100, 30, 10, 3, 1, 1]
    assert pace_label(10, "epochs") == "10 epochs/s"
    assert pace_label(None, "epochs") == "full speed"


class CountingPacer(Pacer):
    """Counts waits and lets the test hold the worker inside one."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[float | None] = []
        self.inside = threading.Event()

    def wait(self, pace, cancelled) -> None:
        self.calls.append(pace)
        self.inside.set()
        while not cancelled():
            threading.Event().wait(0.005)


async def test_the_runner_waits_after_each_step_shows_it_and_pauses_at_once():
    app = RunnerApp()
    async with app.run_test() as pilot:
        recorder = app.query_one(Recorder)
        pacer = CountingPacer()
        runner = xor_runner(recorder, 1000, pace=1, pacer=pacer)
        assert runner.start("run")
        await wait_until(pilot, pacer.inside.is_set, what="the first wait")
        # The epoch is on show while the worker waits: no progress interval held it back.
        await wait_until(pilot, lambda: recorder.of(EpochsFinished), what="epoch 1 posted")
        assert recorder.of(TrainingProgress)[-1].epoch == 1
        runner.pause()
        await settle(pilot)
        assert runner.trainer.epoch == 1 and pacer.calls == [1]


async def test_a_single_step_never_waits():
    app = RunnerApp()
    async with app.run_test() as pilot:
        pacer = CountingPacer()
        runner = xor_runner(app.query_one(Recorder), 1000, pace=1, pacer=pacer)
        assert runner.start("epoch")
        await settle(pilot)
        assert runner.trainer.epoch == 1 and pacer.calls == []


async def test_minus_and_plus_set_the_pace_shown_in_the_status_line():
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        workbench = app.screen.workbench
        status = workbench.query_one("#wb-status")
        assert "/s" not in str(status.render())  # full speed goes without saying
        await pilot.press("minus", "minus", "minus")
        assert workbench.runner.pace == 30
        assert "30 epochs/s" in str(status.render())
        await pilot.press("plus")
        assert workbench.runner.pace == 100
        assert "100 epochs/s" in str(status.render())
        await pilot.press("r")  # a new runner keeps the pace
        assert workbench.runner.pace == 100
        await pilot.press("plus", "plus")
        assert workbench.runner.pace is None
        assert "/s" not in str(status.render())


async def typed_stop_at(pilot, text: str):
    """The AND workbench after ``text`` was typed into Settings' stop-at field."""
    await pilot.app.screen.wait_for_first_task()
    workbench = pilot.app.screen.workbench
    await pilot.press("4")
    field = workbench.query_one("#hp-stop_at")
    field.focus()
    field.value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()
    return workbench


async def test_stop_at_epoch_from_settings_pauses_a_run_there_once():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        workbench = await typed_stop_at(pilot, "100")
        assert workbench.applied.stop_at == 100
        app.screen.query_one("#chooser").focus()  # out of the field, which takes space
        await pilot.press("space")
        await settle(pilot)
        assert workbench.runner.trainer.epoch == 100
        line = str(workbench.query_one("#wb-line").render())
        assert "Stopped at epoch 100" in line
        await pilot.press("space")  # past the stop, the run goes on to its 1000 epochs
        await settle(pilot)
        assert workbench.runner.trainer.epoch == 1000


async def test_a_stop_typed_wrong_is_not_applied():
    for text in ("x1", "0", "9" * 40):
        app = NNLabApp()
        async with app.run_test(size=(120, 40)) as pilot:
            workbench = await typed_stop_at(pilot, text)
            assert workbench.applied.stop_at == 0, text
            assert "not applied" in str(workbench.query_one("#hp-error-stop_at").render())
