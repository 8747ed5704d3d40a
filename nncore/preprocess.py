"""Turning a hand drawing into an MNIST-like input, the way MNIST's digits were made.

LeCun et al. built MNIST from NIST scans in two steps, and a network trained on MNIST
only recognises drawings that went through the same two:

1. crop to the ink and scale it, keeping its aspect ratio, to fit a 20×20 box, with
   anti-aliasing (so edges become grey levels);
2. paste it into a 28×28 field so that its centre of mass is the field's centre.

Everything works on ``(H, W)`` float arrays with values in [0, 1], 0 = paper, 1 = ink.
"""

from __future__ import annotations

import numpy as np

MNIST_SIDE = 28
MNIST_CLASSES = 10
"""MNIST's image side in pixels, and its classes: the digits 0–9."""
"""Side of an MNIST image in pixels."""
FIT_BOX = 20
"""Side of the box the ink is scaled to fit (MNIST's normalisation)."""
INK_THRESHOLD = 0.05
"""Values above this count as ink when cropping; fainter smudges are ignored."""


def ink_bounds(image: np.ndarray, threshold: float = INK_THRESHOLD) -> tuple[slice, slice] | None:
    """The smallest ``(rows, cols)`` slices of ``image`` (H, W) holding every value above
    ``threshold``, or None when there is no ink."""
    ink = np.asarray(image) > threshold
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def area_weights(n_in: int, n_out: int) -> np.ndarray:
    """The ``(n_out, n_in)`` matrix that resamples a line of ``n_in`` pixels to ``n_out``.

    Each output pixel covers ``n_in / n_out`` input pixels; its weights are how much of
    each input pixel it covers, normalised to sum to 1. Shrinking therefore averages
    (anti-aliasing), and enlarging repeats pixels with blended values where an output
    pixel straddles two inputs.
    """
    edges = np.linspace(0.0, n_in, n_out + 1)
    starts, ends = edges[:-1, None], edges[1:, None]
    pixels = np.arange(n_in)[None, :]
    overlap = np.clip(np.minimum(ends, pixels + 1) - np.maximum(starts, pixels), 0.0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def resample(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Area-resample ``image`` (H, W) to ``(height, width)``; values stay in its range."""
    image = np.asarray(image, dtype=np.float64)
    rows = area_weights(image.shape[0], height)
    cols = area_weights(image.shape[1], width)
    return rows @ image @ cols.T


def fit_to_box(image: np.ndarray, box: int = FIT_BOX) -> np.ndarray:
    """Scale ``image`` (h, w) so its longer side is ``box`` pixels, keeping the aspect
    ratio; returns ``(box, round(w * box / h))`` or ``(round(h * box / w), box)``, each
    side at least 1."""
    h, w = image.shape
    scale = box / max(h, w)
    return resample(image, max(1, round(h * scale)), max(1, round(w * scale)))


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """``(row, col)`` of the ink's centre of mass in pixel-index coordinates (the centre
    of the top-left pixel is (0, 0)); the image must hold some ink."""
    image = np.asarray(image, dtype=np.float64)
    total = image.sum()
    row = float(image.sum(axis=1) @ np.arange(image.shape[0]) / total)
    col = float(image.sum(axis=0) @ np.arange(image.shape[1]) / total)
    return row, col


def paste_centered(patch: np.ndarray, side: int = MNIST_SIDE) -> np.ndarray:
    """A ``(side, side)`` field with ``patch`` (h, w) placed so that its centre of mass
    lands on pixel ``(side // 2, side // 2)``, to the nearest whole pixel (a sub-pixel
    shift would blur the strokes). Ink pushed past the edge is cut off."""
    row, col = center_of_mass(patch)
    top = round(side // 2 - row)
    left = round(side // 2 - col)
    field = np.zeros((side, side))
    h, w = patch.shape
    # The overlap of the patch's rows/cols with the field's, in both coordinate systems.
    r0, r1 = max(0, top), min(side, top + h)
    c0, c1 = max(0, left), min(side, left + w)
    field[r0:r1, c0:c1] = patch[r0 - top : r1 - top, c0 - left : c1 - left]
    return field


def prepare_digit(image: np.ndarray, threshold: float = INK_THRESHOLD) -> np.ndarray | None:
    """MNIST's preparation of a drawing: ``image`` (H, W) in [0, 1] becomes the (28, 28)
    float32 image a network trained on MNIST expects, or None when nothing is drawn.

    Crops to the ink (values above ``threshold``), scales it to fit 20×20 keeping its
    aspect ratio, and centres it by centre of mass. Flatten the result with
    ``.reshape(1, 784)`` for ``Network.predict``.
    """
    bounds = ink_bounds(image, threshold)
    if bounds is None:
        return None
    patch = fit_to_box(np.asarray(image, dtype=np.float64)[bounds])
    return np.clip(paste_centered(patch), 0.0, 1.0).astype(np.float32)
