"""TrainingRunner without the full app: throttled messages, cancellation, rewind, divergence."""

from __future__ import annotations

import time

import numpy as np
from pilot import settle
from textual.app import App, ComposeResult
from textual.widget import Widget

from nncore.gates import default_preset
from tui.training.messages import EpochsFinished, TrainingProgress, TrainingStarted, TrainingStopped
from tui.training.runner import TrainingRunner


class Recorder(Widget):
    """Keeps every training message it receives."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def on_training_started(self, message: TrainingStarted) -> None:
        self.messages.append(message)

    def on_training_progress(self, message: TrainingProgress) -> None:
        self.messages.append(message)

    def on_epochs_finished(self, message: EpochsFinished) -> None:
        self.messages.append(message)

    def on_training_stopped(self, message: TrainingStopped) -> None:
        self.messages.append(message)

    def of(self, kind) -> list:
        return [m for m in self.messages if isinstance(m, kind)]


class RunnerApp(App):
    def compose(self) -> ComposeResult:
        yield Recorder()


def xor_runner(recorder: Recorder, epochs: int, **kwargs) -> TrainingRunner:
    return TrainingRunner(recorder, default_preset("xor").trainer(), epochs=epochs, **kwargs)


async def test_progress_is_throttled_and_no_epoch_is_lost():
    app = RunnerApp()
    async with app.run_test() as pilot:
        recorder = app.query_one(Recorder)
        runner = xor_runner(recorder, 3000)
        started = time.monotonic()
        assert runner.start("run")
        await settle(pilot)
        seconds = time.monotonic() - started
        progress = recorder.of(TrainingProgress)
        # At most ten a second, plus the final one sent on stopping.
        assert len(progress) <= seconds * 10 + 2
        epochs = [r.epoch for m in recorder.of(EpochsFinished) for r in m.records]
        assert epochs == list(range(1, 3001))
        assert recorder.of(TrainingStopped)[-1].reason == "finished"
        assert progress[-1].epoch == 3000


async def test_pause_cancels_within_a_step():
    app = RunnerApp()
    async with app.run_test() as pilot:
        recorder = app.query_one(Recorder)
        runner = xor_runner(recorder, 10_000_000)
        runner.start("run")
        await pilot.pause(0.2)
        assert runner.running
        runner.pause()
        await settle(pilot)
        assert not runner.running
        assert recorder.of(TrainingStopped)[-1].reason == "paused"
        stopped_at = runner.trainer.epoch
        await pilot.pause(0.2)
        assert runner.trainer.epoch == stopped_at


async def test_start_refuses_while_running_and_modes_stop_where_they_should():
    app = RunnerApp()
    async with app.run_test() as pilot:
        runner = xor_runner(app.query_one(Recorder), 5)
        assert runner.start("epoch")
        assert not runner.start("epoch")  # busy
        await settle(pilot)
        assert runner.trainer.epoch == 1
        runner.start("batch")
        await settle(pilot)
        assert runner.trainer.epoch == 2
        runner.start("run")
        await settle(pilot)
        assert runner.trainer.epoch == 5
        assert not runner.start("run")  # target reached


async def test_resume_from_a_viewed_epoch_restores_it():
    app = RunnerApp()
    async with app.run_test() as pilot:
        recorder = app.query_one(Recorder)
        runner = xor_runner(recorder, 10)
        runner.start("run")
        await settle(pilot)
        assert runner.view(4) == 4
        assert runner.trainer.epoch == 10  # viewing drops nothing
        assert runner.view(99) == 10 and runner.viewed_epoch is None
        runner.view(4)
        runner.start("epoch")
        await settle(pilot)
        assert recorder.of(TrainingStarted)[-1].resumed_from == 4
        assert runner.trainer.epoch == 5
        assert len(runner.trainer.history.epochs) == 5
        # What a listener rebuilds from the progress messages alone is the trainer's
        # history: every step's loss once, the dropped ones replaced.
        losses: list[float] = []
        for message in recorder.of(TrainingProgress):
            assert message.first_step <= len(losses)  # no gap
            losses[message.first_step :] = message.losses
        assert losses == runner.trainer.history.step_losses and len(losses) == 5


def test_network_at_is_a_copy_of_the_same_shape():
    for trainer in (default_preset("xor").trainer(), default_preset("xor", 0).trainer()):
        runner = TrainingRunner(Recorder(), trainer, epochs=1)
        copy = runner.network_at(0)
        assert type(copy) is type(trainer.network) and copy.sizes == trainer.network.sizes
        assert copy.params.keys() == trainer.network.params.keys()
        for key, value in copy.params.items():
            assert np.array_equal(value, trainer.network.params[key])
            assert value is not trainer.network.params[key]


async def test_divergence_stops_with_a_message():
    app = RunnerApp()
    async with app.run_test() as pilot:
        recorder = app.query_one(Recorder)
        runner = xor_runner(recorder, 1000)
        runner.trainer.network.params["W1"][...] = float("nan")
        runner.start("run")
        await settle(pilot)
        stopped = recorder.of(TrainingStopped)[-1]
        assert stopped.reason == "diverged"
        assert "diverged" in stopped.detail
        assert not runner.running
