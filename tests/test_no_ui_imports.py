"""nncore is the engine: importing any of it must never pull in the terminal UI."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

from fresh_interpreter import modules_loaded_by

import nncore

UI_PACKAGES = {"textual", "rich", "plotext", "textual_plotext", "tui"}
NNCORE_DIR = Path(nncore.__file__).resolve().parent
REPO = NNCORE_DIR.parent


def all_submodules():
    names = [m.name for m in pkgutil.walk_packages([str(NNCORE_DIR)], prefix="nncore.")]
    assert "nncore.network" in names and "nncore.io" in names  # the walk really found them
    return sorted(names)


def ui_modules(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in UI_PACKAGES)


def test_importing_every_nncore_module_loads_no_ui_package():
    imports = "\n".join(f"import {name}" for name in all_submodules())
    assert ui_modules(modules_loaded_by(f"import nncore\n{imports}")) == []


def test_the_subprocess_check_can_see_ui_imports():
    assert "rich" in ui_modules(modules_loaded_by("import nncore, rich"))


def ui_imports_in(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in UI_PACKAGES]
    return found


def test_no_ui_imports_in_nncore_source():
    files = sorted(NNCORE_DIR.rglob("*.py"))
    assert len(files) >= 9
    offenders = {
        str(path.relative_to(REPO)): names
        for path in files
        if (names := ui_imports_in(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_static_scan_catches_every_import_form():
    source = """
import numpy
import rich.console
from textual.app import App
import plotext as plt
def later():
    from textual_plotext import PlotextPlot
    import importlib
    importlib.import_module("tui.app")
"""
    assert sorted(ui_imports_in(source)) == sorted(
        ["rich.console", "textual.app", "plotext", "textual_plotext", "tui.app"]
    )
