"""What ``nnlab run`` says after a script's traceback when the error is a known book one.

Each rule looks at one exception and returns the lines of a short diagnosis with the
fix, or nothing. The script's own traceback is printed first, unchanged.
"""

from __future__ import annotations

import linecache
import os
import re
import shlex
import traceback
import urllib.error
from collections.abc import Iterator

from tui.i18n import _

#: NumPy aliases the book's code (and its readers') still use: what to write instead.
REMOVED_NUMPY = {
    "int": ("1.24", "int", "np.int64"),
    "float": ("1.24", "float", "np.float64"),
    "bool": ("1.24", "bool", "np.bool_"),
    "object": ("1.24", "object", None),
    "complex": ("1.24", "complex", "np.complex128"),
    "str": ("1.24", "str", None),
    "long": ("1.24", "int", "np.int64"),
    "unicode": ("1.24", "str", None),
    "float_": ("2.0", "np.float64", None),
    "complex_": ("2.0", "np.complex128", None),
    "NaN": ("2.0", "np.nan", None),
    "NAN": ("2.0", "np.nan", None),
    "Inf": ("2.0", "np.inf", None),
    "Infinity": ("2.0", "np.inf", None),
    "infty": ("2.0", "np.inf", None),
    "PINF": ("2.0", "np.inf", None),
}
#: Names scripts use without importing them, and the import that defines each.
IMPORTS = {
    "pickle": "import pickle",
    "np": "import numpy as np",
    "plt": "import matplotlib.pyplot as plt",
    "os": "import os",
    "sys": "import sys",
}
_NUMPY_ATTR = re.compile(r"module 'numpy' has no attribute '(\w+)'|`np\.(\w+)` was removed")
_NOT_ALIGNED = re.compile(
    r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned: "
    r"(\d+) \(dim (\d+)\) != (\d+) \(dim (\d+)\)"
)
_MATMUL = re.compile(r"^matmul: .*\(size (\d+) is different from (\d+)\)")
_OLD_MNIST_HOST = "yann.lecun.com"


def diagnose(exc: BaseException, script: str) -> list[str]:
    """Lines explaining ``exc`` (or an exception it was raised from), or ``[]``."""
    for error in _chain(exc):
        for rule in (_removed_numpy, _missing_import, _shapes, _sample_weight, _mnist_host):
            lines = rule(error, script)
            if lines:
                return lines
    return []


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _script_line(exc: BaseException, script: str) -> str:
    """The last line of ``script`` the traceback passes through, stripped."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == script]
    if not frames:
        return ""
    return linecache.getline(script, frames[-1].lineno).strip()


def _removed_numpy(exc: BaseException, script: str) -> list[str]:
    match = _NUMPY_ATTR.search(str(exc)) if isinstance(exc, AttributeError) else None
    name = match and (match.group(1) or match.group(2))
    if name not in REMOVED_NUMPY:
        return []
    version, instead, sized = REMOVED_NUMPY[name]
    if sized:
        said = _(
            "np.{name} was removed in NumPy {version}: write {instead} instead "
            "({sized} for a fixed size)."
        )
    else:
        said = _("np.{name} was removed in NumPy {version}: write {instead} instead.")
    lines = [said.format(name=name, version=version, instead=instead, sized=sized)]
    line = _script_line(exc, script)
    fixed = re.sub(rf"\b(np|numpy)\.{name}\b(?!\w)", instead, line)
    if fixed != line:
        lines.append(f"    {fixed}")
    return lines


def _missing_import(exc: BaseException, script: str) -> list[str]:
    if not isinstance(exc, NameError) or getattr(exc, "name", None) not in IMPORTS:
        return []
    name = exc.name
    if name == "pickle":
        said = _(
            "{name} is used but never imported: add `{line}` at the top "
            "(the book's listing on p. 76 leaves it out)."
        )
    else:
        said = _("{name} is used but never imported: add `{line}` at the top.")
    return [said.format(name=name, line=IMPORTS[name])]


def _shapes(exc: BaseException, script: str) -> list[str]:
    if not isinstance(exc, ValueError):
        return []
    text = str(exc)
    aligned = _NOT_ALIGNED.search(text)
    if aligned:
        a, b, size_a, dim_a, size_b, dim_b = aligned.groups()
        said = _(
            "np.dot(a, b) got a of shape ({shape_a}) and b of shape ({shape_b}): "
            "dimension {dim_a} of a (size {size_a}) must equal dimension {dim_b} of b "
            "(size {size_b})."
        )
        return [
            said.format(
                shape_a=_shape(a),
                shape_b=_shape(b),
                dim_a=dim_a,
                size_a=size_a,
                dim_b=dim_b,
                size_b=size_b,
            ),
            _(
                "Check the order (np.dot(x, W), with W of shape (inputs, outputs)) and which "
                "array has the wrong shape; print(x.shape, W.shape) shows them."
            ),
        ]
    matmul = _MATMUL.search(text)
    if matmul:
        got, wanted = matmul.groups()
        said = _(
            "a @ b needs a's last dimension to equal b's first (for matrices): a's is "
            "{wanted}, b's is {got}. Check the order and the shapes (print(a.shape, b.shape))."
        )
        return [said.format(wanted=wanted, got=got)]
    return []


def _shape(text: str) -> str:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return ", ".join(parts) + ("," if len(parts) == 1 else "")


def _sample_weight(exc: BaseException, script: str) -> list[str]:
    if not isinstance(exc, FileNotFoundError) or not exc.filename:
        return []
    if os.path.basename(str(exc.filename)) != "sample_weight.pkl":
        return []
    lines = [
        _(
            "sample_weight.pkl is the book's trained network for chapter 3; no script makes "
            "it. It comes with the book's code, as ch03/sample_weight.pkl "
            "(github.com/oreilly-japan/deep-learning-from-scratch)."
        )
    ]
    folder = os.path.dirname(script)
    # From the script's own folder the two folders are one: nothing to tell apart.
    if os.path.isabs(exc.filename) or os.path.realpath(folder) == os.path.realpath(os.getcwd()):
        return lines
    lines.append(
        _(
            "A relative path is looked up in the current folder ({folder}), not the "
            "script's: put the file there or run from the folder that has it."
        ).format(folder=os.getcwd())
    )
    if os.path.isfile(os.path.join(folder, exc.filename)):
        lines.append(
            _("The script's folder has it: cd {folder} first.").format(folder=shlex.quote(folder))
        )
    return lines


def _mnist_host(exc: BaseException, script: str) -> list[str]:
    if not isinstance(exc, urllib.error.URLError):
        return []
    url = str(getattr(exc, "url", None) or getattr(exc, "filename", None) or "")
    frames = traceback.extract_tb(exc.__traceback__)
    loader = next((f.filename for f in frames if os.path.basename(f.filename) == "mnist.py"), None)
    if _OLD_MNIST_HOST not in url and loader is None:
        return []
    folder = os.path.normpath(os.path.dirname(loader)) if loader else "dataset"
    return [
        _(
            "The book's dataset/mnist.py downloads MNIST from {host}, which no "
            "longer serves it to scripts."
        ).format(host=_OLD_MNIST_HOST),
        _(
            "Run `nnlab data download --data-dir {folder}` to put the four checked files "
            "where it looks, or rename that dataset folder so that `nnlab run` supplies "
            "nnlab's own load_mnist."
        ).format(folder=shlex.quote(folder)),
    ]
