"""MNIST presets: the recipes, their networks and overrides."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from nncore.layers import ACTIVATIONS
from nncore.network import INITS, Network
from nncore.optimizers import DEFAULT_LR, OPTIMIZERS, SGD, Momentum
from nncore.presets import MNIST_PRESETS, MnistPreset, apply_overrides, get_preset
from nncore.trainer import Trainer
from tui.cli import train_mnist


def test_book_preset_is_the_books_two_layer_net():
    book = MNIST_PRESETS["book"]
    assert book.sizes == (784, 50, 10)
    assert (book.activation, book.optimizer, book.lr) == ("sigmoid", "sgd", 0.1)
    assert (book.batch_size, book.epochs, book.init) == (100, 17, "book")


def test_book_3layer_has_the_sample_weight_shape():
    preset = MNIST_PRESETS["book-3layer"]
    assert preset.sizes == (784, 50, 100, 10)
    assert (preset.activation, preset.optimizer, preset.lr, preset.batch_size) == (
        "sigmoid",
        "sgd",
        0.1,
        100,
    )


@pytest.mark.parametrize("name", list(MNIST_PRESETS))
def test_build_makes_the_right_shapes_and_optimizer(name):
    preset = MNIST_PRESETS[name]
    network, optimizer = preset.build(seed=3)
    assert isinstance(network, Network)
    assert network.sizes == preset.sizes
    assert network.activation == preset.activation and network.output == "softmax"
    assert network.dtype == np.float32
    for i, (n_in, n_out) in enumerate(pairwise(preset.sizes), 1):
        assert network.params[f"W{i}"].shape == (n_in, n_out)
        assert network.params[f"b{i}"].shape == (n_out,)
    assert optimizer.name == preset.optimizer and optimizer.lr == preset.lr
    assert preset.description
    assert preset.summary.startswith("-".join(map(str, preset.sizes)))


def test_book_init_is_a_hundredth_of_randn():
    network, optimizer = MNIST_PRESETS["book"].build(seed=0)
    assert isinstance(optimizer, SGD)
    assert network.params["W1"].std() == pytest.approx(0.01, rel=0.02)
    assert not network.params["b1"].any()


def test_build_is_reproducible_per_seed():
    preset = MNIST_PRESETS["best"]
    a, _ = preset.build(seed=1)
    b, _ = preset.build(seed=1)
    c, _ = preset.build(seed=2)
    assert np.array_equal(a.params["W1"], b.params["W1"])
    assert not np.array_equal(a.params["W1"], c.params["W1"])


def test_trainer_uses_the_recipe_and_seed():
    rng = np.random.default_rng(0)
    x = rng.random((40, 784), dtype=np.float32)
    t = rng.integers(0, 10, 40)
    preset = apply_overrides(MNIST_PRESETS["best"], hidden=(8,), batch_size=16)
    runs = []
    for _ in range(2):
        trainer = preset.trainer(x, t, x[:10], t[:10], seed=4)
        assert isinstance(trainer, Trainer) and trainer.batch_size == 16
        assert isinstance(trainer.optimizer, Momentum)
        record = trainer.run_epoch()
        runs.append((record.loss, record.train_acc, record.test_acc))
    assert runs[0] == runs[1]


def test_overrides_replace_only_what_is_given():
    book = MNIST_PRESETS["book"]
    assert apply_overrides(book) == book
    changed = apply_overrides(book, hidden=[100, 50], epochs=3, batch_size=32, init="xavier")
    assert changed.sizes == (784, 100, 50, 10)
    assert (changed.epochs, changed.batch_size, changed.init) == (3, 32, "xavier")
    assert (changed.name, changed.activation, changed.lr) == ("book", "sigmoid", 0.1)


def test_new_optimizer_brings_its_learning_rate_unless_lr_is_given():
    book = MNIST_PRESETS["book"]
    assert apply_overrides(book, optimizer="adam").lr == DEFAULT_LR["adam"]
    assert apply_overrides(book, optimizer="adam", lr=0.01).lr == 0.01
    assert apply_overrides(book, optimizer="sgd").lr == book.lr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"hidden": (50, 0)}, "hidden"),
        ({"activation": "softsign"}, "activation"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"init": "zeros"}, "init"),
        ({"lr": -0.1}, "learning rate"),
        ({"lr": float("nan")}, "learning rate"),
        ({"epochs": 0}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
    ],
)
def test_bad_overrides_raise_one_clear_error(override, message):
    with pytest.raises(ValueError, match=message):
        apply_overrides(MNIST_PRESETS["book"], **override)


def test_get_preset_names_the_choices():
    assert get_preset("best") is MNIST_PRESETS["best"]
    with pytest.raises(ValueError, match="book, book-3layer, best"):
        get_preset("fastest")


def test_presets_are_valid_and_frozen():
    for name, preset in MNIST_PRESETS.items():
        assert isinstance(preset, MnistPreset) and preset.name == name
    with pytest.raises(AttributeError):
        MNIST_PRESETS["book"].lr = 1.0  # type: ignore[misc]


def test_cli_choices_match_the_engine():
    # The CLI lists them literally so that `nnlab --help` does not import NumPy.
    assert set(train_mnist.ACTIVATION_NAMES) == set(ACTIVATIONS)
    assert set(train_mnist.OPTIMIZER_NAMES) == set(OPTIMIZERS)
    assert set(train_mnist.INIT_NAMES) == set(INITS)
    assert tuple(MNIST_PRESETS) == train_mnist.PRESET_NAMES
    assert train_mnist.DEFAULT_PRESET in MNIST_PRESETS
