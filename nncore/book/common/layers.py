"""The book's ``common/layers.py`` (chapter 5): ``Relu``, ``Sigmoid``, ``Affine`` and
``SoftmaxWithLoss``, which are nncore's layers with the book's attributes.

``Affine`` takes ``x`` of any ndim, ``(N, ...)``, flattened to ``(N, -1)``; ``backward``
returns ``dx`` in ``x``'s shape and keeps ``dW``/``db`` on the layer.
"""

from __future__ import annotations

import numpy as np

from nncore.layers import Affine, Relu, Sigmoid
from nncore.layers import SoftmaxWithLoss as _SoftmaxWithLoss


class SoftmaxWithLoss(_SoftmaxWithLoss):
    """Softmax then cross-entropy; ``loss``, ``y`` and ``t`` are kept as the book keeps them.

    ``x``: scores ``(N, C)``; ``t``: labels ``(N,)`` or one target distribution per row
    ``(N, C)``. ``backward(dout=1)`` returns ``(y - t) / N``, ``(N, C)``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.loss: float | None = None
        self.t: np.ndarray | None = None

    def forward(self, x: np.ndarray, t: np.ndarray) -> float:
        self.t = t
        self.loss = super().forward(x, t)
        return self.loss


__all__ = ["Affine", "Relu", "Sigmoid", "SoftmaxWithLoss"]
