"""``nnlab run``: the book's known errors get a diagnosis after the script's traceback."""

from __future__ import annotations

import pytest
from book_run import nnlab_run, python_run, write_script


def run_both(tmp_path, name, source, cwd=None):
    """(nnlab run, python) on the same script: the diagnosis follows python's own output."""
    script = write_script(tmp_path / name, source)
    cwd = cwd or script.parent
    return nnlab_run(str(script), cwd=cwd), python_run(str(script), cwd=cwd)


def diagnosis(ours, python) -> list[str]:
    assert ours.returncode == python.returncode == 1
    assert ours.stderr.startswith(python.stderr)  # the traceback exactly as python shows it
    rest = ours.stderr[len(python.stderr) :].splitlines()
    assert rest[0] == ""  # a blank line, then the diagnosis
    return rest[1:]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "y = np.array(x > 0, dtype=np.int)",
            [
                "nnlab: np.int was removed in NumPy 1.24: write int instead (np.int64 for a "
                "fixed size).",
                "           y = np.array(x > 0, dtype=int)",
            ],
        ),
        (
            "y = x.astype(np.float)",
            [
                "nnlab: np.float was removed in NumPy 1.24: write float instead (np.float64 for a "
                "fixed size).",
                "           y = x.astype(float)",
            ],
        ),
        (
            "y = np.float_(x)",
            [
                "nnlab: np.float_ was removed in NumPy 2.0: write np.float64 instead.",
                "           y = np.float64(x)",
            ],
        ),
    ],
    ids=["np.int", "np.float", "np.float_"],
)
def test_removed_numpy_aliases(tmp_path, line, expected):
    source = f"import numpy as np\nx = np.array([-1.0, 1.0])\n{line}\n"
    ours, python = run_both(tmp_path, "step.py", source)
    assert diagnosis(ours, python) == expected


def test_pickle_not_imported(tmp_path):
    source = """
        import numpy as np

        def init_network():
            with open("weights.pkl", "rb") as f:
                return pickle.load(f)

        init_network()
    """
    write_script(tmp_path / "weights.pkl", "")
    ours, python = run_both(tmp_path, "p76.py", source)
    assert diagnosis(ours, python) == [
        "nnlab: pickle is used but never imported: add `import pickle` at the top (the book's "
        "listing on p. 76 leaves it out)."
    ]


def test_np_dot_shape_mismatch_names_both_shapes(tmp_path):
    source = """
        import numpy as np
        x = np.ones((2, 3))
        W = np.ones((2, 4))
        print(np.dot(x, W))
    """
    ours, python = run_both(tmp_path, "dot.py", source)
    assert diagnosis(ours, python) == [
        "nnlab: np.dot(a, b) got a of shape (2, 3) and b of shape (2, 4): dimension 1 of a "
        "(size 3) must equal dimension 0 of b (size 2).",
        "       Check the order (np.dot(x, W), with W of shape (inputs, outputs)) and which "
        "array has the wrong shape; print(x.shape, W.shape) shows them.",
    ]


def test_matmul_shape_mismatch(tmp_path):
    source = "import numpy as np\nprint(np.ones((2, 3)) @ np.ones((2,)))\n"
    ours, python = run_both(tmp_path, "matmul.py", source)
    assert diagnosis(ours, python) == [
        "nnlab: a @ b needs a's last dimension to equal b's first (for matrices): a's is 3, "
        "b's is 2. Check the order and the shapes (print(a.shape, b.shape))."
    ]


def test_sample_weight_missing_says_where_it_comes_from(tmp_path):
    source = 'import pickle\nwith open("sample_weight.pkl", "rb") as f:\n    pickle.load(f)\n'
    (tmp_path / "ch03").mkdir()
    write_script(tmp_path / "ch03" / "sample_weight.pkl", "")
    ours, python = run_both(tmp_path, "ch03/neuralnet.py", source, cwd=tmp_path)
    lines = diagnosis(ours, python)
    assert lines[0].startswith("nnlab: sample_weight.pkl is the book's trained network")
    assert "ch03/sample_weight.pkl" in lines[0]
    assert lines[1] == (
        f"       A relative path is looked up in the current folder ({tmp_path}), not the "
        "script's: put the file there or run from the folder that has it."
    )
    assert lines[2] == f"       The script's folder has it: cd {tmp_path / 'ch03'} first."


def test_sample_weight_missing_from_the_script_s_own_folder_says_no_more_than_its_source(
    tmp_path,
):
    source = 'import pickle\nwith open("sample_weight.pkl", "rb") as f:\n    pickle.load(f)\n'
    ours, python = run_both(tmp_path, "neuralnet.py", source, cwd=tmp_path)
    lines = diagnosis(ours, python)
    assert len(lines) == 1
    assert lines[0].startswith("nnlab: sample_weight.pkl is the book's trained network")


OLD_LOADER = """
    import urllib.error

    def load_mnist(normalize=True, flatten=True, one_hot_label=False):
        # What urlretrieve raises against the old host (no network needed to test it).
        url = "http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz"
        raise urllib.error.HTTPError(url, 403, "Forbidden", {}, None)
"""


def test_the_old_mnist_host_refusing(tmp_path):
    write_script(tmp_path / "book" / "dataset" / "__init__.py", "")
    write_script(tmp_path / "book" / "dataset" / "mnist.py", OLD_LOADER)
    source = """
        import sys, os
        sys.path.append(os.pardir)
        from dataset.mnist import load_mnist
        load_mnist()
    """
    ours, python = run_both(tmp_path, "book/ch03/load.py", source)
    assert diagnosis(ours, python) == [
        "nnlab: The book's dataset/mnist.py downloads MNIST from yann.lecun.com, which no "
        "longer serves it to scripts.",
        f"       Run `nnlab data download --data-dir {tmp_path / 'book' / 'dataset'}` to put "
        "the four checked files where it looks, or rename that dataset folder so that "
        "`nnlab run` supplies nnlab's own load_mnist.",
    ]


def test_other_errors_get_no_diagnosis(tmp_path):
    ours, python = run_both(tmp_path, "other.py", "import numpy as np\nnp.zeros(3)[5]\n")
    assert ours.returncode == python.returncode == 1
    assert ours.stderr == python.stderr
