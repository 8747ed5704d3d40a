"""The MNIST workbench on a tiny synthetic MNIST (600 train / 200 test), keys only."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import eventually, settle, wait_until
from textual.geometry import Region

from nncore.presets import predict_test
from tui.app import NNLabApp
from tui.tasks import Task
from tui.widgets.confusion_matrix import ConfusionMatrix, worst_confusions
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.digit_tiles import THUMB_SIDE, TILE_HEIGHT, TILE_WIDTH, thumbnails, tile_label
from tui.widgets.loss_plot import LossSmoother
from tui.widgets.mnist_status import MnistStatus, ThroughputMeter, clock_text
from tui.widgets.probability_bars import ProbabilityBars
from tui.workbenches.mnist import MnistWorkbench

BOOK = Task("mnist", "book", "book")


async def open_mnist(app, pilot) -> MnistWorkbench:
    await app.screen.open_task(BOOK)
    await settle(pilot)
    bench = app.screen.workbench
    assert isinstance(bench, MnistWorkbench) and bench.data is not None
    return bench


def shown_predictions(bench: MnistWorkbench, epoch: int):
    data = bench.data
    return predict_test(bench.runner.network_at(epoch), data.x_test, data.t_test)


async def test_loads_then_one_epoch_updates_every_pane(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        assert len(bench.data.x_train) == 600
        await pilot.press("n")
        await settle(pilot)
        trainer = bench.runner.trainer
        assert trainer.epoch == 1 and trainer.steps == 6
        record = trainer.history.epochs[0]
        await pilot.press("3")  # a pane catches up with training when it is shown
        matrix = bench.query_one(ConfusionMatrix).matrix
        assert matrix.sum() == 200
        # The confusion matrix and the trainer agree on the test accuracy, exactly.
        assert np.trace(matrix) / 200 == record.test_acc
        expected = shown_predictions(bench, 1)
        assert np.array_equal(bench.query_one(ConfusionMatrix).matrix, expected.confusion)
        figures = bench.query_one(MnistStatus).figures
        assert figures.step == 6 and figures.grad_method == "backprop"


async def test_pause_rewind_and_resume(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("3", "space")  # the confusion pane follows training and rewinds
        await wait_until(pilot, lambda: bench.runner.trainer.epoch >= 3)
        await pilot.press("space")
        await settle(pilot)
        assert not bench.runner.running
        last = bench.runner.trainer.epoch
        await pilot.press("escape", "left")  # the matrix gives the arrows back to the epochs
        assert bench.runner.viewed_epoch == last - 1
        expected = shown_predictions(bench, last - 1)
        assert np.array_equal(bench.query_one(ConfusionMatrix).matrix, expected.confusion)
        await pilot.press("right")
        assert bench.runner.viewed_epoch is None
        await pilot.press("left", "left", "n")
        await settle(pilot)
        trainer = bench.runner.trainer
        assert trainer.epoch == last - 1  # resumed from last - 2, then one epoch
        assert [r.epoch for r in trainer.history.epochs] == list(range(1, last))
        assert np.array_equal(
            bench.query_one(ConfusionMatrix).matrix, shown_predictions(bench, last - 1).confusion
        )


async def test_gallery_mistakes_paging_and_selection(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("2")  # the digits pane focuses the gallery
        gallery = bench.query_one(DigitGallery)
        assert gallery.has_focus and gallery.selected == 0
        predicted = shown_predictions(bench, 1).predicted
        labels = bench.data.t_test

        await pilot.press("down", "down")
        assert gallery.selected == 2
        bars = bench.query_one(ProbabilityBars)
        probs = bench.runner.network_at(1).predict(bench.data.x_test[2:3])[0]
        assert np.allclose(bars.probs, probs) and bars.true_label == labels[2]

        page = gallery.page_size
        await pilot.press("right_square_bracket")
        assert gallery.selected == 2 + page
        await pilot.press("left_square_bracket")
        assert gallery.selected == 2

        await pilot.press("m")
        assert gallery.mistakes_only
        wrong = np.flatnonzero(predicted != labels)
        assert gallery.selected == wrong[np.searchsorted(wrong, 2)]
        await pilot.press("end")
        assert gallery.selected == wrong[-1]
        await pilot.press("m")
        assert not gallery.mistakes_only and gallery.selected == wrong[-1]


async def test_gallery_shows_the_latest_predictions_hidden_or_visible(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        gallery = bench.query_one(DigitGallery)
        labels = bench.data.t_test

        def assert_shows(epoch: int) -> None:
            predicted = shown_predictions(bench, epoch).predicted
            columns = (gallery.content_size.width + 1) // TILE_WIDTH
            screen = [s.text for s in gallery.render_lines(Region(0, 0, *gallery.outer_size))]
            for row in range(gallery.page_size // columns):
                tiles = range(row * columns, (row + 1) * columns)
                expected = " ".join(
                    tile_label(int(labels[i]), int(predicted[i])).ljust(THUMB_SIDE) for i in tiles
                )
                assert expected in screen[(row + 1) * TILE_HEIGHT], (epoch, row)

        await pilot.press("n")  # trained while the curves pane is on show
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert_shows(1)
        for epoch in (2, 3):  # and while the gallery is
            await pilot.press("n")
            await settle(pilot)
            assert_shows(epoch)


async def test_quit_during_training_exits_promptly(tiny_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_mnist(app, pilot)
        bench.runner.epochs = 100_000  # far more than the test could ever wait for
        await pilot.press("space")
        await wait_until(pilot, lambda: bench.runner.trainer.steps > 0)
        assert bench.runner.running
        await pilot.press("q")
    # Quitting cancelled the worker, which stops at its next step: no clock involved.
    assert eventually(lambda: not bench.runner.running)
    assert bench.runner.trainer.epoch < bench.runner.epochs


def test_thumbnails_crop_and_pool():
    images = np.zeros((1, 28, 28))
    images[0, 2:4, 2:4] = 1.0  # the first 2×2 block inside the cropped margin
    thumbs = thumbnails(images)
    assert thumbs.shape == (1, 12, 12)
    assert thumbs[0, 0, 0] == 1.0 and thumbs.sum() == 1.0


def test_tile_labels_say_right_wrong_or_unknown():
    assert tile_label(7, 7) == "7 ✓"
    assert tile_label(3, 8) == "8 ✗ true 3"
    assert tile_label(7, None) == "true 7"


def test_worst_confusions_names_the_largest_off_diagonal_counts():
    matrix = np.diag([5] * 10)
    matrix[4, 9], matrix[7, 2] = 23, 19
    assert worst_confusions(matrix) == "most confused: 4→9 ×23, 7→2 ×19"
    assert worst_confusions(np.diag([5] * 10)) == "no mistakes on the test set"


def test_loss_smoother_follows_a_rewind():
    smoother = LossSmoother(0.5)
    raw, smoothed = smoother.update([4.0, 2.0, 1.0])
    assert raw.tolist() == [4.0, 2.0, 1.0]
    # Bias-corrected: the first value is itself, then (0.5·2 + 0.5·4·0.5)/(1 − 0.25).
    full = smoothed.copy()
    assert full[0] == 4.0 and full[1] == (0.5 * 2.0 + 0.25 * 4.0) / 0.75
    assert smoother.update([4.0, 2.0])[1][-1] == full[1]
    assert np.allclose(smoother.update([4.0, 2.0, 1.0])[1], full)


def test_loss_smoother_cut_then_regrown_history_matches_a_fresh_one():
    losses = list(np.linspace(3.0, 0.5, 3000))  # more than the first buffer holds
    smoother = LossSmoother()
    smoother.update(losses[:2500])
    smoother.cut(1000)  # a resume from the epoch that ended at step 1000
    regrown = losses[:1000] + [x / 2 for x in losses[1000:]]
    raw, smoothed = smoother.update(regrown)
    fresh_raw, fresh_smoothed = LossSmoother().update(regrown)
    assert raw.tolist() == fresh_raw.tolist()
    assert np.allclose(smoothed, fresh_smoothed, rtol=1e-12)


def test_throughput_meter_and_clock_text():
    now = [0.0]
    meter = ThroughputMeter(window=3.0, clock=lambda: now[0])
    assert meter.record(0) is None
    now[0] = 2.0
    assert meter.record(1000) == 500.0
    assert clock_text(7) == "0:07" and clock_text(3723) == "1:02:03"


async def test_loss_plot_gets_the_history_thinned_to_its_width(tiny_mnist):
    from tui.widgets.loss_plot import LossPlot
    from tui.widgets.mnist_curves import POINTS_PER_CELL

    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        bench = await open_mnist(app, pilot)
        bench.runner.set_batch_size(1)  # 600 steps: more than the plot has room for
        await pilot.press("n")
        await settle(pilot)
        plot = bench.query_one(LossPlot)
        (steps, raw), (_, smoothed) = plot.series["raw"], plot.series["smoothed"]
        room = POINTS_PER_CELL * plot.size.width
        assert room / 2 < len(steps) <= room
        losses = bench.runner.trainer.history.step_losses
        assert len(losses) == 600 and steps[0] == 1 and steps[-1] <= 600
        picked = steps.astype(int) - 1
        assert raw.tolist() == [losses[i] for i in picked]
        assert np.array_equal(smoothed, LossSmoother().update(losses)[1][picked])


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 2), ((120, 40), 1)])
async def test_every_footer_key_is_on_screen(tiny_mnist, size, rows):
    from textual.widgets._footer import FooterKey

    from tui.widgets.key_footer import KeyFooter

    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        bench = await open_mnist(app, pilot)
        await pilot.press("2")  # the digits pane adds ↑↓, [ ] and m to the footer
        await pilot.pause(0.2)
        keys = list(app.screen.query(FooterKey))
        assert {"move(-1)", "page(-1)", "toggle_mistakes", "quit", "help"} <= {
            key.action for key in keys
        }
        screen = Region(0, 0, *size)
        assert all(screen.contains_region(key.region) for key in keys)
        assert app.screen.query_one(KeyFooter).size.height == rows
        await pilot.press("1")  # back to fewer keys: one row again
        await pilot.pause(0.2)
        assert app.screen.query_one(KeyFooter).size.height == 1
        assert bench.query_one(MnistStatus).region.height == 1
