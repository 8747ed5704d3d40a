"""How big a network or a model file may be: one cap shared by training and loading."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from nncore.text import N_, Phrase

#: Parameters larger than this are refused before anything is allocated. Training needs
#: several times the parameters (gradients, optimizer state, per-epoch snapshots), so
#: this keeps even the largest accepted network within a few GB.
MAX_PARAMETER_BYTES = 256 * 2**20


def megabytes(n_bytes: int) -> str:
    """``268435456`` → ``"256 MB"`` (MiB, as the cap is stated)."""
    return f"{n_bytes / 2**20:,.0f} MB"


def parameter_count(sizes) -> int:
    """Weights and biases of a ``sizes[0] -> ... -> sizes[-1]`` fully connected network."""
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(int(n) for n in sizes))


def parameter_size_problem(sizes, dtype=np.float32) -> Phrase | None:
    """None if the network's parameters fit :data:`MAX_PARAMETER_BYTES`; else one line
    stating their size and the limit."""
    n_bytes = parameter_count(sizes) * np.dtype(dtype).itemsize
    if n_bytes <= MAX_PARAMETER_BYTES:
        return None
    return Phrase(
        N_(
            "a {sizes} network has {n:,} parameters ({size} as {dtype}); the limit is "
            "{limit}: use fewer or narrower hidden layers"
        ),
        sizes="-".join(map(str, sizes)),
        n=parameter_count(sizes),
        size=megabytes(n_bytes),
        dtype=np.dtype(dtype).name,
        limit=megabytes(MAX_PARAMETER_BYTES),
    )
