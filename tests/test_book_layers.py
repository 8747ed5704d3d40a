"""nncore.book.common.layers/optimizer and chapter 4's simpleNet, with the book's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.book.common.functions import cross_entropy_error, softmax
from nncore.book.common.gradient import numerical_gradient
from nncore.book.common.layers import Affine, Relu, Sigmoid, SoftmaxWithLoss
from nncore.book.common.optimizer import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

W_BOOK = [[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]]
DW_BOOK = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]


class SimpleNet:
    """Chapter 4's simpleNet with the book's printed W instead of randn."""

    def __init__(self):
        self.W = np.array(W_BOOK)

    def predict(self, x):
        return np.dot(x, self.W)

    def loss(self, x, t):
        return cross_entropy_error(softmax(self.predict(x)), t)


def test_simple_net_book_numbers():
    net = SimpleNet()
    x, t = np.array([0.6, 0.9]), np.array([0, 0, 1])
    p = net.predict(x)
    np.testing.assert_allclose(p, [1.05414809, 0.63071653, 1.1328074], atol=5e-9)
    assert np.argmax(p) == 2
    # The book printed its loss without the 1e-7 its cross_entropy_error adds inside the
    # log, which lowers it by 1e-7 / y_2 = 2.5e-7; without it, the printed W (8 decimals)
    # gives the book's number to 2e-9.
    y_2 = softmax(p)[2]
    assert net.loss(x, t) == -np.log(y_2 + 1e-7)
    assert net.loss(x, t) == pytest.approx(0.92806853663411326 - 1e-7 / y_2, abs=5e-9)
    assert -np.log(y_2) == pytest.approx(0.92806853663411326, abs=5e-9)
    dW = numerical_gradient(lambda w: net.loss(x, t), net.W)
    assert net.W.tolist() == W_BOOK  # restored exactly
    # The delta scales the gradient by y_2 / (y_2 + 1e-7): 2.5e-7 relative.
    np.testing.assert_allclose(dW, DW_BOOK, rtol=3e-7, atol=0)
    without_delta = numerical_gradient(lambda w: -np.log(softmax(net.predict(x))[2]), net.W)
    np.testing.assert_allclose(without_delta, DW_BOOK, rtol=0, atol=5e-9)


def test_simple_net_by_the_book_layers():
    # The same net as Affine + SoftmaxWithLoss: backprop gives the book's dW.
    affine, last = Affine(np.array(W_BOOK), np.zeros(3)), SoftmaxWithLoss()
    x, t = np.array([[0.6, 0.9]]), np.array([[0, 0, 1]])
    loss = last.forward(affine.forward(x), t)
    assert loss == pytest.approx(SimpleNet().loss(x[0], t[0]), rel=1e-15)
    assert last.loss == loss and last.t is t
    np.testing.assert_allclose(last.y, [[0.36541271, 0.23927078, 0.39531651]], atol=5e-9)
    affine.backward(last.backward())
    # Backprop's (y - t) has no delta: the book's dW, to its printed digits.
    np.testing.assert_allclose(affine.dW, DW_BOOK, rtol=0, atol=5e-9)


def test_affine_4d_input_through_the_book_face():
    rng = np.random.default_rng(4)
    x, W, b = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(60, 7)), rng.normal(size=7)
    layer = Affine(W, b)
    out = layer.forward(x)
    assert out.shape == (2, 7) and layer.original_x_shape == (2, 3, 4, 5)
    R = rng.normal(size=(2, 7))
    dx = layer.backward(R).copy()
    numerical = numerical_gradient(lambda _: float(np.sum(layer.forward(x) * R)), x)
    np.testing.assert_allclose(dx, numerical, rtol=1e-6, atol=1e-9)


def test_relu_and_sigmoid_layers_keep_the_book_attributes():
    relu = Relu()
    assert relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]])).tolist() == [[1.0, 0.0], [0.0, 3.0]]
    assert relu.mask.tolist() == [[False, True], [True, False]]
    assert relu.backward(np.ones((2, 2))).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    sig = Sigmoid()
    sig.forward(np.array([0.0, 2.0]))
    np.testing.assert_allclose(sig.out, [0.5, 0.88079708], atol=5e-9)
    np.testing.assert_allclose(sig.backward(np.ones(2)), [0.25, 0.88079708 * 0.11920292], atol=5e-9)


BOOK_DEFAULTS = [
    (SGD, {"lr": 0.01}),
    (Momentum, {"lr": 0.01, "momentum": 0.9}),
    (Nesterov, {"lr": 0.01, "momentum": 0.9}),
    (AdaGrad, {"lr": 0.01}),
    (RMSprop, {"lr": 0.01, "decay_rate": 0.99}),
    (Adam, {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}),
]


@pytest.mark.parametrize(
    ("cls", "defaults"), BOOK_DEFAULTS, ids=lambda v: getattr(v, "__name__", "")
)
def test_optimizers_have_the_books_defaults(cls, defaults):
    opt = cls()
    assert {key: getattr(opt, key) for key in defaults} == defaults


def test_nesterov_two_steps_by_hand():
    # v = 0.9 v - lr g; W += 0.81 v - 1.9 lr g.  Step 1: v = -0.05, W = 1 - 0.0405 - 0.095.
    # Step 2 (g = 0.25): v = -0.045 - 0.025 = -0.07, W -= 0.0567 + 0.0475.
    params = {"W": np.array([1.0])}
    opt = Nesterov(lr=0.1)
    opt.update(params, {"W": np.array([0.5])})
    assert params["W"][0] == pytest.approx(0.8645, abs=1e-15)
    opt.update(params, {"W": np.array([0.25])})
    assert opt.v["W"][0] == pytest.approx(-0.07, abs=1e-15)
    assert params["W"][0] == pytest.approx(0.8645 - 0.0567 - 0.0475, abs=1e-15)


def test_rmsprop_two_steps_by_hand():
    # h = 0.99 h + 0.01 g²; W -= lr g / (sqrt(h) + 1e-7).
    params = {"W": np.array([1.0, -2.0])}
    opt = RMSprop(lr=0.1)
    opt.update(params, {"W": np.array([0.5, -1.0])})
    np.testing.assert_allclose(opt.h["W"], [0.0025, 0.01], rtol=1e-15)
    # 1 - 0.05 / (0.05 + 1e-7) = 2e-6 cancels 6 digits: compare to 1e-9.
    np.testing.assert_allclose(
        params["W"], [1 - 0.05 / (0.05 + 1e-7), -2 + 0.1 / (0.1 + 1e-7)], rtol=1e-9
    )
    before = params["W"].copy()
    opt.update(params, {"W": np.array([0.5, 0.0])})
    h = 0.99 * 0.0025 + 0.01 * 0.25
    np.testing.assert_allclose(opt.h["W"], [h, 0.0099], rtol=1e-15)
    np.testing.assert_allclose(params["W"], [before[0] - 0.05 / (np.sqrt(h) + 1e-7), before[1]])


@pytest.mark.parametrize(
    ("cls", "lr"),
    [(SGD, 0.95), (Momentum, 0.1), (Nesterov, 0.1), (AdaGrad, 1.5), (RMSprop, 0.1), (Adam, 0.3)],
)
def test_each_optimizer_descends_the_books_bowl(cls, lr):
    # Chapter 6's f(x, y) = x²/20 + y² from (-7, 2), with its learning rates.
    params = {"x": np.array([-7.0]), "y": np.array([2.0])}
    opt = cls(lr=lr)
    for _ in range(200):
        opt.update(params, {"x": params["x"] / 10.0, "y": 2.0 * params["y"]})
    value = params["x"][0] ** 2 / 20 + params["y"][0] ** 2
    assert value < 0.05 * (49 / 20 + 4)


BOOKS_RATES = [(SGD, 0.95), (Momentum, 0.1), (Nesterov, 0.1), (AdaGrad, 1.5), (RMSprop, 0.1),
               (Adam, 0.3)]  # fmt: skip


@pytest.mark.parametrize(("cls", "lr"), BOOKS_RATES, ids=lambda v: getattr(v, "__name__", ""))
def test_plain_numbers_as_chapter_6_passes_them_follow_the_array_path(cls, lr):
    # Chapter 6's comparison keeps x and y as floats: params = {"x": -7.0, "y": 2.0}.
    numbers, arrays = {"x": -7.0, "y": 2.0}, {"x": np.array(-7.0), "y": np.array(2.0)}
    by_numbers, by_arrays = cls(lr=lr), cls(lr=lr)
    path = []
    for _ in range(30):
        by_numbers.update(numbers, {"x": numbers["x"] / 10.0, "y": 2.0 * numbers["y"]})
        by_arrays.update(arrays, {"x": arrays["x"] / 10.0, "y": 2.0 * arrays["y"]})
        path.append(numbers["x"])
    assert isinstance(numbers["x"], float) and isinstance(numbers["y"], float)
    assert (numbers["x"], numbers["y"]) == (float(arrays["x"]), float(arrays["y"]))
    assert len(set(path)) == 30  # it moved at every step


def test_sgd_on_plain_numbers_three_steps_by_hand():
    # x -= 0.01 * x / 10 three times: x * 0.999³; y -= 0.01 * 2y: y * 0.98³.
    params = {"x": -7.0, "y": 2.0}
    opt = SGD()
    for _ in range(3):
        opt.update(params, {"x": params["x"] / 10.0, "y": 2.0 * params["y"]})
    assert params["x"] == pytest.approx(-6.979020993, abs=1e-15)
    assert params["y"] == pytest.approx(1.882384, abs=1e-15)
