"""``nnlab run SCRIPT``: runs a script as ``python SCRIPT`` does, with the book's modules."""

from __future__ import annotations

import ast
import os
import pickle

import numpy as np
import pytest
from book_run import nnlab_run, python_run, write_script

from nncore.functions import sigmoid, softmax

REAL_DATA = os.environ.get("NNLAB_DATA")

WHERE_AM_I = """
    import os, sys
    print(sys.argv)
    print(__name__, __file__)
    print(sys.path[0])
    print(os.getcwd())
    print(open("data.txt").read().strip())
    import helper
    print(helper.VALUE)
    answer = input("n? ")
    print(int(answer) * 6)
    sys.exit(int(answer) - 4)
"""


def test_behaves_as_python_script_does(tmp_path):
    script = write_script(tmp_path / "ch03" / "where.py", WHERE_AM_I)
    write_script(tmp_path / "ch03" / "helper.py", "VALUE = 'helper beside the script'\n")
    (tmp_path / "data.txt").write_text("data in the current folder\n")
    args = ("ch03/where.py", "a b", "--lr", "0.1")

    ours = nnlab_run(*args, cwd=tmp_path, stdin="7\n")
    python = python_run(*args, cwd=tmp_path, stdin="7\n")

    assert ours.stdout == python.stdout
    assert (ours.returncode, python.returncode) == (3, 3)
    lines = ours.stdout.splitlines()
    assert lines[0] == "['ch03/where.py', 'a b', '--lr', '0.1']"
    assert lines[1] == f"__main__ {script}"
    assert lines[2] == str(script.parent)
    assert lines[3:6] == [str(tmp_path), "data in the current folder", "helper beside the script"]
    assert lines[6] == "n? 42"


@pytest.mark.parametrize(
    ("body", "code", "stderr_end"),
    [
        ("print('done')\n", 0, ""),
        ("import sys\nsys.exit(5)\n", 5, ""),
        ("import sys\nsys.exit('bye')\n", 1, "bye\n"),
        ("raise KeyError('nope')\n", 1, "KeyError: 'nope'\n"),
        ("raise KeyboardInterrupt\n", 130, "KeyboardInterrupt\n"),
    ],
)
def test_the_scripts_exit_code_is_nnlabs(tmp_path, body, code, stderr_end):
    write_script(tmp_path / "s.py", body)
    result = nnlab_run("s.py", cwd=tmp_path)
    assert result.returncode == code
    assert result.stderr.endswith(stderr_end)


def test_traceback_is_the_scripts_own_as_python_prints_it(tmp_path):
    write_script(
        tmp_path / "fails.py",
        """
        def divide(a, b):
            return a / b

        print(divide(1, 0))
        """,
    )
    ours = nnlab_run("fails.py", cwd=tmp_path)
    python = python_run("fails.py", cwd=tmp_path)
    assert ours.returncode == python.returncode == 1
    assert ours.stderr == python.stderr
    assert ours.stderr.startswith('Traceback (most recent call last):\n  File "')
    assert "ZeroDivisionError: division by zero" in ours.stderr
    assert "tui" not in ours.stderr and "runpy" not in ours.stderr


def test_a_syntax_error_is_shown_as_python_shows_it(tmp_path):
    write_script(tmp_path / "py2.py", "x = 1\nprint x\n")
    ours = nnlab_run("py2.py", cwd=tmp_path)
    python = python_run("py2.py", cwd=tmp_path)
    assert ours.returncode == python.returncode == 1
    assert ours.stderr == python.stderr
    assert "SyntaxError" in ours.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: "missing.py", "nnlab: error: no such file: missing.py (looked in {d})\n"),
        (
            lambda d: (d / "ch03").mkdir() or "ch03",
            "nnlab: error: ch03 is a folder, not a Python file\n",
        ),
        (
            lambda d: (d / "notes.txt").write_text("hi") and "notes.txt",
            "nnlab: error: notes.txt is not a Python file: expected a .py script\n",
        ),
        (
            lambda d: (d / "x.py").write_bytes(b"\x7fELF\0\0") and "x.py",
            "nnlab: error: x.py is not a Python file: it holds binary data\n",
        ),
        (
            lambda d: "bad\x1b[31m.py",
            "nnlab: error: no such file: bad\\x1b[31m.py (looked in {d})\n",
        ),
        (lambda d: None, "nnlab: error: give the script to run: nnlab run SCRIPT [ARGS...]\n"),
        (lambda d: str(d / "gone.py"), "nnlab: error: no such file: {d}/gone.py\n"),
    ],
    ids=["missing", "folder", "text", "binary", "control-characters", "no-script", "absolute"],
)
def test_nnlabs_own_problems_are_one_line_and_exit_2(tmp_path, make, message):
    script = make(tmp_path)
    result = nnlab_run(*([] if script is None else [script]), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == message.format(d=tmp_path)
    assert result.stdout == ""


SIMPLE_NET = """
    import sys, os
    sys.path.append(os.pardir)
    import numpy as np
    import common.functions
    from common.functions import softmax, cross_entropy_error
    from common.gradient import numerical_gradient


    class simpleNet:
        def __init__(self):
            self.W = np.array([[0.47355232, 0.9977393, 0.84668094],
                               [0.85557411, 0.03563661, 0.69422093]])

        def predict(self, x):
            return np.dot(x, self.W)

        def loss(self, x, t):
            return cross_entropy_error(softmax(self.predict(x)), t)


    net = simpleNet()
    x = np.array([0.6, 0.9])
    t = np.array([0, 0, 1])
    print(net.predict(x))
    print(round(net.loss(x, t), 6))
    print(numerical_gradient(lambda w: net.loss(x, t), net.W).tolist())
    print(common.functions.__name__)
"""


def test_common_imports_as_nncore_book_from_any_folder(tmp_path):
    write_script(tmp_path / "mine" / "ch04" / "simple.py", SIMPLE_NET)
    result = nnlab_run(str(tmp_path / "mine" / "ch04" / "simple.py"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "[1.05414809 0.63071653 1.1328074 ]"
    assert lines[1] == "0.928068"
    # The book's dW, to the 1e-7 delta its cross_entropy_error adds (its print left it out).
    np.testing.assert_allclose(
        ast.literal_eval(lines[2]),
        [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]],
        rtol=3e-7,
    )
    assert lines[3] == "nncore.book.common.functions"


OWN_COMMON = "def softmax(x):\n    return 'own softmax'\n"
USES_COMMON = """
    import sys, os
    sys.path.append(os.pardir)
    from common.functions import softmax
    print(softmax([1.0]))
"""


@pytest.mark.parametrize("where", ["folder", "parent"])
def test_a_scripts_own_common_wins_even_from_another_folder(tmp_path, where):
    book = tmp_path / "book"
    home = book / "ch03" if where == "folder" else book
    write_script(home / "common" / "__init__.py", "")
    write_script(home / "common" / "functions.py", OWN_COMMON)
    write_script(book / "ch03" / "uses.py", USES_COMMON)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # From another folder, the book's os.pardir points nowhere useful; nnlab adds the parent.
    result = nnlab_run(str(book / "ch03" / "uses.py"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "own softmax\n"


def test_a_module_nncore_book_lacks_is_a_plain_import_error(tmp_path):
    write_script(tmp_path / "ch07" / "s.py", "from common.util import im2col\n")
    result = nnlab_run("ch07/s.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith("ModuleNotFoundError: No module named 'common.util'\n")


SAMPLE_NETWORK = """
    import sys, os
    sys.path.append(os.pardir)
    import pickle
    import numpy as np
    from dataset.mnist import load_mnist
    from common.functions import sigmoid, softmax

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True)
    with open("sample_weight.pkl", "rb") as f:
        network = pickle.load(f)

    def predict(network, x):
        z1 = sigmoid(np.dot(x, network["W1"]) + network["b1"])
        z2 = sigmoid(np.dot(z1, network["W2"]) + network["b2"])
        return softmax(np.dot(z2, network["W3"]) + network["b3"])

    batch_size = 100
    accuracy_cnt = 0
    for i in range(0, len(x_test), batch_size):
        p = np.argmax(predict(network, x_test[i:i + batch_size]), axis=1)
        accuracy_cnt += np.sum(p == t_test[i:i + batch_size])
    print("Accuracy:" + str(float(accuracy_cnt) / len(x_test)))
"""


@pytest.mark.skipif(not REAL_DATA, reason="needs NNLAB_DATA (the real MNIST)")
def test_chapter_3_batch_script_on_real_mnist(tmp_path):
    """load_mnist through nncore; the weights are this test's own pickle (the script loads
    it with pickle, as the book's does), and the test computes the accuracy to expect."""
    rng = np.random.default_rng(0)
    shapes = {"W1": (784, 50), "b1": 50, "W2": (50, 100), "b2": 100, "W3": (100, 10), "b3": 10}
    weights = {k: rng.normal(scale=0.3, size=s).astype(np.float32) for k, s in shapes.items()}
    folder = tmp_path / "ch03"
    write_script(folder / "neuralnet_batch.py", SAMPLE_NETWORK)
    with open(folder / "sample_weight.pkl", "wb") as f:
        pickle.dump(weights, f)

    result = nnlab_run("neuralnet_batch.py", cwd=folder, env={"NNLAB_DATA": REAL_DATA})

    assert result.returncode == 0, result.stderr
    from nncore.datasets import load_mnist

    _, (x, t) = load_mnist(data_dir=REAL_DATA, download=False)
    z1 = sigmoid(x @ weights["W1"] + weights["b1"])
    z2 = sigmoid(z1 @ weights["W2"] + weights["b2"])
    predicted = softmax(z2 @ weights["W3"] + weights["b3"]).argmax(axis=1)
    assert result.stdout == f"Accuracy:{float(np.sum(predicted == t)) / 10000}\n"


TRAIN = """
    import numpy as np
    from dataset.mnist import load_mnist
    from two_layer_net import TwoLayerNet

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
    np.random.seed(0)
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)

    grad = network.numerical_gradient(x_train[:3], t_train[:3])
    check = network.gradient(x_train[:3], t_train[:3])
    print(max(float(np.abs(grad[k] - check[k]).max()) for k in grad) < 1e-6)

    losses = []
    for i in range(300):
        batch = np.random.choice(x_train.shape[0], 100)
        grad = network.gradient(x_train[batch], t_train[batch])
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= 0.5 * grad[key]
        losses.append(network.loss(x_train[batch], t_train[batch]))
    print(round(losses[0], 1), losses[-1] < 0.6)
    print(network.accuracy(x_test, t_test) > 0.85)
"""


@pytest.mark.skipif(not REAL_DATA, reason="needs NNLAB_DATA (the real MNIST)")
def test_chapter_4_training_script_with_two_layer_net(tmp_path):
    write_script(tmp_path / "train.py", TRAIN)
    result = nnlab_run("train.py", cwd=tmp_path, env={"NNLAB_DATA": REAL_DATA})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True", "2.3 True", "True"]
