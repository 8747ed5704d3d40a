"""DigitGallery, DigitDetail and ConfusionNote: after an epoch, only what changed is drawn
again, and the screen still shows the latest predictions."""

from __future__ import annotations

import numpy as np
from pilot import OneWidgetApp
from textual.geometry import Region

from tui.widgets import digit_tiles
from tui.widgets.confusion_matrix import ConfusionNote
from tui.widgets.digit_detail import DigitDetail
from tui.widgets.digit_gallery import DigitGallery
from tui.widgets.digit_tiles import THUMB_SIDE, TILE_HEIGHT, TILE_WIDTH, tile_label
from tui.widgets.digit_view import DigitView
from tui.widgets.probability_bars import ProbabilityBars


class CountingGallery(DigitGallery):
    """Records which content lines Textual asks it to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[int] = []

    def render_line(self, y: int):
        self.drawn.append(y)
        return super().render_line(y)


def gallery_app() -> OneWidgetApp:
    return OneWidgetApp(CountingGallery, "CountingGallery { border: round white; }")


def some_digits(n: int = 60) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((n, 28, 28)), rng.integers(0, 10, n)


def screen_lines(gallery: DigitGallery) -> list[str]:
    """The gallery's lines as the screen has them (repainted or cached), border included."""
    return [strip.text for strip in gallery.render_lines(Region(0, 0, *gallery.size))]


def label_line(labels, predicted, indices) -> str:
    return " ".join(
        tile_label(int(labels[i]), int(predicted[i])).ljust(THUMB_SIDE) for i in indices
    )


async def gallery_all_right(app, pilot) -> tuple[CountingGallery, np.ndarray]:
    """The app's gallery showing some digits, every one predicted right; and their labels."""
    gallery = app.query_one(CountingGallery)
    images, labels = some_digits()
    gallery.set_digits(images, labels)
    gallery.set_predictions(labels)
    await pilot.pause()
    return gallery, labels


async def test_an_epoch_repaints_only_the_lines_whose_labels_or_colours_changed():
    app = gallery_app()
    async with app.run_test(size=(60, 30)) as pilot:
        gallery, labels = await gallery_all_right(app, pilot)
        columns = (gallery.content_size.width + 1) // TILE_WIDTH
        assert len(set(gallery.drawn)) == gallery.content_size.height

        gallery.drawn.clear()
        gallery.set_predictions(labels.copy())  # the same verdicts
        await pilot.pause()
        assert gallery.drawn == []

        predicted = labels.copy()
        predicted[columns + 1] = (labels[columns + 1] + 1) % 10  # a digit of the 2nd row
        gallery.set_predictions(predicted)
        await pilot.pause()
        second_row = range(TILE_HEIGHT, 2 * TILE_HEIGHT)
        assert gallery.drawn and set(gallery.drawn) <= set(second_row)
        lines = screen_lines(gallery)  # line 0 is the border
        assert label_line(labels, predicted, range(columns, 2 * columns)) in lines[2 * TILE_HEIGHT]
        assert label_line(labels, predicted, range(columns)) in lines[TILE_HEIGHT]


async def test_each_look_of_a_thumbnail_is_drawn_once(monkeypatch):
    drawn = []
    real = digit_tiles.render_halfblock

    def counting(image, **kwargs):
        drawn.append(1)
        return real(image, **kwargs)

    monkeypatch.setattr(digit_tiles, "render_halfblock", counting)
    app = gallery_app()
    async with app.run_test(size=(60, 30)) as pilot:
        gallery, labels = await gallery_all_right(app, pilot)
        assert len(drawn) == gallery.page_size
        drawn.clear()
        predicted = labels.copy()
        predicted[3] = (labels[3] + 1) % 10
        for _ in range(3):  # the wrong look is drawn once, then reused
            gallery.set_predictions(predicted)
            gallery.set_predictions(labels)
            await pilot.pause()
        assert len(drawn) == 1


async def test_a_new_theme_recolours_the_thumbnails():
    app = gallery_app()
    async with app.run_test(size=(60, 30)) as pilot:
        gallery = app.query_one(CountingGallery)
        gallery.set_digits(*some_digits())
        await pilot.pause()
        before = [segment.style for segment in gallery.render_line(0)]
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert [segment.style for segment in gallery.render_line(0)] != before


async def test_detail_draws_the_image_again_only_for_another_digit():
    app = OneWidgetApp(DigitDetail)
    async with app.run_test(size=(60, 30)) as pilot:
        detail = app.query_one(DigitDetail)
        view, bars = detail.query_one(DigitView), detail.query_one(ProbabilityBars)
        images, _ = some_digits(2)
        probs = np.full(10, 0.1)
        detail.show(0, images[0], 5, probs)
        await pilot.pause()
        first = view.image
        newer = np.eye(10)[5]
        detail.show(0, images[0].copy(), 5, newer)  # the next epoch's verdict on it
        await pilot.pause()
        assert view.image is first and np.array_equal(bars.probs, newer)
        detail.show(1, images[1], 2, newer)
        await pilot.pause()
        assert view.image is not first and np.array_equal(view.image, images[1])


async def test_confusion_note_asks_for_a_layout_only_when_its_height_changes():
    app = OneWidgetApp(ConfusionNote, "ConfusionNote { width: 40; }")
    async with app.run_test(size=(60, 20)) as pilot:
        note = app.query_one(ConfusionNote)
        await pilot.pause()
        matrix = np.diag([9] * 10)
        note.show(1, matrix)
        await pilot.pause()
        height = note.size.height
        layouts = []
        refresh = note.refresh

        def recording(*regions, layout=False, **kwargs):
            layouts.append(layout)
            return refresh(*regions, layout=layout, **kwargs)

        note.refresh = recording
        note.show(2, matrix)  # the next epoch: a note of the same height
        await pilot.pause()
        assert not any(layouts) and "After epoch 2." in str(note.render())
        matrix[4, 9] = matrix[7, 2] = matrix[3, 5] = 1234
        note.show(3, matrix)  # the worst mistakes need another line
        await pilot.pause()
        assert any(layouts) and note.size.height == height + 1
