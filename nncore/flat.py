"""``FlatParams``: a dict of named arrays that are views into one contiguous buffer.

A network keeps all its parameters in one such buffer and all its gradients in another,
so an optimizer formula is one NumPy call over every parameter instead of one per array.
The dict still reads like the book's ``params`` (``W1``, ``b1``, ... of their own shapes).
"""

from __future__ import annotations

from collections.abc import Mapping
from math import prod

import numpy as np


class FlatParams(dict):
    """``{name: view}`` over ``flat``, a 1-D buffer holding every array end to end.

    ``shapes``: ``{name: shape}`` in buffer order. Assigning ``params[name] = array``
    copies the array into the view (the layers and optimizers keep using the same
    memory), so rebinding is never a silent no-op; a wrong shape, an unknown name or
    removing a name raises, naming the problem.
    """

    def __init__(self, shapes: Mapping[str, tuple[int, ...]], dtype=np.float32) -> None:
        super().__init__()
        self.layout = tuple((name, tuple(int(n) for n in shape)) for name, shape in shapes.items())
        self.flat = np.zeros(sum(prod(shape) for _, shape in self.layout), dtype=dtype)
        start = 0
        for name, shape in self.layout:
            size = prod(shape)
            super().__setitem__(name, self.flat[start : start + size].reshape(shape))
            start += size

    @classmethod
    def like(cls, other: FlatParams) -> FlatParams:
        """Zeros with the layout and dtype of ``other``."""
        return cls(dict(other.layout), other.flat.dtype)

    def __setitem__(self, name: str, value) -> None:
        view = self.get(name)
        if view is None:
            raise KeyError(f"{name!r} is not one of the parameters {', '.join(self)}")
        if value is view:  # ``params[k] -= g`` hands the same view back
            return
        value = np.asarray(value)
        if value.shape != view.shape:
            raise ValueError(
                f"params[{name!r}] must keep the shape {view.shape}, got an array of shape "
                f"{value.shape}; build a new Network for other layer sizes"
            )
        view[...] = value

    def update(self, other=(), /, **more) -> None:
        for name, value in dict(other, **more).items():
            self[name] = value

    def _refuse(self, *_args, **_kwargs):
        raise TypeError("a network's parameters cannot be removed or added; copy them instead")

    __delitem__ = pop = popitem = clear = setdefault = _refuse

    def __deepcopy__(self, memo) -> FlatParams:
        copy = FlatParams.like(self)
        copy.flat[...] = self.flat
        return copy

    def __reduce__(self):
        return _rebuild, (dict(self.layout), self.flat.copy())


def _rebuild(shapes: Mapping[str, tuple[int, ...]], flat: np.ndarray) -> FlatParams:
    params = FlatParams(shapes, flat.dtype)
    params.flat[...] = flat
    return params


def same_layout(*stores) -> bool:
    """Whether every store is a ``FlatParams`` with one and the same layout and dtype."""
    first = stores[0]
    return all(
        isinstance(s, FlatParams) and s.layout == first.layout and s.flat.dtype == first.flat.dtype
        for s in stores
    )
