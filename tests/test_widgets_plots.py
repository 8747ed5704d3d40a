"""LossPlot and AccuracyPlot: empty data, NaN, log axis, legend and update throttling."""

import numpy as np
from textual.app import App, ComposeResult

from tui.widgets import AccuracyPlot, LossPlot
from tui.widgets.accuracy_plot import accuracy_floor
from tui.widgets.throttled_plot import NO_DATA, finite_pairs

INTERVAL = 0.05


class CountingLossPlot(LossPlot):
    """Counts redraws so the throttle is tested by count, not by timing."""

    redraws = 0

    def _redraw(self) -> None:
        self.redraws += 1
        super()._redraw()


class PlotsApp(App):
    def compose(self) -> ComposeResult:
        yield CountingLossPlot(interval=INTERVAL)
        yield AccuracyPlot(interval=INTERVAL)


async def settle(pilot) -> None:
    await pilot.pause(INTERVAL * 3)


def test_finite_pairs_drops_nan_and_inf_in_either_array():
    xs, ys = finite_pairs(np.array([0, 1, 2, np.nan]), np.array([1.0, np.nan, np.inf, 4.0]))
    assert xs.tolist() == [0.0] and ys.tolist() == [1.0]


async def test_empty_plots_show_no_data_message():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        loss = app.query_one(LossPlot)
        loss.set_series(np.array([]), np.array([]))
        await settle(pilot)
        for plot in (loss, app.query_one(AccuracyPlot)):
            assert plot.render().plain.strip() == NO_DATA


async def test_loss_plot_skips_nan_and_uses_a_log_axis_with_legend():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(LossPlot)
        epochs = np.arange(1.0, 21.0)
        values = 2.3 * np.exp(-epochs / 4)
        values[[3, 7]] = np.nan
        loss.set_series(epochs, values, smoothed=values, title="loss", xlabel="step")
        await settle(pilot)
        plain = loss.render().plain
        assert "loss (log scale)  ━ raw  ━ smoothed" in plain
        assert "step" in plain and "nan" not in plain.lower()


async def test_loss_plot_falls_back_to_linear_for_non_positive_values():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(LossPlot)
        loss.set_series(np.arange(3.0), np.array([1.0, 0.0, -1.0]))
        await settle(pilot)
        plain = loss.render().plain
        assert "loss" in plain and "log scale" not in plain


async def test_all_nan_series_counts_as_no_data():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(LossPlot)
        loss.set_series(np.arange(3.0), np.full(3, np.nan))
        await settle(pilot)
        assert loss.render().plain.strip() == NO_DATA


async def test_many_updates_coalesce_into_one_redraw():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(CountingLossPlot)
        await settle(pilot)
        before = loss.redraws
        for step in range(1, 51):
            loss.set_series(np.arange(step, dtype=float), np.linspace(1.0, 0.1, step))
        await settle(pilot)
        assert loss.redraws == before + 1
        assert "loss (log scale)" in loss.render().plain


async def test_accuracy_plot_two_series_with_percent_axis_and_nan():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        accuracy = app.query_one(AccuracyPlot)
        epochs = np.arange(1.0, 11.0)
        train = np.linspace(0.5, 0.98, 10)
        test = train - 0.05
        test[4] = np.nan
        accuracy.set_series(epochs, train, test)
        await settle(pilot)
        plain = accuracy.render().plain
        assert "accuracy  ━ train  ━ test" in plain
        # The lowest point, 45 %, puts the axis's floor at 40 %.
        assert "100%" in plain and "40%" in plain and "30%" not in plain


async def test_accuracy_axis_zooms_to_a_run_above_ninety_percent():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        accuracy = app.query_one(AccuracyPlot)
        accuracy.set_series(np.arange(1.0, 6.0), np.array([0.91, 0.95, 0.97, 0.98, 0.985]))
        await settle(pilot)
        labels = [row.split("┤")[0].strip() for row in accuracy.render().plain.split("\n")]
        ticks = [label for label in labels if label.endswith("%")]
        assert ticks[0] == "100%" and ticks[-1] == "90%"
        assert accuracy_floor(np.array([0.91, 0.93])) == 0.9
        assert accuracy_floor(np.array([0.0, 1.0])) == 0.0
        assert accuracy_floor(np.array([1.0])) == 0.9  # never a zero-height axis


async def test_legend_swatches_take_the_series_colours_from_css():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        accuracy = app.query_one(AccuracyPlot)
        accuracy.set_series(np.arange(3.0), np.array([0.2, 0.5, 0.7]), np.array([0.1, 0.4, 0.6]))
        await settle(pilot)
        text = accuracy.render()
        first_row = text.plain.split("\n")[0]
        swatches = [i for i, c in enumerate(first_row) if c == "━"]
        expected = [
            accuracy.get_component_rich_style(f"accuracy-plot--{name}").color
            for name in ("train", "test")
        ]
        colours = [
            next(s.style.color for s in reversed(text.spans) if s.start <= i < s.end)
            for i in swatches
        ]
        assert colours == expected


async def test_theme_change_redraws_once():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(CountingLossPlot)
        loss.set_series(np.arange(3.0), np.array([1.0, 0.5, 0.2]))
        await settle(pilot)
        before = loss.redraws
        app.theme = "textual-light"
        await settle(pilot)
        assert loss.redraws == before + 1


async def test_hidden_plot_does_not_redraw_and_catches_up_when_shown():
    app = PlotsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        loss = app.query_one(CountingLossPlot)
        await settle(pilot)
        loss.display = False
        await settle(pilot)
        before = loss.redraws
        for step in range(1, 21):
            loss.set_series(np.arange(step, dtype=float), np.linspace(1.0, 0.1, step))
            await pilot.pause(INTERVAL)
        assert loss.redraws == before
        loss.display = True
        await settle(pilot)
        assert loss.redraws == before + 1
        assert "loss (log scale)" in loss.render().plain
