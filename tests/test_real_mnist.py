"""The real MNIST: the book's pickle scores exactly, and the presets learn as promised.

Runs only when ``$NNLAB_DATA`` names a folder with the four MNIST files (about a minute
on two cores); the book's weights come from ``$NNLAB_DLFS_WEIGHTS`` or the shared data
folder beside the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not os.environ.get("NNLAB_DATA"), reason="set NNLAB_DATA to a folder with the MNIST files"
)

DEFAULT_WEIGHTS = Path(__file__).resolve().parents[1].parent / "shared/data/dlfs/sample_weight.pkl"


def run_json(*args: str) -> dict:
    """Run ``nnlab ARGS --json`` in a fresh process, as a user would.

    A fresh process matters: ``nnlab`` limits BLAS to one thread before NumPy loads,
    which it cannot do inside pytest, and two spinning BLAS threads on a busy two-core
    machine made the ``best`` preset three times slower.
    """
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *args, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_book_sample_weights_score_0_9352():
    weights = Path(os.environ.get("NNLAB_DLFS_WEIGHTS", DEFAULT_WEIGHTS))
    if not weights.is_file():
        pytest.skip(f"no {weights}; set NNLAB_DLFS_WEIGHTS to the book's sample_weight.pkl")
    result = run_json("eval", "--weights", str(weights))
    # The book's ch03/neuralnet_mnist.py prints "Accuracy:0.9352".
    assert (result["accuracy"], result["correct"], result["total"]) == (0.9352, 9352, 10000)


def test_best_preset_reaches_98_percent():
    result = run_json("train", "mnist", "--preset", "best")
    assert result["test_acc"] >= 0.98, result["history"]


def test_book_preset_learns_in_two_epochs():
    result = run_json("train", "mnist", "--preset", "book", "--epochs", "2")
    first, second = (record["test_acc"] for record in result["history"])
    assert second > first
    assert second > 0.85
