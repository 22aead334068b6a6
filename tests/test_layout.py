"""The layout holds: no import cycle between the parts of bot/, tooling (bot/ops) and the
action server stay on their side, and no source module grows past 350 lines.

A part is a folder of bot/ (bot/web, bot/ops, ...) or a module directly in it (bot/db.py).
Imports are read with `ast`, including those inside functions and under TYPE_CHECKING:
a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterable, List, Set

import pytest

from bot.config import PROJECT_ROOT

SOURCES = ("bot", "actions", "bench")
MAX_LINES = 350
TOOLING = "bot.ops"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool) -> Set[str]:
    """The absolute names of the modules `source` (module `name`) imports."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: Set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
    return found


def part_of(module: str) -> str:
    names = module.split(".")
    return ".".join(names[:2]) if names[0] == "bot" and len(names) > 1 else names[0]


def source_files(root: Path = PROJECT_ROOT) -> List[Path]:
    return sorted(path for top in SOURCES for path in (root / top).rglob("*.py"))


def import_graph(root: Path = PROJECT_ROOT) -> Dict[str, Set[str]]:
    """Part -> the parts it imports (our own code only)."""
    graph: Dict[str, Set[str]] = {}
    for path in source_files(root):
        name = module_name(path, root)
        here = part_of(name)
        targets = imported(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        graph.setdefault(here, set()).update(
            part_of(t) for t in targets if t.split(".")[0] in SOURCES and part_of(t) != here)
    return graph


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """The strongly connected components with more than one part (Tarjan's algorithm)."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    found: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def importers(graph: Dict[str, Set[str]], target_prefix: str) -> Set[str]:
    return {part for part, targets in graph.items()
            if any(t == target_prefix or t.startswith(target_prefix + ".") for t in targets)}


def bot_parts(parts: Iterable[str]) -> Set[str]:
    return {part for part in parts if part.split(".")[0] == "bot"}


def test_parts_of_bot_import_each_other_without_a_cycle() -> None:
    graph = import_graph()
    within = {part: bot_parts(targets) for part, targets in graph.items() if part.startswith("bot")}
    assert cycles(within) == []


def test_bot_never_imports_actions_or_bench() -> None:
    graph = import_graph()
    assert bot_parts(importers(graph, "actions") | importers(graph, "bench")) == set()


def test_only_tooling_imports_tooling() -> None:
    assert importers(import_graph(), TOOLING) - {TOOLING, "bench"} == set()


def test_no_source_module_is_over_350_lines() -> None:
    long = {str(path.relative_to(PROJECT_ROOT)): n for path in source_files()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, "split these modules by concept"


# The guard itself must be able to fail ------------------------------------------------------

def test_a_cycle_through_three_parts_is_found() -> None:
    graph = {"bot.a": {"bot.b"}, "bot.b": {"bot.c"}, "bot.c": {"bot.a", "bot.d"}, "bot.d": set()}
    assert cycles(graph) == [["bot.a", "bot.b", "bot.c"]]
    assert cycles({"bot.a": {"bot.b"}, "bot.b": set()}) == []


@pytest.mark.parametrize("source,expected", [
    ("from ..ops import cli", {"bot.ops"}),
    ("from . import chat", {"bot.web"}),
    ("def main():\n    from bot.ops.supervisor import Supervisor", {"bot.ops.supervisor"}),
    ("if TYPE_CHECKING:\n    import actions.base", {"actions.base"}),
])
def test_relative_lazy_and_type_only_imports_count(source: str, expected: Set[str]) -> None:
    assert imported(source, "bot.web.app", is_package=False) == expected


def test_a_runtime_module_importing_tooling_is_caught(tmp_path: Path) -> None:
    for folder in ("bot/web", "bot/ops", "actions", "bench"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "__init__.py").write_text("")
    (tmp_path / "bot" / "__init__.py").write_text("")
    (tmp_path / "bot" / "web" / "app.py").write_text("def main():\n    from bot.ops import cli\n")
    assert importers(import_graph(tmp_path), TOOLING) == {"bot.web"}
