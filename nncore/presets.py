"""Named recipes for training an MNIST classifier, shared by ``nnlab train mnist`` and the app.

A preset fixes everything but the seed: layer widths, activation, weight init, optimizer,
learning rate, batch size and epochs. ``MNIST_PRESETS`` lists them in display order;
``apply_overrides`` derives a variant with some settings changed.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from nncore.layers import ACTIVATIONS
from nncore.network import INITS, Network
from nncore.optimizers import DEFAULT_LR, OPTIMIZERS, Optimizer, make_optimizer
from nncore.preprocess import MNIST_CLASSES, MNIST_SIDE
from nncore.sizes import parameter_size_problem
from nncore.text import N_, Phrase, Refusal
from nncore.trainer import Trainer

#: Pixels per flattened MNIST image and digit classes: the network's first and last width.
MNIST_INPUTS = MNIST_SIDE * MNIST_SIDE


@dataclass(frozen=True)
class MnistPreset:
    """One way to train a ``784 -> hidden... -> 10`` softmax classifier on MNIST.

    ``hidden``: widths of the hidden layers, e.g. ``(50,)`` for the book's 784-50-10.
    ``activation``: a key of ``nncore.layers.ACTIVATIONS``; ``optimizer``: a key of
    ``nncore.optimizers.OPTIMIZERS``; ``init``: one of ``nncore.network.INITS``.
    ``epochs`` is how many passes over the 60,000 training images the recipe needs.
    ``description`` is marked for the catalogs (``N_``): shown through ``_()``.
    """

    name: str
    hidden: tuple[int, ...]
    activation: str
    optimizer: str
    lr: float
    batch_size: int
    epochs: int
    init: str
    description: str

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def sizes(self) -> tuple[int, ...]:
        """All layer widths, input first: ``(784, *hidden, 10)``."""
        return (MNIST_INPUTS, *self.hidden, MNIST_CLASSES)

    @property
    def summary(self) -> Phrase:
        """One line, e.g. ``784-50-10 sigmoid, book init, sgd lr 0.1, batch 100, 17 epochs``."""
        return Phrase(
            N_(
                "{sizes} {activation}, {init} init, {optimizer} lr {lr:g}, batch {batch}, "
                "{epochs} epochs"
            ),
            sizes="-".join(map(str, self.sizes)),
            activation=self.activation,
            init=self.init,
            optimizer=self.optimizer,
            lr=self.lr,
            batch=self.batch_size,
            epochs=self.epochs,
        )

    def build(self, seed: int = 0, dtype=np.float32) -> tuple[Network, Optimizer]:
        """A freshly initialised ``Network`` (weights drawn from ``seed``) and its optimizer."""
        network = Network(self.sizes, self.activation, "softmax", self.init, dtype, seed)
        return network, make_optimizer(self.optimizer, self.lr)

    def trainer(
        self,
        x_train: np.ndarray,
        t_train: np.ndarray,
        x_test: np.ndarray | None = None,
        t_test: np.ndarray | None = None,
        *,
        seed: int = 0,
        grad_method: str = "backprop",
    ) -> Trainer:
        """A ``Trainer`` for this recipe on ``load_mnist`` arrays.

        ``x_*``: ``(N, 784)`` floats in [0, 1]; ``t_*``: labels ``(N,)`` or one-hot
        ``(N, 10)``. ``seed`` draws both the initial weights and the batch order, so the
        same seed and data give the same numbers.
        """
        network, optimizer = self.build(seed)
        return Trainer(
            network,
            optimizer,
            x_train,
            t_train,
            x_test,
            t_test,
            batch_size=self.batch_size,
            seed=seed,
            grad_method=grad_method,
        )


def _validate(preset: MnistPreset) -> None:
    if not all(isinstance(n, int) and n >= 1 for n in preset.hidden):
        raise Refusal(
            N_("hidden layer widths must be whole numbers of 1 or more: {hidden}"),
            hidden=preset.hidden,
        )
    if preset.activation not in ACTIVATIONS:
        raise Refusal(
            N_("unknown activation {name}: choose {known}"),
            name=repr(preset.activation),
            known=", ".join(ACTIVATIONS),
        )
    if preset.optimizer not in OPTIMIZERS:
        raise Refusal(
            N_("unknown optimizer {name}: choose {known}"),
            name=repr(preset.optimizer),
            known=", ".join(OPTIMIZERS),
        )
    if preset.init not in INITS:
        raise Refusal(
            N_("unknown init {name}: choose {known}"),
            name=repr(preset.init),
            known=", ".join(INITS),
        )
    if not (math.isfinite(preset.lr) and preset.lr > 0):
        raise Refusal(
            N_("the learning rate must be a finite number above 0, got {lr}"), lr=preset.lr
        )
    for field in ("batch_size", "epochs"):
        value = getattr(preset, field)
        if not isinstance(value, int) or value < 1:
            raise Refusal(
                N_("{field} must be a whole number of 1 or more, got {value}"),
                field=field,
                value=repr(value),
            )
    problem = parameter_size_problem(preset.sizes)
    if problem:
        raise Refusal(problem)


MNIST_PRESETS: dict[str, MnistPreset] = {
    preset.name: preset
    for preset in (
        MnistPreset(
            name="book",
            hidden=(50,),
            activation="sigmoid",
            optimizer="sgd",
            lr=0.1,
            batch_size=100,
            epochs=17,
            init="book",
            description=N_(
                "The book's chapter-4 TwoLayerNet: 0.01·randn weights and plain "
                "SGD; about 0.95 test accuracy after 17 epochs (the book's 10,000 steps)."
            ),
        ),
        MnistPreset(
            name="book-3layer",
            hidden=(50, 100),
            activation="sigmoid",
            optimizer="sgd",
            lr=0.1,
            batch_size=100,
            epochs=17,
            # 0.01·randn leaves three sigmoid layers stuck at chance for epochs.
            init="xavier",
            description=N_(
                "The shape of the book's pretrained sample_weight.pkl "
                "(784-50-100-10 sigmoid) trained with plain SGD: about 0.95 after 17 epochs."
            ),
        ),
        MnistPreset(
            name="best",
            hidden=(256,),
            activation="relu",
            optimizer="momentum",
            lr=0.1,
            batch_size=100,
            epochs=8,
            init="he",
            description=N_(
                "A wider ReLU layer with He init and momentum SGD: about 0.98 "
                "test accuracy in 8 epochs, about 25 s on two cores."
            ),
        ),
    )
}


def get_preset(name: str) -> MnistPreset:
    """The preset called ``name``; ``ValueError`` listing the names if there is none."""
    try:
        return MNIST_PRESETS[name]
    except KeyError:
        raise Refusal(
            N_("unknown preset {name}: choose {known}"),
            name=repr(name),
            known=", ".join(MNIST_PRESETS),
        ) from None


def apply_overrides(
    preset: MnistPreset,
    *,
    hidden: tuple[int, ...] | None = None,
    activation: str | None = None,
    optimizer: str | None = None,
    lr: float | None = None,
    batch_size: int | None = None,
    epochs: int | None = None,
    init: str | None = None,
) -> MnistPreset:
    """``preset`` with every setting that is not ``None`` replaced.

    Switching optimizer without giving ``lr`` takes ``DEFAULT_LR`` of the new optimizer,
    because a rate tuned for one (SGD's 0.1) can make another (Adam) diverge. The name
    stays the preset's, so the result still says which recipe it started from.
    Raises ``ValueError`` naming the first bad setting.
    """
    changes = {
        "hidden": None if hidden is None else tuple(hidden),
        "activation": activation,
        "optimizer": optimizer,
        "lr": lr,
        "batch_size": batch_size,
        "epochs": epochs,
        "init": init,
    }
    changes = {key: value for key, value in changes.items() if value is not None}
    if lr is None and optimizer is not None and optimizer != preset.optimizer:
        changes["lr"] = DEFAULT_LR.get(optimizer, preset.lr)
    return dataclasses.replace(preset, **changes)


def mnist_model_problem(network) -> Phrase | None:
    """Why ``network`` cannot classify MNIST digits (it needs ``MNIST_INPUTS`` inputs and
    ``MNIST_CLASSES`` softmax outputs), in one line; None when it can."""
    sizes = tuple(getattr(network, "sizes", ()))
    output = getattr(network, "output", "")
    if sizes[:1] == (MNIST_INPUTS,) and sizes[-1:] == (MNIST_CLASSES,) and output == "softmax":
        return None
    return Phrase(
        N_(
            "a {sizes} {output} network is not an MNIST classifier "
            "({inputs} inputs and {classes} outputs, softmax)"
        ),
        sizes="-".join(map(str, sizes)),
        output=output,
        inputs=MNIST_INPUTS,
        classes=MNIST_CLASSES,
    )


@dataclass(frozen=True, eq=False)
class EpochPredictions:
    """A network's verdict on the test set: (n,) predicted digits and the (10, 10)
    confusion matrix ``confusion[true, predicted]``."""

    predicted: np.ndarray
    confusion: np.ndarray


def predict_test(
    network, x_test: np.ndarray, t_test: np.ndarray, chunk: int = 5000
) -> EpochPredictions:
    """Predictions of ``network`` on (n, 784) ``x_test`` with (n,) digit labels
    ``t_test``, in chunks of ``chunk`` images to bound memory.

    Takes the argmax of the scores, as ``Network.accuracy`` does, so the confusion
    matrix's accuracy is exactly the test accuracy the trainer reports.
    """
    predicted = np.concatenate(
        [
            network.scores(x_test[start : start + chunk]).argmax(axis=1)
            for start in range(0, len(x_test), chunk)
        ]
    ).astype(np.uint8)
    pairs = np.asarray(t_test, dtype=np.intp) * MNIST_CLASSES + predicted
    confusion = np.bincount(pairs, minlength=MNIST_CLASSES * MNIST_CLASSES)
    return EpochPredictions(predicted, confusion.reshape(MNIST_CLASSES, MNIST_CLASSES))
