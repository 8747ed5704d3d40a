"""The floors of tui/ run one way: the widgets, the renderers and the task list never
import a workbench, a page, a screen or a dialog (nor the app or the command line)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TUI = Path(__file__).resolve().parent.parent / "tui"
HIGHER = ("tui.workbenches", "tui.pages", "tui.concepts", "tui.screens", "tui.dialogs",
          "tui.app", "tui.cli")  # fmt: skip
LOWER = sorted([*(TUI / "widgets").glob("*.py"), *(TUI / "render").glob("*.py"), TUI / "tasks.py"])


def upward_imports(source: str) -> list[str]:
    """The modules of ``HIGHER`` that ``source`` imports, anywhere in it (in a function
    or under ``TYPE_CHECKING`` too: a reader follows those arrows as well)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [n for n in names if any(n == h or n.startswith(h + ".") for h in HIGHER)]
    return found


def test_the_check_sees_every_kind_of_import():
    source = (
        "import tui.screens.main\n"
        "from tui.workbenches.base import Workbench\n"
        "if TYPE_CHECKING:\n    from tui.dialogs.download import DownloadDialog\n"
        "def f():\n    from tui.pages import create_page\n"
        "from tui.widgets.styling import component_colors\nfrom tui.tasks import Task\n"
    )
    assert upward_imports(source) == [
        "tui.screens.main", "tui.workbenches.base", "tui.dialogs.download", "tui.pages",
    ]  # fmt: skip


@pytest.mark.parametrize("path", LOWER, ids=lambda p: str(p.relative_to(TUI)))
def test_lower_floors_import_nothing_above_them(path):
    assert upward_imports(path.read_text(encoding="utf-8")) == []


def test_every_lower_module_is_checked():
    assert TUI / "tasks.py" in LOWER
    assert {p.parent.name for p in LOWER} == {"widgets", "render", "tui"}
    assert len(LOWER) > 20
