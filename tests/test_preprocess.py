"""MNIST-style preparation of drawings: crop, fit 20×20 keeping aspect, centre by mass."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.preprocess import (
    area_weights,
    center_of_mass,
    fit_to_box,
    ink_bounds,
    paste_centered,
    prepare_digit,
    resample,
)

SEVEN = [((0.0, 0.0), (0.0, 1.0)), ((0.0, 1.0), (1.0, 0.35))]
"""A "7" as line segments in a unit box, (row, col) from top left."""


def draw(segments, *, top: float, left: float, size: float, canvas: int = 28) -> np.ndarray:
    """``segments`` scaled to ``size`` pixels at (top, left) with a soft pen whose width
    grows with ``size``, as a bigger drawing of the same digit would."""
    rows, cols = np.mgrid[0:canvas, 0:canvas].astype(float)
    image = np.zeros((canvas, canvas))
    width = 0.09 * size
    for (r0, c0), (r1, c1) in segments:
        a = np.array([top + r0 * size, left + c0 * size])
        b = np.array([top + r1 * size, left + c1 * size])
        ab = b - a
        t = np.clip(((rows - a[0]) * ab[0] + (cols - a[1]) * ab[1]) / (ab @ ab), 0.0, 1.0)
        distance = np.hypot(rows - (a[0] + t * ab[0]), cols - (a[1] + t * ab[1]))
        image = np.maximum(image, np.clip(1.5 - distance / width, 0.0, 1.0))
    return image


def test_area_weights_rows_sum_to_one_and_average_when_shrinking():
    weights = area_weights(4, 2)
    assert np.allclose(weights.sum(axis=1), 1.0)
    assert np.allclose(weights, [[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]])
    assert np.allclose(area_weights(3, 3), np.eye(3))


def test_resample_keeps_the_mean_and_range():
    image = np.random.default_rng(0).random((24, 12))
    small = resample(image, 12, 6)
    assert small.shape == (12, 6)
    assert small.mean() == pytest.approx(image.mean())
    assert small.min() >= 0.0 and small.max() <= 1.0


def test_ink_bounds_ignores_faint_smudges():
    image = np.zeros((28, 28))
    image[5:9, 10:12] = 1.0
    image[0, 0] = 0.01
    assert ink_bounds(image) == (slice(5, 9), slice(10, 12))
    assert ink_bounds(np.full((28, 28), 0.01)) is None


@pytest.mark.parametrize(("shape", "expected"), [((40, 10), (20, 5)), ((6, 24), (5, 20))])
def test_fit_to_box_keeps_the_aspect_ratio(shape, expected):
    assert fit_to_box(np.ones(shape)).shape == expected


def test_a_tall_bar_stays_thin_after_preparation():
    image = np.zeros((28, 28))
    image[2:26, 13:15] = 1.0
    prepared = prepare_digit(image)
    rows, cols = ink_bounds(prepared)
    assert rows.stop - rows.start == 20
    assert cols.stop - cols.start <= 3


def test_empty_pad_gives_none():
    assert prepare_digit(np.zeros((28, 28))) is None


@pytest.mark.parametrize(("top", "left"), [(2, 2), (14, 13), (2, 14), (14, 2)])
def test_a_shifted_digit_prepares_identically(top, left):
    reference = prepare_digit(draw(SEVEN, top=6, left=6, size=12))
    prepared = prepare_digit(draw(SEVEN, top=top, left=left, size=12))
    assert np.allclose(prepared, reference, atol=1e-6)


@pytest.mark.parametrize(("top", "left", "size"), [(5, 10, 10), (2, 2, 12), (3, 5, 22), (2, 2, 24)])
def test_a_scaled_digit_prepares_alike(top, left, size):
    """Alike, not identical: a bigger drawing is resampled differently, and the centring
    shift is rounded to a whole pixel, so strokes may sit one pixel apart."""
    reference = prepare_digit(draw(SEVEN, top=6, left=6, size=16))
    prepared = prepare_digit(draw(SEVEN, top=top, left=left, size=size))
    assert prepared.shape == (28, 28) and prepared.dtype == np.float32
    assert prepared.min() >= 0.0 and prepared.max() <= 1.0
    assert np.abs(prepared - reference).mean() < 0.1
    for got, expected in zip(ink_bounds(prepared), ink_bounds(reference), strict=True):
        assert abs((got.stop - got.start) - (expected.stop - expected.start)) <= 1
    row, col = center_of_mass(prepared)
    assert abs(row - 14) <= 0.5 and abs(col - 14) <= 0.5


def test_ink_fits_the_20_pixel_box():
    prepared = prepare_digit(draw(SEVEN, top=1, left=1, size=26))
    rows, cols = ink_bounds(prepared)
    assert max(rows.stop - rows.start, cols.stop - cols.start) == 20


def test_paste_centered_cuts_off_ink_pushed_past_the_edge():
    patch = np.zeros((20, 20))
    patch[:, 0] = 1.0
    patch[0, 19] = 0.2  # a faint pixel far from the mass
    field = paste_centered(patch)
    assert field.shape == (28, 28)
    assert field[:, 14].sum() == pytest.approx(20.0)  # the column of mass is centred
    assert field.sum() < patch.sum()  # the far pixel fell off the right edge
