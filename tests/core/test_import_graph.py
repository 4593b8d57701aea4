"""The import graph of storyhub/, read from the source (every import, also inside functions).

- No views module is imported by any module but the application factory: a view never imports
  a view, and no rule or registry depends on a page having been imported.
- No cycle between packages: media files (storyhub/media) know nothing of stories; media as
  shown in stories (the whole media rule, the media pages, portals, covers) is
  storyhub/media_pages, above both.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_independent

PACKAGE = Path(__file__).resolve().parents[2] / "storyhub"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """{module: the storyhub modules it imports}."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    found = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found[name] |= {t for t in targets if t in modules}
    return found


def _package(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or not (PACKAGE / parts[1]).is_dir():
        return None
    return parts[1]


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one package (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                result.append(group)

    for node in list(graph):
        if node not in index:
            visit(node)
    return result


def test_no_views_module_is_imported_by_another_module():
    offenders = sorted(
        f"{importer} imports {target}"
        for importer, targets in _imports().items()
        for target in targets
        if target.endswith(".views") and importer != "storyhub"
    )
    assert offenders == []


def _package_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for importer, targets in _imports().items():
        for target in targets:
            a, b = _package(importer), _package(target)
            if a and b and a != b:
                graph[a].add(b)
    return graph


def test_no_cycle_between_packages():
    assert [sorted(cycle) for cycle in _cycles(_package_graph())] == []


def test_the_cycle_finder_finds_a_cycle():
    """The finder itself can fail: a package graph with a loop through three packages."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [{"a", "b", "c"}]


def test_media_files_know_nothing_of_stories():
    """The split that broke the last cycle: storyhub/media imports no stories module."""
    graph = _package_graph()
    assert "stories" not in graph["media"]
    assert "media" in graph["stories"]  # the reader sees the other direction


def test_the_graph_reader_sees_a_view_import():
    """The reader itself can fail: it finds the factory's imports of the views."""
    assert "storyhub.stories.views" in _imports()["storyhub"]
