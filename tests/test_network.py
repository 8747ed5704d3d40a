"""The MLP: parameters, initialisation, dtype, prediction, accuracy and gradients."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore.gradient import numerical_gradient
from nncore.network import Network


def rel_error(a, b):
    """``|a - b| / (|a| + |b|)`` over the whole array (entries near 0 make an
    element-wise ratio meaningless)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b)))


def plain_numerical(net, x, t):
    """The book's loop: perturb each parameter of a float64 copy and rerun the loss."""
    wide = Network(net.sizes, net.activation, net.output, dtype=np.float64, params=net.params)
    return {k: numerical_gradient(lambda _: wide.loss(x, t), v) for k, v in wide.params.items()}


@pytest.mark.parametrize(
    ("sizes", "shapes"),
    [
        ((784, 50, 10), {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}),
        ((2, 4, 1), {"W1": (2, 4), "b1": (4,), "W2": (4, 1), "b2": (1,)}),
        (
            (784, 50, 100, 10),
            {
                "W1": (784, 50),
                "b1": (50,),
                "W2": (50, 100),
                "b2": (100,),
                "W3": (100, 10),
                "b3": (10,),
            },
        ),
        ((3, 2), {"W1": (3, 2), "b1": (2,)}),
    ],
)
def test_param_keys_and_shapes(sizes, shapes):
    net = Network(sizes)
    assert set(net.params) == set(shapes)
    assert {k: v.shape for k, v in net.params.items()} == shapes
    assert net.sizes == tuple(sizes)
    assert net.n_layers == len(sizes) - 1
    for i in range(1, len(sizes)):
        assert np.all(net.params[f"b{i}"] == 0)


@pytest.mark.parametrize(
    ("init", "activation", "expected"),
    [
        ("book", "sigmoid", lambda n: 0.01),
        ("book", "relu", lambda n: 0.01),
        ("xavier", "relu", lambda n: math.sqrt(1 / n)),
        ("he", "sigmoid", lambda n: math.sqrt(2 / n)),
        ("auto", "sigmoid", lambda n: math.sqrt(1 / n)),
        ("auto", "tanh", lambda n: math.sqrt(1 / n)),
        ("auto", "relu", lambda n: math.sqrt(2 / n)),
        ("auto", "leaky_relu", lambda n: math.sqrt(2 / n)),
        (0.5, "sigmoid", lambda n: 0.5),
    ],
)
def test_init_std(init, activation, expected):
    net = Network((400, 300, 200), activation, init=init, dtype=np.float64, seed=3)
    for key, fan_in in (("W1", 400), ("W2", 300)):
        w = net.params[key]
        assert abs(w.mean()) < 0.05 * expected(fan_in)
        assert w.std() == pytest.approx(expected(fan_in), rel=0.03)


def test_unknown_init_raises():
    with pytest.raises(ValueError, match="init"):
        Network((2, 3, 1), init="lecun")


def test_dtype_default_float32_and_float64_on_request():
    net = Network((5, 4, 3))
    assert net.dtype == np.float32
    assert all(v.dtype == np.float32 for v in net.params.values())
    x = np.random.default_rng(0).normal(size=(6, 5))
    assert net.predict(x).dtype == np.float32
    wide = Network((5, 4, 3), dtype=np.float64)
    assert all(v.dtype == np.float64 for v in wide.params.values())
    assert wide.predict(x).dtype == np.float64


def test_same_seed_same_weights_different_seed_different():
    a, b, c = Network((5, 4, 3), seed=7), Network((5, 4, 3), seed=7), Network((5, 4, 3), seed=8)
    np.testing.assert_array_equal(a.params["W1"], b.params["W1"])
    assert not np.array_equal(a.params["W1"], c.params["W1"])


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "leaky_relu", "tanh"])
def test_predict_rows_are_probabilities(activation):
    net = Network((6, 5, 4), activation, seed=1)
    x = np.random.default_rng(1).normal(size=(9, 6))
    y = net.predict(x)
    assert y.shape == (9, 4)
    assert np.all(y > 0)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, atol=1e-6)


def test_predict_matches_a_hand_forward_pass():
    net = Network((3, 4, 2), "tanh", dtype=np.float64, seed=2)
    x = np.random.default_rng(2).normal(size=(5, 3))
    p = net.params
    h = np.tanh(x @ p["W1"] + p["b1"])
    s = h @ p["W2"] + p["b2"]
    expected = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.predict(x), expected, rtol=1e-13)


def test_sigmoid_output_predict_and_accuracy():
    net = Network(
        (2, 1),
        output="sigmoid",
        dtype=np.float64,
        params={"W1": np.array([[1.0], [1.0]]), "b1": np.array([-1.5])},
    )
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = net.predict(x)
    np.testing.assert_allclose(y.ravel(), 1 / (1 + np.exp(-(x.sum(axis=1) - 1.5))), rtol=1e-15)
    assert net.accuracy(x, np.array([0, 0, 0, 1])) == 1.0  # AND
    assert net.accuracy(x, np.array([[0], [1], [1], [1]])) == 0.5  # OR


def accuracy_net():
    # W picks class = argmax of the input itself.
    return Network((3, 3), dtype=np.float64, params={"W1": np.eye(3), "b1": np.zeros(3)})


def test_accuracy_int_and_one_hot_labels():
    net = accuracy_net()
    x = np.array([[1.0, 0, 0], [0, 2.0, 0], [0, 0, 3.0], [5.0, 0, 0], [0, 0, 1.0]])
    labels = np.array([0, 1, 2, 1, 0])  # the last two are wrong
    assert net.accuracy(x, labels) == pytest.approx(3 / 5)
    assert net.accuracy(x, np.eye(3)[labels]) == pytest.approx(3 / 5)
    # Chunking must not change the answer.
    assert net.accuracy(x, labels, batch_size=2) == pytest.approx(3 / 5)


def test_loss_matches_cross_entropy_of_predict():
    net = Network((4, 3, 3), dtype=np.float64, seed=4)
    x = np.random.default_rng(4).normal(size=(6, 4))
    t = np.array([0, 1, 2, 2, 1, 0])
    y = net.predict(x)
    expected = -np.mean(np.log(y[np.arange(6), t] + 1e-7))
    assert net.loss(x, t) == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh", "leaky_relu"])
@pytest.mark.parametrize("sizes", [(5, 4, 3), (4, 6, 5, 3)])
def test_backprop_matches_numerical_softmax(activation, sizes):
    rng = np.random.default_rng(10 + len(sizes))  # a draw with no ReLU input near 0
    # Small weights keep every y_t well above 0.2, so the delta = 1e-7 inside the log
    # (which backprop's y - t leaves out) shifts the gradient by a relative < 1e-6.
    net = Network(sizes, activation, init=0.3, dtype=np.float64, seed=11)
    for key in net.params:
        if key.startswith("b"):
            net.params[key][...] = rng.normal(scale=0.1, size=net.params[key].shape)
    x = rng.normal(size=(6, sizes[0]))
    t = rng.integers(0, sizes[-1], size=6)
    # ReLU kinks: ±h must not move any hidden pre-activation across 0.
    h = x
    for i in range(1, len(sizes) - 1):
        z = h @ net.params[f"W{i}"] + net.params[f"b{i}"]
        assert np.abs(z).min() > 1e-3
        h = np.maximum(z, (0.01 if activation == "leaky_relu" else 0.0) * z)
    assert net.predict(x)[np.arange(6), t].min() > 0.2
    backprop = net.gradient(x, t, method="backprop")
    numerical = net.gradient(x, t, method="numerical")
    assert set(backprop) == set(net.params)
    for key in net.params:
        assert backprop[key].shape == net.params[key].shape
        assert rel_error(backprop[key], numerical[key]) < 1e-6, key


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_backprop_matches_numerical_sigmoid_output(activation):
    rng = np.random.default_rng(5)
    net = Network((3, 4, 2), activation, output="sigmoid", dtype=np.float64, seed=5)
    x = rng.normal(size=(7, 3))
    t = rng.integers(0, 2, size=(7, 2)).astype(np.float64)
    backprop = net.gradient(x, t)
    numerical = net.gradient(x, t, method="numerical")
    for key in net.params:
        assert rel_error(backprop[key], numerical[key]) < 1e-6, key


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh", "leaky_relu"])
@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
@pytest.mark.parametrize("one_hot", [False, True])
def test_numerical_method_equals_the_books_loop(activation, output, one_hot):
    """``method="numerical"`` must give the per-parameter central differences, also on
    sparse inputs (MNIST-like zeros) and with large weights that saturate units."""
    rng = np.random.default_rng(21)
    net = Network((6, 5, 4, 3), activation, output, init=2.0, dtype=np.float64, seed=21)
    for key in net.params:
        if key.startswith("b"):
            net.params[key][...] = rng.normal(size=net.params[key].shape)
    x = rng.normal(size=(8, 6)) * (rng.random((8, 6)) < 0.5)
    if output == "softmax":
        labels = rng.integers(0, 3, size=8)
        t = np.eye(3)[labels] if one_hot else labels
    else:
        t = rng.integers(0, 2, size=(8, 3)).astype(np.float64)
    loss, numerical = net.loss_and_gradient(x, t, method="numerical")
    expected = plain_numerical(net, x, t)
    assert loss == pytest.approx(net.loss(x, t), rel=1e-12)
    for key in net.params:
        assert numerical[key].shape == net.params[key].shape
        np.testing.assert_allclose(numerical[key], expected[key], rtol=1e-7, atol=1e-9)


def test_numerical_method_on_float32_matches_float64_loop():
    net = Network((4, 3, 2), "relu", seed=8)  # float32
    rng = np.random.default_rng(8)
    x = rng.normal(size=(5, 4))
    t = np.array([0, 1, 1, 0, 1])
    numerical = net.gradient(x, t, method="numerical")
    expected = plain_numerical(net, x, t)
    for key in net.params:
        assert numerical[key].dtype == np.float32
        np.testing.assert_allclose(numerical[key], expected[key], rtol=1e-5, atol=1e-7)


def test_numerical_gradient_leaves_the_network_unchanged():
    net = Network((3, 4, 2), seed=6)
    before = net.copy_params()
    x = np.random.default_rng(6).normal(size=(4, 3))
    loss, grads = net.loss_and_gradient(x, np.array([0, 1, 1, 0]), method="numerical")
    for key in before:
        assert net.params[key].tobytes() == before[key].tobytes()
        assert grads[key].dtype == np.float32
    assert math.isfinite(loss)


def test_unknown_gradient_method_raises():
    with pytest.raises(ValueError, match="gradient method"):
        Network((2, 2)).gradient(np.zeros((1, 2)), np.array([0]), method="magic")


def test_set_params_copies_into_the_same_arrays():
    net = Network((3, 2, 2), dtype=np.float64)
    w1 = net.params["W1"]
    new = {k: np.full_like(v, 0.25) for k, v in net.params.items()}
    net.set_params(new)
    assert net.params["W1"] is w1  # layers keep sharing the arrays
    assert np.all(net.params["W1"] == 0.25)
    new["W1"][...] = 9.0
    assert np.all(net.params["W1"] == 0.25)
    x = np.ones((1, 3))
    # forward uses the new values: h = sigmoid(0.75 + 0.25), scores equal, so 0.5 each
    np.testing.assert_allclose(net.predict(x), [[0.5, 0.5]])


def test_set_params_rejects_wrong_shapes_and_keys():
    net = Network((3, 2, 2))
    bad_shape = net.copy_params()
    bad_shape["W2"] = np.zeros((3, 2))
    with pytest.raises(ValueError, match="W2"):
        net.set_params(bad_shape)
    missing = net.copy_params()
    del missing["b1"]
    with pytest.raises(ValueError):
        net.set_params(missing)


def test_copy_params_is_independent():
    net = Network((3, 2, 2))
    copy = net.copy_params()
    copy["W1"][...] = 123.0
    assert not np.any(net.params["W1"] == 123.0)
    net.params["b1"] += 1
    assert np.all(copy["b1"] == 0)


def test_params_argument_is_copied():
    given = {"W1": np.ones((2, 2)), "b1": np.zeros(2)}
    net = Network((2, 2), dtype=np.float64, params=given)
    net.params["W1"][0, 0] = 5.0
    assert given["W1"][0, 0] == 1.0


def test_optimizer_style_in_place_update_changes_predictions():
    net = Network((2, 2), dtype=np.float64, params={"W1": np.zeros((2, 2)), "b1": np.zeros(2)})
    net.params["b1"] += np.array([0.0, 1.0])
    np.testing.assert_allclose(
        net.predict(np.zeros((1, 2))), [[1 / (1 + math.e), math.e / (1 + math.e)]], rtol=1e-15
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sizes": (5,)},
        {"sizes": ()},
        {"sizes": (5, 0, 3)},
        {"sizes": (5, -2)},
        {"sizes": (5, 3), "activation": "softplus"},
        {"sizes": (5, 3), "output": "identity"},
    ],
)
def test_bad_arguments_raise_value_error(kwargs):
    with pytest.raises(ValueError):
        Network(**kwargs)


def test_metadata():
    net = Network((4, 3, 2), "relu", init="he", dtype=np.float64)
    assert net.metadata() == {
        "sizes": [4, 3, 2],
        "activation": "relu",
        "output": "softmax",
        "init": "he",
        "dtype": "float64",
    }
