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


# --- every floor, and circles of any length, over the whole of nncore/ and tui/ ---

REPO = TUI.parent
FLOORS = {
    "nncore": 0,
    **dict.fromkeys(("tui.render", "tui.blas", "tui.tasks", "tui.i18n", "tui.commands",
                     "tui.terminal", "tui.training.hyperparams", "tui.training.pace"), 1),
    "tui.widgets": 2,
    **dict.fromkeys(("tui.training", "tui.mnist_data", "tui.shipped_model",
                     "tui.config_file"), 3),
    **dict.fromkeys(("tui.concepts", "tui.pages", "tui.workbenches"), 4),
    "tui.dialogs": 5,
    "tui.screens": 6,
    "tui.app": 7,
    "tui.cli": 8,
    "tui.__main__": 9,
}  # fmt: skip
"""Each package's floor, low to high (the longest matching prefix decides): nncore ←
render ← widgets ← training ← workbenches/pages ← dialogs ← screens ← app ← cli. The
NumPy-free name lists the form and the parser share sit low, beside the task list."""
EXACT_FLOORS = {"tui": 0}
"""Modules placed by their own name only: ``tui/__init__.py`` imports nothing (it reads
the version), and as a prefix it would give every unlisted module a floor."""
MAX_LINES = 400
"""The hook's limit (the issue asks ~300, screens ~400)."""


def floor(module: str) -> int | None:
    if module in EXACT_FLOORS:
        return EXACT_FLOORS[module]
    best = max(
        (p for p in FLOORS if module == p or module.startswith(p + ".")), key=len, default=None
    )
    return None if best is None else FLOORS[best]


def project_modules() -> dict[str, Path]:
    paths = [*(REPO / "nncore").rglob("*.py"), *TUI.rglob("*.py")]
    return {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
        for p in paths
    }


def imported_modules(source: str, modules: dict[str, Path]) -> set[str]:
    """The project modules ``source`` imports, anywhere in it; ``from a import b`` is
    module ``a.b`` when that is one, else ``a``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {
        name: imported_modules(path.read_text(encoding="utf-8"), modules) - {name}
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_floor():
    assert [m for m in import_graph() if floor(m) is None] == []


def test_no_module_imports_a_higher_floor():
    upward = [
        f"{module} -> {other}"
        for module, others in sorted(import_graph().items())
        for other in sorted(others)
        if floor(other) > floor(module)
    ]
    assert upward == []


def test_no_circle_of_imports():
    assert circles(import_graph()) == []


def test_the_circle_check_finds_long_circles_and_only_those():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_resolves_from_imports_to_modules():
    modules = dict.fromkeys(("tui.pages", "tui.pages.draw", "tui.widgets.styling"), Path())
    source = (
        "from tui.pages import draw, create_page\n"
        "def f():\n    import tui.widgets.styling as s\n"
        "import numpy\n"
    )
    assert imported_modules(source, modules) == {"tui.pages", "tui.pages.draw",
                                                 "tui.widgets.styling"}  # fmt: skip


def test_no_module_is_over_the_line_limit():
    long = {
        str(path.relative_to(REPO)): lines
        for path in project_modules().values()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_LINES
    }
    assert long == {}


def test_floors_follow_the_issues_order():
    order = ("nncore.network", "tui.render.bars", "tui.widgets.loss_plot", "tui.training.runner",
             "tui.workbenches.gate", "tui.dialogs.download", "tui.screens.main", "tui.app",
             "tui.cli.main")  # fmt: skip
    floors = [floor(m) for m in order]
    assert floors == sorted(set(floors))
    assert floor("tui.training.hyperparams") < floor("tui.widgets.hyperparams")
    assert floor("tui.pages.draw") == floor("tui.workbenches.mnist") == floor("tui.concepts.loss")
    assert floor("tuition.x") is None and floor("tui") == 0
