"""nncore is the engine: importing any of it must never pull in the terminal UI."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import nncore

UI_PACKAGES = {"textual", "rich", "plotext", "textual_plotext", "tui"}
NNCORE_DIR = Path(nncore.__file__).resolve().parent
REPO = NNCORE_DIR.parent


def all_submodules():
    names = [m.name for m in pkgutil.walk_packages([str(NNCORE_DIR)], prefix="nncore.")]
    assert "nncore.network" in names and "nncore.io" in names  # the walk really found them
    return sorted(names)


def test_importing_every_nncore_module_loads_no_ui_package():
    imports = "; ".join(f"import {name}" for name in all_submodules())
    code = (
        "import json, sys; import nncore; "
        f"{imports}; "
        "print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {sorted(UI_PACKAGES)!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_subprocess_check_can_see_ui_imports():
    code = (
        "import json, sys; import nncore, rich; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "rich" in json.loads(result.stdout.strip().splitlines()[-1])


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
