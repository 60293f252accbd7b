"""No import cycle between the modules of one app, counting imports inside functions too (a late import
hides a cycle from Python, not from a reader). Between apps, tests/test_layers.py already forbids them.

A service that starts a background job names the task by its dotted path (`core.background.
enqueue_on_commit("danvan.reports.tasks.run_report_job", …)`), so tasks import services and never the
other way round. The allow-list names cycles of other work in progress; it only shrinks."""

from __future__ import annotations

import ast
from pathlib import Path

import danvan

PACKAGE = Path(danvan.__file__).parent

NOT_YET_BROKEN: list[set[str]] = []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        app = name.split(".")[1] if "." in name else ""
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            edges |= {t for t in targets if t in modules and t != name and t.split(".")[1] == app}
        graph[name] = edges
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a.x.one": {"a.x.two"}, "a.x.two": {"a.x.one"}, "a.x.three": set()}) == [
        {"a.x.one", "a.x.two"}
    ]


def test_no_import_cycle_inside_an_app():
    cycles = [c for c in _cycles(_graph()) if not any(c <= allowed for allowed in NOT_YET_BROKEN)]
    assert not cycles, f"import cycles: {[sorted(c) for c in cycles]}"


def test_the_allow_list_names_only_cycles_that_still_exist():
    cycles = _cycles(_graph())
    stale = [sorted(a) for a in NOT_YET_BROKEN if not any(c <= a for c in cycles)]
    assert not stale, f"remove from NOT_YET_BROKEN in {__file__}: {stale}"
