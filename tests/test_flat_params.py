"""One parameter buffer, one gradient buffer: views, rebinding, the fused pass, flat updates."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from nncore.flat import FlatParams
from nncore.layers import ACTIVATIONS, Affine, SoftmaxWithLoss
from nncore.network import Network
from nncore.optimizers import SGD, AdaGrad, Adam, Momentum


def test_params_and_grads_are_views_into_one_buffer_each():
    net = Network((6, 5, 4, 3), seed=1)
    start = 0
    for value in net.params.values():
        assert value.base is net.params.flat
        assert value.flags.c_contiguous
        np.testing.assert_array_equal(net.params.flat[start : start + value.size], value.ravel())
        start += value.size
    assert start == net.params.flat.size == 6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3
    _, grads = net.loss_and_gradient(np.ones((2, 6)), np.array([0, 2]))
    assert grads is net.grads
    assert all(g.base is net.grads.flat for g in grads.values())


def test_in_place_update_changes_the_network():
    net = Network((2, 2), dtype=np.float64, params={"W1": np.zeros((2, 2)), "b1": np.zeros(2)})
    b1 = net.params["b1"]
    net.params["b1"] -= np.array([0.0, -1.0])
    assert net.params["b1"] is b1
    assert net.params.flat[-1] == 1.0
    np.testing.assert_allclose(net.predict(np.zeros((1, 2))), [[1 / (1 + np.e), np.e / (1 + np.e)]])


def test_rebinding_a_parameter_copies_it_into_the_network():
    """Issue 15's trap: ``params[k] = new`` used to leave the layers on the old array."""
    net = Network((2, 2), dtype=np.float64, params={"W1": np.zeros((2, 2)), "b1": np.zeros(2)})
    view = net.params["W1"]
    new = np.array([[1.0, 0.0], [0.0, 3.0]])
    net.params["W1"] = new
    assert net.params["W1"] is view  # still the buffer the forward pass reads
    new[...] = 100.0  # the caller's array stays theirs
    x = np.array([[1.0, 1.0]])
    np.testing.assert_allclose(net.scores(x), [[1.0, 3.0]])
    net.params.update(b1=[0.5, -0.5])
    np.testing.assert_allclose(net.scores(x), [[1.5, 2.5]])


def test_rebinding_with_a_wrong_shape_or_name_is_refused():
    net = Network((3, 2))
    before = net.params.flat.copy()
    with pytest.raises(ValueError, match=r"params\['W1'\] must keep the shape \(3, 2\).*\(2, 3\)"):
        net.params["W1"] = np.zeros((2, 3))
    with pytest.raises(KeyError, match="W2"):
        net.params["W2"] = np.zeros((2, 2))
    with pytest.raises(TypeError, match="cannot be removed"):
        del net.params["b1"]
    with pytest.raises(TypeError):
        net.params.pop("W1")
    np.testing.assert_array_equal(net.params.flat, before)


def test_deepcopy_and_pickle_keep_one_buffer():
    params = FlatParams({"W": (2, 3), "b": (3,)}, np.float32)
    params["W"] = np.arange(6).reshape(2, 3)
    for clone in (copy.deepcopy(params), pickle.loads(pickle.dumps(params))):
        assert isinstance(clone, FlatParams)
        assert clone["W"].base is clone.flat
        np.testing.assert_array_equal(clone["W"], params["W"])
        clone["b"] += 1
        assert not params["b"].any()


def book_chain(net: Network, x: np.ndarray, t: np.ndarray):
    """The same network chained from the book-style layers of ``nncore.layers``."""
    layers = []
    for i in range(1, net.n_layers + 1):
        layers.append(Affine(net.params[f"W{i}"].copy(), net.params[f"b{i}"].copy()))
        if i < net.n_layers:
            layers.append(ACTIVATIONS[net.activation]())
    out = x
    for layer in layers:
        out = layer.forward(out)
    last = SoftmaxWithLoss()
    loss = last.forward(out, t)
    dout = last.backward(1.0)
    for layer in reversed(layers):
        dout = layer.backward(dout)
    grads = {}
    for i, layer in enumerate(layers[::2], start=1):
        grads[f"W{i}"], grads[f"b{i}"] = layer.dW, layer.db
    return loss, grads


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_fused_pass_matches_the_book_layers(activation):
    rng = np.random.default_rng(4)
    net = Network((12, 9, 7, 5), activation, init="he", seed=4)
    x = rng.normal(size=(16, 12)).astype(np.float32)
    t = rng.integers(0, 5, 16)
    loss, grads = net.loss_and_gradient(x, t)
    book_loss, book_grads = book_chain(net, x, t)
    assert loss == pytest.approx(book_loss, rel=1e-6)
    for key, value in book_grads.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-5, atol=1e-7)
    one_hot = np.eye(5)[t]
    loss_1h, grads_1h = net.loss_and_gradient(x, one_hot)
    assert loss_1h == pytest.approx(book_loss, rel=1e-6)
    np.testing.assert_allclose(grads_1h["W1"], book_grads["W1"], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("zero_columns", [0, 300], ids=["dense", "digit-like"])
@pytest.mark.parametrize("hidden", [50, 128, 256])
def test_a_wide_first_layer_summed_in_chunks_matches_the_book_layers(hidden, zero_columns):
    """784 inputs: the first product runs on the non-zero columns only when the layer is
    wide (nncore.fused._COMPACT_FROM) and a third of them are zero, as in a batch of
    digits, and is split into chunks of pixels when it is wider still (_CHUNK_FROM); the
    sums change order, not value."""
    rng = np.random.default_rng(7)
    net = Network((784, hidden, 10), "relu", init="he", seed=7)
    x = rng.random((100, 784), dtype=np.float32)
    x[:, rng.choice(784, zero_columns, replace=False)] = 0
    t = rng.integers(0, 10, 100)
    workspace_chunk = net._workspace(100).chunk
    assert workspace_chunk == (128 if hidden >= 256 else None)
    loss, grads = net.loss_and_gradient(x, t)
    assert (net._workspace(100).cols is not None) == (hidden >= 100 and zero_columns > 0)
    book_loss, book_grads = book_chain(net, x, t)
    assert loss == pytest.approx(book_loss, rel=1e-5)
    for key, value in book_grads.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-4, atol=1e-6)


def test_a_smaller_last_batch_gets_its_own_buffers():
    net = Network((4, 3, 2), seed=0)
    rng = np.random.default_rng(0)
    x, t = rng.normal(size=(10, 4)), rng.integers(0, 2, 10)
    full = {k: v.copy() for k, v in net.loss_and_gradient(x, t)[1].items()}
    part_loss, part = net.loss_and_gradient(x[:3], t[:3])
    assert part_loss == pytest.approx(book_chain(net, x[:3].astype(np.float32), t[:3])[0])
    assert not np.allclose(part["W1"], full["W1"])
    np.testing.assert_array_equal(net.loss_and_gradient(x, t)[1]["W1"], full["W1"])


@pytest.mark.parametrize("make", [SGD, Momentum, AdaGrad, Adam])
def test_flat_update_equals_the_key_by_key_update(make):
    rng = np.random.default_rng(2)
    flat = Network((5, 4, 3), seed=2)
    plain = {k: v.copy() for k, v in flat.params.items()}
    fast, slow = make(lr=0.05), make(lr=0.05)
    for _ in range(3):
        grads = FlatParams.like(flat.params)
        grads.flat[...] = rng.normal(size=grads.flat.size)
        fast.update(flat.params, grads)
        slow.update(plain, {k: v.copy() for k, v in grads.items()})
    for key, value in plain.items():
        np.testing.assert_array_equal(flat.params[key], value)
    state = fast.state_dict()
    for name in ("v", "m", "h"):
        if name in state:
            assert isinstance(state[name], FlatParams)
            for key, value in getattr(slow, name).items():
                np.testing.assert_array_equal(state[name][key], value)


def test_image_shaped_inputs_are_flattened_like_affine_does():
    net = Network((12, 5, 3), "relu", seed=5)
    rng = np.random.default_rng(5)
    flat, t = rng.normal(size=(4, 12)), np.array([0, 1, 2, 1])
    images = flat.reshape(4, 1, 3, 4)
    np.testing.assert_array_equal(net.scores(images), net.scores(flat))
    expected = net.gradient(flat, t)
    for key, value in net.gradient(images, t).items():
        np.testing.assert_array_equal(value, expected[key])


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_inputs_with_zero_columns_skip_them_and_give_the_same_gradients(activation):
    """Black border pixels: most columns are zero in every row of the batch."""
    rng = np.random.default_rng(6)
    net = Network((40, 100, 3), activation, init="he", seed=6)  # wide enough to skip them
    x = np.zeros((10, 40), np.float32)
    x[:, 5:15] = rng.random((10, 10))
    x[3, 30] = -0.0  # not a zero to drop: only columns of exact +0.0 go
    t = rng.integers(0, 3, 10)
    loss, grads = net.loss_and_gradient(x, t)
    assert net._workspace(10).cols is not None and 30 in net._workspace(10).cols
    book_loss, book_grads = book_chain(net, x, t)
    assert loss == pytest.approx(book_loss, rel=1e-6)
    for key, value in book_grads.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-5, atol=1e-7)
    assert not grads["W1"][:5].any() and not grads["W1"][15:30].any()


def test_a_batch_with_other_zero_columns_gets_a_whole_new_first_gradient():
    """The second batch's black columns were lit in the first: their rows of dW1 must
    come back zero, not keep the first batch's values (one take writes every row)."""
    rng = np.random.default_rng(8)
    net = Network((40, 100, 3), "sigmoid", seed=8)
    first, second = np.zeros((10, 40), np.float32), np.zeros((10, 40), np.float32)
    first[:, 0:12] = rng.random((10, 12))
    second[:, 20:30] = rng.random((10, 10))
    t = rng.integers(0, 3, 10)
    assert net.loss_and_gradient(first, t)[1]["W1"][:12].any()
    _, grads = net.loss_and_gradient(second, t)
    _, book_grads = book_chain(net, second, t)
    assert not grads["W1"][:20].any() and not grads["W1"][30:].any()
    np.testing.assert_allclose(grads["W1"], book_grads["W1"], rtol=1e-5, atol=1e-7)
