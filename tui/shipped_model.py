"""The pretrained MNIST model that ships with nnlab, so drawing works with no dataset.

The file lives at ``assets/models/mnist-best.npz`` in the source tree. A wheel carries
it inside the ``tui`` package as ``tui/assets/models/mnist-best.npz`` (hatch
``force-include`` in pyproject.toml), so an installed nnlab finds it with
``importlib.resources``; a source checkout or editable install has no such copy and
uses the source tree's file instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from nncore.io import ModelFileError, load_model
from tui.i18n import _

MODEL_NAME = "mnist-best.npz"
_RELATIVE = Path("assets", "models", MODEL_NAME)
SOURCE_TREE_FILE = Path(__file__).resolve().parent.parent / _RELATIVE
"""Where the model is in a source checkout (the repository's ``assets/``)."""


def shipped_model_path() -> Path:
    """The shipped model file: the installed package's copy if there is one, else the
    source tree's. Raises ``ModelFileError`` when neither exists (a broken install)."""
    packaged = resources.files("tui").joinpath(*_RELATIVE.parts)
    # A wheel installs the package as plain files, so the resource is a real path.
    if packaged.is_file():
        return Path(str(packaged))
    if SOURCE_TREE_FILE.is_file():
        return SOURCE_TREE_FILE
    raise ModelFileError(
        _("the shipped model {name} is missing; reinstall nnlab").format(name=MODEL_NAME)
    )


def load_shipped_model():
    """``(network, metadata)`` of the shipped model; see ``nncore.io.load_model``."""
    return load_model(shipped_model_path())
