"""The table in ``nncore/book/__init__.py``: it names every book module's public name,
and every nncore name it points to exists (issue 15: "a docstring table mapping each
book name to nncore's")."""

from __future__ import annotations

import importlib
import re

import nncore.book

BOOK_MODULES = ("common.functions", "common.gradient", "common.layers", "common.optimizer")
"""The book modules with an ``__all__`` (what ``from common.functions import *`` gives)."""
ONE_NAME_MODULES = {"two_layer_net": "TwoLayerNet", "dataset.mnist": "load_mnist"}
NAME = re.compile(r"``([\w.]+)``(?:\s*/\s*``(\w+)``)?")


def names_in(cell: str) -> list[str]:
    """``"``common.layers.Relu`` / ``Sigmoid``"`` → the two full names."""
    found = []
    for first, second in NAME.findall(cell):
        found.append(first)
        if second:
            found.append(f"{first.rpartition('.')[0]}.{second}")
    return found


def table() -> list[tuple[str, str]]:
    """The table's rows as (book column, nncore column), continuation lines joined."""
    lines = nncore.book.__doc__.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("===="))
    split = lines[rule].index(" ") + 2  # the second column starts after the rule's gap
    rows: list[tuple[str, str]] = []
    for line in lines[rule + 3 :]:
        if line.startswith("===="):
            break
        left, right = line[:split].strip(), line[split:].strip()
        if left:
            rows.append((left, right))
        else:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {right}")
    return rows


def resolve(dotted: str):
    """The object ``dotted`` names: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_table_names_every_public_book_name_once():
    listed = [name for left, _ in table() for name in names_in(left)]
    expected = [
        f"{module}.{name}"
        for module in BOOK_MODULES
        for name in importlib.import_module(f"nncore.book.{module}").__all__
    ] + [f"{module}.{name}" for module, name in ONE_NAME_MODULES.items()]
    assert sorted(listed) == sorted(expected)
    assert len(listed) == len(set(listed)) == 27
    for name in listed:
        assert resolve(f"nncore.book.{name}") is not None, name


def test_every_nncore_name_in_the_table_exists():
    pointed = [
        name for _, right in table() for name in names_in(right) if name.startswith("nncore")
    ]
    assert "nncore.gradient.numerical_gradient_rows" in pointed
    assert "nncore.fast_numgrad" in pointed  # from a continuation line
    assert "nncore.layers.Sigmoid" in pointed  # the "/ ``Sigmoid``" of Relu's row
    for name in pointed:
        resolve(name)  # raises for a name that is not there


def test_the_reader_sees_a_missing_name():
    try:
        resolve("nncore.functions.no_such_function")
    except AttributeError:
        pass
    else:
        raise AssertionError("a name that is not there resolved")
    assert names_in("``common.optimizer.SGD`` / ``Momentum``") == [
        "common.optimizer.SGD",
        "common.optimizer.Momentum",
    ]


def test_the_book_names_are_nncores_own_underneath():
    """A thin face, not a second engine: where the table says a book name is nncore's,
    it is the same object (or a subclass adding the book's attributes)."""
    from nncore import functions, gradient, layers, optimizers
    from nncore.book.common import functions as book_functions
    from nncore.book.common import gradient as book_gradient
    from nncore.book.common import layers as book_layers
    from nncore.book.common import optimizer as book_optimizer

    for name in ("identity_function", "step_function", "sigmoid", "relu", "softmax",
                 "cross_entropy_error"):  # fmt: skip
        assert getattr(book_functions, name) is getattr(functions, name), name
    assert book_functions.sum_squared_error is functions.sum_squares_error
    assert book_gradient.numerical_gradient is gradient.numerical_gradient
    assert book_gradient.numerical_gradient_2d is gradient.numerical_gradient_rows
    for name in ("Relu", "Sigmoid", "Affine"):
        assert getattr(book_layers, name) is getattr(layers, name), name
    assert issubclass(book_layers.SoftmaxWithLoss, layers.SoftmaxWithLoss)
    for name in ("SGD", "Momentum", "AdaGrad", "Adam"):  # nncore's, also taking numbers
        assert issubclass(getattr(book_optimizer, name), getattr(optimizers, name)), name
    for name in ("Nesterov", "RMSprop"):
        assert issubclass(getattr(book_optimizer, name), optimizers.Optimizer), name
