"""Where ``nnlab run`` finds the book's modules and a terminal ``matplotlib``.

The book's scripts import ``dataset.mnist``, ``common.*`` and (chapter 4)
``two_layer_net`` from the book's folders, after ``sys.path.append(os.pardir)``. When the
script's folder and its parent do not have their own, those names import as the
``nncore.book`` modules; when the parent has them, they are found from any current
folder, as the scripts' ``sys.path.append(os.pardir)`` means them to be.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from pathlib import Path

#: Top-level names of the book's own modules that ``nncore.book`` provides.
BOOK_MODULES = ("dataset", "common", "two_layer_net")


def provides(folder: Path, name: str) -> bool:
    """Whether ``folder`` has its own module or package ``name``."""
    return (folder / name).is_dir() or (folder / f"{name}.py").is_file()


class _Alias(importlib.abc.Loader):
    """Loads ``name`` as the already importable module ``target`` (the same object)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self._spec = None

    def create_module(self, spec):
        module = importlib.import_module(self.target)
        self._spec = module.__spec__
        return module

    def exec_module(self, module) -> None:
        # The import system set __spec__ to the alias's; the module keeps its own name.
        module.__spec__ = self._spec


class _Given(importlib.abc.Loader):
    """Loads a module object made beforehand (the terminal ``matplotlib``)."""

    def __init__(self, module: types.ModuleType) -> None:
        self.module = module

    def create_module(self, spec):
        return self.module

    def exec_module(self, module) -> None:
        pass


class BookFinder(importlib.abc.MetaPathFinder):
    """Answers imports of ``aliased`` top-level names and, if given, ``matplotlib``."""

    def __init__(self, aliased: set[str], plots: dict[str, types.ModuleType] | None) -> None:
        self.aliased = aliased
        self.plots = plots

    def find_spec(self, fullname: str, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in self.aliased:
            real = f"nncore.book.{fullname}"
            found = importlib.util.find_spec(real)
            if found is None:
                return None  # e.g. common.util: not provided, so a plain ModuleNotFoundError
            loader = _Alias(real)
            is_package = found.submodule_search_locations is not None
            return importlib.machinery.ModuleSpec(fullname, loader, is_package=is_package)
        if self.plots is not None and top == "matplotlib":
            from tui.cli.book_plots import SkippingModule

            module = self.plots.get(fullname) or SkippingModule(fullname)
            return importlib.machinery.ModuleSpec(fullname, _Given(module), is_package=True)
        return None


class ParentFinder(importlib.abc.MetaPathFinder):
    """Finds the book modules the script's parent folder has, when nothing on
    ``sys.path`` does: the script's ``sys.path.append(os.pardir)`` only reaches them
    when run from the script's own folder. Consulted after the normal path search, so
    from that folder they import exactly as under ``python``."""

    def __init__(self, folder: Path, names: set[str]) -> None:
        self.folder = str(folder)
        self.names = names

    def find_spec(self, fullname: str, path=None, target=None):
        if path is not None or fullname not in self.names:
            return None  # submodules are found through their package's own __path__
        return importlib.machinery.PathFinder.find_spec(fullname, [self.folder])


def install(script: Path, terminal_plots: bool) -> set[str]:
    """Set up the imports for ``script`` (an absolute path); returns the aliased names."""
    folder = script.parent
    aliased = {n for n in BOOK_MODULES if not (provides(folder, n) or provides(folder.parent, n))}
    in_parent = {name for name in BOOK_MODULES if provides(folder.parent, name)}
    if in_parent:
        sys.meta_path.append(ParentFinder(folder.parent, in_parent))
    plots = None
    if terminal_plots:
        from tui.cli.book_plots import terminal_matplotlib

        plots = terminal_matplotlib()
    sys.meta_path.insert(0, BookFinder(aliased, plots))
    return aliased
