"""README's ``nnlab run`` chapter, run as it says: its scripts print what it shows."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from book_run import REPO, nnlab_run, real_book_weights, write_script

README = (REPO / "README.md").read_text(encoding="utf-8")
REAL_DATA = os.environ.get("NNLAB_DATA")
REAL_WEIGHTS = real_book_weights()
FENCE = re.compile(r"^```[a-z]*\n(.*?)^```$", re.M | re.S)


def block_after(phrase: str, skip: int = 0) -> str:
    """The fenced block of README after ``phrase`` (after ``skip`` others)."""
    blocks = FENCE.finditer(README, README.index(phrase))
    for _ in range(skip):
        next(blocks)
    return next(blocks).group(1)


STEP = """
    import numpy as np
    import matplotlib.pylab as plt

    def step_function(x):
        return np.array(x > 0, dtype={dtype})

    x = np.arange(-5.0, 5.0, 0.1)
    plt.plot(x, step_function(x))
    plt.ylim(-0.1, 1.1)
    plt.show()
"""
"""Section 3.2's step function and its plot, as README describes them."""


@pytest.mark.skipif(not REAL_DATA, reason="needs NNLAB_DATA (the real MNIST)")
@pytest.mark.skipif(REAL_WEIGHTS is None, reason="needs the book's sample_weight.pkl")
def test_the_chapter_3_example_prints_what_readme_shows(tmp_path):
    script = block_after("Chapter 3's pretrained network")
    command, *output = block_after("Chapter 3's pretrained network", 1).splitlines()
    assert command == "$ cd ch03 && nnlab run neuralnet_mnist.py"
    folder = tmp_path / "book" / "ch03"
    write_script(folder / "neuralnet_mnist.py", script)
    shutil.copy(REAL_WEIGHTS, folder / "sample_weight.pkl")

    result = nnlab_run("neuralnet_mnist.py", cwd=folder, env={"NNLAB_DATA": REAL_DATA})

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == output == ["Accuracy:0.9352"]


def test_the_np_int_example_prints_readmes_diagnosis(tmp_path):
    first, dots, blank, *diagnosis = block_after("with the book's `dtype=np.int`").splitlines()
    assert (dots, blank) == ("...", "")
    write_script(tmp_path / "step.py", STEP.format(dtype="np.int"))

    result = nnlab_run("step.py", cwd=tmp_path)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert first in lines
    assert lines[-len(diagnosis) :] == diagnosis
    assert diagnosis[-1].strip() == "return np.array(x > 0, dtype=int)"


def test_the_fixed_step_function_plots_readmes_chart(tmp_path):
    chart = block_after("over SSH prints").splitlines()
    write_script(tmp_path / "step.py", STEP.format(dtype="int"))

    # README's chart is what a 64×14 terminal shows; the plot fills the terminal.
    result = nnlab_run("step.py", cwd=tmp_path, env={"COLUMNS": "64", "LINES": "14"})

    assert result.returncode == 0, result.stderr
    assert [line.rstrip() for line in result.stdout.splitlines()] == chart
    assert "1.10┤" in chart[1] and chart[-1].split() == ["-5.0", "-2.5", "-0.1", "2.4", "4.9"]
